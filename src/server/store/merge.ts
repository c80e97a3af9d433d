/**
 * The engine-neutral part of an import's merge, in portable SQL on a transaction `Tx` the engine provides: natural-key
 * replacement of the staged rows (the engine loads them into the temp table `import_stage` its own way), the flow
 * rollups kept in step, and places upserted with their routes and the regions of stored counts.
 */
import { readFile } from 'node:fs/promises';
import { DATASET_SCHEMA, keyColumns, placeColumn, storedColumns, storedName, type MetricDatasetName } from '../../shared/dataset-schema';
import type { StagedImport } from '../import/types';
import type { PlaceFeature } from '../import/validate-geojson';
import { INSERT_PLACE, placeValues } from './place-row';
import { FLOW_ROLLUPS } from './sql';

/** One statement at a time inside the import's transaction. */
export interface Tx {
  /** Runs a statement; returns the rows it changed. */
  run(sql: string, params?: ReadonlyArray<string | number | null>): Promise<number>;
  rows(sql: string, params?: ReadonlyArray<string | number | null>): Promise<Record<string, unknown>[]>;
}

/**
 * INSERT of the staged rows into a metric table, with their place's region where the table has one (columns: the
 * dataset schema, src/shared/dataset-schema.ts).
 */
function insertSql(dataset: MetricDatasetName, into?: { table: string; seq: number }): string {
  const schema = DATASET_SCHEMA[dataset];
  const cols = storedColumns(dataset);
  const join = schema.region ? ` JOIN places p ON p.id = s.${placeColumn(dataset).name}` : '';
  const [target, extra, values] = into ? [into.table, 'seq, inserted, ', `${into.seq}, TRUE, `] : [schema.table, '', ''];
  return `INSERT INTO ${target} (${extra}${cols.map((c) => c.name).join(', ')})
          SELECT ${values}${cols.map((c) => c.from).join(', ')} FROM import_stage s${join}`;
}

/**
 * Where an engine that undoes by before-images (PostgreSQL: postgres/pg-undo.ts) keeps a metric import's: the table
 * of `table`'s rows (`seq`, `inserted`, then the table's columns) and the import's number.
 */
export interface BeforeImages {
  seq: number;
  tableOf(table: string): string;
}

export interface MergeCounts {
  replaced: number;
  inserted: number;
  /** Rows of the file whose key was not stored (places: new ids). */
  added: number;
}

/**
 * Recomputes the flow rollups for the (date, point) pairs in `keysTable` (a temp table of date, point_id), or whole
 * when a rollup lacks those columns (`dates`: the file's first and last dates, to read only those). Must run inside
 * the import's transaction, after flow_observations changed.
 */
export async function refreshFlowRollups(c: Tx, keysTable: string | null, dates: Pick<StagedImport, 'minDate' | 'maxDate'> = { maxDate: null }): Promise<void> {
  for (const r of FLOW_ROLLUPS) {
    const cols = r.columns as readonly string[];
    const select = `${cols.map((x) => `f.${x}`).join(', ')}, CAST(SUM(f.count) AS INTEGER) AS count`;
    const target = `${r.table} (${cols.join(', ')}, count)`;
    if (keysTable && cols.includes('date') && cols.includes('point_id')) {
      await c.run(`DELETE FROM ${r.table} r USING ${keysTable} k WHERE r.date = k.date AND r.point_id = k.point_id${fileDatesOf(dates, 'r')}`);
      await c.run(
        `INSERT INTO ${target} SELECT ${select} FROM flow_observations f JOIN ${keysTable} k ON f.date = k.date AND f.point_id = k.point_id${fileDatesOf(dates, 'f')}
         GROUP BY ${cols.map((x) => `f.${x}`).join(', ')} ORDER BY f.date, f.point_id`,
      );
    } else {
      await c.run(`DELETE FROM ${r.table}`);
      await c.run(`INSERT INTO ${target} SELECT ${select} FROM flow_observations f GROUP BY ${cols.map((x) => `f.${x}`).join(', ')}`);
    }
  }
}

/**
 * ` AND <alias>.date BETWEEN` the file's first and last dates (literals: both were validated as YYYY-MM-DD), or '' when
 * a date is unknown. Redundant with the join on date, it lets the planner read only the file's dates of a large table
 * (PostgreSQL at 100 M rows otherwise scanned the whole table to find the rows a 1 M-row file replaces).
 */
export function fileDatesOf(staged: Pick<StagedImport, 'minDate' | 'maxDate'>, alias: string): string {
  const iso = /^\d{4}-\d{2}-\d{2}$/;
  if (!staged.minDate || !staged.maxDate || !iso.test(staged.minDate) || !iso.test(staged.maxDate)) return '';
  return ` AND ${alias}.date >= CAST('${staged.minDate}' AS DATE) AND ${alias}.date <= CAST('${staged.maxDate}' AS DATE)`;
}

/** Merges the staged rows, loaded by the engine into the temp table import_stage. Call inside the import's transaction. */
export async function mergeStagedMetric(c: Tx, staged: StagedImport, keep?: BeforeImages): Promise<MergeCounts> {
  const dataset = staged.dataset as MetricDatasetName;
  const table = DATASET_SCHEMA[dataset].table;
  // Without a transport column a flow row carries all transports: it replaces every transport's row of its key.
  const key = keyColumns(dataset).filter((c) => staged.hasTransport || c.absentValue === undefined);
  const on = key.map((c) => `t.${storedName(c)} = s.${c.name}`).join(' AND ') + fileDatesOf(staged, 't');
  // Rows of the file whose key is stored already (a flows row without transport may match several stored rows).
  const matched = await c.rows(`SELECT CAST(COUNT(*) AS BIGINT) AS n FROM import_stage s WHERE EXISTS (SELECT 1 FROM ${table} t WHERE ${on})`);
  if (keep) {
    // The rows the import replaces and the rows it writes, in its own transaction: undo puts the first back in place of the second.
    const cols = storedColumns(dataset).map((x) => x.name);
    await c.run(
      `INSERT INTO ${keep.tableOf(table)} (seq, inserted, ${cols.join(', ')})
       SELECT ${keep.seq}, FALSE, ${cols.map((x) => `t.${x}`).join(', ')} FROM ${table} t WHERE EXISTS (SELECT 1 FROM import_stage s WHERE ${on})`,
    );
    await c.run(insertSql(dataset, { table: keep.tableOf(table), seq: keep.seq }));
  }
  const replaced = await c.run(`DELETE FROM ${table} t USING import_stage s WHERE ${on}`);
  const inserted = await c.run(insertSql(dataset));
  if (staged.dataset === 'flows') {
    await c.run('DROP TABLE IF EXISTS import_keys');
    await c.run(`CREATE TEMP TABLE import_keys AS SELECT DISTINCT date, point AS point_id FROM import_stage`);
    await refreshFlowRollups(c, 'import_keys', staged);
  }
  return { replaced, inserted, added: inserted - Number(matched[0]?.n ?? 0) };
}

/** Upserts places by id (kind unchanged, checked by validation); keeps point_routes, routes.monitoredBy and regions of stored counts in step. */
export async function mergePlaces(c: Tx, staged: StagedImport): Promise<MergeCounts> {
  const fc = JSON.parse(await readFile(staged.path, 'utf8')) as { features: PlaceFeature[] };
  const stored = new Map(
    (await c.rows(`SELECT id, ord, admin1_pcode FROM places`)).map((r) => [
      String(r.id),
      { ord: Number(r.ord), region: r.admin1_pcode === null ? null : String(r.admin1_pcode) },
    ]),
  );
  let nextOrd = Math.max(-1, ...[...stored.values()].map((s) => s.ord)) + 1;
  const ids = fc.features.map((f) => f.properties.id);
  const touchedRoutes = new Set<string>();
  const idSet = new Set(ids);
  for (const r of await c.rows(`SELECT point_id, route_id FROM point_routes`)) {
    if (idSet.has(String(r.point_id))) touchedRoutes.add(String(r.route_id));
  }
  let replaced = 0;
  let regionsChanged = false;
  for (const f of fc.features) {
    const p = f.properties;
    const old = stored.get(p.id);
    if (old) {
      replaced++;
      await c.run(`DELETE FROM places WHERE id = $1`, [p.id]);
      if (old.region !== p.admin1Pcode) {
        regionsChanged = true;
        await c.run(`UPDATE flow_observations SET region = $2 WHERE point_id = $1`, [p.id, p.admin1Pcode]);
        await c.run(`UPDATE assistance SET region = $2 WHERE centre_id = $1`, [p.id, p.admin1Pcode]);
      }
    }
    await c.run(INSERT_PLACE, placeValues(f, old ? old.ord : nextOrd++));
    await c.run(`DELETE FROM point_routes WHERE point_id = $1`, [p.id]);
    for (const r of p.routes) {
      await c.run(`INSERT INTO point_routes VALUES ($1, $2)`, [p.id, r]);
      touchedRoutes.add(r);
    }
  }
  for (const route of touchedRoutes) {
    const pts = (await c.rows(`SELECT point_id FROM point_routes WHERE route_id = $1 ORDER BY point_id`, [route])).map((r) => String(r.point_id));
    await c.run(`UPDATE routes SET monitored_by_json = $2 WHERE id = $1`, [route, JSON.stringify(pts)]);
  }
  if (regionsChanged) await refreshFlowRollups(c, null);
  return { replaced, inserted: fc.features.length, added: fc.features.length - replaced };
}
