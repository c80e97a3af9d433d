/**
 * DuckDB-only timing of the groupBy=route flows query (not part of `npm run bench`): the two statements (rows, then the
 * de-duplicated total, each prepared per call) beside the one statement with its total (buildFlowsSqlWithTotal),
 * run per call or through a prepared statement reused. One connection, threads=1 like the server.
 *
 *   FOCUS_DB=/tmp/focus/atlas.duckdb npx tsx bench/focus-db.ts
 */
import { DuckDBInstance } from '@duckdb/node-api';
import { buildFlowsSql, buildFlowsSqlWithTotal, buildReturnsSql } from '../src/server/store/sql';
import { PreparedCache } from '../src/server/store/duckdb/duckdb-store';
import { addDays, daysIn } from '../src/shared/calendar';

const dbPath = process.env.FOCUS_DB ?? '/tmp/focus/atlas.duckdb';
const n = Number(process.env.FOCUS_N ?? 300);
const inst = await DuckDBInstance.create(dbPath, { access_mode: 'READ_ONLY', threads: '1' });
const c = await inst.connect();
const range = (await (await c.runAndReadAll(`SELECT CAST(MIN(date) AS VARCHAR) lo, CAST(MAX(date) AS VARCHAR) hi FROM flow_daily`)).getRowObjects())[0]!;
const rrange = (await (await c.runAndReadAll(`SELECT CAST(MIN(date) AS VARCHAR) lo, CAST(MAX(date) AS VARCHAR) hi FROM returns`)).getRowObjects())[0]!;
const routes = (await (await c.runAndReadAll(`SELECT id FROM routes`)).getRowObjects()).map((r) => String(r.id));
const defaults = { from: String(range.lo), to: String(range.hi) };
const NATS = ['NGA', 'NER', 'MLI', 'SEN', 'GIN', 'CMR', 'CIV', 'GMB', 'BFA', 'GHA'];
const day = addDays;
const span = (lo: string, hi: string) => daysIn({ from: lo, to: hi }) - 365;
const q = (i: number) => {
  const from = day(defaults.from, (i * 97) % span(defaults.from, defaults.to));
  return { groupBy: ['route'], direction: i % 2 ? 'incoming' : 'outgoing', nationality: [NATS[i % NATS.length]!], from, to: day(from, 364) } as never;
};
const rq = (i: number) => {
  const from = day(String(rrange.lo), (i * 97) % span(String(rrange.lo), String(rrange.hi)));
  return { groupBy: ['destination'], from, to: day(from, 364) } as never;
};
const cache = new PreparedCache();
const variants: Record<string, (i: number) => Promise<unknown>> = {
  'route: 2 statements (before)': async (i) => {
    await c.runAndReadAll(buildFlowsSql(q(i), defaults).sql, buildFlowsSql(q(i), defaults).params);
    const t = buildFlowsSql({ ...(q(i) as object), groupBy: undefined, route: routes } as never, defaults);
    await c.runAndReadAll(t.sql, t.params);
  },
  'route: 1 statement, unprepared': async (i) => {
    const s = buildFlowsSqlWithTotal(q(i), defaults);
    await c.runAndReadAll(s.sql, s.params);
  },
  'route: 1 statement, prepared (after)': (i) => cache.rows(c, buildFlowsSqlWithTotal(q(i), defaults)),
  'returns: unprepared (before)': async (i) => {
    const s = buildReturnsSql(rq(i), defaults);
    await c.runAndReadAll(s.sql, s.params);
  },
  'returns: prepared (after)': (i) => cache.rows(c, buildReturnsSql(rq(i), defaults)),
};
for (let round = 0; round < 2; round++) {
  for (const [name, fn] of Object.entries(variants)) {
    for (let i = 0; i < 20; i++) await fn(i);
    const ts: number[] = [];
    for (let i = 0; i < n; i++) {
      const t0 = performance.now();
      await fn(i + 1000 * round);
      ts.push(performance.now() - t0);
    }
    ts.sort((a, b) => a - b);
    const p = (x: number) => ts[Math.min(ts.length - 1, Math.floor(x * ts.length))]!.toFixed(2);
    console.log(`${name.padEnd(38)} median ${p(0.5)} ms  p90 ${p(0.9)} ms  mean ${(ts.reduce((a, b) => a + b, 0) / n).toFixed(2)} ms`);
  }
}
c.closeSync();
inst.closeSync();
