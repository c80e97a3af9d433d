/**
 * API load (autocannon, programmatic) and the database-vs-API overhead, for the queries the dashboard sends:
 * on load and on a filter change (flows by route and by point for a period, with direction/nationality/sex/age
 * filters, people assisted per centre), when a point is selected (its weekly series), and returns.
 *
 * Cold: every request has parameters never asked before in the run (12-month periods rotating day by day through the
 * data, × filter combinations), so the server's result cache cannot answer and DuckDB does the work. Warm: a few
 * parameter sets asked over and over (answered from the result cache).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { DuckDBInstance } from '@duckdb/node-api';
import { buildAssistanceSql, buildFlowsSql, buildFlowsSqlWithTotal, buildReturnsSql, groupingDuplicatesRows } from '../src/server/store/sql';
import { assistanceQuery, flowsQuery, returnsQuery } from '../src/shared/api';
import { addDays, addMonths, daysIn, monthEnd, monthsIn, monthStart } from '../src/shared/calendar';
import { PEOPLE_ASSISTED_SERVICE } from '../src/shared/enums';

export interface Ctx {
  url: string;
  cookie: string;
  dateRange: { min: string; max: string };
  points: string[];
  routes: string[];
  nationalities: string[];
  /** Assistance and returns have their own (shorter) range in the bench data. */
  assistanceRange: { min: string; max: string };
}

/** Signs in as `username` and reads what the load runs need from the API itself (meta, places, routes) and `dataDir`. */
export async function contextOf(url: string, username: string, password: string, dataDir: string): Promise<Ctx> {
  const signIn = await fetch(`${url}/api/v1/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (signIn.status !== 200) throw new Error(`bench sign-in answered ${signIn.status}: ${await signIn.text()}`);
  const cookie = (signIn.headers.get('set-cookie') ?? '').split(';')[0]!;
  const get = async <T>(p: string): Promise<T> => {
    const r = await fetch(url + p, { headers: { cookie } });
    if (r.status !== 200) throw new Error(`${p} answered ${r.status}`);
    return (await r.json()) as T;
  };
  const meta = await get<{ dateRange: { min: string; max: string }; nationalities: { id: string }[] }>('/api/v1/meta');
  const places = await get<{ features: { properties: { id: string; kind: string } }[] }>('/api/v1/places');
  const routes = await get<{ features: { properties: { id: string } }[] }>('/api/v1/routes');
  const dataset = JSON.parse(readFileSync(join(dataDir, 'dataset.json'), 'utf8')) as { dateRange: { min: string; max: string } };
  return {
    url,
    cookie,
    dateRange: meta.dateRange,
    assistanceRange: dataset.dateRange,
    points: places.features.filter((f) => f.properties.kind === 'monitoring_point').map((f) => f.properties.id),
    routes: routes.features.map((f) => f.properties.id),
    // The nationalities seen most at the points (the filter a user reaches for first).
    nationalities: ['NGA', 'NER', 'MLI', 'SEN', 'GIN', 'CMR', 'CIV', 'GMB', 'BFA', 'GHA'].filter((n) => meta.nationalities.some((x) => x.id === n)),
  };
}

type Kind = 'flows' | 'assistance' | 'returns' | 'meta';
export interface QueryType {
  id: string;
  label: string;
  kind: Kind;
  /** Counted against the "filtered queries" target. */
  filtered: boolean;
  /** The i-th distinct parameter set (i ≥ 0); never repeats for distinct i below ~10⁴. */
  params: (i: number, c: Ctx) => Record<string, string>;
  /** Asked signed out: answered from the published cells (disclosure control), not from the database. */
  anonymous?: boolean;
}

/** A 12-month period (the dashboard's default length) starting on the k-th day of the range, wrapping. */
function period(k: number, range: { min: string; max: string }): { from: string; to: string } {
  const span = Math.max(1, daysIn({ from: range.min, to: range.max }) - 365);
  const from = addDays(range.min, ((k % span) + span) % span);
  return { from, to: addDays(from, 364) };
}

const DIRS = ['incoming', 'outgoing'];
const SEX_AGE = [
  ['f', 'adult'],
  ['m', 'adult'],
  ['f', 'minor'],
  ['m', 'minor'],
];

/**
 * Whole months, as outside roles must ask: the i-th of every (start month, length 1–12 months) pair in the range,
 * start months first (≈ 1,700 distinct periods over the bench's 13 years).
 */
function monthPeriod(i: number, range: { min: string; max: string }): { from: string; to: string } {
  const starts = Math.max(1, monthsIn({ from: range.min, to: range.max }) - 11);
  const start = ((i % starts) + starts) % starts;
  const length = 1 + (Math.floor(i / starts) % 12);
  const from = addMonths(monthStart(range.min), start);
  return { from, to: monthEnd(addMonths(from, length - 1)) };
}

/** Stride through the periods so consecutive requests are far apart in time. */
const STRIDE = 97;

export const QUERY_TYPES: QueryType[] = [
  {
    id: 'meta',
    label: '`/api/v1/meta` (floor)',
    kind: 'meta',
    filtered: false,
    params: () => ({}),
  },
  {
    id: 'route',
    label: 'flows groupBy=route, period',
    kind: 'flows',
    filtered: true,
    params: (i, c) => ({ groupBy: 'route', ...period(i * STRIDE, c.dateRange) }),
  },
  {
    id: 'point',
    label: 'flows groupBy=point, period',
    kind: 'flows',
    filtered: true,
    params: (i, c) => ({ groupBy: 'point', ...period(i * STRIDE + 1, c.dateRange) }),
  },
  {
    id: 'route-dir-nat',
    label: 'flows groupBy=route, period + direction + nationality',
    kind: 'flows',
    filtered: true,
    params: (i, c) => ({
      groupBy: 'route',
      direction: DIRS[i % 2]!,
      nationality: c.nationalities[Math.floor(i / 2) % c.nationalities.length]!,
      ...period(Math.floor(i / (2 * c.nationalities.length)) * STRIDE + 2, c.dateRange),
    }),
  },
  {
    id: 'point-sex-age',
    label: 'flows groupBy=point, period + direction + sex + ageGroup',
    kind: 'flows',
    filtered: true,
    params: (i, c) => ({
      groupBy: 'point',
      direction: DIRS[i % 2]!,
      sex: SEX_AGE[Math.floor(i / 2) % 4]![0]!,
      ageGroup: SEX_AGE[Math.floor(i / 2) % 4]![1]!,
      ...period(Math.floor(i / 8) * STRIDE + 3, c.dateRange),
    }),
  },
  {
    id: 'weekly-point',
    label: 'flows point=X groupBy=week,direction (panel series)',
    kind: 'flows',
    filtered: true,
    params: (i, c) => ({
      point: c.points[i % c.points.length]!,
      groupBy: 'week,direction',
      ...period(Math.floor(i / c.points.length) * STRIDE + 4, c.dateRange),
    }),
  },
  {
    id: 'assistance-centre',
    label: `assistance groupBy=centre service=${PEOPLE_ASSISTED_SERVICE}`,
    kind: 'assistance',
    filtered: true,
    params: (i, c) => ({ groupBy: 'centre', service: PEOPLE_ASSISTED_SERVICE, ...period(i * STRIDE + 5, c.assistanceRange) }),
  },
  {
    id: 'returns',
    label: 'returns groupBy=destination, period',
    kind: 'returns',
    filtered: true,
    params: (i, c) => ({ groupBy: 'destination', ...period(i * STRIDE + 6, c.assistanceRange) }),
  },
];

/** Outside roles (signed out here): the same screens, answered from the published cells (src/server/access/published-tables.ts). */
QUERY_TYPES.push(
  {
    id: 'public-route',
    label: 'signed out: flows groupBy=route, whole months',
    kind: 'flows',
    filtered: true,
    anonymous: true,
    params: (i, c) => ({ groupBy: 'route', ...monthPeriod(i * 7, c.dateRange) }),
  },
  {
    id: 'public-point-nat',
    label: 'signed out: flows groupBy=point + nationality, whole months',
    kind: 'flows',
    filtered: true,
    anonymous: true,
    params: (i, c) => ({
      groupBy: 'point',
      nationality: c.nationalities[i % c.nationalities.length]!,
      ...monthPeriod(Math.floor(i / c.nationalities.length) * 7, c.dateRange),
    }),
  },
  {
    id: 'public-region-month',
    label: 'signed out: flows groupBy=region,month, whole months',
    kind: 'flows',
    filtered: true,
    anonymous: true,
    params: (i, c) => ({ groupBy: 'region,month', ...monthPeriod(i * 7 + 3, c.dateRange) }),
  },
  {
    id: 'public-centre',
    label: `signed out: assistance groupBy=centre service=${PEOPLE_ASSISTED_SERVICE}, whole months`,
    kind: 'assistance',
    filtered: true,
    anonymous: true,
    params: (i, c) => ({ groupBy: 'centre', service: PEOPLE_ASSISTED_SERVICE, ...monthPeriod(i * 7 + 5, c.assistanceRange) }),
  },
);

export const pathOf = (t: QueryType, p: Record<string, string>) => {
  const qs = new URLSearchParams(p).toString();
  return `/api/v1/${t.kind}${qs ? `?${qs}` : ''}`;
};

export interface LoadResult {
  type: string;
  connections: number;
  cache: 'cold' | 'warm';
  p50: number;
  p99: number;
  mean: number;
  rps: number;
  requests: number;
  non2xx: number;
  errors: number;
}

/** Request counters per query type, kept for the whole run so cold parameters never repeat. */
const counters = new Map<string, number>();
/** Offsets: the overhead measurement uses its own range of parameter sets. */
const COLD_BASE = 1000;

export async function load(c: Ctx, t: QueryType, connections: number, cache: 'cold' | 'warm', seconds: number): Promise<LoadResult> {
  const warmSet = [0, 1, 2, 3, 4, 5, 6, 7].map((i) => pathOf(t, t.params(i, c)));
  const cookie: Record<string, string> = t.anonymous ? {} : { cookie: c.cookie };
  if (cache === 'warm') for (const p of warmSet) await fetch(c.url + p, { headers: cookie });
  let w = 0;
  const next = () => {
    if (t.kind === 'meta' || cache === 'warm') return warmSet[w++ % warmSet.length]!;
    const i = (counters.get(t.id) ?? COLD_BASE) + 1;
    counters.set(t.id, i);
    return pathOf(t, t.params(i, c));
  };
  const r = await autocannon({
    url: c.url,
    connections,
    duration: seconds,
    headers: { ...cookie, accept: 'application/json' },
    requests: [{ method: 'GET', setupRequest: (req) => ({ ...req, path: next() }) }],
  });
  return {
    type: t.id,
    connections,
    cache,
    p50: r.latency.p50,
    p99: r.latency.p99,
    mean: r.latency.average,
    rps: r.requests.average,
    requests: r.requests.total,
    non2xx: r.non2xx,
    errors: r.errors + r.timeouts,
  };
}

export interface OverheadResult {
  type: string;
  dbMs: number;
  apiMs: number;
  ratio: number;
  table: string;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

/**
 * One request at a time: the raw DuckDB time of the SQL the server runs for a query (the same builders from
 * src/server/db/sql.ts; for groupBy=route also the de-duplicated total, as the store does) beside the API's
 * end-to-end time for a fresh parameter set of the same shape. Medians over `n` parameter sets each.
 */
export async function overhead(c: Ctx, dbPath: string, n: number): Promise<OverheadResult[]> {
  const instance = await DuckDBInstance.create(dbPath, { access_mode: 'READ_ONLY' });
  const conn = await instance.connect();
  const defaults = { from: c.dateRange.min, to: c.dateRange.max };
  const out: OverheadResult[] = [];
  try {
    for (const t of QUERY_TYPES) {
      if (t.kind === 'meta' || t.anonymous) continue;
      const db: number[] = [];
      const api: number[] = [];
      let table = '';
      for (let k = 0; k < n; k++) {
        const p = t.params(k, c);
        const sqls = (() => {
          if (t.kind === 'flows') {
            const q = flowsQuery.parse(p);
            // groupBy=route: rows and de-duplicated total in one statement, as the server runs it (duckdb-store.ts).
            const main = groupingDuplicatesRows(q.groupBy) ? buildFlowsSqlWithTotal(q, defaults) : buildFlowsSql(q, defaults);
            table = /FROM (\w+)/.exec(main.sql)?.[1] ?? '';
            return [main];
          }
          if (t.kind === 'assistance') return [buildAssistanceSql(assistanceQuery.parse(p), defaults)];
          return [buildReturnsSql(returnsQuery.parse(p), defaults)];
        })();
        table ||= /FROM (\w+)/.exec(sqls[0]!.sql)?.[1] ?? '';
        const t0 = performance.now();
        for (const s of sqls) (await conn.runAndReadAll(s.sql, s.params)).getRowObjects();
        db.push(performance.now() - t0);
        // The API gets a parameter set of the same shape that nothing has asked yet (its cache is cold for it).
        const path = pathOf(t, t.params(k + 500, c));
        const t1 = performance.now();
        const res = await fetch(c.url + path, { headers: { cookie: c.cookie, accept: 'application/json' } });
        await res.arrayBuffer();
        api.push(performance.now() - t1);
        if (res.status !== 200) throw new Error(`${path} answered ${res.status}`);
      }
      const dbMs = median(db);
      const apiMs = median(api);
      out.push({ type: t.id, dbMs, apiMs, ratio: apiMs / dbMs, table });
    }
  } finally {
    conn.closeSync();
    instance.closeSync();
  }
  return out;
}
