/**
 * The dataset schema (src/shared/dataset-schema.ts) against the files and dictionaries it describes: data/*.csv
 * headers, the enums, and the forms the database build, the import and the generator derive from it.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  columnNames,
  columnsOf,
  csvColumnTypes,
  csvHeader,
  DATASET_SCHEMA,
  importHeaders,
  keyColumns,
  METRIC_DATASETS,
  placeColumn,
  storedColumns,
} from '../../src/shared/dataset-schema';
import { AGE_GROUPS, DIRECTIONS, PLACE_KINDS, SERVICES, SEXES, TRANSPORTS } from '../../src/shared/enums';
import { CSV_HEADERS, DATA_FILES } from '../../src/server/store/duckdb/seed';
import { CSV_IMPORT_HEADERS } from '../../src/server/import/validate-csv';
import { ASSISTANCE_COLUMNS, FLOW_COLUMNS, RETURN_COLUMNS } from '../../scripts/generate-data';

const ROOT = resolve(import.meta.dirname, '../..');
const firstLine = (path: string) => readFileSync(path, 'utf8').slice(0, 4096).split(/\r?\n/)[0];

describe('dataset schema', () => {
  it.each(METRIC_DATASETS)('%s: data/ and the test fixture have exactly its columns as their header', (d) => {
    expect(DATASET_SCHEMA[d].file).toBe(DATA_FILES[d]);
    for (const dir of ['data', 'tests/fixtures/mini']) {
      expect(firstLine(resolve(ROOT, dir, DATASET_SCHEMA[d].file)), `${dir}/${DATASET_SCHEMA[d].file}`).toBe(columnNames(d).join(','));
    }
    expect(csvHeader(d)).toBe(columnNames(d).join(','));
  });

  it('keeps the headers the data files have always had', () => {
    expect(csvHeader('flows')).toBe('date,point,direction,nationality,sex,age_group,transport,count');
    expect(csvHeader('assistance')).toBe('date,centre,service,nationality,sex,age_group,count');
    expect(csvHeader('returns')).toBe('date,centre,destination,count');
  });

  it.each(METRIC_DATASETS)('%s: names are unique, the key is every column but the count, one place column', (d) => {
    const names: string[] = columnNames(d);
    expect(new Set(names).size).toBe(names.length);
    const key = keyColumns(d).map((c) => c.name);
    expect(key.every((k) => names.includes(k))).toBe(true);
    expect(key).toEqual(names.filter((n) => n !== 'count'));
    expect(columnsOf(d).filter((c) => c.placeKinds)).toHaveLength(1);
    expect(placeColumn(d).placeKinds!.every((k) => (PLACE_KINDS as readonly string[]).includes(k))).toBe(true);
    expect(columnsOf(d).find((c) => c.name === 'count')).toMatchObject({ type: 'integer', key: false });
    expect(columnsOf(d)[0]).toMatchObject({ name: 'date', type: 'date', key: true });
  });

  it('enum columns allow exactly the values of src/shared/enums.ts', () => {
    const enums = Object.fromEntries(
      METRIC_DATASETS.flatMap((d) =>
        columnsOf(d)
          .filter((c) => c.type === 'enum')
          .map((c) => [`${d}.${c.name}`, c.values]),
      ),
    );
    expect(enums).toEqual({
      'flows.direction': DIRECTIONS,
      'flows.sex': SEXES,
      'flows.age_group': AGE_GROUPS,
      'flows.transport': TRANSPORTS,
      'assistance.service': SERVICES,
      'assistance.sex': SEXES,
      'assistance.age_group': AGE_GROUPS,
    });
    for (const d of METRIC_DATASETS) {
      for (const c of columnsOf(d)) {
        expect(c.values !== undefined, `${d}.${c.name}`).toBe(c.type === 'enum');
        if (c.absentValue !== undefined) expect(c.values, `${d}.${c.name}`).toContain(c.absentValue);
        expect(c.description.length, `${d}.${c.name}`).toBeGreaterThan(0);
      }
    }
  });

  it('the stored tables keep their column names and order', () => {
    expect(storedColumns('flows').map((c) => c.name)).toEqual([
      'date',
      'point_id',
      'region',
      'direction',
      'nationality_iso3',
      'sex',
      'age_group',
      'transport',
      'count',
    ]);
    expect(storedColumns('assistance').map((c) => c.name)).toEqual(['date', 'centre_id', 'region', 'service', 'nationality_iso3', 'sex', 'age_group', 'count']);
    expect(storedColumns('returns').map((c) => c.name)).toEqual(['date', 'centre_id', 'destination_iso3', 'count']);
    expect(csvColumnTypes('returns')).toEqual({ date: 'DATE', centre: 'VARCHAR', destination: 'VARCHAR', count: 'INTEGER' });
  });

  it('the database build, the import and the generator read the same columns', () => {
    for (const d of METRIC_DATASETS) {
      expect(CSV_HEADERS[d]).toBe(csvHeader(d));
      expect(CSV_IMPORT_HEADERS[d][0]).toEqual(columnNames(d));
    }
    expect([FLOW_COLUMNS, ASSISTANCE_COLUMNS, RETURN_COLUMNS]).toEqual([columnNames('flows'), columnNames('assistance'), columnNames('returns')]);
  });

  it('an import file may leave out transport (flows only) or put it last', () => {
    const base = ['date', 'point', 'direction', 'nationality', 'sex', 'age_group'];
    expect(importHeaders('flows')).toEqual([
      [...base, 'transport', 'count'],
      [...base, 'count'],
      [...base, 'count', 'transport'],
    ]);
    expect(importHeaders('assistance')).toEqual([columnNames('assistance')]);
    expect(importHeaders('returns')).toEqual([columnNames('returns')]);
  });
});
