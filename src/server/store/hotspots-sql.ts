/**
 * Pure SQL builders for the hotspots analysis (per Niger admin-1 region).
 *
 * Same rules as sql.ts: request values only travel as $n parameters; the SQL stays in the portable subset
 * (CASE, SUM, CAST, date_trunc('week') = ISO Monday in DuckDB and PostgreSQL).
 */
import { PEOPLE_ASSISTED_SERVICE } from '../../shared/enums';
import type { SqlQuery } from './sql';
import type { HotspotPeriods } from './types';

/** Flows per region over the period (`flows`) and the previous period (`previous`). Regions without any row (no monitoring point reporting in either period) are absent. */
export function buildHotspotFlowsSql(p: HotspotPeriods): SqlQuery {
  return {
    sql: [
      'SELECT f.region AS "region",',
      '  CAST(COALESCE(SUM(CASE WHEN f.date >= CAST($1 AS DATE) AND f.date <= CAST($2 AS DATE) THEN f.count ELSE 0 END), 0) AS BIGINT) AS "flows",',
      '  CAST(COALESCE(SUM(CASE WHEN f.date >= CAST($3 AS DATE) AND f.date <= CAST($4 AS DATE) THEN f.count ELSE 0 END), 0) AS BIGINT) AS "previous"',
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
      '  CAST(COALESCE(SUM(f.count), 0) AS BIGINT) AS "count"',
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
      'SELECT a.region AS "region", CAST(COALESCE(SUM(a.count), 0) AS BIGINT) AS "count"',
      'FROM assistance a',
      'WHERE a.date >= CAST($1 AS DATE) AND a.date <= CAST($2 AS DATE) AND a.service = $3 AND a.region IS NOT NULL',
      'GROUP BY 1',
      'ORDER BY 1',
    ].join('\n'),
    params: [p.from, p.to, PEOPLE_ASSISTED_SERVICE],
  };
}
