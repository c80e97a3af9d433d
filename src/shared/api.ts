/**
 * The API contract: zod schemas for every request and response of /api/v1.
 * The server validates input and serialises output with these; the client validates responses with them.
 *
 * Written with zod/mini (functional checks: `z.optional(s)`, `s.check(z.minLength(1))`), not classic zod's methods:
 * the client bundles these schemas in its first-load chunk, and classic zod cannot be tree-shaken (~25 kB gzip vs ~6).
 * Server-only schemas (src/server) may use classic zod; both are zod core schemas and compose.
 */
import * as z from 'zod/mini';
import {
  AGE_GROUPS,
  ASSISTANCE_GROUP_BY,
  DIRECTIONS,
  FLOW_GROUP_BY,
  MAX_GROUP_BY,
  MIN_PASSWORD_LENGTH,
  PLACE_KINDS,
  RETURNS_GROUP_BY,
  ROLES,
  SERVICES,
  SEXES,
  TRANSPORTS,
} from './enums';
import { DATE_PATTERN, isDate, QUERY_DATE_BOUNDS } from './calendar';

// zod 4 probes `new Function` when the first object schema is built; under the page's CSP (script-src 'self')
// the browser reports that as a violation even though zod catches it. The browser never needs zod's JIT.
if (typeof document !== 'undefined') z.config({ jitless: true });

export const API_PREFIX = '/api/v1';

// ---------- building blocks ----------

/** A real calendar date written YYYY-MM-DD (2016-02-30 is rejected). */
export const isoDate = z.string().check(z.regex(DATE_PATTERN, 'must be a date written YYYY-MM-DD'), z.refine(isDate, 'is not a real calendar date'));

const iso3 = z.string().check(z.regex(/^[A-Z]{3}$/, 'must be an ISO 3166-1 alpha-3 code in capitals, e.g. NGA'));
const placeId = z.string().check(z.regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'must be a place id (lowercase letters, digits, hyphens)'));
const routeId = z.string().check(z.regex(/^R\d+[a-z]?$/, 'must be a route id such as R4 or R5b'));

/** An integer (classic zod's `int()`); further checks follow it. */
const int = (...checks: z.core.$ZodCheck<number>[]) => z.number().check(z.int(), ...checks);
/** A count: a non-negative integer. */
const count = () => int(z.nonnegative());

/** Accepts `a,b` or repeated `?k=a&k=b`; yields a de-duplicated array of trimmed strings. */
function csvList<T extends z.ZodMiniType<string, string>>(item: T, max = 50): z.ZodMiniPipe<z.ZodMiniTransform<string[], unknown>, z.ZodMiniArray<T>> {
  // classic zod's z.preprocess(fn, schema) is this pipe
  return z.pipe(
    z.transform((v: unknown) => {
      const parts = (Array.isArray(v) ? v : [v]).flatMap((x) => String(x).split(','));
      return [...new Set(parts.map((s) => s.trim()).filter((s) => s.length > 0))];
    }),
    z.array(item).check(z.minLength(1, 'must not be empty'), z.maxLength(max, `accepts at most ${max} values`)),
  );
}

function groupByList<T extends readonly [string, ...string[]]>(values: T) {
  return z.optional(csvList(z.enum(values), MAX_GROUP_BY));
}

/** json, csv (RFC 4180), or hxl: the same CSV with an HXL hashtag row under the header (src/shared/hxl.ts). */
const format = z._default(z.enum(['json', 'csv', 'hxl']), 'json');

/** A date a query may name: a real date within QUERY_DATE_BOUNDS (1000-01-01 or 9999-12-31 is a typo, not a period). */
const queryDate = isoDate.check(
  z.refine((s) => s >= QUERY_DATE_BOUNDS.from && s <= QUERY_DATE_BOUNDS.to, `must lie between ${QUERY_DATE_BOUNDS.from} and ${QUERY_DATE_BOUNDS.to}`),
);

const period = {
  from: z.optional(queryDate),
  to: z.optional(queryDate),
};

function periodOrdered<T extends { from?: string | undefined; to?: string | undefined }>(q: T, ctx: z.core.$RefinementCtx<T>) {
  if (q.from && q.to && q.from > q.to) {
    ctx.addIssue({ code: 'custom', path: ['to'], message: 'must not be before from' });
  }
}

// ---------- queries ----------

export const flowsQuery = z
  .strictObject({
    ...period,
    direction: z.optional(z.enum(DIRECTIONS)),
    nationality: z.optional(csvList(iso3)),
    sex: z.optional(z.enum(SEXES)),
    ageGroup: z.optional(z.enum(AGE_GROUPS)),
    transport: z.optional(z.enum(TRANSPORTS)),
    point: z.optional(csvList(placeId)),
    route: z.optional(csvList(routeId)),
    region: z.optional(csvList(z.string().check(z.regex(/^NE\d{3}$/, 'must be a Niger region pcode such as NE001')))),
    groupBy: groupByList(FLOW_GROUP_BY),
    format,
  })
  .check(z.superRefine(periodOrdered));
export type FlowsQuery = z.infer<typeof flowsQuery>;

export const assistanceQuery = z
  .strictObject({
    ...period,
    centre: z.optional(csvList(placeId)),
    service: z.optional(csvList(z.enum(SERVICES))),
    nationality: z.optional(csvList(iso3)),
    sex: z.optional(z.enum(SEXES)),
    ageGroup: z.optional(z.enum(AGE_GROUPS)),
    groupBy: groupByList(ASSISTANCE_GROUP_BY),
    format,
  })
  .check(z.superRefine(periodOrdered));
export type AssistanceQuery = z.infer<typeof assistanceQuery>;

export const returnsQuery = z
  .strictObject({
    ...period,
    centre: z.optional(csvList(placeId)),
    destination: z.optional(csvList(iso3)),
    groupBy: groupByList(RETURNS_GROUP_BY),
    format,
  })
  .check(z.superRefine(periodOrdered));
export type ReturnsQuery = z.infer<typeof returnsQuery>;

/** `GET /api/v1/hotspots`: the period (default: the last twelve months of data, as /meta's defaultPeriod). */
export const hotspotsQuery = z
  .strictObject({
    ...period,
    format,
  })
  .check(z.superRefine(periodOrdered));
export type HotspotsQuery = z.infer<typeof hotspotsQuery>;

/** Endpoints without parameters still reject unknown ones. */
export const noQuery = z.strictObject({});

// ---------- responses ----------

/**
 * One aggregated cell. Dimension values are strings keyed by the groupBy name
 * (e.g. `{ point: "arlit", week: "2016-02-01", count: 1234 }`).
 * Under disclosure control (see `disclosureInfo`): a withheld count is `null` with `suppressed: true`; a published
 * one is perturbed (`perturbed: true`); `partial: true` when some of the published cells it adds up were withheld
 * and are not in it.
 */
export const aggregateRow = z.catchall(
  z.object({
    count: z.nullable(count()),
    suppressed: z.optional(z.boolean()),
    perturbed: z.optional(z.boolean()),
    partial: z.optional(z.boolean()),
  }),
  z.string(),
);
export type AggregateRow = z.infer<typeof aggregateRow>;

/**
 * Present when the answer passed disclosure control (signed-out visitors, donors, government liaisons): every count is
 * the sum of published cells (a month × a place × at most one breakdown), each perturbed once by the cell-key method;
 * a cell whose true count is 1…k−1 is withheld; a published cell differs from the true count by at most `maxNoise`
 * (or is 0 where the true count lies within `maxNoise` above k). Method and parameters: docs/disclosure.md.
 */
export const disclosureInfo = z.object({
  method: z.literal('cell-key'),
  /** Smallest true count published. */
  k: int(z.positive()),
  /** Largest perturbation of a published cell, either way. */
  maxNoise: count(),
  /** The published cells' time unit. */
  resolution: z.literal('month'),
});
export type DisclosureInfo = z.infer<typeof disclosureInfo>;

/**
 * How `groupBy=route` counts (THE wording, for JSON, CSV and the docs): a monitoring point on several routes counts
 * in each of them and a point on none in none, so the route rows do not add up to the people counted.
 */
export const ROUTE_COUNTING_NOTE =
  'A monitoring point on several routes counts in each of them, and a point on no route in none: the route rows add up to more (or less) than the people counted. ' +
  '`total` counts each person once, at the points on at least one of the routes.';

/** `groupBy=route` answers: the counting rule and the points it concerns (those of the query). */
export const routeCounting = z.object({
  note: z.string(),
  /** Points on two or more of the routes asked (each counts once per route). */
  pointsOnSeveralRoutes: z.array(z.object({ point: z.string(), routes: z.array(z.string()) })),
  /** Points on none of the routes asked (in no route row, nor in `total`). */
  pointsOnNoRoute: z.array(z.string()),
});
export type RouteCounting = z.infer<typeof routeCounting>;

export const aggregateResponse = z.object({
  groupBy: z.array(z.string()),
  rows: z.array(aggregateRow),
  /** `null` when withheld by disclosure control (every cell it adds up withheld). */
  total: z.nullable(count()),
  /** Disclosure control: the total adds up published cells only, some cells were withheld. */
  totalPartial: z.optional(z.boolean()),
  from: isoDate,
  to: isoDate,
  dataVersion: z.string(),
  disclosure: z.optional(disclosureInfo),
  /** `groupBy=route` only: how points on several routes, or none, are counted (ROUTE_COUNTING_NOTE). */
  routeCounting: z.optional(routeCounting),
});
export type AggregateResponse = z.infer<typeof aggregateResponse>;

const dictEntry = z.object({ id: z.string(), name: z.string() });

export const metaResponse = z.object({
  title: z.string(),
  illustrative: z.boolean(),
  notice: z.string(),
  /** The notice in French, when the dataset provides it. */
  noticeFr: z.optional(z.string()),
  dataAsOf: isoDate,
  dataVersion: z.string(),
  dateRange: z.object({ min: isoDate, max: isoDate }),
  defaultPeriod: z.object({ from: isoDate, to: isoDate }),
  nationalities: z.array(z.extend(dictEntry, { nameFr: z.optional(z.string()), capital: z.string(), lon: z.number(), lat: z.number() })),
  directions: z.array(z.enum(DIRECTIONS)),
  sexes: z.array(z.enum(SEXES)),
  ageGroups: z.array(z.enum(AGE_GROUPS)),
  transports: z.array(z.enum(TRANSPORTS)),
  services: z.array(z.enum(SERVICES)),
  placeKinds: z.array(z.enum(PLACE_KINDS)),
  events: z.array(z.object({ date: isoDate, label: z.string(), labelFr: z.optional(z.string()), source: z.string() })),
});
export type MetaResponse = z.infer<typeof metaResponse>;

const position = z.tuple([z.number().check(z.minimum(-180), z.maximum(180)), z.number().check(z.minimum(-90), z.maximum(90))]);

export const placeProperties = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.enum(PLACE_KINDS),
  countryIso3: z.string(),
  admin1Pcode: z.nullable(z.string()),
  capacity: z.nullable(int()),
  activeFrom: z.nullable(isoDate),
  activeTo: z.nullable(isoDate),
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
      id: z.optional(z.string()),
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
      id: z.optional(z.string()),
      properties: routeProperties,
      geometry: z.object({ type: z.literal('LineString'), coordinates: z.array(position).check(z.minLength(2)) }),
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
      id: z.optional(z.string()),
      properties: regionProperties,
      geometry: z.object({
        type: z.enum(['Polygon', 'MultiPolygon']),
        coordinates: z.array(z.any()),
      }),
    }),
  ),
});
export type RegionsResponse = z.infer<typeof regionsResponse>;

/**
 * One Niger admin-1 region in the hotspots answer. Counts withheld by disclosure control are `null` with
 * `…Suppressed: true`; a region with no flow monitoring point reporting has `monitored: false` and no flows (`null`).
 */
export const hotspotRegion = z.object({
  pcode: z.string(),
  name: z.string(),
  /** A flow monitoring point in the region reported in the period or the previous one. When false, flows, change and the anomaly score are null: not zero people, no count. */
  monitored: z.boolean(),
  /** People counted at the region's flow monitoring points over the period. */
  flows: z.nullable(count()),
  flowsSuppressed: z.optional(z.boolean()),
  /** Disclosure control: some of the point-month cells it adds up were withheld and are not in it. */
  flowsPartial: z.optional(z.boolean()),
  /** The same over the previous equal period. */
  previousFlows: z.nullable(count()),
  previousFlowsSuppressed: z.optional(z.boolean()),
  previousFlowsPartial: z.optional(z.boolean()),
  /** (flows − previousFlows) / previousFlows, from the published counts; null when previousFlows is 0 or either is withheld. */
  change: z.nullable(z.number()),
  /** People assisted (shelter and food) at the region's transit centres over the period. */
  assisted: z.nullable(count()),
  assistedSuppressed: z.optional(z.boolean()),
  assistedPartial: z.optional(z.boolean()),
  anomaly: z.object({
    /** Robust z-score of the recent weekly flows against the trailing baseline (see `method`); null when the baseline is too short or flows are withheld. */
    score: z.nullable(z.number()),
    /** |score| ≥ threshold and the level is non-trivial. The sign of `score` says rise (+) or fall (−). */
    flag: z.boolean(),
  }),
  /**
   * Why the anomaly flag says what it says (the region panel): the series of the two windows the score compares, their
   * levels and the ratio. Absent for a region not monitored. Under disclosure control every count in it is a published
   * month of the region (the sum of its points' published cells, as `flows?groupBy=region,month` gives) or a point's
   * published month cell, and the levels are those counts or their median: nothing the other answers do not give.
   */
  detail: z.optional(
    z.object({
      /** week: ISO weeks of exact counts; month: published months. */
      unit: z.enum(['week', 'month']),
      /** The baseline steps then the recent ones, oldest first (only steps inside the data). */
      series: z.array(
        z.object({
          start: isoDate,
          window: z.enum(['baseline', 'recent']),
          count: z.nullable(count()),
          suppressed: z.optional(z.boolean()),
          partial: z.optional(z.boolean()),
        }),
      ),
      /** Mean count per step of the recent window (one decimal); null when a count in it is withheld. */
      recentLevel: z.nullable(z.number()),
      /** Median count per step of the baseline window; null when it is too short or a count in it is withheld. */
      baselineMedian: z.nullable(z.number()),
      /** recentLevel / baselineMedian, one decimal; null when either is null or the median is 0. */
      ratio: z.nullable(z.number()),
      /** The region's flow monitoring points and what each counted over the recent window (null when withheld or not active). */
      points: z.array(
        z.object({
          id: z.string(),
          name: z.string(),
          active: z.boolean(),
          count: z.nullable(count()),
          suppressed: z.optional(z.boolean()),
          partial: z.optional(z.boolean()),
        }),
      ),
    }),
  ),
});
export type HotspotRegion = z.infer<typeof hotspotRegion>;
export type HotspotDetail = NonNullable<HotspotRegion['detail']>;

/** The two windows the anomaly score compares (the same for every region of an answer). */
export const hotspotWindows = z.object({
  unit: z.enum(['week', 'month']),
  recentFrom: isoDate,
  recentTo: isoDate,
  /** Null when the baseline lies entirely before the data. */
  baselineFrom: z.nullable(isoDate),
  baselineTo: z.nullable(isoDate),
});
export type HotspotWindows = z.infer<typeof hotspotWindows>;

export const hotspotsResponse = z.object({
  from: isoDate,
  to: isoDate,
  previousFrom: isoDate,
  previousTo: isoDate,
  dataVersion: z.string(),
  /** One-line description of the anomaly method. */
  method: z.string(),
  /** All 8 regions, ranked by flows (descending; then withheld, then not monitored), then by name. */
  regions: z.array(hotspotRegion),
  /** The anomaly score's recent and baseline windows (the change column compares the period with previousFrom…previousTo instead). */
  windows: z.optional(hotspotWindows),
  disclosure: z.optional(disclosureInfo),
});
export type HotspotsResponse = z.infer<typeof hotspotsResponse>;

/** RFC 9457 problem details, the body of every 4xx/5xx answer. */
export const problem = z.object({
  type: z.string(),
  title: z.string(),
  status: int(),
  detail: z.string(),
  instance: z.optional(z.string()),
  errors: z.optional(z.array(z.object({ field: z.string(), message: z.string() }))),
});
export type Problem = z.infer<typeof problem>;

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

// ---------- accounts and sessions ----------

/** Account names: 1–64 characters, lowercase letters, digits, `.`, `_`, `-`, `@`, starting with a letter or digit. */
export const USERNAME_PATTERN = /^[a-z0-9][a-z0-9._@-]{0,63}$/;
export const usernameSchema = z
  .string()
  .check(z.regex(USERNAME_PATTERN, 'must be 1–64 lowercase letters, digits, ".", "_", "-" or "@", starting with a letter or digit'));
export const newPasswordSchema = z
  .string()
  .check(
    z.minLength(MIN_PASSWORD_LENGTH, `must be at least ${MIN_PASSWORD_LENGTH} characters long`),
    z.maxLength(1024, 'must be at most 1024 characters long'),
  );

/** `POST /api/v1/session` body. Deliberately loose: a malformed name is simply a wrong one (401). */
export const signInRequest = z.strictObject({
  username: z.string().check(z.minLength(1, 'must not be empty'), z.maxLength(128, 'is too long')),
  password: z.string().check(z.minLength(1, 'must not be empty'), z.maxLength(1024, 'is too long')),
});
export type SignInRequest = z.infer<typeof signInRequest>;

/** What one role may ask of one endpoint (a summary of the server's policy table, for the UI). */
export const endpointAccess = z.object({
  /** Aggregate endpoints: allowed groupBy dimensions. */
  groupBy: z.optional(z.array(z.string())),
  /** Aggregate endpoints: allowed query parameters besides groupBy (from, to, format included). */
  filters: z.optional(z.array(z.string())),
  /** Aggregate endpoints: most groupBy dimensions per request. */
  maxDimensions: z.optional(int()),
  /** Aggregate endpoints: finest time the role sees; `day` means any from/to, `month` means whole months only. */
  timeResolution: z.optional(z.enum(['day', 'week', 'month', 'year'])),
  /** Aggregate endpoints: breakdowns per request, groupBy (place and attribute) and narrowing filters together (see src/shared/query-shape.ts). */
  maxBreakdowns: z.optional(int()),
  /** Aggregate endpoints: breakdowns of the people counted (attributes) per request. */
  maxAttributes: z.optional(int()),
  /** Aggregate endpoints: filters take one value each. */
  singleValues: z.optional(z.boolean()),
  /** Aggregate endpoints: whether answers pass disclosure control (cell-key perturbation, small cells withheld). */
  disclosure: z.optional(disclosureInfo),
  /** `places`: the kinds of place this role is sent. */
  placeKinds: z.optional(z.array(z.enum(PLACE_KINDS))),
});
export type EndpointAccess = z.infer<typeof endpointAccess>;

/** `GET|POST|DELETE /api/v1/session` answer: who is signed in (`public`, `username: null` when nobody) and what they may ask. */
export const sessionResponse = z.object({
  username: z.nullable(z.string()),
  role: z.enum(ROLES),
  /** Endpoint name (meta, places, routes, regions, flows, assistance, returns…) → what this role may ask of it. Absent endpoints are denied. */
  access: z.record(z.string(), endpointAccess),
});
export type SessionResponse = z.infer<typeof sessionResponse>;

/** `POST /api/v1/setup` body: creates the first admin account with the one-time token the server printed at start. */
export const setupRequest = z.strictObject({
  token: z.string().check(z.minLength(1, 'must not be empty'), z.maxLength(256, 'is too long')),
  username: usernameSchema,
  password: newPasswordSchema,
});
export type SetupRequest = z.infer<typeof setupRequest>;

export const setupResponse = z.object({ username: z.string(), role: z.literal('admin') });
export type SetupResponse = z.infer<typeof setupResponse>;

// ---------- imports (admin) ----------

/** `POST /api/v1/imports/{flows|assistance|returns|places}?dryRun=true|false` */
export const IMPORT_DATASETS = ['flows', 'assistance', 'returns', 'places'] as const;
export type ImportDatasetName = (typeof IMPORT_DATASETS)[number];

export const importQuery = z.strictObject({
  /** `true`: validate and count, write nothing. */
  dryRun: z._default(z.enum(['true', 'false']), 'false'),
});
export type ImportQuery = z.infer<typeof importQuery>;

const importDateRange = z.object({ min: isoDate, max: isoDate });
/** The data's extent and "data as of". */
const importDataState = z.object({ dateRange: importDateRange, dataAsOf: isoDate });

/** Something an import would change that deserves a second look; the import itself is allowed. */
export const importWarning = z.object({
  /** extent-end-jump: the data's end would move more than a year; extent-start-earlier: it would start earlier. */
  code: z.enum(['extent-end-jump', 'extent-start-earlier']),
  message: z.string(),
});
export type ImportWarning = z.infer<typeof importWarning>;

/** A committed (or, with dryRun, validated) import. */
export const importResponse = z.object({
  dataset: z.enum(IMPORT_DATASETS),
  dryRun: z.boolean(),
  /** Rows in the file (places: features). */
  rows: count(),
  /** Stored rows with the natural key of a row of the file, replaced by it (dry run: that would be). */
  replaced: count(),
  /** Rows written (dry run: that would be). */
  inserted: count(),
  /** After the import (unchanged for a dry run). */
  dataVersion: z.string(),
  dataAsOf: isoDate,
  dateRange: importDateRange,
  /** Imports committed to the database so far. */
  generation: count(),
  /** Rows of the file whose natural key was not stored yet (places: new ids); the others replace stored rows. */
  added: z.optional(count()),
  /** The dates of the file's rows (null for places). */
  fileDateRange: z.optional(z.nullable(importDateRange)),
  /** The data before the import, and after it (dry run: as the import would leave it). */
  before: z.optional(importDataState),
  after: z.optional(importDataState),
  /** Whether "data as of" moves (dry run: would move). */
  dataAsOfMoves: z.optional(z.boolean()),
  /** The extent jumping (more than a year past the current end, or before the start): worth a second look. */
  warnings: z.optional(z.array(importWarning)),
});
export type ImportResponse = z.infer<typeof importResponse>;

/** One committed import in `GET /api/v1/imports` (admin). */
export const importHistoryEntry = z.object({
  /** The import's number (its journal sequence), used to undo it. */
  id: int(z.positive()),
  dataset: z.enum(IMPORT_DATASETS),
  /** Its journal file, e.g. 000003-flows.csv. */
  journal: z.string(),
  /** When it was imported (ISO 8601). */
  importedAt: z.string(),
  rows: count(),
  replaced: count(),
  /** Rows written (null for imports logged before this was recorded). */
  inserted: z.nullable(count()),
  /** The dates of its rows (null for places). */
  dateRange: z.nullable(importDateRange),
  undone: z.boolean(),
  undoneAt: z.nullable(z.string()),
});
export type ImportHistoryEntryItem = z.infer<typeof importHistoryEntry>;

/** `GET /api/v1/imports`: committed imports, newest first, undone ones included. */
export const importHistoryResponse = z.object({
  imports: z.array(importHistoryEntry),
  dataVersion: z.string(),
});
export type ImportHistoryResponse = z.infer<typeof importHistoryResponse>;

/** `POST /api/v1/imports/{id}/undo` */
export const importUndoParams = z.strictObject({
  id: z.string().check(z.regex(/^[1-9]\d{0,8}$/, 'must be the number of an import (1, 2, …)')),
});

/** What an undo did: the data is as if the import had never been made. */
export const importUndoResponse = z.object({
  id: int(z.positive()),
  dataset: z.enum(IMPORT_DATASETS),
  journal: z.string(),
  undone: z.literal(true),
  /** After the undo. */
  dataVersion: z.string(),
  dataAsOf: isoDate,
  dateRange: importDateRange,
  generation: count(),
});
export type ImportUndoResponse = z.infer<typeof importUndoResponse>;

/** One problem in an import file: CSV line (1 = header) or, for GeoJSON, a JSON path in `field`. */
export const importError = z.object({ line: z.optional(int(z.positive())), field: z.string(), message: z.string() });
export type ImportErrorItem = z.infer<typeof importError>;

/** 400 answer of an import: the first 100 errors, their total, and the rows read. Nothing was written. */
export const importProblem = z.extend(problem, {
  errors: z.optional(z.array(importError)),
  errorCount: z.optional(count()),
  rows: z.optional(count()),
});
export type ImportProblem = z.infer<typeof importProblem>;
