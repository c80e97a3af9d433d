/**
 * msw handlers for the client's component tests: a tiny in-memory dataset aggregated like the real
 * API (filters, groupBy, problem+json on bad input), every answer checked against the shared schemas.
 */
import { http, HttpResponse } from 'msw';
import {
  aggregateResponse,
  assistanceQuery,
  flowsQuery,
  metaResponse,
  placesResponse,
  hotspotsResponse,
  problem,
  returnsQuery,
  routesResponse,
  sessionResponse,
  type AggregateResponse,
  type SessionResponse,
  type MetaResponse,
  type PlacesResponse,
  type RoutesResponse,
} from '../../src/shared/api';
import { coverageResponse, type CoverageResponse } from '../../src/shared/api-coverage';
import { pressureLocked } from '../../src/shared/api-pressure';
import { SERVICES, type Role } from '../../src/shared/enums';
import { isMonthEnd, isMonthStart } from '../../src/shared/calendar';
import { shapeErrors, type AggregateEndpoint } from '../../src/shared/query-shape';

export const meta: MetaResponse = metaResponse.parse({
  title: 'Transit Atlas test dataset',
  illustrative: true,
  notice: 'Illustrative data — synthetic, not IOM data',
  dataAsOf: '2019-12-31',
  dataVersion: 'test-1',
  dateRange: { min: '2015-01-01', max: '2019-12-31' },
  defaultPeriod: { from: '2016-01-01', to: '2016-12-31' },
  nationalities: [
    { id: 'NER', name: 'Niger', capital: 'Niamey', lon: 2.1, lat: 13.5 },
    { id: 'NGA', name: 'Nigeria', capital: 'Abuja', lon: 7.5, lat: 9.1 },
    { id: 'SEN', name: 'Senegal', capital: 'Dakar', lon: -17.4, lat: 14.7 },
  ],
  directions: ['incoming', 'outgoing'],
  sexes: ['f', 'm'],
  ageGroups: ['adult', 'minor'],
  transports: ['car', 'bus', 'truck', 'motorbike', 'other'],
  services: [...SERVICES],
  placeKinds: ['office', 'transit_centre', 'monitoring_point', 'hub', 'border_crossing'],
  events: [{ date: '2016-08-01', label: 'Enforcement of Law 2015-36 begins', source: 'test' }],
});

const pt = (id: string, name: string, kind: string, lon: number, lat: number, extra: Record<string, unknown> = {}) => ({
  type: 'Feature' as const,
  id,
  properties: {
    id,
    name,
    kind,
    countryIso3: 'NER',
    admin1Pcode: 'NE001',
    capacity: null,
    activeFrom: null,
    activeTo: null,
    routes: [],
    source: 'test fixture',
    ...extra,
  },
  geometry: { type: 'Point' as const, coordinates: [lon, lat] as [number, number] },
});

export const places: PlacesResponse = placesResponse.parse({
  type: 'FeatureCollection',
  features: [
    pt('agadez-office', 'IOM Agadez office', 'office', 7.99, 16.97),
    pt('agadez-tc', 'Agadez transit centre', 'transit_centre', 7.99, 16.97, { capacity: 1000 }),
    pt('arlit-tc', 'Arlit transit centre', 'transit_centre', 7.38, 18.74, { capacity: 300 }),
    pt('arlit-fmp', 'Arlit (FMP)', 'monitoring_point', 7.39, 18.74, { activeFrom: '2016-02-01', routes: ['R4'] }),
    pt('seguedine-fmp', 'Séguédine (FMP)', 'monitoring_point', 12.98, 20.2, { activeFrom: '2016-02-01', routes: ['R5'] }),
    pt('kano', 'Kano', 'hub', 8.52, 12.0, { countryIso3: 'NGA', admin1Pcode: null }),
    pt('assamaka', 'Assamaka', 'border_crossing', 5.8, 19.37),
  ],
});

const line = (id: string, name: string, monitoredBy: string[], coords: Array<[number, number]>) => ({
  type: 'Feature' as const,
  id,
  properties: { id, name, corridor: 'Test corridor', waypoints: [], lengthKm: 768, monitoredBy },
  geometry: { type: 'LineString' as const, coordinates: coords },
});

export const routes: RoutesResponse = routesResponse.parse({
  type: 'FeatureCollection',
  features: [
    line(
      'R4',
      'Agadez–Arlit–Tamanrasset',
      ['arlit-fmp'],
      [
        [7.99, 16.97],
        [5.52, 22.78],
      ],
    ),
    line(
      'R5',
      'Agadez–Dirkou–Séguédine–Sabha',
      ['seguedine-fmp'],
      [
        [7.99, 16.97],
        [14.43, 27.04],
      ],
    ),
    line(
      'R1',
      'Bamako–Ouagadougou–Niamey',
      [],
      [
        [-8, 12.65],
        [2.11, 13.51],
      ],
    ),
  ],
});

type Row = { count: number; [dim: string]: string | number };

const WEEKS = ['2016-02-01', '2016-02-08', '2016-02-15', '2019-03-04'];
const NATS = ['NER', 'NGA', 'SEN'];

/** Flow observations: point × week × direction × nationality × sex × age, deterministic counts. */
export const flowRecords: Row[] = [];
for (const [pi, point] of ['arlit-fmp', 'seguedine-fmp'].entries())
  for (const [wi, week] of WEEKS.entries())
    for (const [di, direction] of ['incoming', 'outgoing'].entries())
      for (const [ni, nationality] of NATS.entries())
        for (const [si, sex] of ['f', 'm'].entries())
          for (const [ai, ageGroup] of ['adult', 'minor'].entries())
            flowRecords.push({
              point,
              route: point === 'arlit-fmp' ? 'R4' : 'R5',
              week,
              direction,
              nationality,
              sex,
              ageGroup,
              transport: ['truck', 'bus', 'car'][(pi + wi + ni) % 3]!,
              count: (pi + 1) * 100 + wi * 37 + di * 211 + ni * 13 + si * 300 + (ai === 0 ? 50 : 3),
            });

/** Assistance: centre × week × service × nationality × sex × age. */
export const assistanceRecords: Row[] = [];
for (const [ci, centre] of ['agadez-tc', 'arlit-tc'].entries())
  for (const [wi, week] of WEEKS.entries())
    for (const [vi, service] of SERVICES.entries())
      for (const [ni, nationality] of NATS.entries())
        for (const sex of ['f', 'm'])
          for (const ageGroup of ['adult', 'minor'])
            assistanceRecords.push({
              centre,
              week,
              service,
              nationality,
              sex,
              ageGroup,
              count: Math.max(0, (ci + 2) * 40 - vi * 5 + wi * 3 + ni * 2 + (sex === 'm' ? 20 : 0) + (ageGroup === 'adult' ? 10 : 0)),
            });

/** Voluntary returns: centre × week × destination. */
export const returnRecords: Row[] = [];
for (const [ci, centre] of ['agadez-tc', 'arlit-tc'].entries())
  for (const [wi, week] of WEEKS.entries())
    for (const [ni, destination] of NATS.filter((n) => n !== 'NER').entries())
      returnRecords.push({ centre, week, destination, count: (ci + 1) * 20 + wi * 5 + ni * 7 });

// ---------- sessions: what GET /api/v1/session answers for each role (the server's policy, src/server/access/policy.ts) ----------

const PLACE_KINDS_ALL = ['office', 'transit_centre', 'monitoring_point', 'hub', 'border_crossing'];
const OPEN = { meta: {}, places: { placeKinds: PLACE_KINDS_ALL }, routes: {}, regions: {}, openapi: {}, health: {}, session: {}, setup: {}, pressure: {} };
const PERIOD = ['from', 'to', 'format'];
/** Outside roles (public, government, donor): published monthly cells, one breakdown at a time, one value per filter. */
const OUTSIDE = {
  maxDimensions: 3,
  timeResolution: 'month',
  maxBreakdowns: 2,
  maxAttributes: 1,
  singleValues: true,
  disclosure: { method: 'cell-key', k: 10, maxNoise: 3, resolution: 'month' },
} as const;
const INTERNAL = { maxDimensions: 3, timeResolution: 'day' } as const;
const FLOW_FILTERS = [...PERIOD, 'point', 'route', 'region', 'direction', 'nationality', 'sex', 'ageGroup', 'transport'];
const outsideFlows = {
  groupBy: ['point', 'route', 'region', 'month', 'year', 'direction', 'nationality', 'sex', 'ageGroup', 'transport'],
  filters: FLOW_FILTERS,
  ...OUTSIDE,
};
const publicAssistance = { groupBy: ['centre', 'region', 'service', 'month', 'year'], filters: [...PERIOD, 'centre', 'service'], ...OUTSIDE };
const publicReturns = { groupBy: ['centre', 'month', 'year'], filters: [...PERIOD, 'centre'], ...OUTSIDE };
const hotspotsOf = (p: object) => ({ groupBy: [], filters: PERIOD, ...p });
/** Coverage: everyone, the period its one parameter (weeks inside, months outside). */
const coverageOf = (p: object) => ({ groupBy: [], filters: ['from', 'to'], ...p });
/** Pathway: everyone, by period and route (published answers outside). */
const pathwayOf = (p: object) => ({ groupBy: [], filters: ['from', 'to', 'route'], ...p });

/** The access summary of every role, as the server sends it. */
export const ACCESS = {
  public: { ...OPEN, flows: outsideFlows, assistance: publicAssistance, returns: publicReturns, coverage: coverageOf(OUTSIDE), pathway: pathwayOf(OUTSIDE) },
  government: {
    ...OPEN,
    flows: outsideFlows,
    assistance: publicAssistance,
    returns: publicReturns,
    hotspots: hotspotsOf(OUTSIDE),
    coverage: coverageOf(OUTSIDE),
    pathway: pathwayOf(OUTSIDE),
  },
  donor: {
    ...OPEN,
    flows: outsideFlows,
    assistance: {
      groupBy: ['centre', 'region', 'service', 'month', 'year', 'nationality', 'sex', 'ageGroup'],
      filters: [...PERIOD, 'centre', 'service', 'nationality', 'sex', 'ageGroup'],
      ...OUTSIDE,
    },
    returns: { groupBy: ['destination', 'centre', 'month', 'year'], filters: [...PERIOD, 'centre', 'destination'], ...OUTSIDE },
    coverage: coverageOf(OUTSIDE),
    pathway: pathwayOf(OUTSIDE),
  },
  programme: {
    ...OPEN,
    flows: {
      groupBy: ['point', 'route', 'region', 'week', 'month', 'year', 'direction', 'nationality', 'sex', 'ageGroup', 'transport'],
      filters: FLOW_FILTERS,
      ...INTERNAL,
    },
    assistance: {
      groupBy: ['centre', 'region', 'service', 'week', 'month', 'year', 'nationality', 'sex', 'ageGroup'],
      filters: [...PERIOD, 'centre', 'service', 'nationality', 'sex', 'ageGroup'],
      ...INTERNAL,
    },
    returns: { groupBy: ['destination', 'centre', 'month', 'year'], filters: [...PERIOD, 'centre', 'destination'], ...INTERNAL },
    hotspots: hotspotsOf(INTERNAL),
    coverage: coverageOf(INTERNAL),
    pathway: pathwayOf(INTERNAL),
  },
} as const;

/** GET /api/v1/session for each role (admin: programme's access plus imports). */
export const SESSIONS: Record<Role, SessionResponse> = {
  public: sessionResponse.parse({ username: null, role: 'public', access: ACCESS.public }),
  government: sessionResponse.parse({ username: 'a-government', role: 'government', access: ACCESS.government }),
  donor: sessionResponse.parse({ username: 'a-donor', role: 'donor', access: ACCESS.donor }),
  programme: sessionResponse.parse({ username: 'tester', role: 'programme', access: ACCESS.programme }),
  admin: sessionResponse.parse({ username: 'an-admin', role: 'admin', access: { ...ACCESS.programme, imports: {} } }),
};

/** The default session of the component tests: programme, every grouping allowed (the tests exercise the full UI). */
export const session = SESSIONS.programme;

/** The session the handlers answer and enforce (as the server would: 401/403 for what the role may not ask). */
let current: SessionResponse = session;
/** Sign the handlers in as `role` (reset to programme after each test by `resetHandlerState`). */
export function signInAs(role: Role): SessionResponse {
  current = SESSIONS[role];
  return current;
}
export const currentSession = () => current;

/** A fixed hotspots answer: two regions, one withheld, one flagged. */
export const hotspots = hotspotsResponse.parse({
  from: '2019-01-01',
  to: '2019-12-31',
  previousFrom: '2018-01-01',
  previousTo: '2018-12-31',
  dataVersion: 'test',
  method: 'Robust z-score of the last 4 weeks against the 26 before.',
  regions: [
    { pcode: 'NE001', name: 'Agadez', monitored: true, flows: 12000, previousFlows: 10000, change: 0.2, assisted: 3000, anomaly: { score: 4.1, flag: true } },
    {
      pcode: 'NE008',
      name: 'Niamey',
      monitored: true,
      flows: null,
      flowsSuppressed: true,
      previousFlows: 40,
      change: null,
      assisted: 120,
      anomaly: { score: null, flag: false },
    },
  ],
});

type Filters = Record<string, string | string[] | undefined>;

/** The aggregation the API performs, over the fixture records. */
export function aggregate(records: Row[], q: Filters & { groupBy?: string[] }, from = '2015-01-01', to = '2019-12-31'): AggregateResponse {
  const f = q.from ?? from;
  const t = q.to ?? to;
  const keep = records.filter((r) => {
    if (String(r['week']) < String(f) || String(r['week']) > String(t)) return false;
    for (const [k, v] of Object.entries(q)) {
      if (['from', 'to', 'groupBy', 'format'].includes(k) || v === undefined) continue;
      const values = Array.isArray(v) ? v : [v];
      if (!values.includes(String(r[k]))) return false;
    }
    return true;
  });
  const dims = q.groupBy ?? [];
  const groups = new Map<string, Row>();
  // Months are derived from the fixture's weeks (the month a week starts in).
  const value = (r: Row, d: string) => (d === 'month' ? `${String(r['week']).slice(0, 7)}-01` : r[d]);
  for (const r of keep) {
    const key = dims.map((d) => value(r, d)).join('|');
    const g = groups.get(key) ?? ({ count: 0, ...Object.fromEntries(dims.map((d) => [d, value(r, d)])) } as Row);
    g.count += r.count;
    groups.set(key, g);
  }
  const rows = [...groups.values()].sort((a, b) => dims.map((d) => String(a[d]).localeCompare(String(b[d]))).find((x) => x !== 0) ?? 0);
  return aggregateResponse.parse({
    groupBy: dims,
    rows: dims.length === 0 ? [{ count: rows[0]?.count ?? 0 }] : rows,
    total: keep.reduce((s, r) => s + r.count, 0),
    from: f,
    to: t,
    dataVersion: meta.dataVersion,
  });
}

/** Every API request the handlers saw (tests assert on query strings). */
export const requests: URL[] = [];
/** Every request the handlers refused for the current session's role (401/403): the app must never make one. */
export const refused: Array<{ url: URL; status: number; detail: string }> = [];

/** Back to the programme session, no requests recorded (after each test). */
export function resetHandlerState(): void {
  current = session;
  requests.length = 0;
  refused.length = 0;
}

const DATA = { min: meta.dateRange.min, max: meta.dateRange.max };

/**
 * What the server's policy says of this aggregate request for the current role (null: allowed). The same checks as
 * src/server/access/policy.ts `decideQuery`, on the session's summary: endpoint, groupBy values, filters, the shape
 * rule (src/shared/query-shape.ts) and whole months for roles that see months only.
 */
export function refusal(endpoint: AggregateEndpoint, url: URL): { status: number; detail: string } | null {
  const a = current.access[endpoint];
  if (!a)
    return current.role === 'public'
      ? { status: 401, detail: `Sign in to see ${endpoint}` }
      : { status: 403, detail: `The ${current.role} role may not see ${endpoint}` };
  const query: Record<string, unknown> = {};
  for (const [k, v] of url.searchParams) query[k] = k === 'groupBy' || v.includes(',') ? v.split(',') : v;
  const groupBy = (query.groupBy as string[] | undefined) ?? [];
  const bad = groupBy.find((g) => !(a.groupBy ?? []).includes(g));
  if (bad) return { status: 403, detail: `groupBy value '${bad}' is not available to ${current.role}` };
  const filter = Object.keys(query).find((k) => k !== 'groupBy' && a.filters && !a.filters.includes(k));
  if (filter) return { status: 403, detail: `${filter} is not available to ${current.role}` };
  const shape = shapeErrors(endpoint, { maxDimensions: a.maxDimensions ?? 3, ...a }, query, current.role);
  if (shape.length > 0) return { status: 403, detail: `${shape[0]!.field} ${shape[0]!.message}` };
  if (a.timeResolution === 'month') {
    const from = url.searchParams.get('from');
    const to = url.searchParams.get('to');
    if (from && from > DATA.min && !isMonthStart(from)) return { status: 403, detail: `from must be the first day of a month for ${current.role}` };
    if (to && to < DATA.max && !isMonthEnd(to)) return { status: 403, detail: `to must be the last day of a month for ${current.role}` };
  }
  return null;
}

/** The problem answer of a refused request (recorded in `refused`), or null when the role may ask it. */
function refuse(endpoint: AggregateEndpoint, url: URL) {
  const r = refusal(endpoint, url);
  if (!r) return null;
  refused.push({ url, ...r });
  return problemResponse(r.status, r.detail);
}

function problemResponse(status: number, detail: string, field?: string) {
  const body = problem.parse({
    type: 'about:blank',
    title: status === 400 ? 'Bad Request' : status === 401 ? 'Unauthorized' : status === 403 ? 'Forbidden' : 'Internal Server Error',
    status,
    detail,
    ...(field ? { errors: [{ field, message: detail }] } : {}),
  });
  return HttpResponse.json(body, { status, headers: { 'Content-Type': 'application/problem+json' } });
}

export function badRequestFrom(issues: Array<{ path: PropertyKey[]; message: string }>) {
  const first = issues[0]!;
  const field = first.path.map(String).join('.') || 'query';
  return problemResponse(400, `${field} ${first.message}`, field);
}

export const serverError = (detail = 'The database is not answering.') => problemResponse(500, detail);
export const forbiddenError = (detail = "'groupBy' value 'point' is not available to signed-out visitors") => problemResponse(403, detail);

function params(url: URL): Record<string, string> {
  return Object.fromEntries(url.searchParams);
}

export const handlers = [
  http.get('*/api/v1/meta', ({ request }) => {
    requests.push(new URL(request.url));
    return HttpResponse.json(meta);
  }),
  http.get('*/api/v1/places', ({ request }) => {
    requests.push(new URL(request.url));
    return HttpResponse.json(places);
  }),
  http.get('*/api/v1/routes', ({ request }) => {
    requests.push(new URL(request.url));
    return HttpResponse.json(routes);
  }),
  http.get('*/api/v1/flows', ({ request }) => {
    const url = new URL(request.url);
    requests.push(url);
    const no = refuse('flows', url);
    if (no) return no;
    const q = flowsQuery.safeParse(params(url));
    if (!q.success) return badRequestFrom(q.error.issues);
    return HttpResponse.json(aggregate(flowRecords, q.data as Filters & { groupBy?: string[] }));
  }),
  http.get('*/api/v1/assistance', ({ request }) => {
    const url = new URL(request.url);
    requests.push(url);
    const no = refuse('assistance', url);
    if (no) return no;
    const q = assistanceQuery.safeParse(params(url));
    if (!q.success) return badRequestFrom(q.error.issues);
    return HttpResponse.json(aggregate(assistanceRecords, q.data as Filters & { groupBy?: string[] }));
  }),
  http.get('*/api/v1/returns', ({ request }) => {
    const url = new URL(request.url);
    requests.push(url);
    const no = refuse('returns', url);
    if (no) return no;
    const q = returnsQuery.safeParse(params(url));
    if (!q.success) return badRequestFrom(q.error.issues);
    return HttpResponse.json(aggregate(returnRecords, q.data as Filters & { groupBy?: string[] }));
  }),
  http.get('*/api/v1/session', ({ request }) => {
    requests.push(new URL(request.url));
    return HttpResponse.json(current);
  }),
  http.get('*/api/v1/hotspots', ({ request }) => {
    const url = new URL(request.url);
    requests.push(url);
    const no = refuse('hotspots', url);
    if (no) return no;
    return HttpResponse.json(hotspots);
  }),
  // The early-warning panel asks on every page; the component tests get the locked answer (the forecast itself is
  // tested on the API and in the browser: tests/api/pressure.test.ts, tests/e2e/pressure.test.ts).
  http.get('*/api/v1/pressure', ({ request }) => {
    requests.push(new URL(request.url));
    return HttpResponse.json(pressureLocked.parse({ locked: true, reason: 'Not for this audience in the component tests.', method: 'fixture' }));
  }),
  http.get('*/api/v1/coverage', ({ request }) => {
    const url = new URL(request.url);
    requests.push(url);
    return HttpResponse.json(coverageFixture(url.searchParams.get('from') ?? meta.dateRange.min, url.searchParams.get('to') ?? meta.dateRange.max));
  }),
];

/**
 * GET /api/v1/coverage as the server would answer programme staff, by weeks: Arlit counting every week from its start
 * (2016-02-01) but March 2017 (a reporting gap); Séguédine active from 2016-02-01 but silent through 2016, counting after.
 */
export function coverageFixture(from: string, to: string): CoverageResponse {
  const steps: string[] = [];
  const d = new Date(`${from}T00:00:00Z`);
  while (d.getUTCDay() !== 1) d.setUTCDate(d.getUTCDate() + 1);
  for (; d.toISOString().slice(0, 10) <= to; d.setUTCDate(d.getUTCDate() + 7)) steps.push(d.toISOString().slice(0, 10));
  const active = (w: string) => w >= '2016-02-01';
  const arlit = steps.map((w) => (!active(w) ? null : w.startsWith('2017-03') ? 0 : 1));
  const seguedine = steps.map((w) => (!active(w) ? null : w < '2017-01-01' ? 0 : 1));
  const share = (series: Array<number | null>) => {
    const a = series.filter((v) => v !== null);
    const r = a.filter((v) => v === 1).length;
    return { active: a.length, reported: r, share: a.length === 0 ? null : Math.round((r / a.length) * 1000) / 1000 };
  };
  const point = (id: string, name: string, route: string, series: Array<number | null>) => ({
    id,
    name,
    region: 'NE001',
    routes: [route],
    activeFrom: '2016-02-01',
    activeTo: null,
    series,
    period: share(series),
  });
  return coverageResponse.parse({
    from,
    to,
    dataAsOf: '2019-12-31',
    dataVersion: 'test',
    unit: 'week',
    reporting: 'weeks',
    steps,
    points: [point('arlit-fmp', 'Arlit (FMP)', 'R4', arlit), point('seguedine-fmp', 'Séguédine (FMP)', 'R5', seguedine)],
    routes: [
      { id: 'R4', points: ['arlit-fmp'], ...share(arlit) },
      { id: 'R5', points: ['seguedine-fmp'], ...share(seguedine) },
    ],
    regions: [{ pcode: 'NE001', name: 'Agadez', ...share([...arlit, ...seguedine]) }],
    total: share([...arlit, ...seguedine]),
    method: 'test',
  });
}

/** Aggregates as the handlers would answer them, for expected values in tests. */
export const expectFlows = (q: Filters & { groupBy?: string[] }) => aggregate(flowRecords, q);
export const expectAssistance = (q: Filters & { groupBy?: string[] }) => aggregate(assistanceRecords, q);
