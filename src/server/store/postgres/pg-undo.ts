/**
 * Undo on PostgreSQL, by before-images kept in the database (ADR 0022). Each import writes, in its own transaction,
 * what it changes: the rows of a metric table it replaces and the rows it writes (`import_undo_<table>`), or, for
 * places, the places, point_routes and routes' monitoring points as they were, and the file itself
 * (`import_undo_places`, … `import_undo_geojson`). Undoing import N is then one transaction: the imports from the
 * latest down to N are rolled back from their before-images (in that order each one finds the data exactly as it
 * left it), N moves to `import_undone`, and the later ones are applied again in order, through the same validation,
 * from the rows they wrote: a later import that no longer stands without N refuses the undo (409, naming it) and the
 * transaction rolls back. Killed at any point, the database is exactly before or after the undo.
 */
import { createWriteStream } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { pipeline } from 'node:stream/promises';
import type pg from 'pg';
import { to as copyTo } from 'pg-copy-streams';
import { columnsOf, DATASET_SCHEMA, keyColumns, storedColumns, storedName, type MetricDatasetName } from '../../../shared/dataset-schema';
import type { ImportDataset } from '../../import/types';
import { refreshFlowRollups, type BeforeImages, type Tx } from '../merge';

export const METRIC_TABLES: Record<MetricDatasetName, string> = {
  flows: DATASET_SCHEMA.flows.table,
  assistance: DATASET_SCHEMA.assistance.table,
  returns: DATASET_SCHEMA.returns.table,
};

/** Where import `seq` keeps its before-images of a metric table. */
export const beforeImagesOf = (seq: number): BeforeImages => ({ seq, tableOf: (table) => `import_undo_${table}` });

const UNDO_TABLES = [
  ...Object.values(METRIC_TABLES).map((t) => `import_undo_${t}`),
  'import_undo_places',
  'import_undo_point_routes',
  'import_undo_routes',
  'import_undo_geojson',
];

/** A places import's before-images: the reference tables as they are now (small), and the file (to apply it again). */
export async function keepPlacesBeforeImages(c: Tx, seq: number, geojson: string): Promise<void> {
  await c.run(`INSERT INTO import_undo_places SELECT $1::INTEGER, p.* FROM places p`, [seq]);
  await c.run(`INSERT INTO import_undo_point_routes SELECT $1::INTEGER, r.* FROM point_routes r`, [seq]);
  await c.run(`INSERT INTO import_undo_routes (seq, id, monitored_by_json) SELECT $1::INTEGER, id, monitored_by_json FROM routes`, [seq]);
  await c.run(`INSERT INTO import_undo_geojson (seq, geojson) VALUES ($1, $2)`, [seq, geojson]);
}

/** Forgets import `seq`'s before-images. */
export async function dropBeforeImages(c: Tx, seq: number): Promise<void> {
  for (const t of UNDO_TABLES) await c.run(`DELETE FROM ${t} WHERE seq = $1`, [seq]);
}

/**
 * Rolls import `seq` back from its before-images; the data must be as the import left it (every later import rolled
 * back first). Flows: the (date, point) pairs it touched go into the temp table `undo_keys` (the caller refreshes the
 * rollups once). Returns whether the regions of stored counts changed (a places import: then every rollup is refreshed).
 */
export async function rollBack(c: Tx, seq: number, dataset: ImportDataset): Promise<{ regionsChanged: boolean }> {
  if (dataset === 'places') {
    let changed = 0;
    for (const [table, col] of [
      ['flow_observations', 'point_id'],
      ['assistance', 'centre_id'],
    ] as const) {
      changed += await c.run(
        `UPDATE ${table} t SET region = u.admin1_pcode FROM import_undo_places u JOIN places p ON p.id = u.id
         WHERE u.seq = $1 AND t.${col} = u.id AND p.admin1_pcode IS DISTINCT FROM u.admin1_pcode`,
        [seq],
      );
    }
    await c.run(`DELETE FROM places`);
    await c.run(`INSERT INTO places SELECT ${await columnList(c, 'places')} FROM import_undo_places WHERE seq = $1`, [seq]);
    await c.run(`DELETE FROM point_routes`);
    await c.run(`INSERT INTO point_routes SELECT ${await columnList(c, 'point_routes')} FROM import_undo_point_routes WHERE seq = $1`, [seq]);
    await c.run(`UPDATE routes r SET monitored_by_json = u.monitored_by_json FROM import_undo_routes u WHERE u.seq = $1 AND u.id = r.id`, [seq]);
    return { regionsChanged: changed > 0 };
  }
  const table = METRIC_TABLES[dataset];
  const undo = `import_undo_${table}`;
  // After the import, the rows with the key of a row it wrote are exactly the rows it wrote (it had deleted the others).
  const key = keyColumns(dataset).map(storedName);
  await c.run(
    `DELETE FROM ${table} t USING (SELECT DISTINCT ${key.join(', ')} FROM ${undo} WHERE seq = $1 AND inserted) u
     WHERE ${key.map((k) => `t.${k} = u.${k}`).join(' AND ')}`,
    [seq],
  );
  const cols = storedColumns(dataset).map((x) => x.name);
  await c.run(`INSERT INTO ${table} (${cols.join(', ')}) SELECT ${cols.join(', ')} FROM ${undo} WHERE seq = $1 AND NOT inserted`, [seq]);
  if (dataset === 'flows') await c.run(`INSERT INTO undo_keys SELECT DISTINCT date, point_id FROM ${undo} WHERE seq = $1`, [seq]);
  return { regionsChanged: false };
}

/** The temp table of (date, point) pairs whose rollups an undo refreshes. */
export async function startUndoKeys(c: Tx): Promise<void> {
  await c.run('DROP TABLE IF EXISTS undo_keys');
  await c.run('CREATE TEMP TABLE undo_keys (date DATE NOT NULL, point_id TEXT NOT NULL) ON COMMIT DROP');
}

/** Recomputes the rollups the rolled-back imports touched (all of them when regions changed). */
export async function refreshAfterRollBack(c: Tx, regionsChanged: boolean): Promise<void> {
  if (regionsChanged) return refreshFlowRollups(c, null);
  await c.run('CREATE TEMP TABLE undo_keys_distinct ON COMMIT DROP AS SELECT DISTINCT date, point_id FROM undo_keys');
  await refreshFlowRollups(c, 'undo_keys_distinct');
  await c.run('DROP TABLE undo_keys_distinct');
}

/**
 * Writes import `seq`'s file again at `path`, from its before-images: a metric import's rows as it wrote them (CSV,
 * canonical header; without the columns the file left out), or a places import's GeoJSON.
 */
export async function writeImportFile(c: pg.PoolClient, seq: number, dataset: ImportDataset, opts: { hasTransport: boolean; path: string }): Promise<void> {
  if (dataset === 'places') {
    const r = await c.query<{ geojson: string }>('SELECT geojson FROM import_undo_geojson WHERE seq = $1', [seq]);
    await writeFile(opts.path, r.rows[0]?.geojson ?? '{"type":"FeatureCollection","features":[]}');
    return;
  }
  const select = columnsOf(dataset)
    .filter((col) => opts.hasTransport || col.absentValue === undefined)
    .map((col) => (col.type === 'date' ? `to_char(${storedName(col)}, 'YYYY-MM-DD') AS ${col.name}` : `${storedName(col)} AS ${col.name}`));
  const sql = `COPY (SELECT ${select.join(', ')} FROM import_undo_${METRIC_TABLES[dataset]} WHERE seq = ${Math.trunc(seq)} AND inserted) TO STDOUT WITH (FORMAT csv, HEADER true)`;
  await pipeline(c.query(copyTo(sql)), createWriteStream(opts.path));
}

/** The columns of `table`, in order (to copy its before-images back whatever order they were created in). */
async function columnList(c: Tx, table: string): Promise<string> {
  const rows = await c.rows(
    `SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = $1 ORDER BY ordinal_position`,
    [table],
  );
  return rows.map((r) => String(r.column_name)).join(', ');
}
