/**
 * Attack 3, filters and margins. A region holding one monitoring point (Tahoua, Maradi) or a route observed by one
 * point (R3b, R4, R2b, R2c) is that point under another name: were its figures computed and perturbed on their own,
 * the two answers would be two draws of noise on the same count. Here they are the same published cells, so asking
 * both says nothing new. And a place's margin is its own published cell: margin − the published rest of a breakdown
 * bounds a withheld cell only to an interval of several values, which the test checks for every withheld cell that is
 * alone in its breakdown; without noise the same subtraction gives it exactly (the attack has teeth).
 * Last, the same people counted in two tables: a centre's voluntary returns (returns) are its people assisted with a
 * voluntary return (assistance, service=voluntary_return), as data/README.md says. If the two tables publish that one
 * count as two cells with their own noise, intersecting the two intervals can pin it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AggregateRow } from '../../../src/shared/api';
import type { Role } from '../../../src/shared/enums';
import type { Inject, TestServer } from '../helpers';
import { answer, attributesOf, cellInterval, D, K, lastDay, OUTSIDE_ROLES, SECRET, startAtlas, type Interval } from './attacker';

let t: TestServer;
beforeAll(async () => {
  t = await startAtlas();
});
afterAll(async () => {
  await t?.close();
});

const strip = (rows: AggregateRow[]) => rows.map((r) => ({ ...r }));

describe('a region with one monitoring point, and a route observed by one point, answer exactly that point’s published cells', () => {
  const SAME: Array<[string, string]> = [
    ['region=NE005', 'point=tahoua-fmp'], // Tahoua region: one point
    ['region=NE004', 'point=danissa-fmp'], // Maradi region: one point
    ['route=R3b', 'point=tahoua-fmp'],
    ['route=R4', 'point=arlit-fmp'],
    ['route=R2b', 'point=magaria-fmp'],
    ['route=R2c', 'point=danbarto-fmp'],
  ];

  it.each(OUTSIDE_ROLES)('%s: by month and year, alone and by every breakdown, row for row', async (role) => {
    let perturbed = 0;
    let withheld = 0;
    for (const [whole, point] of SAME) {
      for (const grain of ['month', 'year']) {
        for (const attr of ['', ...attributesOf('flows', role)]) {
          const groupBy = [grain, attr].filter(Boolean).join(',');
          const a = await answer(t.inject, `/api/v1/flows?groupBy=${groupBy}&${whole}`, role);
          const b = await answer(t.inject, `/api/v1/flows?groupBy=${groupBy}&${point}`, role);
          expect(strip(a.rows), `${whole} vs ${point} by ${groupBy}`).toEqual(strip(b.rows));
          expect(a.total).toBe(b.total);
          if (whole.startsWith('region') && grain === 'month') {
            const exact = await exactRows(`/api/v1/flows?groupBy=${groupBy}&${point}`);
            const exactOf = new Map(exact.map((r) => [JSON.stringify([r[grain], attr ? r[attr] : '']), r.count]));
            for (const r of a.rows) {
              if (r.suppressed) withheld++;
              else if (r.count !== exactOf.get(JSON.stringify([r[grain], attr ? r[attr] : '']))) perturbed++;
            }
          }
        }
      }
    }
    // The regions' answers are protected (perturbed or withheld), not the exact counts under another name.
    expect(perturbed).toBeGreaterThan(100);
    expect(withheld).toBeGreaterThan(2);
  });

  it.each(OUTSIDE_ROLES)('%s: a region or route of several points is the sum of their published cells (withheld ones left out, said so)', async (role) => {
    for (const [whole, points] of [
      ['region=NE007', ['danbarto-fmp', 'magaria-fmp']],
      ['route=R3', ['agadez-fmp', 'tahoua-fmp']],
      ['route=R5', ['seguedine-fmp', 'madama-fmp']],
    ] as const) {
      for (const attr of ['', 'nationality']) {
        const groupBy = ['month', attr].filter(Boolean).join(',');
        const a = await answer(t.inject, `/api/v1/flows?groupBy=${groupBy}&${whole}`, role);
        const parts = await Promise.all(points.map((p) => answer(t.inject, `/api/v1/flows?groupBy=${groupBy}&point=${p}`, role)));
        const key = (r: AggregateRow) => `${r.month}|${attr ? r[attr] : ''}`;
        const expected = new Map<string, { sum: number; published: number; withheld: number }>();
        for (const r of parts.flatMap((p) => p.rows)) {
          const e = expected.get(key(r)) ?? { sum: 0, published: 0, withheld: 0 };
          if (r.suppressed) e.withheld++;
          else {
            e.published++;
            e.sum += r.count!;
          }
          expected.set(key(r), e);
        }
        expect(a.rows.length).toBe(expected.size);
        for (const r of a.rows) {
          const e = expected.get(key(r))!;
          if (e.published === 0) expect(r, `${whole} ${key(r)}`).toMatchObject({ count: null, suppressed: true });
          else {
            expect(r.count, `${whole} ${key(r)}`).toBe(e.sum);
            expect(r.partial === true, `${whole} ${key(r)}`).toBe(e.withheld > 0);
          }
        }
      }
    }
  });
});

// ---------- margin − the published rest ----------

interface Situation {
  label: string;
  /** The attacker's interval for the withheld cell: margin − the rest of its breakdown, within 1…k−1. */
  bound: Interval;
  exact: number;
}

/**
 * Every withheld cell that is the only withheld one of its breakdown (point × month × attribute): the attacker
 * subtracts the published rest from the published margin.
 */
async function marginAttack(inject: Inject, role: Role, maxNoise: number): Promise<Situation[]> {
  const out: Situation[] = [];
  const at = (r: AggregateRow) => `${r.point}|${r.month}`;
  const margins = await answer(inject, '/api/v1/flows?groupBy=point,month', role);
  const marginOf = new Map(margins.rows.map((r) => [at(r), r]));
  const read = (count: number | null) => (count === 0 ? { lo: K, hi: K + maxNoise - 1 } : cellInterval(count, K, maxNoise));
  for (const attr of attributesOf('flows', role)) {
    const cells = await answer(inject, `/api/v1/flows?groupBy=point,month,${attr}`, role);
    const exact = await exactRows(`/api/v1/flows?groupBy=point,month,${attr}`);
    const byPlaceMonth = new Map<string, AggregateRow[]>();
    for (const r of cells.rows) byPlaceMonth.set(at(r), [...(byPlaceMonth.get(at(r)) ?? []), r]);
    for (const [key, rows] of byPlaceMonth) {
      const withheld = rows.filter((r) => r.suppressed);
      const margin = marginOf.get(key)!;
      if (withheld.length !== 1 || margin.suppressed) continue;
      const m = read(margin.count);
      let lo = m.lo;
      let hi = m.hi;
      for (const r of rows) {
        if (r.suppressed) continue;
        const iv = read(r.count);
        lo -= iv.hi;
        hi -= iv.lo;
      }
      const w = withheld[0]!;
      const truth = exact.find((r) => at(r) === key && r[attr] === w[attr])!.count!;
      out.push({ label: `point=${w.point} ${w.month} ${attr}=${w[attr]}`, bound: { lo: Math.max(1, lo), hi: Math.min(K - 1, hi) }, exact: truth });
    }
  }
  return out;
}

/** The programme's exact rows of a query, read once. */
const exactCache = new Map<string, Promise<AggregateRow[]>>();
function exactRows(url: string): Promise<AggregateRow[]> {
  if (!exactCache.has(url))
    exactCache.set(
      url,
      answer(t.inject, url, 'programme').then((b) => b.rows),
    );
  return exactCache.get(url)!;
}

describe('margin − the published rest of a breakdown', () => {
  it.each(OUTSIDE_ROLES)('%s: leaves every lone withheld cell several values wide', async (role) => {
    const situations = await marginAttack(t.inject, role, D);
    expect(situations.length).toBeGreaterThan(30);
    for (const s of situations) {
      expect(s.bound.lo, s.label).toBeLessThanOrEqual(s.exact);
      expect(s.bound.hi, s.label).toBeGreaterThanOrEqual(s.exact);
      expect(s.bound.hi, `${s.label}: pinned to ${s.bound.lo}`).toBeGreaterThan(s.bound.lo);
    }
  });

  it('the attack has teeth: without noise (maxNoise 0) the same subtraction gives every such cell exactly', async () => {
    const weak = t.another({ cellKeySecret: SECRET, disclosure: { maxNoise: 0 } });
    const situations = await marginAttack(weak.inject, 'public', 0);
    expect(situations.length).toBeGreaterThan(30);
    for (const s of situations) expect(s.bound, s.label).toEqual({ lo: s.exact, hi: s.exact });
  });
});

// ---------- the same count in two tables ----------

describe('the same people in two tables: returns and assistance with a voluntary return', () => {
  it('are the same exact counts, month by month and centre by centre (the attacker may rely on it)', async () => {
    const returns = await answer(t.inject, '/api/v1/returns?groupBy=centre,month', 'programme');
    const assisted = await answer(t.inject, '/api/v1/assistance?groupBy=centre,month&service=voluntary_return', 'programme');
    expect(returns.rows.length).toBeGreaterThan(200);
    expect(returns.rows).toEqual(assisted.rows);
  });

  /**
   * Signed out: per centre and month (and year), the returns cell and the voluntary-return cell, each read as an
   * interval; their intersection must keep at least two values. Checked under the suite's secret and a few others
   * (the server's secret is random: a pin under any of them is a pin some deployment publishes).
   */
  it.each([SECRET, 'secret-0', 'secret-1'])('signed out, under the cell-key secret %j: the two publications never pin the count', async (secret) => {
    const inject = secret === SECRET ? t.inject : t.another({ cellKeySecret: secret }).inject;
    const pinned: string[] = [];
    let compared = 0;
    for (const grain of ['month', 'year']) {
      const returns = await answer(inject, `/api/v1/returns?groupBy=centre,${grain}`, 'public');
      const assisted = await answer(inject, `/api/v1/assistance?groupBy=centre,${grain}&service=voluntary_return`, 'public');
      const exact = await answer(t.inject, `/api/v1/returns?groupBy=centre,${grain}`, 'programme');
      for (const r of returns.rows) {
        const a = assisted.rows.find((x) => x.centre === r.centre && x[grain] === r[grain])!;
        const truth = exact.rows.find((x) => x.centre === r.centre && x[grain] === r[grain])!.count!;
        const ivR = r.count === 0 ? { lo: K, hi: K + D - 1 } : cellInterval(r.suppressed ? null : r.count);
        const ivA = a.count === 0 ? { lo: K, hi: K + D - 1 } : cellInterval(a.suppressed ? null : a.count);
        const lo = Math.max(ivR.lo, ivA.lo);
        const hi = Math.min(ivR.hi, ivA.hi);
        expect(lo).toBeLessThanOrEqual(truth);
        expect(hi).toBeGreaterThanOrEqual(truth);
        compared++;
        if (lo === hi) {
          const from = String(r[grain]);
          const to = grain === 'month' ? lastDay(from) : `${from.slice(0, 4)}-12-31`;
          pinned.push(
            `returns?centre=${r.centre}&from=${from}&to=${to} → ${r.count}; assistance?centre=${r.centre}&service=voluntary_return&from=${from}&to=${to} → ${a.count}: exactly ${lo} (true ${truth})`,
          );
        }
      }
    }
    expect(compared).toBeGreaterThan(250);
    expect(pinned).toEqual([]);
  });
});
