/**
 * The API contract: zod schemas for every request and response of /api/v1.
 * The server validates input and serialises output with these; the client validates responses with them.
 */
import { z } from 'zod';
import {
  AGE_GROUPS,
  ASSISTANCE_GROUP_BY,
  DIRECTIONS,
  FLOW_GROUP_BY,
  MAX_GROUP_BY,
  PLACE_KINDS,
  RETURNS_GROUP_BY,
  SERVICES,
  SEXES,
  TRANSPORTS,
} from './enums';

export const API_PREFIX = '/api/v1';

// ---------- building blocks ----------

/** A real calendar date written YYYY-MM-DD (2016-02-30 is rejected). */
export const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date written YYYY-MM-DD')
  .refine((s) => {
    const d = new Date(`${s}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
  }, 'is not a real calendar date');

const iso3 = z.string().regex(/^[A-Z]{3}$/, 'must be an ISO 3166-1 alpha-3 code in capitals, e.g. NGA');
const placeId = z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'must be a place id (lowercase letters, digits, hyphens)');
const routeId = z.string().regex(/^R\d+[a-z]?$/, 'must be a route id such as R4 or R5b');

/** Accepts `a,b` or repeated `?k=a&k=b`; yields a de-duplicated array of trimmed strings. */
function csvList<T extends z.ZodType<string>>(item: T, max = 50) {
  return z.preprocess(
    (v) => {
      const parts = (Array.isArray(v) ? v : [v]).flatMap((x) => String(x).split(','));
      return [...new Set(parts.map((s) => s.trim()).filter((s) => s.length > 0))];
    },
    z.array(item).min(1, 'must not be empty').max(max, `accepts at most ${max} values`),
  );
}

function groupByList<T extends readonly [string, ...string[]]>(values: T) {
  return csvList(z.enum(values), MAX_GROUP_BY).optional();
}

const format = z.enum(['json', 'csv']).default('json');

const period = {
  from: isoDate.optional(),
  to: isoDate.optional(),
};

function periodOrdered<T extends { from?: string | undefined; to?: string | undefined }>(q: T, ctx: z.RefinementCtx) {
  if (q.from && q.to && q.from > q.to) {
    ctx.addIssue({ code: 'custom', path: ['to'], message: 'must not be before from' });
  }
}

// ---------- queries ----------

export const flowsQuery = z
  .strictObject({
    ...period,
    direction: z.enum(DIRECTIONS).optional(),
    nationality: csvList(iso3).optional(),
    sex: z.enum(SEXES).optional(),
    ageGroup: z.enum(AGE_GROUPS).optional(),
    transport: z.enum(TRANSPORTS).optional(),
    point: csvList(placeId).optional(),
    route: csvList(routeId).optional(),
    region: csvList(z.string().regex(/^NE\d{3}$/, 'must be a Niger region pcode such as NE001')).optional(),
    groupBy: groupByList(FLOW_GROUP_BY),
    format,
  })
  .superRefine(periodOrdered);
export type FlowsQuery = z.infer<typeof flowsQuery>;

export const assistanceQuery = z
  .strictObject({
    ...period,
    centre: csvList(placeId).optional(),
    service: csvList(z.enum(SERVICES)).optional(),
    nationality: csvList(iso3).optional(),
    sex: z.enum(SEXES).optional(),
    ageGroup: z.enum(AGE_GROUPS).optional(),
    groupBy: groupByList(ASSISTANCE_GROUP_BY),
    format,
  })
  .superRefine(periodOrdered);
export type AssistanceQuery = z.infer<typeof assistanceQuery>;

export const returnsQuery = z
  .strictObject({
    ...period,
    centre: csvList(placeId).optional(),
    destination: csvList(iso3).optional(),
    groupBy: groupByList(RETURNS_GROUP_BY),
    format,
  })
  .superRefine(periodOrdered);
export type ReturnsQuery = z.infer<typeof returnsQuery>;

/** Endpoints without parameters still reject unknown ones. */
export const noQuery = z.strictObject({});

// ---------- responses ----------

/**
 * One aggregated cell. Dimension values are strings keyed by the groupBy name
 * (e.g. `{ point: "arlit", week: "2016-02-01", count: 1234 }`).
 * A count withheld by disclosure control is `null` with `suppressed: true`.
 */
export const aggregateRow = z
  .object({
    count: z.number().int().nonnegative().nullable(),
    suppressed: z.boolean().optional(),
  })
  .catchall(z.string());
export type AggregateRow = z.infer<typeof aggregateRow>;

export const aggregateResponse = z.object({
  groupBy: z.array(z.string()),
  rows: z.array(aggregateRow),
  total: z.number().int().nonnegative().nullable(),
  from: isoDate,
  to: isoDate,
  dataVersion: z.string(),
});
export type AggregateResponse = z.infer<typeof aggregateResponse>;

const dictEntry = z.object({ id: z.string(), name: z.string() });

export const metaResponse = z.object({
  title: z.string(),
  illustrative: z.boolean(),
  notice: z.string(),
  dataAsOf: isoDate,
  dataVersion: z.string(),
  dateRange: z.object({ min: isoDate, max: isoDate }),
  defaultPeriod: z.object({ from: isoDate, to: isoDate }),
  nationalities: z.array(dictEntry.extend({ capital: z.string(), lon: z.number(), lat: z.number() })),
  directions: z.array(z.enum(DIRECTIONS)),
  sexes: z.array(z.enum(SEXES)),
  ageGroups: z.array(z.enum(AGE_GROUPS)),
  transports: z.array(z.enum(TRANSPORTS)),
  services: z.array(z.enum(SERVICES)),
  placeKinds: z.array(z.enum(PLACE_KINDS)),
  events: z.array(z.object({ date: isoDate, label: z.string(), source: z.string() })),
});
export type MetaResponse = z.infer<typeof metaResponse>;

const position = z.tuple([z.number().min(-180).max(180), z.number().min(-90).max(90)]);

export const placeProperties = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.enum(PLACE_KINDS),
  countryIso3: z.string(),
  admin1Pcode: z.string().nullable(),
  capacity: z.number().int().nullable(),
  activeFrom: isoDate.nullable(),
  activeTo: isoDate.nullable(),
  /** Route ids a monitoring point observes (empty for other kinds). */
  routes: z.array(z.string()),
  source: z.string(),
});
export type PlaceProperties = z.infer<typeof placeProperties>;

export const placesResponse = z.object({
  type: z.literal('FeatureCollection'),
  features: z.array(
    z.object({
      type: z.literal('Feature'),
      id: z.string().optional(),
      properties: placeProperties,
      geometry: z.object({ type: z.literal('Point'), coordinates: position }),
    }),
  ),
});
export type PlacesResponse = z.infer<typeof placesResponse>;

export const routeProperties = z.object({
  id: z.string(),
  name: z.string(),
  corridor: z.string(),
  waypoints: z.array(z.string()),
  lengthKm: z.number(),
  /** Monitoring point ids that observe this route; empty when no point does. */
  monitoredBy: z.array(z.string()),
});
export type RouteProperties = z.infer<typeof routeProperties>;

export const routesResponse = z.object({
  type: z.literal('FeatureCollection'),
  features: z.array(
    z.object({
      type: z.literal('Feature'),
      id: z.string().optional(),
      properties: routeProperties,
      geometry: z.object({ type: z.literal('LineString'), coordinates: z.array(position).min(2) }),
    }),
  ),
});
export type RoutesResponse = z.infer<typeof routesResponse>;

export const regionProperties = z.object({ pcode: z.string(), iso3166_2: z.string(), name: z.string() });
export type RegionProperties = z.infer<typeof regionProperties>;

export const regionsResponse = z.object({
  type: z.literal('FeatureCollection'),
  features: z.array(
    z.object({
      type: z.literal('Feature'),
      id: z.string().optional(),
      properties: regionProperties,
      geometry: z.object({
        type: z.enum(['Polygon', 'MultiPolygon']),
        coordinates: z.array(z.any()),
      }),
    }),
  ),
});
export type RegionsResponse = z.infer<typeof regionsResponse>;

/** RFC 9457 problem details, the body of every 4xx/5xx answer. */
export const problem = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number().int(),
  detail: z.string(),
  instance: z.string().optional(),
  errors: z.array(z.object({ field: z.string(), message: z.string() })).optional(),
});
export type Problem = z.infer<typeof problem>;

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';
