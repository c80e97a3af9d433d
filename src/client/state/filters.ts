/** Filter state (period, direction, nationality, sex, age group) and the selection, as zustand stores. */
import { create } from 'zustand';
import { useShallow } from 'zustand/react/shallow';
import type { AgeGroup, Direction, Sex } from '../../shared/enums';
import { setLanguage } from '../i18n/i18n';
import { INITIAL_VIEW, useView } from './view';

export interface FilterValues {
  /** YYYY-MM-DD; null until the defaults from /meta (or the URL) are applied. */
  from: string | null;
  to: string | null;
  direction: Direction | null;
  /** ISO 3166-1 alpha-3. */
  nationality: string | null;
  sex: Sex | null;
  ageGroup: AgeGroup | null;
}

export interface FilterActions {
  /** Sets both ends; if they are in the wrong order they are swapped. */
  setPeriod: (from: string, to: string) => void;
  /** Moves the start; if it passes the end, the end moves with it. */
  setFrom: (from: string) => void;
  /** Moves the end; if it falls before the start, the start moves with it. */
  setTo: (to: string) => void;
  setDirection: (v: Direction | null) => void;
  setNationality: (v: string | null) => void;
  setSex: (v: Sex | null) => void;
  setAgeGroup: (v: AgeGroup | null) => void;
  /** Applies several values at once (URL restore). */
  patch: (v: Partial<FilterValues>) => void;
  /** Clears direction, nationality, sex and age group (keeps the period). */
  clearBreakdowns: () => void;
}

export type FilterState = FilterValues & FilterActions;

export const INITIAL_FILTERS: FilterValues = {
  from: null,
  to: null,
  direction: null,
  nationality: null,
  sex: null,
  ageGroup: null,
};

export const useFilters = create<FilterState>()((set) => ({
  ...INITIAL_FILTERS,
  setPeriod: (from, to) => set(from <= to ? { from, to } : { from: to, to: from }),
  setFrom: (from) => set((s) => (s.to !== null && from > s.to ? { from, to: from } : { from })),
  setTo: (to) => set((s) => (s.from !== null && to < s.from ? { from: to, to } : { to })),
  setDirection: (direction) => set({ direction }),
  setNationality: (nationality) => set({ nationality }),
  setSex: (sex) => set({ sex }),
  setAgeGroup: (ageGroup) => set({ ageGroup }),
  patch: (v) => set(v),
  clearBreakdowns: () => set({ direction: null, nationality: null, sex: null, ageGroup: null }),
}));

/** Just the values (no actions), for query keys and the URL. */
export function selectFilterValues(s: FilterState): FilterValues {
  return { from: s.from, to: s.to, direction: s.direction, nationality: s.nationality, sex: s.sex, ageGroup: s.ageGroup };
}

/** The filter values, re-rendering only when one of them changes. */
export function useFilterValues(): FilterValues {
  return useFilters(useShallow(selectFilterValues));
}

/** A place or route (flows and donor views) or a Niger admin-1 region by pcode (hotspots view). */
export type SelectionType = 'place' | 'route' | 'region';
export interface SelectionRef {
  type: SelectionType;
  id: string;
}
export interface HoverRef extends SelectionRef {
  /** Pointer position inside the map container, in CSS pixels. */
  x: number;
  y: number;
}

export interface SelectionState {
  selected: SelectionRef | null;
  hovered: HoverRef | null;
  /** The element that had focus when a panel was opened (focus goes back there, or to its row, when it closes). */
  opener: Element | null;
  select: (s: SelectionRef | null) => void;
  hover: (h: HoverRef | null) => void;
}

export const useSelection = create<SelectionState>()((set) => ({
  selected: null,
  hovered: null,
  opener: null,
  select: (selected) => set((s) => ({ selected, opener: selected && !s.selected && typeof document !== 'undefined' ? document.activeElement : s.opener })),
  hover: (hovered) => set({ hovered }),
}));

/** Puts both stores back to their initial state (tests call this after each test). */
export function resetStores(): void {
  useFilters.setState({ ...INITIAL_FILTERS });
  useSelection.setState({ selected: null, hovered: null, opener: null });
  useView.setState({ ...INITIAL_VIEW });
  void setLanguage('en');
}
