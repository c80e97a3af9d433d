/**
 * Pure SQL builders and period arithmetic for the hotspots endpoint (per Niger admin-1 region).
 *
 * Same rules as sql.ts: request values only travel as $n parameters; the SQL stays in the portable subset
 * (CASE, SUM, CAST, date_trunc('week') = ISO Monday in DuckDB and PostgreSQL).
 */
import { defaultPeriod, previousPeriod } from '../../shared/calendar';
import { PEOPLE_ASSISTED_SERVICE } from '../../shared/enums';
import type { SqlQuery } from './sql';

export interface HotspotPeriods {
  from: string;
  to: string;
  previousFrom: string;
  previousTo: string;
}

/**
 * The period asked (default: /meta's defaultPeriod of the data's extent `data`) and its previous equal period, both
 * by the shared calendar (src/shared/calendar.ts).
 */
export function hotspotPeriods(q: { from?: string | undefined; to?: string | undefined }, data: { min: string; max: string }): HotspotPeriods {
  const defaults = defaultPeriod({ from: data.min, to: data.max });
  const from = q.from ?? defaults.from;
  const to = q.to ?? defaults.to;
  const previous = previousPeriod({ from, to });
  return { from, to, previousFrom: previous.from, previousTo: previous.to };
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
