/**
 * Attack: coverage against the published point-month cells. If every stored row counts at least one person, the
 * weeks a point reported in a month bound its month cell from below (w reported weeks ⇒ at least w people). The
 * attacker reads each month's share of reported weeks from /coverage, turns it back into w, and intersects it with
 * what the published cell says (withheld: 1…k−1; published 0: k…k+D−1, no longer possibly a true 0). Nothing may be
 * pinned. And where the disclosure parameters would let it pin (small k), the server publishes less.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { coverageResponse, type CoverageResponse } from '../../../src/shared/api-coverage';
import { appendFileSync } from 'node:fs';
import { join } from 'node:path';
import { copyFixture, mondayOf, startTestApp, type TestServer } from '../helpers';
import { answer, cellInterval, D, K, OUTSIDE_ROLES, SECRET, startAtlas } from './attacker';

let t: TestServer;
/** The mini fixture plus Séguédine reporting 1 person in each of three January weeks: a withheld cell (3) with 3 reported weeks. */
let small: TestServer;
beforeAll(async () => {
  t = await startAtlas();
  const dir = copyFixture();
  for (const week of ['2019-01-07', '2019-01-14', '2019-01-21']) appendFileSync(join(dir, 'flows.csv'), `${week},seguedine-fmp,incoming,NGA,m,adult,car,1\n`);
  small = await startTestApp({ dataDir: dir, app: { cellKeySecret: SECRET } });
});
afterAll(async () => {
  await t?.close();
  await small?.close();
});

const DAY = 86_400_000;
const plus = (d: string, n: number) => new Date(new Date(`${d}T00:00:00Z`).getTime() + n * DAY).toISOString().slice(0, 10);

/** Active weeks (by Monday) of a month for a point's active dates, as the attacker computes them from public data. */
function activeWeeks(month: string, p: { activeFrom: string | null; activeTo: string | null }): number {
  let n = 0;
  for (let d = month; d.slice(0, 7) === month.slice(0, 7); d = plus(d, 1)) {
    if (mondayOf(d) !== d) continue;
    if ((p.activeFrom === null || plus(d, 6) >= p.activeFrom) && (p.activeTo === null || d <= p.activeTo)) n++;
  }
  return n;
}

async function coverage(inject: TestServer['inject'], role: (typeof OUTSIDE_ROLES)[number], qs: string): Promise<CoverageResponse> {
  const res = await inject(`/api/v1/coverage?${qs}`, role);
  expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
  return coverageResponse.parse(res.json());
}

describe('coverage does not pin a protected point-month cell', () => {
  /** Plays the attack on a server; returns how many cells coverage bounded further (withheld, published 0). */
  async function attack(server: TestServer): Promise<{ withheld: number; zeros: number }> {
    const info = server.store.info().dateRange;
    const qs = `from=${info.min.slice(0, 8)}01&to=${info.max}`;
    const cov = await coverage(server.inject, 'public', qs);
    expect(cov.reporting).toBe('weeks');
    // Every outside role is told the same.
    for (const role of OUTSIDE_ROLES) expect(await coverage(server.inject, role, qs)).toEqual(cov);
    const flows = await answer(server.inject, `/api/v1/flows?groupBy=point,month&${qs}`, 'public');
    const cell = new Map(flows.rows.map((r) => [`${r['point']}|${r['month']}`, r.count]));
    const bounded = { withheld: 0, zeros: 0 };
    for (const p of cov.points) {
      cov.steps.forEach((month, i) => {
        const share = p.series[i];
        if (share === null || share === undefined || share === 0) return;
        const w = Math.round(share * activeWeeks(month, p));
        expect(w, `${p.id} ${month}`).toBeGreaterThan(0);
        const key = `${p.id}|${month}`;
        // A cell with no row is a published 0 (a true 0 is impossible once a row of people exists): k…k+D−1.
        const published = cell.has(key) ? cell.get(key)! : 0;
        const base = cellInterval(published, K, D);
        const lo = Math.max(base.lo, w);
        expect(lo, `${key}: lower bound above what the cell allows`).toBeLessThanOrEqual(base.hi);
        expect(base.hi - lo, `${key}: pinned by coverage (w=${w}, published ${published})`).toBeGreaterThan(0);
        if (published === null && w > 1) bounded.withheld++;
        if (published === 0) bounded.zeros++;
      });
    }
    return bounded;
  }

  it('the dataset: every point and month, reported weeks against withheld and published-0 cells', async () => {
    // The dataset's point-months with reports all count far more than k: coverage bounds none of them further.
    expect(await attack(t)).toEqual({ withheld: 0, zeros: 0 });
  });

  it('a withheld cell of 3 with 3 reported weeks: bounded to 3…9, not pinned', async () => {
    expect((await attack(small)).withheld).toBe(1);
  });

  it('with k ≤ 6, where 5 reported weeks would pin a withheld cell of 5, outside roles are told months only', async () => {
    const weak = t.another({ disclosure: { k: 6 } });
    const info = t.store.info().dateRange;
    const cov = await coverage(weak.inject, 'public', `from=${info.min.slice(0, 8)}01&to=${info.max}`);
    expect(cov.reporting).toBe('months');
    for (const p of cov.points) for (const v of p.series) expect(v === null || v === 0 || v === 1).toBe(true);
  });

  it('with D = 1, where a reported month published as 0 would be exactly k, the active dates only', async () => {
    const weak = t.another({ disclosure: { maxNoise: 1 } });
    const cov = await coverage(weak.inject, 'public', 'from=2019-01-01&to=2019-06-30');
    expect(cov.reporting).toBe('span');
    for (const p of cov.points) for (const v of p.series) expect(v === null || v === 1).toBe(true);
  });
});
