/**
 * THE classification of every aggregate query parameter, and the shape rule built on it. The server's policy
 * (src/server/access/policy.ts) enforces it; the client reads the same function to offer only what its role may ask
 * (a breakdown that would break the rule is disabled with the reason, never sent and refused).
 */
import type { AssistanceGroupBy, FlowGroupBy, ReturnsGroupBy } from './enums';

/** Spatial detail: monitoring points (and routes, whose flows are point flows), facilities (transit centres), admin-1 regions. */
export type SpatialLevel = 'point' | 'facility' | 'admin1';
/** Time detail. */
export type TimeResolution = 'day' | 'week' | 'month' | 'year';
export const TIME_ORDER: readonly TimeResolution[] = ['day', 'week', 'month', 'year'];

/** What a query parameter or groupBy dimension reveals. */
export type ParamLevel =
  | { spatial: SpatialLevel }
  | { time: TimeResolution }
  /** A breakdown: an attribute of the people counted (direction, nationality, sex…) or of the service. */
  | 'attribute'
  /** from/to. */
  | 'period'
  /** format: how, not what. */
  | 'format';

export interface AggregateShape {
  groupBy: Readonly<Record<string, ParamLevel>>;
  filters: Readonly<Record<string, ParamLevel>>;
}

const PERIOD = { from: 'period', to: 'period', format: 'format' } as const;

/** The parameters of each aggregate endpoint, classified. Lists every groupBy value and query key of the shared schemas (tested). */
export const AGGREGATE_SHAPES = {
  flows: {
    groupBy: {
      point: { spatial: 'point' },
      route: { spatial: 'point' }, // route flow is the flow at the points observing the route
      region: { spatial: 'admin1' },
      week: { time: 'week' },
      month: { time: 'month' },
      year: { time: 'year' },
      direction: 'attribute',
      nationality: 'attribute',
      sex: 'attribute',
      ageGroup: 'attribute',
      transport: 'attribute',
    } satisfies Record<FlowGroupBy, ParamLevel>,
    filters: {
      ...PERIOD,
      point: { spatial: 'point' },
      route: { spatial: 'point' },
      region: { spatial: 'admin1' },
      direction: 'attribute',
      nationality: 'attribute',
      sex: 'attribute',
      ageGroup: 'attribute',
      transport: 'attribute',
    },
  },
  assistance: {
    groupBy: {
      centre: { spatial: 'facility' },
      region: { spatial: 'admin1' },
      service: 'attribute',
      week: { time: 'week' },
      month: { time: 'month' },
      year: { time: 'year' },
      nationality: 'attribute',
      sex: 'attribute',
      ageGroup: 'attribute',
    } satisfies Record<AssistanceGroupBy, ParamLevel>,
    filters: {
      ...PERIOD,
      centre: { spatial: 'facility' },
      service: 'attribute',
      nationality: 'attribute',
      sex: 'attribute',
      ageGroup: 'attribute',
    },
  },
  returns: {
    groupBy: {
      destination: 'attribute',
      centre: { spatial: 'facility' },
      month: { time: 'month' },
      year: { time: 'year' },
    } satisfies Record<ReturnsGroupBy, ParamLevel>,
    filters: { ...PERIOD, centre: { spatial: 'facility' }, destination: 'attribute' },
  },
  /** Per admin-1 region only (no breakdown): the period is its one parameter. */
  hotspots: {
    groupBy: {},
    filters: { ...PERIOD },
  },
  /** From the corridor to the help: a route and a period (its numbers are answers of flows, assistance and returns). */
  pathway: {
    groupBy: {},
    filters: { from: 'period', to: 'period', route: { spatial: 'point' } },
  },
  /** Which monitoring points were counting (no count of people): the period is its one parameter. */
  coverage: {
    groupBy: {},
    filters: { from: 'period', to: 'period' },
  },
} as const satisfies Record<string, AggregateShape>;
export type AggregateEndpoint = keyof typeof AGGREGATE_SHAPES;
export const AGGREGATE_ENDPOINTS = Object.keys(AGGREGATE_SHAPES) as AggregateEndpoint[];

/** What a dimension counts as in the shape rule. */
export type DimensionKind = 'place' | 'time' | 'attribute' | 'other';
export function kindOf(level: ParamLevel | undefined): DimensionKind {
  if (level === 'attribute') return 'attribute';
  if (level && typeof level === 'object') return 'spatial' in level ? 'place' : 'time';
  return 'other';
}

/** The limits of a role's entry that the shape rule checks (a subset of the session's EndpointAccess). */
export interface ShapeLimits {
  /** Most groupBy dimensions (time included). */
  maxDimensions: number;
  /**
   * Most breakdowns per request, counting place and attribute dimensions of groupBy AND narrowing filters (a
   * filter is a breakdown with one row kept). Time does not count: months are the published cells' own axis.
   * Absent: only groupBy is counted (maxDimensions).
   */
  maxBreakdowns?: number;
  /** Most attribute dimensions (groupBy and filters together): the "one breakdown at a time" rule. */
  maxAttributes?: number;
  /** Filters take one value (no lists: a list is a union of cells, a subset sum). */
  singleValues?: boolean;
}

export interface ShapeError {
  field: string;
  message: string;
}

const present = (v: unknown) => v !== undefined && v !== null && !(Array.isArray(v) && v.length === 0);
const valuesOf = (v: unknown): string[] => (Array.isArray(v) ? v.map(String) : v === undefined || v === null ? [] : [String(v)]);

/**
 * The shape rule: which parameters of `query` break `limits` (empty = the shape is allowed). Does not check which
 * parameters the role may use at all (the policy does), only how many and how combined. `who` names the audience in
 * the messages (e.g. "signed-out visitors").
 */
export function shapeErrors(endpoint: AggregateEndpoint, limits: ShapeLimits, query: Record<string, unknown>, who: string): ShapeError[] {
  const shape: AggregateShape = AGGREGATE_SHAPES[endpoint];
  const errors: ShapeError[] = [];
  const groupBy = valuesOf(query.groupBy);
  if (groupBy.length > limits.maxDimensions) {
    errors.push({ field: 'groupBy', message: `accepts at most ${limits.maxDimensions} dimensions for ${who}` });
  }
  if (limits.singleValues) {
    for (const [key, value] of Object.entries(query)) {
      if (key === 'groupBy' || !Array.isArray(value) || value.length <= 1) continue;
      errors.push({ field: key, message: `takes one value for ${who} (a list of values is a union of published cells: ask for each one)` });
    }
  }
  // Breakdowns in the order asked: groupBy first, then filters.
  const breakdowns: Array<{ field: string; name: string; kind: DimensionKind }> = [];
  for (const g of groupBy) breakdowns.push({ field: 'groupBy', name: g, kind: kindOf(shape.groupBy[g]) });
  for (const [key, value] of Object.entries(query)) {
    if (key === 'groupBy' || !present(value)) continue;
    breakdowns.push({ field: key, name: key, kind: kindOf(shape.filters[key]) });
  }
  const counted = breakdowns.filter((b) => b.kind === 'place' || b.kind === 'attribute');
  if (limits.maxBreakdowns !== undefined && counted.length > limits.maxBreakdowns) {
    const over = counted[limits.maxBreakdowns]!;
    errors.push({
      field: over.field,
      message:
        `combines ${counted.map((b) => b.name).join(' × ')}: ${who} may combine at most ${limits.maxBreakdowns} breakdowns, ` +
        `narrowing filters included (a filter is a breakdown with one row kept)`,
    });
  }
  const attributes = counted.filter((b) => b.kind === 'attribute');
  if (limits.maxAttributes !== undefined && attributes.length > limits.maxAttributes) {
    const over = attributes[limits.maxAttributes]!;
    errors.push({
      field: over.field,
      message:
        `combines ${attributes.map((b) => b.name).join(' × ')}: ${who} sees one breakdown of the people counted at a time ` +
        `(by ${attributes.map((b) => b.name).join(' or by ')}, not both)`,
    });
  }
  return errors;
}
