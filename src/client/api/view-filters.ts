/**
 * Which of the filter bar's breakdown filters (direction, nationality, sex, age group) each view can apply for the
 * signed-in role, and the period a role may ask for. The server's rule decides (src/shared/query-shape.ts
 * `shapeErrors`, the role's `access` from GET /api/v1/session); this module only reads it so that the client never
 * sends a query the server would refuse (403) and never shows a filter as applied while its numbers ignore it.
 *
 * A view's map is drawn from a few queries (MAP_QUERIES). A filter is
 * - `ok`: every query of the view that takes it can carry it, with the other filters applied;
 * - `view`: no query of the view takes it (hotspots are per region only; assistance is not counted by direction);
 * - `audience`: the view's queries take it, but not for this role even on its own (e.g. people assisted per centre
 *   and service already use a signed-out visitor's one breakdown);
 * - `conflict`: only once other filters are cleared (one breakdown of the people counted at a time).
 * Pure functions, tested; `useViewFilters` reads them for the current session, view and filters.
 */
import { useMemo } from 'react';
import type { SessionResponse } from '../../shared/api';
import { monthEnd, monthStart } from '../../shared/calendar';
import { MAX_GROUP_BY, PEOPLE_ASSISTED_SERVICE } from '../../shared/enums';
import { shapeErrors, type AggregateEndpoint, type ShapeLimits } from '../../shared/query-shape';
import type { View } from '../../shared/views';
import { useFilterValues, type FilterValues } from '../state/filters';
import { useView } from '../state/view';
import { useMeta } from './queries';
import { useSession } from './session';

/** The filter bar's breakdown filters, in its order (the first set one wins a conflict). */
export const BREAKDOWN_FILTERS = ['direction', 'nationality', 'sex', 'ageGroup'] as const;
export type BreakdownFilter = (typeof BREAKDOWN_FILTERS)[number];

/** The `access` summary of the session answer; undefined while unknown (then nothing is held back: the server decides). */
export type Access = SessionResponse['access'] | undefined;

/** A query a view draws numbers from: its endpoint, its own parameters, and which breakdown filters it takes. */
export interface ViewQuery {
  endpoint: AggregateEndpoint;
  base: Readonly<Record<string, unknown>>;
  takes: readonly BreakdownFilter[];
}

/** /flows takes every breakdown filter; /assistance all but direction (assistance is given at a centre, not on a way). */
export const FLOWS_TAKE: readonly BreakdownFilter[] = BREAKDOWN_FILTERS;
export const ASSISTANCE_TAKES: readonly BreakdownFilter[] = ['nationality', 'sex', 'ageGroup'];

/** People assisted per transit centre: the centres' size on the map (every view that draws centres). */
export const CENTRES_QUERY: ViewQuery = {
  endpoint: 'assistance',
  base: { groupBy: ['centre'], service: PEOPLE_ASSISTED_SERVICE },
  takes: ASSISTANCE_TAKES,
};

/**
 * The queries whose numbers ARE the view (the filter bar applies to them): flows by route and by point in Flows,
 * people assisted per centre in Donor impact, the regions' own answer in Hotspots (which takes no filter). The
 * Flows view's centres are drawn beside its flows and carry what they can (see `fitFilters`).
 */
export const MAP_QUERIES: Readonly<Record<View, readonly ViewQuery[]>> = {
  flows: [
    { endpoint: 'flows', base: { groupBy: ['route'] }, takes: FLOWS_TAKE },
    { endpoint: 'flows', base: { groupBy: ['point'] }, takes: FLOWS_TAKE },
  ],
  donor: [CENTRES_QUERY],
  hotspots: [],
};

function limitsOf(e: NonNullable<Access>[string]): ShapeLimits {
  const limits: ShapeLimits = { maxDimensions: e.maxDimensions ?? MAX_GROUP_BY };
  if (e.maxBreakdowns !== undefined) limits.maxBreakdowns = e.maxBreakdowns;
  if (e.maxAttributes !== undefined) limits.maxAttributes = e.maxAttributes;
  if (e.singleValues) limits.singleValues = true;
  return limits;
}

const isSet = (v: unknown) => v !== undefined && v !== null && v !== '' && !(Array.isArray(v) && v.length === 0);

/**
 * Would the server answer `endpoint` with `query` for this role: the endpoint, every groupBy value and every set
 * parameter allowed, and the shape within the role's limits? (The period's alignment is `wholeMonthsFor`'s part.)
 * Unknown access → true: the server decides.
 */
export function mayQuery(access: Access, endpoint: AggregateEndpoint, query: Readonly<Record<string, unknown>>): boolean {
  if (!access) return true;
  const e = access[endpoint];
  if (!e) return false;
  const groupBy = Array.isArray(query.groupBy) ? (query.groupBy as unknown[]).map(String) : [];
  if (e.groupBy && groupBy.some((g) => !e.groupBy!.includes(g))) return false;
  for (const [k, v] of Object.entries(query)) {
    if (k === 'groupBy' || !isSet(v)) continue;
    if (e.filters && !e.filters.includes(k)) return false;
  }
  const present = Object.fromEntries(Object.entries(query).filter(([, v]) => isSet(v)));
  return shapeErrors(endpoint, limitsOf(e), present, 'this audience').length === 0;
}

/** Values of the breakdown filters (null or absent: not set). */
export type BreakdownValues = Partial<Pick<FilterValues, BreakdownFilter>>;
const pick = (f: BreakdownValues, keys: readonly BreakdownFilter[]): BreakdownValues =>
  Object.fromEntries(keys.filter((k) => isSet(f[k])).map((k) => [k, f[k]]));
/** A stand-in value for "this filter set" (the rule depends on which filters are set, not on their values). */
const ANY = 'x';

/**
 * The filters of `filters` one query can carry for this role: the ones it takes, in the bar's order, each kept when
 * the role may combine it with the ones kept before. `dropped` lists the set filters it does not carry.
 */
export function fitFilters(access: Access, q: ViewQuery, filters: BreakdownValues): { kept: BreakdownValues; dropped: BreakdownFilter[] } {
  const kept: Record<string, unknown> = {};
  const dropped: BreakdownFilter[] = [];
  for (const k of BREAKDOWN_FILTERS) {
    const v = filters[k];
    if (!isSet(v)) continue;
    if (q.takes.includes(k) && mayQuery(access, q.endpoint, { ...q.base, ...kept, [k]: v })) kept[k] = v;
    else dropped.push(k);
  }
  return { kept: kept as BreakdownValues, dropped };
}

export type FilterStatus =
  | { kind: 'ok' }
  /** No query of the view takes this filter. */
  | { kind: 'view' }
  /** The view's queries take it, but this role may not ask them with it, even alone. */
  | { kind: 'audience' }
  /** Only one at a time: clear `with` first. */
  | { kind: 'conflict'; with: BreakdownFilter[] };

export interface ViewFilterState {
  /** Per breakdown filter: may it be set in this view, and if not, why. */
  status: Record<BreakdownFilter, FilterStatus>;
  /** The filter values the view's queries carry: the period and the applicable breakdown filters. */
  applied: FilterValues;
  /** Set filters that conflict with an earlier one for this role (one breakdown at a time): the store drops them. */
  conflicting: BreakdownFilter[];
  /** Set filters this view does not apply (`view` or `audience`): kept for the views that do, shown as not applied. */
  notApplied: BreakdownFilter[];
}

/** What the filter bar may offer in `view` for this role, and the values the view's queries carry. */
export function viewFilters(view: View, access: Access, filters: FilterValues): ViewFilterState {
  const queries = MAP_QUERIES[view];
  const applied: FilterValues = { ...filters, direction: null, nationality: null, sex: null, ageGroup: null };
  const carriers = (k: BreakdownFilter) => queries.filter((q) => q.takes.includes(k));
  const aloneOk = (k: BreakdownFilter) => {
    const cs = carriers(k);
    return cs.length > 0 && cs.every((q) => mayQuery(access, q.endpoint, { ...q.base, [k]: ANY }));
  };
  const withApplied = (k: BreakdownFilter, v: string) =>
    carriers(k).every((q) =>
      mayQuery(access, q.endpoint, {
        ...q.base,
        ...pick(
          applied,
          q.takes.filter((j) => j !== k),
        ),
        [k]: v,
      }),
    );
  const conflicting: BreakdownFilter[] = [];
  const notApplied: BreakdownFilter[] = [];
  // First the values: set filters in the bar's order, each applied when it fits with those before it.
  for (const k of BREAKDOWN_FILTERS) {
    const v = filters[k];
    if (!isSet(v)) continue;
    if (!aloneOk(k)) notApplied.push(k);
    else if (withApplied(k, v!)) Object.assign(applied, { [k]: v });
    else conflicting.push(k);
  }
  // Then what each control may do, given the values applied.
  const status = {} as Record<BreakdownFilter, FilterStatus>;
  for (const k of BREAKDOWN_FILTERS) {
    if (carriers(k).length === 0) status[k] = { kind: 'view' };
    else if (!aloneOk(k)) status[k] = { kind: 'audience' };
    else if (isSet(applied[k]) || withApplied(k, ANY)) status[k] = { kind: 'ok' };
    else status[k] = { kind: 'conflict', with: BREAKDOWN_FILTERS.filter((j) => j !== k && isSet(applied[j])) };
  }
  return { status, applied, conflicting, notApplied };
}

/** Does this role see whole months only (published monthly cells) rather than any day? */
export function monthsOnly(access: Access): boolean {
  if (!access) return false;
  return (['flows', 'assistance', 'returns', 'hotspots'] as const).some((e) => {
    const r = access[e]?.timeResolution;
    return r === 'month' || r === 'year';
  });
}

/**
 * The period a role may ask for: unchanged for roles that see any day; widened to whole months for the others (the
 * 1st of the first month, the last day of the last), within the data's range — the server takes the data's own first
 * and last day as the ends of whole months.
 */
export function wholeMonthsFor(access: Access, p: { from: string; to: string }, range: { min: string; max: string }): { from: string; to: string } {
  if (!monthsOnly(access)) return p;
  const from = monthStart(p.from) < range.min ? range.min : monthStart(p.from);
  const to = monthEnd(p.to) > range.max ? range.max : monthEnd(p.to);
  return { from, to };
}

/**
 * `viewFilters` for the current session, view and filters; the applied period whole months for roles that see months
 * only (the stores are fitted too, app/useRoleView.ts, but a moment later: the queries never wait for that).
 */
export function useViewFilters(): ViewFilterState & { access: Access; role: SessionResponse['role'] | undefined } {
  const session = useSession();
  const view = useView((s) => s.view);
  const filters = useFilterValues();
  const range = useMeta().data?.dateRange;
  const access = session.data?.access;
  const role = session.data?.role;
  return useMemo(() => {
    const state = viewFilters(view, access, filters);
    if (range && state.applied.from && state.applied.to) {
      Object.assign(state.applied, wholeMonthsFor(access, { from: state.applied.from, to: state.applied.to }, range));
    }
    return { ...state, access, role };
  }, [view, access, filters, range, role]);
}
