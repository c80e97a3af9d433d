/**
 * THE access policy: one table, role × endpoint → what may be asked and how the answer is protected.
 *
 * Everything not in POLICY is denied: a role missing from an endpoint's row gets 403 (401 when anonymous and an
 * account role would be allowed), and a route missing from ENDPOINT_ROUTES is refused at start-up (see guard.ts)
 * and denied at run time. The guard (guard.ts) applies this table in Fastify hooks; route handlers only read the
 * decision it attaches to the request (disclosure on/off, place kinds).
 *
 * Pure module: no Fastify, no I/O. Read the resolved matrix with `describeAccess(role)`.
 */
import {
  ASSISTANCE_GROUP_BY,
  FLOW_GROUP_BY,
  MAX_GROUP_BY,
  PLACE_KINDS,
  PROTECTION_SENSITIVE_SERVICES,
  RETURNS_GROUP_BY,
  ROLES,
  type PlaceKind,
  type Role,
} from '../../shared/enums';

export const API = '/api/v1';

// ---------- endpoints ----------

/** Endpoint name → the routes (`METHOD url` as registered) that make it up. HEAD follows GET. */
export const ENDPOINT_ROUTES = {
  meta: [`GET ${API}/meta`],
  places: [`GET ${API}/places`],
  routes: [`GET ${API}/routes`],
  regions: [`GET ${API}/regions`],
  flows: [`GET ${API}/flows`],
  assistance: [`GET ${API}/assistance`],
  returns: [`GET ${API}/returns`],
  hotspots: [`GET ${API}/hotspots`],
  openapi: [`GET ${API}/openapi.json`],
  session: [`GET ${API}/session`, `POST ${API}/session`, `DELETE ${API}/session`],
  setup: [`POST ${API}/setup`],
  /** Admin data imports (CSV or GeoJSON body; see src/server/routes/imports.ts). */
  imports: [`POST ${API}/imports/flows`, `POST ${API}/imports/assistance`, `POST ${API}/imports/returns`, `POST ${API}/imports/places`],
  /** The built SPA's files (@fastify/static), present only when a build is served. */
  spa: ['GET /*'],
} as const satisfies Record<string, readonly string[]>;
export type Endpoint = keyof typeof ENDPOINT_ROUTES;
export const ENDPOINTS = Object.keys(ENDPOINT_ROUTES) as Endpoint[];

const ROUTE_INDEX = new Map<string, Endpoint>(
  ENDPOINTS.flatMap((e) => ENDPOINT_ROUTES[e].map((r) => [r, e] as [string, Endpoint])),
);

/** The endpoint a registered route belongs to, or undefined when the table does not cover it. */
export function endpointOf(method: string, url: string | undefined): Endpoint | undefined {
  if (url === undefined) return undefined;
  const m = method.toUpperCase() === 'HEAD' ? 'GET' : method.toUpperCase();
  return ROUTE_INDEX.get(`${m} ${url}`);
}

// ---------- levels ----------

/** Spatial detail: monitoring points (and routes, whose flows are point flows), facilities (transit centres, offices), admin-1 regions. */
export type SpatialLevel = 'point' | 'facility' | 'admin1';
/** Time detail: `day` = any from/to; otherwise from/to must cover whole weeks (ISO) or months. */
export type TimeResolution = 'day' | 'week' | 'month' | 'year';
export const TIME_ORDER: readonly TimeResolution[] = ['day', 'week', 'month', 'year'];

/** What a query parameter or groupBy dimension reveals. */
type ParamLevel =
  | { spatial: SpatialLevel }
  | { time: TimeResolution }
  /** An attribute of the people counted (direction, nationality, sex…) or of the service. */
  | 'attribute'
  /** from/to: checked against the time resolution (whole months for month-resolution roles). */
  | 'period'
  /** format: how, not what. */
  | 'format';

interface AggregateShape {
  groupBy: Readonly<Record<string, ParamLevel>>;
  filters: Readonly<Record<string, ParamLevel>>;
}

const PERIOD = { from: 'period', to: 'period', format: 'format' } as const;

/** The parameters of each aggregate endpoint, classified. Must list every groupBy value and query key of the shared schemas (tested). */
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
    } satisfies Record<(typeof FLOW_GROUP_BY)[number], ParamLevel>,
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
    } satisfies Record<(typeof ASSISTANCE_GROUP_BY)[number], ParamLevel>,
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
    } satisfies Record<(typeof RETURNS_GROUP_BY)[number], ParamLevel>,
    filters: { ...PERIOD, centre: { spatial: 'facility' }, destination: 'attribute' },
  },
  /** Per admin-1 region only (no breakdown): the period is its one parameter. */
  hotspots: {
    groupBy: {},
    filters: { ...PERIOD },
  },
} as const satisfies Record<string, AggregateShape>;
export type AggregateEndpoint = keyof typeof AGGREGATE_SHAPES;

// ---------- access entries ----------

/** The endpoint answers the same to everyone allowed. */
export interface OpenAccess {
  kind: 'open';
}
/** `places`: only these kinds of place are sent. */
export interface PlacesAccess {
  kind: 'places';
  placeKinds: readonly PlaceKind[];
}
/** Combined breakdown cap that protects sensitive values of one parameter. */
export interface SensitiveRule {
  /** The parameter whose values are sensitive (assistance: service). */
  param: string;
  values: readonly string[];
  /** Dimensions counted when used as groupBy or as a filter. */
  dimensions: readonly string[];
  /** Most of `dimensions` one request may combine while its answer can include a sensitive value. */
  max: number;
}
export interface AggregateAccess {
  kind: 'aggregate';
  spatial: readonly SpatialLevel[];
  /** Allowed time resolutions; the finest one sets the from/to alignment. */
  time: readonly TimeResolution[];
  groupBy: readonly string[];
  /** Query parameters besides groupBy (from, to and format included). */
  filters: readonly string[];
  maxDimensions: number;
  /** Answers pass disclosure control (disclosure.ts). */
  disclosure: boolean;
  sensitive?: SensitiveRule;
}
export type Access = OpenAccess | PlacesAccess | AggregateAccess;

/** What a kind of audience sees, before endpoint-specific exclusions. */
interface Profile {
  spatial: readonly SpatialLevel[];
  time: readonly TimeResolution[];
  maxDimensions: number;
  disclosure: boolean;
}

/** Programme staff and admins: every level, every day, up to the schema's 3 dimensions, exact counts. */
const INTERNAL: Profile = { spatial: ['point', 'facility', 'admin1'], time: ['day', 'week', 'month', 'year'], maxDimensions: MAX_GROUP_BY, disclosure: false };
/** Donors: facilities (transit centres) and regions, whole months, 2 dimensions, disclosure control. Weeks are not needed for donor reporting and multiply small cells. */
const DONOR: Profile = { spatial: ['facility', 'admin1'], time: ['month', 'year'], maxDimensions: 2, disclosure: true };
/** Government liaisons and the public: admin-1 regions, whole months, 2 dimensions, disclosure control. */
const ADMIN1: Profile = { spatial: ['admin1'], time: ['month', 'year'], maxDimensions: 2, disclosure: true };

function allowedBy(level: ParamLevel, p: Profile): boolean {
  if (level === 'attribute' || level === 'period' || level === 'format') return true;
  if ('spatial' in level) return p.spatial.includes(level.spatial);
  return p.time.includes(level.time);
}

function aggregate(endpoint: AggregateEndpoint, p: Profile, opts: { without?: readonly string[]; sensitive?: SensitiveRule } = {}): AggregateAccess {
  const shape: AggregateShape = AGGREGATE_SHAPES[endpoint];
  const keep = (params: Readonly<Record<string, ParamLevel>>) =>
    Object.entries(params)
      .filter(([name, level]) => allowedBy(level, p) && !(opts.without ?? []).includes(name))
      .map(([name]) => name);
  const access: AggregateAccess = {
    kind: 'aggregate',
    spatial: p.spatial,
    time: p.time,
    groupBy: keep(shape.groupBy),
    filters: keep(shape.filters),
    maxDimensions: p.maxDimensions,
    disclosure: p.disclosure,
  };
  if (opts.sensitive) access.sensitive = opts.sensitive;
  return access;
}

const OPEN: OpenAccess = { kind: 'open' };
const everyone = (a: Access): Record<Role, Access> => Object.fromEntries(ROLES.map((r) => [r, a])) as Record<Role, Access>;
const places = (placeKinds: readonly PlaceKind[]): PlacesAccess => ({ kind: 'places', placeKinds });

const DEMOGRAPHIC = ['nationality', 'sex', 'ageGroup'] as const;
/** Protection-sensitive services are never broken down by nationality × sex × age group for external roles. */
const SENSITIVE_SERVICES: SensitiveRule = { param: 'service', values: PROTECTION_SENSITIVE_SERVICES, dimensions: DEMOGRAPHIC, max: 2 };
/** Public geography: towns and border posts (no facility, no monitoring point). */
const CONTEXT_PLACES: readonly PlaceKind[] = ['hub', 'border_crossing'];

/**
 * THE TABLE. Row = endpoint, column = role; a missing cell is a denial.
 *
 * - public, government: admin-1 only, whole months, 2 dimensions, disclosure control; no assistance by nationality,
 *   sex or age group (government must not get it, so neither may anyone signed out). Places: towns and border posts.
 * - donor: facilities and admin-1, whole months, 2 dimensions, disclosure control; protection-sensitive services never
 *   broken down by nationality × sex × age group. Places: also offices and transit centres.
 * - programme, admin: everything, exact.
 */
export const POLICY: Readonly<Record<Endpoint, Readonly<Partial<Record<Role, Access>>>>> = {
  meta: everyone(OPEN),
  regions: everyone(OPEN),
  openapi: everyone(OPEN),
  session: everyone(OPEN),
  setup: everyone(OPEN), // the handler itself refuses once an admin exists
  spa: everyone(OPEN),
  places: {
    public: places(CONTEXT_PLACES),
    government: places(CONTEXT_PLACES),
    donor: places([...CONTEXT_PLACES, 'office', 'transit_centre']),
    programme: places(PLACE_KINDS),
    admin: places(PLACE_KINDS),
  },
  routes: { programme: OPEN, admin: OPEN },
  /** Writing data: admins only. */
  imports: { admin: OPEN },
  flows: {
    public: aggregate('flows', ADMIN1),
    government: aggregate('flows', ADMIN1),
    donor: aggregate('flows', DONOR),
    programme: aggregate('flows', INTERNAL),
    admin: aggregate('flows', INTERNAL),
  },
  assistance: {
    public: aggregate('assistance', ADMIN1, { without: DEMOGRAPHIC }),
    government: aggregate('assistance', ADMIN1, { without: DEMOGRAPHIC }),
    donor: aggregate('assistance', DONOR, { sensitive: SENSITIVE_SERVICES }),
    programme: aggregate('assistance', INTERNAL),
    admin: aggregate('assistance', INTERNAL),
  },
  returns: {
    public: aggregate('returns', ADMIN1),
    government: aggregate('returns', ADMIN1),
    donor: aggregate('returns', DONOR),
    programme: aggregate('returns', INTERNAL),
    admin: aggregate('returns', INTERNAL),
  },
  /** Admin-1 regions: every role; external roles get whole months and disclosure-controlled counts. */
  hotspots: {
    public: aggregate('hotspots', ADMIN1),
    government: aggregate('hotspots', ADMIN1),
    donor: aggregate('hotspots', DONOR),
    programme: aggregate('hotspots', INTERNAL),
    admin: aggregate('hotspots', INTERNAL),
  },
};

// ---------- decisions ----------

export interface FieldError {
  field: string;
  message: string;
}

export type EndpointDecision =
  | { allow: true; access: Access }
  | { allow: false; status: 401 | 403; detail: string };

/** May `role` use `endpoint` at all? Unknown endpoints are denied to everyone. */
export function decideEndpoint(endpoint: Endpoint | undefined, role: Role): EndpointDecision {
  if (endpoint === undefined) {
    return { allow: false, status: 403, detail: 'This resource is not in the access policy, so it is closed to everyone' };
  }
  const access = POLICY[endpoint][role];
  if (access) return { allow: true, access };
  const someAccount = ROLES.some((r) => r !== 'public' && POLICY[endpoint][r]);
  if (role === 'public' && someAccount) {
    return { allow: false, status: 401, detail: `Sign in to see ${endpoint}: it is not public` };
  }
  return { allow: false, status: 403, detail: `The ${role} role may not see ${endpoint}` };
}

const ROLE_NOTE: Record<Role, string> = {
  public: 'signed-out visitors',
  donor: 'the donor role',
  government: 'the government role',
  programme: 'the programme role',
  admin: 'the admin role',
};

function levelNote(level: ParamLevel | undefined): string {
  if (level && typeof level === 'object' && 'spatial' in level) {
    return level.spatial === 'point' ? ' (monitoring-point and route data is for programme staff)' : ' (facility data is for donors and programme staff)';
  }
  if (level && typeof level === 'object' && 'time' in level) return ` (${level.time}ly figures are for programme staff)`;
  return '';
}

const isFirstOfMonth = (d: string) => d.slice(8, 10) === '01';
function isLastOfMonth(d: string): boolean {
  const next = new Date(`${d}T00:00:00Z`);
  next.setUTCDate(next.getUTCDate() + 1);
  return next.getUTCDate() === 1;
}
const isoDay = (d: string) => (new Date(`${d}T00:00:00Z`).getUTCDay() + 6) % 7; // Monday = 0

/** The finest time resolution allowed (the from/to alignment). */
export function finestTime(time: readonly TimeResolution[]): TimeResolution {
  return TIME_ORDER.find((t) => time.includes(t)) ?? 'year';
}

function periodErrors(q: Record<string, unknown>, a: AggregateAccess, role: Role, data: { min: string; max: string }): FieldError[] {
  const unit = finestTime(a.time);
  if (unit === 'day') return [];
  const errors: FieldError[] = [];
  const from = typeof q.from === 'string' ? q.from : undefined;
  const to = typeof q.to === 'string' ? q.to : undefined;
  // Dates outside the data change nothing: a period reaching past the data's ends covers whole units of it.
  const startOk = (d: string) =>
    d <= data.min || (unit === 'week' ? isoDay(d) === 0 : unit === 'month' ? isFirstOfMonth(d) : d.slice(5) === '01-01');
  const endOk = (d: string) =>
    d >= data.max || (unit === 'week' ? isoDay(d) === 6 : unit === 'month' ? isLastOfMonth(d) : d.slice(5) === '12-31');
  const what = unit === 'week' ? 'week (Monday to Sunday)' : unit;
  if (from !== undefined && !startOk(from)) {
    errors.push({ field: 'from', message: `must be the first day of a ${what}: ${ROLE_NOTE[role]} sees whole ${unit}s only` });
  }
  if (to !== undefined && !endOk(to)) {
    errors.push({ field: 'to', message: `must be the last day of a ${what}: ${ROLE_NOTE[role]} sees whole ${unit}s only` });
  }
  return errors;
}

const present = (v: unknown) => v !== undefined && !(Array.isArray(v) && v.length === 0);

/**
 * Checks a validated aggregate query against the role's entry. Returns the parameters that break it (empty = allowed).
 * `shape` names the endpoint's parameter levels for the messages; `data` is the data's date extent.
 */
export function decideQuery(
  endpoint: AggregateEndpoint,
  access: AggregateAccess,
  role: Role,
  query: Record<string, unknown>,
  data: { min: string; max: string },
): FieldError[] {
  const shape: AggregateShape = AGGREGATE_SHAPES[endpoint];
  const errors: FieldError[] = [];
  const groupBy = Array.isArray(query.groupBy) ? (query.groupBy as unknown[]).map(String) : [];

  const refusedDims = groupBy.filter((g) => !access.groupBy.includes(g));
  for (const g of refusedDims) {
    errors.push({
      field: 'groupBy',
      message: `value '${g}' is not available to ${ROLE_NOTE[role]}${levelNote(shape.groupBy[g])}; allowed: ${access.groupBy.join(', ')}`,
    });
  }
  if (groupBy.length > access.maxDimensions) {
    errors.push({ field: 'groupBy', message: `accepts at most ${access.maxDimensions} dimensions for ${ROLE_NOTE[role]}` });
  }
  for (const [key, value] of Object.entries(query)) {
    if (key === 'groupBy' || !present(value)) continue;
    if (!access.filters.includes(key)) {
      errors.push({ field: key, message: `is not available to ${ROLE_NOTE[role]}${levelNote(shape.filters[key])}` });
    }
  }
  errors.push(...periodErrors(query, access, role, data));

  const rule = access.sensitive;
  if (rule) {
    const used = rule.dimensions.filter((d) => groupBy.includes(d) || present(query[d]));
    const scope = query[rule.param];
    const scoped = Array.isArray(scope) ? scope.map(String) : typeof scope === 'string' ? [scope] : null;
    // Without a filter on the parameter, the answer covers every value, sensitive ones included.
    const includesSensitive = scoped === null || scoped.some((v) => rule.values.includes(v));
    if (used.length > rule.max && includesSensitive) {
      const last = used[used.length - 1]!;
      errors.push({
        field: groupBy.includes(last) ? 'groupBy' : last,
        message:
          `combines ${used.join(' × ')}: ${rule.values.join(' and ')} are never broken down by ${rule.dimensions.join(' × ')} ` +
          `for ${ROLE_NOTE[role]}; use at most ${rule.max} of them, or set ${rule.param} to values other than ${rule.values.join(', ')}`,
      });
    }
  }
  return errors;
}

/** The resolved policy for a role: endpoint → entry (denied endpoints absent). */
export function describeAccess(role: Role): Partial<Record<Endpoint, Access>> {
  const out: Partial<Record<Endpoint, Access>> = {};
  for (const e of ENDPOINTS) {
    const a = POLICY[e][role];
    if (a) out[e] = a;
  }
  return out;
}

export function isAggregateEndpoint(e: Endpoint): e is AggregateEndpoint {
  return e in AGGREGATE_SHAPES;
}
