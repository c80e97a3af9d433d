/**
 * The view's state in the URL (a shareable link), versioned: `v=1`. Pure functions, tested.
 * Unknown or malformed values are dropped, never trusted: the URL is user input.
 */
import { AGE_GROUPS, DIRECTIONS, ISO3_PATTERN, PLACE_ID_PATTERN, SEXES } from '../../shared/enums';
import type { AgeGroup, Direction, Sex } from '../../shared/enums';
import type { FilterValues, SelectionRef } from '../state/filters';
import { parseIsoDate } from '../lib/format';

export const URL_STATE_VERSION = 1;

export interface UrlState {
  filters: Partial<FilterValues>;
  selected: SelectionRef | null;
}

const ROUTE_ID = /^R\d+[a-z]?$/;

function oneOf<T extends string>(values: readonly T[], v: string | null): T | undefined {
  return v !== null && (values as readonly string[]).includes(v) ? (v as T) : undefined;
}

/**
 * Reads `?v=1&from=…&to=…&direction=…&nationality=…&sex=…&ageGroup=…&select=place:agadez-tc`.
 * Dates outside `bounds` (when given) are dropped. A URL without `v` is read as version 1
 * (the first version); a future version would be migrated here.
 */
export function parseUrlState(search: string, bounds?: { min: string; max: string }): UrlState {
  const p = new URLSearchParams(search);
  const filters: Partial<FilterValues> = {};
  const date = (key: 'from' | 'to') => {
    const v = p.get(key);
    if (v === null || parseIsoDate(v) === null) return undefined;
    if (bounds && (v < bounds.min || v > bounds.max)) return undefined;
    return v;
  };
  let from = date('from');
  let to = date('to');
  if (from && to && from > to) [from, to] = [to, from];
  if (from) filters.from = from;
  if (to) filters.to = to;
  const direction = oneOf<Direction>(DIRECTIONS, p.get('direction'));
  if (direction) filters.direction = direction;
  const nat = p.get('nationality');
  if (nat !== null && ISO3_PATTERN.test(nat)) filters.nationality = nat;
  const sex = oneOf<Sex>(SEXES, p.get('sex'));
  if (sex) filters.sex = sex;
  const age = oneOf<AgeGroup>(AGE_GROUPS, p.get('ageGroup'));
  if (age) filters.ageGroup = age;

  let selected: SelectionRef | null = null;
  const sel = p.get('select');
  if (sel) {
    const [type, id] = sel.split(':', 2);
    if (type === 'place' && id && PLACE_ID_PATTERN.test(id)) selected = { type: 'place', id };
    if (type === 'route' && id && ROUTE_ID.test(id)) selected = { type: 'route', id };
  }
  return { filters, selected };
}

/** The inverse of parseUrlState: a query string (with `?`) holding only the values that are set. */
export function serializeUrlState(filters: FilterValues, selected: SelectionRef | null): string {
  const p = new URLSearchParams();
  p.set('v', String(URL_STATE_VERSION));
  if (filters.from) p.set('from', filters.from);
  if (filters.to) p.set('to', filters.to);
  if (filters.direction) p.set('direction', filters.direction);
  if (filters.nationality) p.set('nationality', filters.nationality);
  if (filters.sex) p.set('sex', filters.sex);
  if (filters.ageGroup) p.set('ageGroup', filters.ageGroup);
  if (selected) p.set('select', `${selected.type}:${selected.id}`);
  return `?${p.toString()}`;
}
