/**
 * The flow rollups (seed.ts, sql.ts FLOW_ROLLUPS) answer exactly what the raw observations answer: every query is run
 * twice, once as the server builds it and once forced onto flow_observations, over daily generated data and periods
 * that do not start or end on a week boundary.
 */
import { copyFileSync, mkdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeFlowsCsv } from '../../scripts/generate-data';
import { ensureDatabase } from '../../src/server/store/duckdb/seed';
import { buildFlowsSql, buildFlowsSqlWithTotal, FLOW_RAW_TABLE, FLOW_ROLLUPS, flowsTableFor } from '../../src/server/store/sql';
import { PreparedCache } from '../../src/server/store/duckdb/duckdb-store';
import { flowsQuery } from '../../src/shared/api';
import { FLOW_GROUP_BY } from '../../src/shared/enums';
import { tempDir } from './helpers';

const DATA = resolve(import.meta.dirname, '../../data');
const RANGE = { from: '2017-01-01', to: '2017-03-31' };

let tmp: string;
let instance: DuckDBInstance;
let conn: DuckDBConnection;

beforeAll(async () => {
  tmp = tempDir('atlas-rollup-');
  const dataDir = join(tmp, 'data');
  mkdirSync(dataDir);
  for (const f of ['places.geojson', 'routes.geojson', 'niger-admin1.geojson', 'countries.csv', 'assistance.csv', 'returns.csv', 'dataset.json']) {
    copyFileSync(join(DATA, f), join(dataDir, f));
  }
  // Daily rows (scale > 1) over three months: every nationality, sex, age group and transport occurs.
  writeFlowsCsv(join(dataDir, 'flows.csv'), { scale: 2, ...RANGE });
  const dbPath = join(tmp, 'atlas.duckdb');
  await ensureDatabase({ dataDir, dbPath });
  instance = await DuckDBInstance.create(dbPath, { access_mode: 'READ_ONLY' });
  conn = await instance.connect();
});

afterAll(() => {
  conn?.closeSync();
  instance?.closeSync();
  rmSync(tmp, { recursive: true, force: true });
});

async function rows(q: Record<string, unknown>, raw: boolean) {
  const built = buildFlowsSql(flowsQuery.parse(q), RANGE, { raw });
  return (await conn.runAndReadAll(built.sql, built.params)).getRowObjects();
}

const PERIODS = [{}, { from: '2017-01-05', to: '2017-02-17' }, { from: '2017-03-14', to: '2017-03-14' }];
const FILTERS: Record<string, unknown>[] = [
  {},
  { direction: 'incoming' },
  { nationality: 'NGA,NER,MLI' },
  { sex: 'f' },
  { ageGroup: 'minor' },
  { sex: 'm', ageGroup: 'adult', direction: 'outgoing' },
  { nationality: 'NGA', sex: 'f' },
  { transport: 'truck' },
  { point: 'arlit-fmp,seguedine-fmp' },
  { route: 'R4' },
  { region: 'NE001' },
];
const GROUPINGS: string[][] = [[], ...FLOW_GROUP_BY.map((g) => [g]), ['week', 'direction'], ['sex', 'ageGroup'], ['route', 'nationality'], ['point', 'month']];

describe('flow rollups', () => {
  it('are much smaller than the raw table and hold the same total', async () => {
    const count = async (t: string) => Number((await conn.runAndReadAll(`SELECT COUNT(*) FROM ${t}`)).getRows()[0]![0]);
    const sum = async (t: string) => String((await conn.runAndReadAll(`SELECT SUM(count) FROM ${t}`)).getRows()[0]![0]);
    const raw = await count(FLOW_RAW_TABLE);
    expect(raw).toBeGreaterThan(10_000);
    for (const r of FLOW_ROLLUPS) {
      expect(await count(r.table)).toBeLessThan(raw);
      expect(await sum(r.table)).toBe(await sum(FLOW_RAW_TABLE));
    }
  });

  it('are chosen only when the query needs none of the detail they drop', () => {
    const table = (q: Record<string, unknown>) => flowsTableFor(flowsQuery.parse(q));
    expect(table({ groupBy: 'route' })).toBe('flow_daily_point');
    expect(table({ groupBy: 'week,direction', point: 'arlit-fmp', region: 'NE001' })).toBe('flow_daily_point');
    expect(table({ groupBy: 'route', direction: 'incoming', nationality: 'NGA' })).toBe('flow_daily');
    expect(table({ groupBy: 'nationality' })).toBe('flow_daily');
    expect(table({ groupBy: 'point', sex: 'f' })).toBe('flow_daily_sex_age');
    expect(table({ groupBy: 'sex,ageGroup', direction: 'incoming' })).toBe('flow_daily_sex_age');
    expect(table({ groupBy: 'point', sex: 'f', nationality: 'NGA' })).toBe('flow_daily_demographic');
    expect(table({ groupBy: 'nationality', ageGroup: 'minor' })).toBe('flow_daily_demographic');
    expect(table({ groupBy: 'transport' })).toBe(FLOW_RAW_TABLE);
    expect(table({ groupBy: 'point', transport: 'bus' })).toBe(FLOW_RAW_TABLE);
  });

  it('answer every grouping × filter × period exactly as the raw observations do', async () => {
    let compared = 0;
    for (const period of PERIODS) {
      for (const filter of FILTERS) {
        for (const groupBy of GROUPINGS) {
          const q = { ...period, ...filter, ...(groupBy.length ? { groupBy: groupBy.join(',') } : {}) };
          const fast = await rows(q, false);
          const raw = await rows(q, true);
          expect(fast, JSON.stringify(q)).toEqual(raw);
          compared++;
        }
      }
    }
    expect(compared).toBe(PERIODS.length * FILTERS.length * GROUPINGS.length);
  });

  it('groupBy=route in one statement (rows + total) answers what the rows query and the separate total query answer', async () => {
    const allRoutes = (await conn.runAndReadAll('SELECT id FROM routes ORDER BY id')).getRowObjects().map((r) => String(r.id));
    const cache = new PreparedCache(4);
    const ROUTE_FILTERS = [...FILTERS, { route: 'R3,R3b' }, { route: 'R1' }, { route: 'R4', direction: 'incoming', nationality: 'NGA' }];
    let compared = 0;
    for (const period of [...PERIODS, { from: '2001-01-01', to: '2001-12-31' }]) {
      for (const filter of ROUTE_FILTERS) {
        for (const groupBy of [['route'], ['route', 'nationality'], ['direction', 'route'], ['route', 'week']]) {
          const q = flowsQuery.parse({ ...period, ...filter, groupBy: groupBy.join(',') });
          const expectedRows = await rows({ ...period, ...filter, groupBy: groupBy.join(',') }, true);
          const t = buildFlowsSql({ ...q, groupBy: undefined, route: q.route ?? allRoutes }, RANGE, { raw: true });
          const expectedTotal = Number((await conn.runAndReadAll(t.sql, t.params)).getRowObjects()[0]?.count ?? 0);
          for (const raw of [false, true]) {
            const got = await cache.rows(conn, buildFlowsSqlWithTotal(q, RANGE, { raw }));
            const label = JSON.stringify({ q, raw });
            expect(got[0]?.__total, label).toBe(1);
            expect(Number(got[0]?.count), label).toBe(expectedTotal);
            expect(
              got.filter((r) => r.__total === 0).map(({ __total, ...r }) => r),
              label,
            ).toEqual(expectedRows);
            expect(got.filter((r) => r.__total === 1)).toHaveLength(1);
            compared++;
          }
        }
      }
    }
    expect(compared).toBe((PERIODS.length + 1) * (FILTERS.length + 3) * 4 * 2);
  });

  it('route answers (summed per point, then joined) match a plain join over the raw observations', async () => {
    const plain = async (sql: string) => (await conn.runAndReadAll(sql)).getRowObjects();
    const period = "f.date >= DATE '2017-01-05' AND f.date <= DATE '2017-02-17'";
    expect(await rows({ from: '2017-01-05', to: '2017-02-17', groupBy: 'route,direction' }, false)).toEqual(
      await plain(`SELECT pr.route_id AS "route", f.direction AS "direction", CAST(SUM(f.count) AS BIGINT) AS "count"
        FROM flow_observations f JOIN point_routes pr ON pr.point_id = f.point_id WHERE ${period} GROUP BY 1, 2 ORDER BY 1, 2`),
    );
    expect(await rows({ from: '2017-01-05', to: '2017-02-17', route: 'R3,R3b' }, false)).toEqual(
      await plain(`SELECT CAST(COALESCE(SUM(f.count), 0) AS BIGINT) AS "count" FROM flow_observations f
        WHERE ${period} AND f.point_id IN (SELECT point_id FROM point_routes WHERE route_id IN ('R3', 'R3b'))`),
    );
  });
});
