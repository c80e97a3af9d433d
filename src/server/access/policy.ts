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
import { isMonthEnd, isMonthStart, isWeekEnd, isWeekStart, isYearEnd, isYearStart } from '../../shared/calendar';
import { MAX_GROUP_BY, PLACE_KINDS, PROTECTION_SENSITIVE_SERVICES, ROLES, type PlaceKind, type Role } from '../../shared/enums';
import {
  AGGREGATE_SHAPES,
  shapeErrors,
  TIME_ORDER,
  type AggregateEndpoint,
  type AggregateShape,
  type ParamLevel,
  type SpatialLevel,
  type TimeResolution,
} from '../../shared/query-shape';

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
  coverage: [`GET ${API}/coverage`],
  pathway: [`GET ${API}/pathway`],
  pressure: [`GET ${API}/pressure`],
  openapi: [`GET ${API}/openapi.json`],
  /** Load balancers: alive (`/healthz`) and ready to serve (`/readyz`: the store answers, data loaded). */
  health: ['GET /healthz', 'GET /readyz'],
  session: [`GET ${API}/session`, `POST ${API}/session`, `DELETE ${API}/session`],
  setup: [`POST ${API}/setup`],
  /** Admin data imports (CSV or GeoJSON body), their history and undo (see src/server/routes/imports.ts). */
  imports: [
    `POST ${API}/imports/flows`,
    `POST ${API}/imports/assistance`,
    `POST ${API}/imports/returns`,
    `POST ${API}/imports/places`,
    `GET ${API}/imports`,
    `POST ${API}/imports/:id/undo`,
    `GET ${API}/imports/templates/flows.csv`,
    `GET ${API}/imports/templates/assistance.csv`,
    `GET ${API}/imports/templates/returns.csv`,
  ],
  /** The built SPA's files (@fastify/static), present only when a build is served. */
  spa: ['GET /*'],
} as const satisfies Record<string, readonly string[]>;
export type Endpoint = keyof typeof ENDPOINT_ROUTES;
export const ENDPOINTS = Object.keys(ENDPOINT_ROUTES) as Endpoint[];

const ROUTE_INDEX = new Map<string, Endpoint>(ENDPOINTS.flatMap((e) => ENDPOINT_ROUTES[e].map((r) => [r, e] as [string, Endpoint])));

/** The endpoint a registered route belongs to, or undefined when the table does not cover it. */
export function endpointOf(method: string, url: string | undefined): Endpoint | undefined {
  if (url === undefined) return undefined;
  const m = method.toUpperCase() === 'HEAD' ? 'GET' : method.toUpperCase();
  return ROUTE_INDEX.get(`${m} ${url}`);
}

// ---------- levels ----------

// The parameters' classification and the shape rule are shared with the client (src/shared/query-shape.ts).
export { AGGREGATE_SHAPES, TIME_ORDER, type AggregateEndpoint, type SpatialLevel, type TimeResolution } from '../../shared/query-shape';

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
  /** Most groupBy dimensions. */
  maxDimensions: number;
  /** Most breakdowns (place and attribute dimensions of groupBy and filters together); see shared/query-shape.ts. */
  maxBreakdowns?: number;
  /** Most breakdowns of the people counted (attributes). */
  maxAttributes?: number;
  /** Filters take one value. */
  singleValues?: boolean;
  /** Answers are sums of published cells, perturbed by the cell-key method (published-tables.ts). */
  disclosure: boolean;
  sensitive?: SensitiveRule;
}
export type Access = OpenAccess | PlacesAccess | AggregateAccess;

/** What a kind of audience sees, before endpoint-specific exclusions. */
interface Profile {
  spatial: readonly SpatialLevel[];
  time: readonly TimeResolution[];
  maxDimensions: number;
  maxBreakdowns?: number;
  maxAttributes?: number;
  singleValues?: boolean;
  disclosure: boolean;
}

/** Programme staff and admins: every level, every day, up to the schema's 3 dimensions, exact counts. */
const INTERNAL: Profile = { spatial: ['point', 'facility', 'admin1'], time: ['day', 'week', 'month', 'year'], maxDimensions: MAX_GROUP_BY, disclosure: false };
/**
 * Signed-out visitors, donors and government liaisons: the published cells (published-tables.ts) — whole months, at
 * monitoring-point, route, transit-centre and admin-1 level, one breakdown of the people counted at a time, one value
 * per filter, at most 2 breakdowns with narrowing filters counted; every count perturbed by the cell-key method.
 */
const OUTSIDE: Profile = {
  spatial: ['point', 'facility', 'admin1'],
  time: ['month', 'year'],
  maxDimensions: MAX_GROUP_BY,
  maxBreakdowns: 2,
  maxAttributes: 1,
  singleValues: true,
  disclosure: true,
};

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
  if (p.maxBreakdowns !== undefined) access.maxBreakdowns = p.maxBreakdowns;
  if (p.maxAttributes !== undefined) access.maxAttributes = p.maxAttributes;
  if (p.singleValues) access.singleValues = true;
  if (opts.sensitive) access.sensitive = opts.sensitive;
  return access;
}

const OPEN: OpenAccess = { kind: 'open' };
const everyone = (a: Access): Record<Role, Access> => Object.fromEntries(ROLES.map((r) => [r, a])) as Record<Role, Access>;
const places = (placeKinds: readonly PlaceKind[]): PlacesAccess => ({ kind: 'places', placeKinds });

const DEMOGRAPHIC = ['nationality', 'sex', 'ageGroup'] as const;
/**
 * Protection-sensitive services are never broken down by nationality, sex or age group for outside roles. With one
 * breakdown at a time this holds by the shape rule already (service=family_tracing&groupBy=nationality is two); the
 * rule is kept so that it still holds if the cap is ever raised.
 */
const SENSITIVE_SERVICES: SensitiveRule = { param: 'service', values: PROTECTION_SENSITIVE_SERVICES, dimensions: DEMOGRAPHIC, max: 0 };
const ALL_PLACES = places(PLACE_KINDS);

/**
 * THE TABLE. Row = endpoint, column = role; a missing cell is a denial.
 *
 * - Geography is public: corridors, IOM offices, transit centres, monitoring points, towns and border posts, for everyone.
 * - public, government, donor (OUTSIDE): flows per monitoring point, route and region; assistance per transit centre
 *   and region with its service; returns per centre; months; published cells only. Donors also see assistance by
 *   nationality, sex and age group, and returns by country of origin (which follows the nationality rule: whoever may
 *   not break assistance down by nationality may not see returns by destination either, the same people by another name).
 *   Government liaisons also get the hotspots view (regions).
 * - programme, admin: everything, exact.
 */
export const POLICY: Readonly<Record<Endpoint, Readonly<Partial<Record<Role, Access>>>>> = {
  meta: everyone(OPEN),
  regions: everyone(OPEN),
  openapi: everyone(OPEN),
  health: everyone(OPEN),
  session: everyone(OPEN),
  setup: everyone(OPEN), // the handler itself refuses once an admin exists
  spa: everyone(OPEN),
  places: everyone(ALL_PLACES),
  routes: everyone(OPEN),
  /** Writing data, the import history and undoing an import: admins only. */
  imports: { admin: OPEN },
  flows: {
    public: aggregate('flows', OUTSIDE),
    government: aggregate('flows', OUTSIDE),
    donor: aggregate('flows', OUTSIDE),
    programme: aggregate('flows', INTERNAL),
    admin: aggregate('flows', INTERNAL),
  },
  assistance: {
    public: aggregate('assistance', OUTSIDE, { without: DEMOGRAPHIC }),
    government: aggregate('assistance', OUTSIDE, { without: DEMOGRAPHIC }),
    donor: aggregate('assistance', OUTSIDE, { sensitive: SENSITIVE_SERVICES }),
    programme: aggregate('assistance', INTERNAL),
    admin: aggregate('assistance', INTERNAL),
  },
  returns: {
    public: aggregate('returns', OUTSIDE, { without: ['destination'] }),
    government: aggregate('returns', OUTSIDE, { without: ['destination'] }),
    donor: aggregate('returns', OUTSIDE),
    programme: aggregate('returns', INTERNAL),
    admin: aggregate('returns', INTERNAL),
  },
  /** Admin-1 regions ranked: government liaisons (published cells) and programme staff (exact). */
  hotspots: {
    government: aggregate('hotspots', OUTSIDE),
    programme: aggregate('hotspots', INTERNAL),
    admin: aggregate('hotspots', INTERNAL),
  },
  /**
   * Which monitoring points were counting: everyone, as it says whether counting happened, not how many people were
   * counted. Outside roles get whole months (the share of each month's weeks that reported, or less: docs/disclosure.md).
   */
  coverage: {
    public: aggregate('coverage', OUTSIDE),
    government: aggregate('coverage', OUTSIDE),
    donor: aggregate('coverage', OUTSIDE),
    programme: aggregate('coverage', INTERNAL),
    admin: aggregate('coverage', INTERNAL),
  },
  /**
   * From the corridor to the help: everyone. Each number is an answer the role gets from flows, assistance or returns
   * (routes/pathway.ts asks them through the role's own entries), so outside roles see published cells only, months.
   */
  pathway: {
    public: aggregate('pathway', OUTSIDE),
    government: aggregate('pathway', OUTSIDE),
    donor: aggregate('pathway', OUTSIDE),
    programme: aggregate('pathway', INTERNAL),
    admin: aggregate('pathway', INTERNAL),
  },
  /**
   * Centre pressure: everyone may ask; the handler answers programme staff and admins weekly (exact-based, with the
   * forecast) and everyone else by month, from the role's own /assistance answer through the occupancy formula, with
   * the forecast explained as locked (routes/pressure.ts, docs/pressure.md).
   */
  pressure: everyone(OPEN),
};

// ---------- decisions ----------

export interface FieldError {
  field: string;
  message: string;
}

export type EndpointDecision = { allow: true; access: Access } | { allow: false; status: 401 | 403; detail: string };

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
    return ' (not published at this level)';
  }
  if (level && typeof level === 'object' && 'time' in level) return ` (${level.time}ly figures are for programme staff; others see whole months)`;
  if (level === 'attribute') return ' (this breakdown is not published for this audience)';
  return '';
}

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
  const startOk = (d: string) => d <= data.min || (unit === 'week' ? isWeekStart(d) : unit === 'month' ? isMonthStart(d) : isYearStart(d));
  const endOk = (d: string) => d >= data.max || (unit === 'week' ? isWeekEnd(d) : unit === 'month' ? isMonthEnd(d) : isYearEnd(d));
  const what = unit === 'week' ? 'week (Monday to Sunday)' : unit;
  if (from !== undefined && !startOk(from)) {
    errors.push({ field: 'from', message: `must be the first day of a ${what}: only whole ${unit}s are published for ${ROLE_NOTE[role]}` });
  }
  if (to !== undefined && !endOk(to)) {
    errors.push({ field: 'to', message: `must be the last day of a ${what}: only whole ${unit}s are published for ${ROLE_NOTE[role]}` });
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
  errors.push(...shapeErrors(endpoint, access, query, ROLE_NOTE[role]));
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
    // The breakdown actually present: a sensitive value is singled out when the parameter is filtered to it, or
    // grouped by without a filter keeping only other values. (Grouping by nationality alone mixes every service.)
    const singlesOut = scoped !== null ? scoped.some((v) => rule.values.includes(v)) : groupBy.includes(rule.param);
    if (used.length > rule.max && singlesOut) {
      const last = used[used.length - 1]!;
      errors.push({
        field: groupBy.includes(last) ? 'groupBy' : last,
        message:
          `combines ${rule.param} × ${used.join(' × ')}: ${rule.values.join(' and ')} are never broken down by ` +
          `${rule.dimensions.join(', ')} for ${ROLE_NOTE[role]}` +
          (rule.max > 0 ? ` beyond ${rule.max} of them` : '') +
          `; set ${rule.param} to values other than ${rule.values.join(', ')}`,
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
