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
  /** API breakdown name → column. */
  attributes: Readonly<Record<string, string>>;
}

export const CELL_SOURCES: Readonly<Record<CellMetric, CellSource>> = {
  flows: {
    table: 'flow_observations',
    place: 'point_id',
    region: 'region',
    attributes: { direction: 'direction', nationality: 'nationality_iso3', sex: 'sex', ageGroup: 'age_group', transport: 'transport' },
  },
  assistance: {
    table: 'assistance',
    place: 'centre_id',
    region: 'region',
    attributes: { service: 'service', nationality: 'nationality_iso3', sex: 'sex', ageGroup: 'age_group' },
  },
  returns: {
    table: 'returns',
    place: 'centre_id',
    region: 'NULL',
    attributes: { destination: 'destination_iso3' },
  },
};

/**
 * 32 bits of a keyed hash of the record's natural key: the first four bytes of MD5(secret | key) read little-endian.
 * Each engine writes it its own way, with the same value (tests/api/engines.test.ts compares the published answers).
 */
export type RecordKeyExpr = (keyText: string, secretPlaceholder: string) => string;
export const duckdbRecordKey: RecordKeyExpr = (keyText, secret) => `CAST(md5_number(${secret} || '|' || ${keyText}) % 4294967296 AS BIGINT)`;
/** PostgreSQL: md5() is hex; its bytes 4, 3, 2, 1 as a 32-bit string, unsigned through bit(32) → bigint. */
export const postgresRecordKey: RecordKeyExpr = (keyText, secret) => {
  const h = `md5(${secret} || '|' || ${keyText})`;
  return `CAST(CAST(CAST('x' || substr(${h}, 7, 2) || substr(${h}, 5, 2) || substr(${h}, 3, 2) || substr(${h}, 1, 2) AS TEXT) AS BIT(32)) AS BIGINT)`;
};

/**
 * Rows: grain ('month' or 'year': a calendar month or a calendar year), start (its first day, YYYY-MM-01 or
 * YYYY-01-01), place, region, attr ('' = margin, else the API breakdown name), value ('' for the margin), count
 * (exact, > 0), key_sum (Σ record keys mod 2³²).
 */
export function buildCellsSql(metric: CellMetric, secret: string, recordKey: RecordKeyExpr = duckdbRecordKey): SqlQuery {
  const s = CELL_SOURCES[metric];
  const attrs = Object.entries(s.attributes);
  const cols = attrs.map(([, col]) => col);
  // The base records are the month's micro-records: one count per month, place and combination of every breakdown
  // column (the stored rows are daily or weekly; collapsing them first makes the keyed hash run on ~5 % of the rows).
  const keyText = `concat_ws('|', CAST(month AS VARCHAR), place, ${cols.map((c) => `CAST(${c} AS VARCHAR)`).join(', ')})`;
  const attrCase = attrs.map(([name, col]) => `WHEN GROUPING(${col}) = 0 THEN '${name}'`).join(' ');
  const valueExpr = `COALESCE(${cols.map((c) => `CAST(${c} AS VARCHAR)`).join(', ')}, '')`;
  const sets = ['month', 'year'].flatMap((grain) => [`(${grain}, place, region)`, ...cols.map((col) => `(${grain}, place, region, ${col})`)]).join(', ');
  const sql = [
    `WITH base AS (`,
    `  SELECT CAST(date_trunc('month', date) AS DATE) AS month, ${s.place} AS place, ${s.region} AS region, ${cols.join(', ')}, SUM(count) AS count`,
    `  FROM ${s.table} WHERE count > 0`,
    `  GROUP BY ${[1, 2, 3, ...cols.map((_, i) => i + 4)].join(', ')}`,
    `), keyed AS (`,
    `  SELECT *, CAST(date_trunc('year', month) AS DATE) AS year, ${recordKey(keyText, '$1')} AS rkey FROM base`,
    `)`,
    `SELECT CASE WHEN GROUPING(month) = 0 THEN 'month' ELSE 'year' END AS grain,`,
    `  CAST(COALESCE(month, year) AS VARCHAR) AS start, place, region,`,
    `  CASE ${attrCase} ELSE '' END AS attr,`,
    `  ${valueExpr} AS value,`,
    `  CAST(SUM(count) AS BIGINT) AS count,`,
    `  CAST(SUM(rkey) % 4294967296 AS BIGINT) AS key_sum`,
    `FROM keyed`,
    `GROUP BY GROUPING SETS (${sets})`,
    `ORDER BY 5, 1, 2, 3, 6`,
  ].join('\n');
  return { sql, params: [secret] };
}
