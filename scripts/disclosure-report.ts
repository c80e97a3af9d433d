/**
 * What disclosure control costs in accuracy on a dataset: per metric and grain, how many published cells are withheld,
 * how far published values lie from the truth, and the share of people counted in withheld cells.
 * `npm run disclosure:report [-- DATA_DIR]` (default data/). The secret is random for each run: the figures are
 * statistics of the method, not of one secret.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { cellKeyFraction, DEFAULT_CELL_KEY, Perturbation, ptable } from '../src/server/access/cell-key';
import { CELL_METRICS } from '../src/server/store/cells-sql';
import { DuckDbStore } from '../src/server/store/duckdb/duckdb-store';

const dataDir = resolve(process.argv[2] ?? 'data');
const tmp = mkdtempSync(join(tmpdir(), 'atlas-disclosure-'));
const store = await DuckDbStore.open({ dataDir, dbPath: join(tmp, 'atlas.duckdb') });
try {
  const p = DEFAULT_CELL_KEY;
  const pert = new Perturbation(p);
  console.log(`Perturbation table (k = ${p.k}, maxNoise = ${p.maxNoise}, variance = ${p.variance}):`);
  for (const row of ptable(p)) {
    console.log(
      `  ${row.count}${row.count === p.k + p.maxNoise ? '+' : ''}: ${row.targets.map((t, i) => `${t}: ${row.probabilities[i]!.toFixed(3)}`).join(', ')}`,
    );
  }
  const secret = randomBytes(32).toString('hex');
  console.log('\n| metric | grain | breakdown | cells | withheld | mean abs. error | unchanged | people in withheld cells |');
  console.log('|---|---|---|---:|---:|---:|---:|---:|');
  for (const metric of CELL_METRICS) {
    const records = await store.cellRecords(metric, secret);
    const groups = new Map<string, typeof records>();
    for (const r of records) {
      const key = `${r.grain}|${r.attr || '(margin)'}`;
      groups.set(key, [...(groups.get(key) ?? []), r]);
    }
    for (const [key, rs] of [...groups].sort()) {
      let withheld = 0;
      let published = 0;
      let err = 0;
      let same = 0;
      let people = 0;
      let peopleWithheld = 0;
      for (const r of rs) {
        people += r.count;
        const v = pert.publish(r.count, cellKeyFraction(r.keySum));
        if (v === null) {
          withheld++;
          peopleWithheld += r.count;
          continue;
        }
        published++;
        err += Math.abs(v - r.count);
        if (v === r.count) same++;
      }
      const [grain, attr] = key.split('|');
      const pct = (a: number, b: number) => `${((100 * a) / Math.max(1, b)).toFixed(1)} %`;
      console.log(
        `| ${metric} | ${grain} | ${attr} | ${rs.length} | ${pct(withheld, rs.length)} | ${(err / Math.max(1, published)).toFixed(2)} | ${pct(same, published)} | ${pct(peopleWithheld, people)} |`,
      );
    }
  }
} finally {
  await store.close();
  rmSync(tmp, { recursive: true, force: true });
}
