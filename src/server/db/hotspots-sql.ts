/**
 * Pure SQL builders and period arithmetic for the hotspots endpoint (per Niger admin-1 region).
 *
 * Same rules as sql.ts: request values only travel as $n parameters; the SQL stays in the portable subset
 * (CASE, SUM, CAST, date_trunc('week') = ISO Monday in DuckDB and PostgreSQL).
 */
import { PEOPLE_ASSISTED_SERVICE } from '../../shared/enums';
import type { PeriodDefaults, SqlQuery } from './sql';

export interface HotspotPeriods {
  from: string;
  to: string;
  previousFrom: string;
  previousTo: string;
}

const DAY = 86_400_000;
const toDate = (s: string) => new Date(`${s}T00:00:00Z`);
const fmt = (d: Date) => d.toISOString().slice(0, 10);
const addDays = (s: string, n: number) => fmt(new Date(toDate(s).getTime() + n * DAY));

const isFirstOfMonth = (d: string) => d.slice(8, 10) === '01';
const isLastOfMonth = (d: string) => addDays(d, 1).slice(8, 10) === '01';

/**
 * The previous equal period, immediately before `from`:
 * - a period of whole calendar months (from = a 1st, to = a month's last day) → the same number of whole months
 *   before (so month-resolution roles are never sent a count over a part of a month);
 * - any other period → the same number of days before.
 */
export function previousPeriod(from: string, to: string): { previousFrom: string; previousTo: string } {
  const previousTo = addDays(from, -1);
  if (isFirstOfMonth(from) && isLastOfMonth(to)) {
    const months = (Number(to.slice(0, 4)) - Number(from.slice(0, 4))) * 12 + Number(to.slice(5, 7)) - Number(from.slice(5, 7)) + 1;
    const idx = Number(from.slice(0, 4)) * 12 + Number(from.slice(5, 7)) - 1 - months;
    const previousFrom = `${String(Math.floor(idx / 12)).padStart(4, '0')}-${String((idx % 12) + 1).padStart(2, '0')}-01`;
    return { previousFrom, previousTo };
  }
  const days = Math.round((toDate(to).getTime() - toDate(from).getTime()) / DAY) + 1;
  return { previousFrom: addDays(from, -days), previousTo };
}

/** Default period: the last twelve calendar months of data (the same as /meta's defaultPeriod), clipped to the data. */
export function defaultHotspotPeriod(data: { min: string; max: string }): PeriodDefaults {
  const idx = Number(data.max.slice(0, 4)) * 12 + Number(data.max.slice(5, 7)) - 1 - 11;
  const from = `${String(Math.floor(idx / 12)).padStart(4, '0')}-${String((idx % 12) + 1).padStart(2, '0')}-01`;
  return { from: from < data.min ? data.min : from, to: data.max };
}

/** The period asked (default: `defaults`) and its previous equal period. */
export function hotspotPeriods(q: { from?: string | undefined; to?: string | undefined }, defaults: PeriodDefaults): HotspotPeriods {
  const from = q.from ?? defaults.from;
  const to = q.to ?? defaults.to;
  return { from, to, ...previousPeriod(from, to) };
}

/** Flows per region over the period (`flows`) and the previous period (`previous`). Regions without any row (no monitoring point reporting in either period) are absent. */
export function buildHotspotFlowsSql(p: HotspotPeriods): SqlQuery {
  return {
    sql: [
      'SELECT f.region AS "region",',
      '  CAST(COALESCE(SUM(CASE WHEN f.date >= CAST($1 AS DATE) AND f.date <= CAST($2 AS DATE) THEN f.count ELSE 0 END), 0) AS INTEGER) AS "flows",',
      '  CAST(COALESCE(SUM(CASE WHEN f.date >= CAST($3 AS DATE) AND f.date <= CAST($4 AS DATE) THEN f.count ELSE 0 END), 0) AS INTEGER) AS "previous"',
      'FROM flow_observations f',
      'WHERE f.date >= CAST($3 AS DATE) AND f.date <= CAST($2 AS DATE) AND f.region IS NOT NULL',
      'GROUP BY 1',
      'ORDER BY 1',
    ].join('\n'),
    params: [p.from, p.to, p.previousFrom, p.previousTo],
  };
}

/** Weekly flows per region (week = ISO Monday, YYYY-MM-DD) from `start` to `to`, for the anomaly score. */
export function buildHotspotWeeklySql(start: string, to: string): SqlQuery {
  return {
    sql: [
      `SELECT f.region AS "region", CAST(CAST(date_trunc('week', f.date) AS DATE) AS VARCHAR) AS "week",`,
      '  CAST(COALESCE(SUM(f.count), 0) AS INTEGER) AS "count"',
      'FROM flow_observations f',
      'WHERE f.date >= CAST($1 AS DATE) AND f.date <= CAST($2 AS DATE) AND f.region IS NOT NULL',
      'GROUP BY 1, 2',
      'ORDER BY 1, 2',
    ].join('\n'),
    params: [start, to],
  };
}

/** People assisted (the shelter-and-food service) per region of the transit centre, over the period. */
export function buildHotspotAssistedSql(p: Pick<HotspotPeriods, 'from' | 'to'>): SqlQuery {
  return {
    sql: [
      'SELECT a.region AS "region", CAST(COALESCE(SUM(a.count), 0) AS INTEGER) AS "count"',
      'FROM assistance a',
      'WHERE a.date >= CAST($1 AS DATE) AND a.date <= CAST($2 AS DATE) AND a.service = $3 AND a.region IS NOT NULL',
      'GROUP BY 1',
      'ORDER BY 1',
    ].join('\n'),
    params: [p.from, p.to, PEOPLE_ASSISTED_SERVICE],
  };
}
