/**
 * Bench data: a large flows.csv from the project's own generator (scripts/generate-data.ts, `scale` mode: daily
 * rows, counts × scale) beside the other data files copied from data/. Reused when the generator options and the
 * generator's source are unchanged (bench/out/data/bench-data.json records them).
 */
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { writeFlowsCsv, type GenerateOptions } from '../scripts/generate-data';
import { addDays } from '../src/shared/calendar';

export const ROOT = resolve(import.meta.dirname, '..');
export const OUT = join(ROOT, 'bench/out');

/**
 * Flow rows per year at scale 100 (daily rows, measured: 10,422,834 over 2015–2027). Years after 2019 repeat 2019's
 * pattern. A target row count picks the `to` day where the running total reaches it (from 2015-01-01): 100 M rows run
 * to about 2117 — a century of one country's points stands in for many countries' points over the real years (the
 * same row count; a one-year query then reads a smaller share of the table, which the report states).
 */
const ROWS_PER_YEAR: Record<number, number> = {
  2015: 180_426,
  2016: 474_729,
  2017: 412_687,
  2018: 614_255,
  2019: 968_826,
};
const FROM = '2015-01-01';
const COPIED = [
  'places.geojson',
  'routes.geojson',
  'niger-admin1.geojson',
  'countries.csv',
  'assistance.csv',
  'returns.csv',
  'dataset.json',
  'centre-routes.json',
];

export function generatorOptionsFor(targetRows: number): GenerateOptions {
  let left = targetRows;
  for (let year = 2015; year < 2200; year++) {
    const n = ROWS_PER_YEAR[year] ?? 970_000;
    if (left <= n) {
      const days = Math.max(30, Math.round((365 * left) / n));
      return { scale: 100, from: FROM, to: addDays(`${year}-01-01`, days - 1) };
    }
    left -= n;
  }
  throw new RangeError(`BENCH_ROWS=${targetRows} is too many`);
}

export interface BenchData {
  dir: string;
  options: GenerateOptions;
  rows: number;
  bytes: number;
  generatedMs: number | null;
}

const sha = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex').slice(0, 16);

export function prepareData(targetRows: number, log: (s: string) => void): BenchData {
  const dir = join(OUT, 'data');
  mkdirSync(dir, { recursive: true });
  const options = generatorOptionsFor(targetRows);
  const stampPath = join(dir, 'bench-data.json');
  const want = { options, generator: sha(join(ROOT, 'scripts/generate-data.ts')) };
  for (const f of COPIED) {
    // Copy only when different, so the database fingerprint (and so the database) survives reruns.
    const src = join(ROOT, 'data', f);
    const dst = join(dir, f);
    if (!existsSync(dst) || sha(src) !== sha(dst)) copyFileSync(src, dst);
  }
  const flows = join(dir, 'flows.csv');
  if (existsSync(stampPath) && existsSync(flows)) {
    const stamp = JSON.parse(readFileSync(stampPath, 'utf8')) as typeof want & { rows: number; bytes: number };
    if (JSON.stringify({ options: stamp.options, generator: stamp.generator }) === JSON.stringify(want) && statSync(flows).size === stamp.bytes) {
      log(`Reusing ${flows}: ${stamp.rows} rows, ${(stamp.bytes / 1e6).toFixed(0)} MB (generator options ${JSON.stringify(options)})`);
      return { dir, options, rows: stamp.rows, bytes: stamp.bytes, generatedMs: null };
    }
  }
  log(`Generating flows.csv with ${JSON.stringify(options)} …`);
  const t0 = performance.now();
  const w = writeFlowsCsv(flows, options);
  const generatedMs = performance.now() - t0;
  writeFileSync(stampPath, JSON.stringify({ ...want, rows: w.rows, bytes: w.bytes }, null, 2));
  log(`Generated ${w.rows} rows, ${(w.bytes / 1e6).toFixed(0)} MB in ${(generatedMs / 1000).toFixed(1)} s`);
  return { dir, options, rows: w.rows ?? 0, bytes: w.bytes, generatedMs };
}
