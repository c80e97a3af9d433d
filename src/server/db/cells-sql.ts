/**
 * SQL of the published cells: every month × base place (monitoring point or transit centre) × at most one breakdown
 * (and the margin, attr = ''), with its exact count and the sum of its records' keys (src/server/access/cell-key.ts).
 * One GROUPING SETS pass over each base table. The secret travels as parameter $1, never in the text.
 */
import type { SqlQuery } from './sql';

export type CellMetric = 'flows' | 'assistance' | 'returns';
export const CELL_METRICS: readonly CellMetric[] = ['flows', 'assistance', 'returns'];

interface CellSource {
  table: string;
  place: string;
  /** Region column, or NULL when the table has none. */
  region: string;
  /** The natural key of a record, in order. */
  naturalKey: readonly string[];
  /** API breakdown name → column. */
  attributes: Readonly<Record<string, string>>;
}

export const CELL_SOURCES: Readonly<Record<CellMetric, CellSource>> = {
  flows: {
    table: 'flow_observations',
    place: 'point_id',
    region: 'region',
    naturalKey: ['date', 'point_id', 'direction', 'nationality_iso3', 'sex', 'age_group', 'transport'],
    attributes: { direction: 'direction', nationality: 'nationality_iso3', sex: 'sex', ageGroup: 'age_group', transport: 'transport' },
  },
  assistance: {
    table: 'assistance',
    place: 'centre_id',
    region: 'region',
    naturalKey: ['date', 'centre_id', 'service', 'nationality_iso3', 'sex', 'age_group'],
    attributes: { service: 'service', nationality: 'nationality_iso3', sex: 'sex', ageGroup: 'age_group' },
  },
  returns: {
    table: 'returns',
    place: 'centre_id',
    region: 'NULL',
    naturalKey: ['date', 'centre_id', 'destination_iso3'],
    attributes: { destination: 'destination_iso3' },
  },
};

/** 32 bits of a keyed hash of the record's natural key (DuckDB: md5_number). */
export type RecordKeyExpr = (keyText: string, secretPlaceholder: string) => string;
export const duckdbRecordKey: RecordKeyExpr = (keyText, secret) => `CAST(md5_number(${secret} || '|' || ${keyText}) % 4294967296 AS BIGINT)`;

/**
 * Rows: grain ('month' or 'year': a calendar month or a calendar year), start (its first day, YYYY-MM-01 or
 * YYYY-01-01), place, region, attr ('' = margin, else the API breakdown name), value ('' for the margin), count
 * (exact, > 0), key_sum (Σ record keys mod 2³²).
 */
export function buildCellsSql(metric: CellMetric, secret: string, recordKey: RecordKeyExpr = duckdbRecordKey): SqlQuery {
  const s = CELL_SOURCES[metric];
  const attrs = Object.entries(s.attributes);
  const keyText = `concat_ws('|', ${s.naturalKey.map((c) => `CAST(${c} AS VARCHAR)`).join(', ')})`;
  const attrCase = attrs.map(([name, col]) => `WHEN GROUPING(${col}) = 0 THEN '${name}'`).join(' ');
  const valueExpr = `COALESCE(${attrs.map(([, col]) => `CAST(${col} AS VARCHAR)`).join(', ')}, '')`;
  const sets = ['month', 'year']
    .flatMap((grain) => [`(${grain}, place, region)`, ...attrs.map(([, col]) => `(${grain}, place, region, ${col})`)])
    .join(', ');
  const sql = [
    `SELECT CASE WHEN GROUPING(month) = 0 THEN 'month' ELSE 'year' END AS grain,`,
    `  CAST(COALESCE(month, year) AS VARCHAR) AS start, place, region,`,
    `  CASE ${attrCase} ELSE '' END AS attr,`,
    `  ${valueExpr} AS value,`,
    `  CAST(SUM(count) AS BIGINT) AS count,`,
    `  CAST(SUM(rkey) % 4294967296 AS BIGINT) AS key_sum`,
    `FROM (`,
    `  SELECT CAST(date_trunc('month', date) AS DATE) AS month, CAST(date_trunc('year', date) AS DATE) AS year,`,
    `    ${s.place} AS place, ${s.region} AS region,`,
    `    ${attrs.map(([, col]) => col).join(', ')}, count, ${recordKey(keyText, '$1')} AS rkey`,
    `  FROM ${s.table} WHERE count > 0`,
    `) b`,
    `GROUP BY GROUPING SETS (${sets})`,
    `ORDER BY 5, 1, 2, 3, 6`,
  ].join('\n');
  return { sql, params: [secret] };
}
