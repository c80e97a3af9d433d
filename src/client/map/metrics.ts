/**
 * Joins metric rows (small JSON from the API) to geometry ids, as the feature-state each feature
 * gets. Pure: tested apart from the map. The geometry sources are never rebuilt.
 */
import type { AggregateResponse, AggregateRow, PlaceProperties, RouteProperties } from '../../shared/api';
import type { CoverageResponse } from '../../shared/api-coverage';
import { addDays, monthEnd } from '../../shared/calendar';
import { DIRECTIONS, type Direction } from '../../shared/enums';
import type { CountInput } from '../lib/suppressed';
import { centreRadiusScale, routeWidthScale } from './scales';

/** Rows of an answer by the value of `dim` (the row carries its count and protection flags). */
function rowsBy(res: AggregateResponse | undefined, dim: string): Map<string, AggregateRow> {
  const m = new Map<string, AggregateRow>();
  for (const row of res?.rows ?? []) {
    const key = row[dim];
    if (typeof key === 'string') m.set(key, row);
  }
  return m;
}

/** The protection flags of a row, set only when true (exact answers add nothing to a state). */
function flagsOf(row: AggregateRow | undefined): { perturbed?: true; partial?: true } {
  return { ...(row?.perturbed ? { perturbed: true as const } : {}), ...(row?.partial ? { partial: true as const } : {}) };
}

export interface RouteState {
  /** People observed on the route in the period; 0 when no row came back. */
  flow: number;
  /** Line width in px: `flow` on the sqrt scale topped by the period's largest flow (the legend's scale). */
  width: number;
  /** The count was withheld by disclosure control. */
  suppressed: boolean;
  /** The count is perturbed by disclosure control (cell-key method). */
  perturbed?: true;
  /** The count adds up published cells, some withheld and left out. */
  partial?: true;
  /**
   * A monitoring point on the route was active at some time in the period. False for a route no point observes, and
   * for one whose points were not active yet (or any more): drawn "not monitored", never as a 0.
   */
  monitored: boolean;
  /** Not monitored in the period although points observe it: the first day one of them was active. */
  monitoredFrom?: string;
  /** Not monitored in the period although a point was active: none of them reported (a reporting gap, not 0 people). */
  gap?: true;
  /** People observed per direction (the flows grouped by route and direction), when the role may ask for them. */
  directions?: Record<Direction, DirectionCount>;
}

/** One direction's count on a route, with its protection flags, and its line width on the route scale. */
export interface DirectionCount {
  /** null: withheld by disclosure control. */
  count: number | null;
  perturbed?: true;
  partial?: true;
  width: number;
}

export interface PlaceState {
  /** Monitoring points: people observed. */
  flow?: number;
  /** Transit centres: people assisted (service shelter_food). */
  assisted?: number;
  /** Transit centres: circle radius in px, `assisted` on the legend's sqrt scale. */
  radius?: number;
  suppressed?: boolean;
  /** The count is perturbed by disclosure control (cell-key method). */
  perturbed?: true;
  /** The count adds up published cells, some withheld and left out. */
  partial?: true;
  /** Monitoring points: active at some time in the period and, once coverage is known, reported in it (isMonitoredInPeriod). */
  active?: boolean;
  /** Monitoring points: within their active dates but no report in the period (a reporting gap, not 0 people). */
  gap?: true;
}

/** A route's or place's count with its protection flags (withheld, perturbed, partial), from its state. */
export function stateCount(
  s: { suppressed?: boolean | undefined; perturbed?: true | undefined; partial?: true | undefined } | undefined,
  value: number | undefined,
): CountInput {
  if (!s) return value ?? 0;
  if (s.suppressed) return { count: null, suppressed: true };
  return { count: value ?? 0, perturbed: s.perturbed, partial: s.partial };
}

/** Route ids with no monitoring point: drawn thin, dashed, grey ("not monitored"). */
export function unmonitoredRouteIds(routes: readonly Pick<RouteProperties, 'id' | 'monitoredBy'>[]): string[] {
  return routes
    .filter((r) => r.monitoredBy.length === 0)
    .map((r) => r.id)
    .sort();
}

export interface RouteStateOptions {
  /** Flows grouped by route and direction (both lines of a route are drawn from it). */
  byDirection?: AggregateResponse | undefined;
  /** The places (monitoring points with activeFrom/activeTo) and the period: a route is monitored when one of its points was active in it. */
  places?: readonly Pick<PlaceProperties, 'id' | 'activeFrom' | 'activeTo'>[];
  period?: { from: string | null; to: string | null };
  /** Monitoring points that reported in the period (countingPoints); absent or null until coverage is known. */
  counting?: ReadonlySet<string> | null;
}

export function routeStates(
  routes: readonly Pick<RouteProperties, 'id' | 'monitoredBy'>[],
  flowsByRoute: AggregateResponse | undefined,
  maxFlow = 0,
  options: RouteStateOptions = {},
): Map<string, RouteState> {
  const rows = rowsBy(flowsByRoute, 'route');
  const width = routeWidthScale(maxFlow);
  const out = new Map<string, RouteState>();
  const ids = new Set<string>([...routes.map((r) => r.id), ...rows.keys()]);
  const byId = new Map(routes.map((r) => [r.id, r]));
  const points = new Map((options.places ?? []).map((p) => [p.id, p]));
  const period = options.period ?? { from: null, to: null };
  const directional = directionRows(options.byDirection);
  for (const id of ids) {
    const row = rows.get(id);
    const suppressed = row !== undefined && (row.count === null || row.suppressed === true);
    const c = suppressed ? 0 : (row?.count ?? 0);
    const route = byId.get(id);
    const watchers = (route?.monitoredBy ?? []).map((p) => points.get(p)).filter((p) => p !== undefined);
    // Without the places the period cannot be checked: a route with a point counts as monitored (as before).
    const counting = options.counting ?? null;
    // People counted on it (or withheld) mean its points reported, whatever an older coverage answer says.
    const counted = suppressed || c > 0;
    const monitored = route
      ? route.monitoredBy.length > 0 && (counted || watchers.length === 0 || watchers.some((p) => isMonitoredInPeriod(p, period.from, period.to, counting)))
      : true;
    const state: RouteState = { flow: c, width: width(c), suppressed, ...flagsOf(suppressed ? undefined : row), monitored };
    if (!monitored && watchers.some((p) => isActiveInPeriod(p, period.from, period.to))) state.gap = true;
    if (!monitored && watchers.length > 0) {
      const starts = watchers.map((p) => p.activeFrom).filter((d): d is string => typeof d === 'string' && (period.to === null || d > period.to));
      if (starts.length > 0) state.monitoredFrom = starts.sort()[0]!;
    }
    if (options.byDirection && monitored) {
      const cells = directional.get(id);
      state.directions = Object.fromEntries(
        DIRECTIONS.map((d) => {
          const r = cells?.get(d);
          const withheld = r !== undefined && (r.count === null || r.suppressed === true);
          const n = withheld ? null : (r?.count ?? 0);
          return [d, { count: n, ...flagsOf(withheld ? undefined : r), width: width(n ?? 0) }];
        }),
      ) as Record<Direction, DirectionCount>;
    }
    out.set(id, state);
  }
  return out;
}

/** Rows of a route × direction answer: route → direction → row. */
function directionRows(res: AggregateResponse | undefined): Map<string, Map<string, AggregateRow>> {
  const m = new Map<string, Map<string, AggregateRow>>();
  for (const row of res?.rows ?? []) {
    const route = row['route'];
    const dir = row['direction'];
    if (typeof route !== 'string' || typeof dir !== 'string') continue;
    let cells = m.get(route);
    if (!cells) m.set(route, (cells = new Map()));
    cells.set(dir, row);
  }
  return m;
}

/**
 * In − out of a route, with the marks its two counts carry: withheld when either is (a difference would reveal
 * nothing reliable and is not published), perturbed / partial when either is. Only ever a difference of two published
 * counts, never an exact figure the role was not given.
 */
export function netOf(d: Record<Direction, Pick<DirectionCount, 'count' | 'perturbed' | 'partial'>>): CountInput {
  const a = d.incoming;
  const b = d.outgoing;
  if (a.count === null || b.count === null) return { count: null, suppressed: true };
  return { count: a.count - b.count, perturbed: a.perturbed || b.perturbed, partial: a.partial || b.partial };
}

/** Whether a place active from `activeFrom` to `activeTo` (null = open) overlaps the period. */
export function isActiveInPeriod(p: Pick<PlaceProperties, 'activeFrom' | 'activeTo'>, from: string | null, to: string | null): boolean {
  if (p.activeFrom && to && p.activeFrom > to) return false;
  if (p.activeTo && from && p.activeTo < from) return false;
  return true;
}

/**
 * THE "not monitored" rule of the map, the tables and the tooltips: a monitoring point counts for a period when it was
 * active in it (its dates) and, once coverage is known (`counting`: the points that reported in the period, from GET
 * /api/v1/coverage), when it reported in it. Otherwise it is drawn hollow and grey, and a route none of whose points
 * count is dashed grey: no count, never a 0.
 */
export function isMonitoredInPeriod(
  p: Pick<PlaceProperties, 'id' | 'activeFrom' | 'activeTo'>,
  from: string | null,
  to: string | null,
  counting?: ReadonlySet<string> | null,
  /** People were counted at it in the period (a count or a withheld cell): it reported, whatever an older coverage answer says. */
  counted = false,
): boolean {
  return isActiveInPeriod(p, from, to) && (counted || !counting || counting.has(p.id));
}

/** The monitoring points that reported in at least one step (week or month) overlapping the period; null without coverage. */
export function countingPoints(
  cov: Pick<CoverageResponse, 'unit' | 'steps' | 'points'> | undefined,
  from: string | null,
  to: string | null,
): Set<string> | null {
  if (!cov || !from || !to) return null;
  const inPeriod = cov.steps.map((s) => s <= to && (cov.unit === 'week' ? addDays(s, 6) : monthEnd(s)) >= from);
  return new Set(cov.points.filter((p) => p.series.some((v, i) => inPeriod[i] && v !== null && v > 0)).map((p) => p.id));
}

export function placeStates(
  places: readonly PlaceProperties[],
  flowsByPoint: AggregateResponse | undefined,
  assistedByCentre: AggregateResponse | undefined,
  period: { from: string | null; to: string | null },
  maxAssisted = 0,
  counting: ReadonlySet<string> | null = null,
): Map<string, PlaceState> {
  const flows = rowsBy(flowsByPoint, 'point');
  const radius = centreRadiusScale(maxAssisted);
  const assisted = rowsBy(assistedByCentre, 'centre');
  const out = new Map<string, PlaceState>();
  const withheld = (row: AggregateRow | undefined) => row !== undefined && (row.count === null || row.suppressed === true);
  for (const p of places) {
    if (p.kind === 'monitoring_point') {
      const row = flows.get(p.id);
      const suppressed = withheld(row);
      const flow = suppressed ? 0 : (row?.count ?? 0);
      const active = isMonitoredInPeriod(p, period.from, period.to, counting, suppressed || flow > 0);
      out.set(p.id, {
        flow,
        suppressed,
        ...flagsOf(suppressed ? undefined : row),
        active,
        ...(isActiveInPeriod(p, period.from, period.to) && !active ? { gap: true as const } : {}),
      });
    } else if (p.kind === 'transit_centre') {
      const row = assisted.get(p.id);
      const suppressed = withheld(row);
      const c = suppressed ? 0 : (row?.count ?? 0);
      out.set(p.id, { assisted: c, radius: radius(c), suppressed, ...flagsOf(suppressed ? undefined : row) });
    }
  }
  return out;
}

export interface TownLabel {
  /** The place whose position the label takes. */
  id: string;
  label: string;
  lon: number;
  lat: number;
  /** Lower is placed first when labels collide. */
  rank: number;
}

/** "IOM Agadez office" → "Agadez"; "Arlit (FMP)" → "Arlit"; "Tummo / Toummo (Tumu)" → "Tummo". */
export function townName(name: string): string {
  return name
    .replace(/^IOM\s+/i, '')
    .replace(/\s+\/.*$/, '')
    .replace(/\s*\(.*?\)\s*$/, '')
    .replace(/\s+(office|transit centres?|bus station)$/i, '')
    .trim();
}

const KIND_RANK: Record<PlaceProperties['kind'], number> = {
  transit_centre: 0,
  office: 0,
  monitoring_point: 1,
  hub: 2,
  border_crossing: 3,
};

/** One label per town (places sharing a town name share a label), placed at the first place of the town. */
export function townLabels(features: readonly { properties: PlaceProperties; geometry: { coordinates: readonly [number, number] | number[] } }[]): TownLabel[] {
  const byTown = new Map<string, TownLabel>();
  for (const f of features) {
    const label = townName(f.properties.name);
    const rank = KIND_RANK[f.properties.kind];
    const prev = byTown.get(label);
    const [lon, lat] = f.geometry.coordinates as [number, number];
    if (!prev) byTown.set(label, { id: f.properties.id, label, lon, lat, rank });
    else if (rank < prev.rank) byTown.set(label, { ...prev, rank });
  }
  return [...byTown.values()];
}
