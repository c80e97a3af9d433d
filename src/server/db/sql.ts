/**
 * Pure SQL builders for the aggregate endpoints.
 *
 * Values from the request only ever travel as parameters ($1, $2, … — the same placeholder syntax in DuckDB
 * and PostgreSQL). Column expressions come from fixed maps keyed by the shared enums, never from input.
 * The SQL stays in the portable subset: SELECT / JOIN / WHERE / GROUP BY / ORDER BY, CAST and date_trunc.
 */
import type { AssistanceQuery, FlowsQuery, ReturnsQuery } from '../../shared/api';
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
  const select = [...dims.map((d) => `${d.expr} AS ${d.alias}`), `CAST(COALESCE(SUM(${a}.count), 0) AS INTEGER) AS "count"`];
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

export function buildFlowsSql(q: FlowsQuery, defaults: PeriodDefaults): SqlQuery {
  const groupBy = q.groupBy ?? [];
  const byRoute = groupBy.includes('route');
  const { from, to } = resolvePeriod(q, defaults);
  return assemble({
    table: 'flow_observations',
    alias: 'f',
    dimensions: FLOW_DIMENSIONS,
    groupBy,
    from,
    to,
    joins: byRoute ? ['JOIN point_routes pr ON pr.point_id = f.point_id'] : [],
    where: (p, w) => {
      eq(p, w, 'f.direction', q.direction);
      inList(p, w, 'f.nationality_iso3', q.nationality);
      eq(p, w, 'f.sex', q.sex);
      eq(p, w, 'f.age_group', q.ageGroup);
      eq(p, w, 'f.transport', q.transport);
      inList(p, w, 'f.point_id', q.point);
      if (q.route && q.route.length > 0) {
        if (byRoute) inList(p, w, 'pr.route_id', q.route);
        else w.push(`f.point_id IN (SELECT rp.point_id FROM point_routes rp WHERE rp.route_id IN (${p.list(q.route)}))`);
      }
      inList(p, w, 'f.region', q.region);
    },
  });
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
