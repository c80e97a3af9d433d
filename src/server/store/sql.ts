/**
 * Pure SQL builders for the aggregate endpoints.
 *
 * Values from the request only ever travel as parameters ($1, $2, … — the same placeholder syntax in DuckDB
 * and PostgreSQL). Column expressions come from fixed maps keyed by the shared enums, never from input.
 * The SQL stays in the portable subset: SELECT / JOIN / WHERE / GROUP BY / ORDER BY, CAST and date_trunc.
 */
import type { AssistanceFilter as AssistanceQuery, FlowsFilter as FlowsQuery, ReturnsFilter as ReturnsQuery } from './types';
import type { AssistanceGroupBy, FlowGroupBy, ReturnsGroupBy } from '../../shared/enums';

export type SqlParam = string | number;
export interface SqlQuery {
  sql: string;
  params: SqlParam[];
}
export interface PeriodDefaults {
  from: string;
  to: string;
}

const truncText = (unit: 'week' | 'month' | 'year', col: string) => `CAST(CAST(date_trunc('${unit}', ${col}) AS DATE) AS VARCHAR)`;

/**
 * groupBy name → SQL expression. Time keys are dates written YYYY-MM-DD: a week is its ISO Monday, a month its
 * 1st, a year its 1 January. `route` is special: it needs the point_routes join. */
export const FLOW_DIMENSIONS: Readonly<Record<FlowGroupBy, string>> = {
  point: 'f.point_id',
  route: 'pr.route_id',
  region: 'f.region',
  week: truncText('week', 'f.date'),
  month: truncText('month', 'f.date'),
  year: truncText('year', 'f.date'),
  direction: 'f.direction',
  nationality: 'f.nationality_iso3',
  sex: 'f.sex',
  ageGroup: 'f.age_group',
  transport: 'f.transport',
};

export const ASSISTANCE_DIMENSIONS: Readonly<Record<AssistanceGroupBy, string>> = {
  centre: 'a.centre_id',
  region: 'a.region',
  service: 'a.service',
  week: truncText('week', 'a.date'),
  month: truncText('month', 'a.date'),
  year: truncText('year', 'a.date'),
  nationality: 'a.nationality_iso3',
  sex: 'a.sex',
  ageGroup: 'a.age_group',
};

export const RETURNS_DIMENSIONS: Readonly<Record<ReturnsGroupBy, string>> = {
  destination: 'r.destination_iso3',
  centre: 'r.centre_id',
  month: truncText('month', 'r.date'),
  year: truncText('year', 'r.date'),
};

/** Collects parameters and hands out their placeholders. */
class Params {
  readonly values: SqlParam[] = [];
  add(v: SqlParam): string {
    this.values.push(v);
    return `$${this.values.length}`;
  }
  list(vs: readonly SqlParam[]): string {
    return vs.map((v) => this.add(v)).join(', ');
  }
}

interface Spec {
  table: string;
  alias: string;
  dimensions: Readonly<Record<string, string>>;
  groupBy: readonly string[];
  where: (p: Params, w: string[]) => void;
  joins?: string[];
  from: string;
  to: string;
}

function assemble(spec: Spec): SqlQuery {
  const p = new Params();
  const where: string[] = [];
  const a = spec.alias;
  where.push(`${a}.date >= CAST(${p.add(spec.from)} AS DATE)`);
  where.push(`${a}.date <= CAST(${p.add(spec.to)} AS DATE)`);
  spec.where(p, where);
  const dims = spec.groupBy.map((g) => {
    const expr = spec.dimensions[g];
    if (expr === undefined) throw new Error(`Unknown groupBy dimension: ${g}`);
    return { expr, alias: quoteIdent(g) };
  });
  const select = [...dims.map((d) => `${d.expr} AS ${d.alias}`), `CAST(COALESCE(SUM(${a}.count), 0) AS BIGINT) AS "count"`];
  const lines = [`SELECT ${select.join(', ')}`, `FROM ${spec.table} ${a}`, ...(spec.joins ?? []), `WHERE ${where.join('\n  AND ')}`];
  if (dims.length > 0) {
    const positions = dims.map((_, i) => String(i + 1)).join(', ');
    lines.push(`GROUP BY ${positions}`, `ORDER BY ${positions}`);
  }
  return { sql: lines.join('\n'), params: p.values };
}

/** Identifiers come from the enums; quoting keeps camelCase names (ageGroup) intact in PostgreSQL too. */
function quoteIdent(name: string): string {
  if (!/^[A-Za-z][A-Za-z0-9_]*$/.test(name)) throw new Error(`Refusing identifier ${JSON.stringify(name)}`);
  return `"${name}"`;
}

function eq(p: Params, w: string[], col: string, v: string | undefined) {
  if (v !== undefined) w.push(`${col} = ${p.add(v)}`);
}
function inList(p: Params, w: string[], col: string, vs: readonly string[] | undefined) {
  if (vs !== undefined && vs.length > 0) w.push(`${col} IN (${p.list(vs)})`);
}

/** Whether grouping by these dimensions can count one observation in more than one row (a point observes several routes). */
export function groupingDuplicatesRows(groupBy: readonly string[] | undefined): boolean {
  return !!groupBy?.includes('route');
}

export function resolvePeriod(q: { from?: string | undefined; to?: string | undefined }, defaults: PeriodDefaults): PeriodDefaults {
  return { from: q.from ?? defaults.from, to: q.to ?? defaults.to };
}

/**
 * Daily rollups of flow_observations built at load (seed.ts), each without some detail and sorted by (date, point_id)
 * so that a period filter skips whole row groups. Smallest first: a query is answered from the first one holding
 * every column it filters or groups by, else from flow_observations. The sums are the same (tests/api/rollup.test.ts).
 */
export const FLOW_ROLLUPS = [
  { table: 'flow_daily_point', columns: ['date', 'point_id', 'region', 'direction'] },
  { table: 'flow_daily_sex_age', columns: ['date', 'point_id', 'region', 'direction', 'sex', 'age_group'] },
  { table: 'flow_daily', columns: ['date', 'point_id', 'region', 'direction', 'nationality_iso3'] },
  { table: 'flow_daily_demographic', columns: ['date', 'point_id', 'region', 'direction', 'nationality_iso3', 'sex', 'age_group'] },
] as const;
export const FLOW_RAW_TABLE = 'flow_observations';

/** The detail columns a flows query needs besides date, point, region and direction. */
function flowDetailColumns(q: FlowsQuery): string[] {
  const g = q.groupBy ?? [];
  const cols: string[] = [];
  if ((q.nationality !== undefined && q.nationality.length > 0) || g.includes('nationality')) cols.push('nationality_iso3');
  if (q.sex !== undefined || g.includes('sex')) cols.push('sex');
  if (q.ageGroup !== undefined || g.includes('ageGroup')) cols.push('age_group');
  if (q.transport !== undefined || g.includes('transport')) cols.push('transport');
  return cols;
}

/** The table a flows query reads: the smallest rollup that has the detail it needs, else the raw observations. */
export function flowsTableFor(q: FlowsQuery): string {
  const need = flowDetailColumns(q);
  const rollup = FLOW_ROLLUPS.find((r) => need.every((c) => (r.columns as readonly string[]).includes(c)));
  return rollup?.table ?? FLOW_RAW_TABLE;
}

/**
 * `raw: true` reads flow_observations whatever the query (to check the rollups against).
 *
 * Queries that involve routes (groupBy=route or a route filter) first sum per point (and the other dimensions) in a
 * subquery, then join those few rows to point_routes: the same sums, without joining every observation.
 */
export function buildFlowsSql(q: FlowsQuery, defaults: PeriodDefaults, opts: { raw?: boolean } = {}): SqlQuery {
  const groupBy = q.groupBy ?? [];
  const byRoute = groupBy.includes('route');
  const routeFilter = q.route !== undefined && q.route.length > 0;
  const { from, to } = resolvePeriod(q, defaults);
  const table = opts.raw ? FLOW_RAW_TABLE : flowsTableFor(q);
  // Filters on the observations (w) and on routes (r); placeholders numbered in one fixed order.
  const filters = (p: Params, w: string[], r: string[]) => {
    eq(p, w, 'f.direction', q.direction);
    inList(p, w, 'f.nationality_iso3', q.nationality);
    eq(p, w, 'f.sex', q.sex);
    eq(p, w, 'f.age_group', q.ageGroup);
    eq(p, w, 'f.transport', q.transport);
    inList(p, w, 'f.point_id', q.point);
    if (routeFilter) {
      if (byRoute) inList(p, r, 'pr.route_id', q.route);
      else r.push(`f.point_id IN (SELECT rp.point_id FROM point_routes rp WHERE rp.route_id IN (${p.list(q.route!)}))`);
    }
    inList(p, w, 'f.region', q.region);
  };
  if (!byRoute && !routeFilter) {
    return assemble({ table, alias: 'f', dimensions: FLOW_DIMENSIONS, groupBy, from, to, where: (p, w) => filters(p, w, []) });
  }
  const p = new Params();
  const where = [`f.date >= CAST(${p.add(from)} AS DATE)`, `f.date <= CAST(${p.add(to)} AS DATE)`];
  const routeWhere: string[] = [];
  filters(p, where, routeWhere);
  const inner = groupBy.filter((g) => g !== 'route');
  for (const g of groupBy) if (FLOW_DIMENSIONS[g] === undefined) throw new Error(`Unknown groupBy dimension: ${g}`);
  const innerSelect = ['f.point_id AS point_id', ...inner.map((g) => `${FLOW_DIMENSIONS[g]} AS ${quoteIdent(g)}`), 'SUM(f.count) AS count'];
  const innerGroup = [...inner.keys()].map((i) => String(i + 2));
  const sub = `(SELECT ${innerSelect.join(', ')} FROM ${table} f WHERE ${where.join(' AND ')} GROUP BY ${['1', ...innerGroup].join(', ')}) f`;
  const outerDims = groupBy.map((g) => `${g === 'route' ? 'pr.route_id' : `f.${quoteIdent(g)}`} AS ${quoteIdent(g)}`);
  const lines = [`SELECT ${[...outerDims, `CAST(COALESCE(SUM(f.count), 0) AS BIGINT) AS "count"`].join(', ')}`, `FROM ${sub}`];
  if (byRoute) lines.push('JOIN point_routes pr ON pr.point_id = f.point_id');
  if (routeWhere.length > 0) lines.push(`WHERE ${routeWhere.join('\n  AND ')}`);
  if (groupBy.length > 0) {
    const positions = groupBy.map((_, i) => String(i + 1)).join(', ');
    lines.push(`GROUP BY ${positions}`, `ORDER BY ${positions}`);
  }
  return { sql: lines.join('\n'), params: p.values };
}

/** The flows SQL for groupBy=route with its de-duplicated total in the same round trip (see buildFlowsSqlWithTotal). */
export interface SqlQueryWithTotal extends SqlQuery {
  /** The result has one extra row, first, with `__total` = 1: its `count` is the total; the other rows have `__total` = 0. */
  totalRow: true;
}

/**
 * groupBy=route in one statement: the per-point sums (the subquery of buildFlowsSql) computed once in a materialised
 * CTE, then both the route rows (joined to point_routes) and the total — each observation once, over the points that
 * observe at least one of the routes shown (the route filter, else any route) — read from it. Same answers as
 * buildFlowsSql for the rows and buildFlowsSql({ ...q, groupBy: undefined, route: q.route ?? allRoutes }) for the total.
 */
export function buildFlowsSqlWithTotal(q: FlowsQuery, defaults: PeriodDefaults, opts: { raw?: boolean } = {}): SqlQueryWithTotal {
  const groupBy = q.groupBy ?? [];
  if (!groupBy.includes('route')) throw new Error('buildFlowsSqlWithTotal is for groupBy=route');
  for (const g of groupBy) if (FLOW_DIMENSIONS[g] === undefined) throw new Error(`Unknown groupBy dimension: ${g}`);
  const { from, to } = resolvePeriod(q, defaults);
  const table = opts.raw ? FLOW_RAW_TABLE : flowsTableFor(q);
  const p = new Params();
  const where = [`f.date >= CAST(${p.add(from)} AS DATE)`, `f.date <= CAST(${p.add(to)} AS DATE)`];
  eq(p, where, 'f.direction', q.direction);
  inList(p, where, 'f.nationality_iso3', q.nationality);
  eq(p, where, 'f.sex', q.sex);
  eq(p, where, 'f.age_group', q.ageGroup);
  eq(p, where, 'f.transport', q.transport);
  inList(p, where, 'f.point_id', q.point);
  const routeList = q.route !== undefined && q.route.length > 0 ? p.list(q.route) : null;
  inList(p, where, 'f.region', q.region);
  const inner = groupBy.filter((g) => g !== 'route');
  const innerSelect = ['f.point_id AS point_id', ...inner.map((g) => `${FLOW_DIMENSIONS[g]} AS ${quoteIdent(g)}`), 'SUM(f.count) AS count'];
  const innerGroup = ['1', ...[...inner.keys()].map((i) => String(i + 2))];
  const cte = `WITH pts AS MATERIALIZED (SELECT ${innerSelect.join(', ')} FROM ${table} f WHERE ${where.join(' AND ')} GROUP BY ${innerGroup.join(', ')})`;
  // The rows: every route of the point (or those filtered); the total: points observing one of the routes listed.
  const rowsWhere = routeList !== null ? `\nWHERE pr.route_id IN (${routeList})` : '';
  const totalCond = routeList !== null ? `pr.route_id IN (${routeList})` : 'pr.route_id IN (SELECT r.id FROM routes r)';
  const outerDims = groupBy.map((g) => `${g === 'route' ? 'pr.route_id' : `pts.${quoteIdent(g)}`} AS ${quoteIdent(g)}`);
  const nullDims = groupBy.map((g) => `NULL AS ${quoteIdent(g)}`);
  const positions = groupBy.map((_, i) => String(i + 2));
  const rows =
    `SELECT 0 AS __total, ${outerDims.join(', ')}, CAST(COALESCE(SUM(pts.count), 0) AS BIGINT) AS "count"\n` +
    `FROM pts JOIN point_routes pr ON pr.point_id = pts.point_id${rowsWhere}\nGROUP BY ${positions.join(', ')}`;
  const total =
    `SELECT 1 AS __total, ${nullDims.join(', ')}, CAST(COALESCE(SUM(pts.count), 0) AS BIGINT) AS "count"\n` +
    `FROM pts WHERE pts.point_id IN (SELECT pr.point_id FROM point_routes pr WHERE ${totalCond})`;
  const sql = `${cte}\n${total}\nUNION ALL\n${rows}\nORDER BY 1 DESC, ${positions.join(', ')}`;
  return { sql, params: p.values, totalRow: true };
}

export function buildAssistanceSql(q: AssistanceQuery, defaults: PeriodDefaults): SqlQuery {
  const { from, to } = resolvePeriod(q, defaults);
  return assemble({
    table: 'assistance',
    alias: 'a',
    dimensions: ASSISTANCE_DIMENSIONS,
    groupBy: q.groupBy ?? [],
    from,
    to,
    where: (p, w) => {
      inList(p, w, 'a.centre_id', q.centre);
      inList(p, w, 'a.service', q.service);
      inList(p, w, 'a.nationality_iso3', q.nationality);
      eq(p, w, 'a.sex', q.sex);
      eq(p, w, 'a.age_group', q.ageGroup);
    },
  });
}

export function buildReturnsSql(q: ReturnsQuery, defaults: PeriodDefaults): SqlQuery {
  const { from, to } = resolvePeriod(q, defaults);
  return assemble({
    table: 'returns',
    alias: 'r',
    dimensions: RETURNS_DIMENSIONS,
    groupBy: q.groupBy ?? [],
    from,
    to,
    where: (p, w) => {
      inList(p, w, 'r.centre_id', q.centre);
      inList(p, w, 'r.destination_iso3', q.destination);
    },
  });
}
