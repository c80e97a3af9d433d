/**
 * Attack 2, differencing over periods and averaging. Free month ranges give many different sums that each contain the
 * same month: [Jan–Jun] − [Jan–May], [Feb–Jun] − [Feb–May], …, [Jun–Dec] − [Jul–Dec]. Were each sum perturbed on its
 * own, averaging those differences would wash the noise out and converge to the true month. With published cells,
 * every such difference IS the published month (so the average converges to the published value, not the truth);
 * the only other phrasing is a whole calendar year (its own published cell) minus its other months, whose bound is
 * twelve times wider. Averaged over every phrasing — windows, region vs its only point, route vs its points, year vs
 * the sum of its months — nothing pins a count. Without noise (maxNoise 0) the same differences recover withheld
 * months exactly: the attack has teeth.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../../src/shared/enums';
import type { Inject, TestServer } from '../helpers';
import { addMonths, answer, cellInterval, D, K, lastDay, OUTSIDE_ROLES, SECRET, startAtlas, type Interval, type Metric } from './attacker';

let t: TestServer;
beforeAll(async () => {
  t = await startAtlas();
});
afterAll(async () => {
  await t?.close();
});

const FIRST = '2015-01-01';
const LAST = '2019-12-01';

interface Sum {
  total: number | null;
  partial: boolean;
}
async function period(inject: Inject, role: Role, metric: Metric, filter: string, from: string, to: string): Promise<Sum> {
  const body = await answer(inject, `/api/v1/${metric}?${filter}${filter ? '&' : ''}from=${from}&to=${lastDay(to)}`, role);
  return { total: body.total, partial: body.totalPartial === true };
}

interface Phrasing {
  label: string;
  /** A window containing a whole calendar year that its partner does not (a year cell minus its other months). */
  year: boolean;
  diff: number;
  longer: Sum;
}

/**
 * Every window difference isolating month `m`: leading [s..m] − [s..m−1] and trailing [m..e] − [m+1..e], up to 12
 * months wide where they can reach a whole year (m is a December or a January), else up to 6.
 */
async function windowDifferences(inject: Inject, role: Role, metric: Metric, filter: string, m: string): Promise<Phrasing[]> {
  const out: Phrasing[] = [];
  const yearStart = `${m.slice(0, 4)}-01-01`;
  const yearEnd = `${m.slice(0, 4)}-12-01`;
  const widest = m === yearStart || m === yearEnd ? 12 : 6;
  for (let j = 1; j <= widest; j++) {
    const s = addMonths(m, -j);
    if (s < FIRST) break;
    const longer = await period(inject, role, metric, filter, s, m);
    const shorter = await period(inject, role, metric, filter, s, addMonths(m, -1));
    out.push({
      label: `[${s}..${m}] − [${s}..${addMonths(m, -1)}]`,
      year: m === yearEnd && s <= yearStart,
      diff: (longer.total ?? 0) - (shorter.total ?? 0),
      longer,
    });
  }
  for (let j = 1; j <= widest; j++) {
    const e = addMonths(m, j);
    if (e > LAST) break;
    const longer = await period(inject, role, metric, filter, m, e);
    const shorter = await period(inject, role, metric, filter, addMonths(m, 1), e);
    out.push({
      label: `[${m}..${e}] − [${addMonths(m, 1)}..${e}]`,
      year: m === yearStart && e >= yearEnd,
      diff: (longer.total ?? 0) - (shorter.total ?? 0),
      longer,
    });
  }
  return out;
}

/** The attacker's bound on month `m` from its year: year cell minus the other eleven months, each read as an interval. */
async function yearBound(inject: Inject, role: Role, metric: Metric, filter: string, m: string, maxNoise = D): Promise<Interval | null> {
  const y = m.slice(0, 4);
  const year = await period(inject, role, metric, filter, `${y}-01-01`, `${y}-12-01`);
  if (year.total === null || year.partial) return null; // a withheld year cell
  const yiv = year.total === 0 ? { lo: 0, hi: K + maxNoise - 1 } : cellInterval(year.total, K, maxNoise);
  let lo = yiv.lo;
  let hi = yiv.hi;
  for (let i = 0; i < 12; i++) {
    const other = `${y}-${String(i + 1).padStart(2, '0')}-01`;
    if (other === m) continue;
    const body = await answer(inject, `/api/v1/${metric}?${filter}${filter ? '&' : ''}from=${other}&to=${lastDay(other)}`, role);
    if (body.rows.length === 0) continue; // a true zero
    const iv = cellInterval(body.rows[0]!.suppressed ? null : body.rows[0]!.count, K, maxNoise);
    lo -= iv.hi;
    hi -= iv.lo;
  }
  return { lo: Math.max(0, lo), hi };
}

interface Target {
  metric: Metric;
  filter: string;
  month: string;
}
const POINTS = ['agadez-fmp', 'arlit-fmp', 'seguedine-fmp', 'madama-fmp', 'tahoua-fmp', 'danissa-fmp', 'danbarto-fmp', 'magaria-fmp'];
const CENTRES = ['agadez-tc', 'arlit-tc', 'dirkou-tc', 'niamey-tc'];
/** June (inside a year), December and January (where windows reach a whole year). */
const MONTHS = ['2019-06-01', '2018-12-01', '2019-01-01'];
const TARGETS: Target[] = [
  ...POINTS.flatMap((p) => ['', '&nationality=TCD', '&sex=f'].map((f) => `point=${p}${f}`)).map((filter) => ({ metric: 'flows' as const, filter })),
  ...CENTRES.flatMap((c) => ['family_tracing', 'unhcr_referral'].map((v) => ({ metric: 'assistance' as const, filter: `centre=${c}&service=${v}` }))),
  ...CENTRES.map((c) => ({ metric: 'returns' as const, filter: `centre=${c}` })),
]
  // January (trailing windows reaching a whole year) for the places' margins only: the same cells as December's leading ones otherwise
  .flatMap((x) => MONTHS.filter((m) => m !== '2019-01-01' || !x.filter.includes('&')).map((month) => ({ ...x, month })));

/** The programme's exact count of a month, from one query per filter. */
const exactByFilter = new Map<string, Promise<Map<string, number>>>();
async function exactMonth(metric: Metric, filter: string, month: string): Promise<number> {
  const key = `${metric}?${filter}`;
  if (!exactByFilter.has(key)) {
    exactByFilter.set(
      key,
      answer(t.inject, `/api/v1/${metric}?groupBy=month&${filter}`, 'programme').then((b) => new Map(b.rows.map((r) => [String(r.month), r.count!]))),
    );
  }
  return (await exactByFilter.get(key)!).get(month) ?? 0;
}

interface Outcome {
  target: Target;
  exact: number;
  published: number | null;
  /** Average of every window difference (year windows included). */
  averageAll: number;
  /** The attacker's interval from every phrasing together. */
  combined: Interval;
}

describe('differences of overlapping windows are the published month, never a fresh draw of noise', () => {
  const outcomes = new Map<Role, Outcome[]>();

  // Signed out, every target; the other roles (whose answers are the same cells) the December targets, where windows reach a whole year.
  const targetsOf = (role: Role) => (role === 'public' ? TARGETS : TARGETS.filter((x) => x.month === '2018-12-01'));

  it.each(OUTSIDE_ROLES)('%s: every window difference is the published month; the year windows give a far wider bound; nothing pins', async (role) => {
    const results: Outcome[] = [];
    for (const target of targetsOf(role)) {
      const { metric, filter, month } = target;
      const exact = await exactMonth(metric, filter, month);
      if (exact === 0) continue; // no cell: nothing protected
      const single = await period(t.inject, role, metric, filter, month, month);
      expect(single.partial).toBe(false);
      const published = single.total;
      const diffs = await windowDifferences(t.inject, role, metric, filter, month);
      expect(diffs.length).toBeGreaterThan(5);
      for (const d of diffs.filter((x) => !x.year)) {
        if (published === null) {
          // a withheld month: both windows leave it out (the longer one says so), the difference is 0
          expect(d.diff, d.label).toBe(0);
          expect(d.longer.partial || d.longer.total === null, d.label).toBe(true);
        } else {
          expect(d.diff, `${metric}?${filter} ${d.label}`).toBe(published);
        }
      }
      // The attacker's intervals: the month's own, and where a window holds the whole year, year − other months.
      let combined = cellInterval(published);
      if (diffs.some((x) => x.year)) {
        const yb = await yearBound(t.inject, role, metric, filter, month);
        if (yb) combined = { lo: Math.max(combined.lo, yb.lo), hi: Math.min(combined.hi, yb.hi) };
      }
      expect(combined.lo, `${metric}?${filter} ${month}`).toBeLessThanOrEqual(exact);
      expect(combined.hi, `${metric}?${filter} ${month}`).toBeGreaterThanOrEqual(exact);
      expect(combined.hi, `${metric}?${filter} ${month} pinned`).toBeGreaterThan(combined.lo);
      const averageAll = diffs.reduce((s, d) => s + d.diff, 0) / diffs.length;
      results.push({ target, exact, published, averageAll, combined });
    }
    outcomes.set(role, results);
    // Enough material: published months that differ from the truth, and withheld ones.
    const perturbed = results.filter((r) => r.published !== null && r.published !== r.exact);
    expect(perturbed.length).toBeGreaterThan(role === 'public' ? 20 : 8);
    expect(results.filter((r) => r.published === null).length).toBeGreaterThan(role === 'public' ? 5 : 1);
    // Averaging every phrasing does not converge to the truth: where the published month is off, the rounded average
    // of all window differences mostly stays off (it is the published value, give or take the rare year window). Were
    // every window perturbed afresh, the average of ~24 differences (noise sd ≈ 1.2 / √24) would round to the truth
    // almost always.
    const recovered = perturbed.filter((r) => Math.round(r.averageAll) === r.exact);
    expect(recovered.length / perturbed.length).toBeLessThan(0.25);
  });

  it('the three outside roles meet the same answers', () => {
    const pub = outcomes.get('public')!.filter((o) => o.target.month === '2018-12-01');
    for (const role of ['donor', 'government'] as const) {
      expect(outcomes.get(role)!.map((o) => [o.target, o.published, o.averageAll])).toEqual(pub.map((o) => [o.target, o.published, o.averageAll]));
    }
  });
});

describe('averaging across phrasings of the same month: region vs its only point, route vs its points, year vs months', () => {
  const MONTHS_2019 = Array.from({ length: 12 }, (_, i) => `2019-${String(i + 1).padStart(2, '0')}-01`);
  const SAME: Array<[string, string[]]> = [
    ['region=NE005', ['point=tahoua-fmp']],
    ['region=NE004', ['point=danissa-fmp']],
    ['route=R3b', ['point=tahoua-fmp']],
    ['route=R4', ['point=arlit-fmp']],
    ['route=R2b', ['point=magaria-fmp']],
    ['route=R2c', ['point=danbarto-fmp']],
    ['route=R3', ['point=agadez-fmp', 'point=tahoua-fmp']],
    ['route=R5', ['point=seguedine-fmp', 'point=madama-fmp']],
    ['region=NE007', ['point=danbarto-fmp', 'point=magaria-fmp']],
  ];

  it.each(OUTSIDE_ROLES)('%s: every phrasing of a month is the same sum of the same published cells (averaging adds nothing)', async (role) => {
    for (const [whole, parts] of SAME) {
      for (const f of ['', '&sex=f', '&nationality=GMB']) {
        const body = await answer(t.inject, `/api/v1/flows?groupBy=month&${whole}${f}&from=2019-01-01&to=2019-12-31`, role);
        const partBodies = await Promise.all(parts.map((p) => answer(t.inject, `/api/v1/flows?groupBy=month&${p}${f}&from=2019-01-01&to=2019-12-31`, role)));
        for (const m of MONTHS_2019) {
          const row = body.rows.find((r) => r.month === m);
          const partRows = partBodies.map((b) => b.rows.find((r) => r.month === m));
          const published = partRows.filter((r) => r && !r.suppressed).map((r) => r!.count!);
          const withheld = partRows.filter((r) => r?.suppressed).length;
          if (published.length === 0 && withheld === 0) {
            expect(row, `${whole}${f} ${m}`).toBeUndefined();
          } else if (published.length === 0) {
            expect(row, `${whole}${f} ${m}`).toMatchObject({ count: null, suppressed: true });
          } else {
            expect(row?.count, `${whole}${f} ${m}`).toBe(published.reduce((s, n) => s + n, 0));
            expect(row?.partial === true, `${whole}${f} ${m}`).toBe(withheld > 0);
          }
        }
      }
    }
  });

  it('a year is its own published cell, not the sum of its months: two estimates, never a pin', async () => {
    let differ = 0;
    for (const p of POINTS) {
      for (const f of ['', '&sex=f', '&nationality=GMB']) {
        const filter = `point=${p}${f}`;
        const year = await answer(t.inject, `/api/v1/flows?${filter}&from=2019-01-01&to=2019-12-31`, 'public');
        const byMonth = await answer(t.inject, `/api/v1/flows?groupBy=month&${filter}&from=2019-01-01&to=2019-12-31`, 'public');
        const exact = (await answer(t.inject, `/api/v1/flows?${filter}&from=2019-01-01&to=2019-12-31`, 'programme')).total!;
        const monthSum = byMonth.rows.reduce((s, r) => s + (r.count ?? 0), 0);
        if (year.total !== monthSum) differ++;
        if (exact === 0 || year.total === null) continue;
        // The attacker's interval for the year: its own cell ∩ the sum of its months' intervals.
        const own = year.total === 0 ? { lo: K, hi: K + D - 1 } : cellInterval(year.total);
        const sum = byMonth.rows.reduce(
          (s, r) => {
            const iv = cellInterval(r.suppressed ? null : r.count);
            return { lo: s.lo + iv.lo, hi: s.hi + iv.hi };
          },
          { lo: 0, hi: 0 },
        );
        const lo = Math.max(own.lo, sum.lo);
        const hi = Math.min(own.hi, sum.hi);
        expect(lo, filter).toBeLessThanOrEqual(exact);
        expect(hi, filter).toBeGreaterThanOrEqual(exact);
        expect(hi, `${filter} pinned`).toBeGreaterThan(lo);
      }
    }
    expect(differ).toBeGreaterThan(5);
  });
});

describe('the attack has teeth: without noise (maxNoise 0) differencing recovers withheld months', () => {
  let weak: { inject: Inject };
  beforeAll(() => {
    weak = t.another({ cellKeySecret: SECRET, disclosure: { maxNoise: 0 } });
  });

  it('year − the other eleven months gives a withheld month exactly; with noise, the same difference pins nothing', async () => {
    // Targets: a point × nationality × year with exactly one withheld month and a published year.
    let found = 0;
    for (const [p, Y] of POINTS.flatMap((p) => ['2016', '2017', '2018', '2019'].map((y) => [p, y] as const))) {
      const byMonth = await answer(weak.inject, `/api/v1/flows?groupBy=nationality,month&point=${p}&from=${Y}-01-01&to=${Y}-12-31`, 'public');
      const byYear = await answer(weak.inject, `/api/v1/flows?groupBy=nationality&point=${p}&from=${Y}-01-01&to=${Y}-12-31`, 'public');
      for (const y of byYear.rows) {
        const months = byMonth.rows.filter((r) => r.nationality === y.nationality);
        const withheld = months.filter((r) => r.suppressed);
        if (y.suppressed || withheld.length !== 1) continue;
        const m = String(withheld[0]!.month);
        const filter = `point=${p}&nationality=${y.nationality}`;
        // The differencing: [Jan–Dec] − [Jan–(m−1)] − [(m+1)–Dec].
        const whole = await period(weak.inject, 'public', 'flows', filter, `${Y}-01-01`, `${Y}-12-01`);
        const before = m > `${Y}-01-01` ? await period(weak.inject, 'public', 'flows', filter, `${Y}-01-01`, addMonths(m, -1)) : { total: 0, partial: false };
        const after = m < `${Y}-12-01` ? await period(weak.inject, 'public', 'flows', filter, addMonths(m, 1), `${Y}-12-01`) : { total: 0, partial: false };
        const recovered = whole.total! - (before.total ?? 0) - (after.total ?? 0);
        const exact = (await answer(t.inject, `/api/v1/flows?${filter}&from=${m}&to=${lastDay(m)}`, 'programme')).total!;
        expect(exact).toBeGreaterThan(0);
        expect(exact).toBeLessThan(K);
        expect(recovered, `${filter} ${m}`).toBe(exact);
        // The same target on the real server: the year bound leaves many values open.
        const yb = await yearBound(t.inject, 'public', 'flows', filter, m);
        if (yb) {
          const lo = Math.max(1, yb.lo);
          const hi = Math.min(K - 1, yb.hi);
          expect(hi, `${filter} ${m}`).toBeGreaterThan(lo);
        }
        found++;
      }
    }
    expect(found).toBeGreaterThan(3);
  });

  it('and the window differences of a perturbed month average to the exact count once the noise is gone', async () => {
    const filter = 'point=tahoua-fmp&sex=f';
    const exact = (await answer(t.inject, `/api/v1/flows?${filter}&from=2019-06-01&to=2019-06-30`, 'programme')).total!;
    const diffs = await windowDifferences(weak.inject, 'public', 'flows', filter, '2019-06-01');
    expect(diffs.reduce((s, d) => s + d.diff, 0) / diffs.length).toBe(exact);
    // … while on the real server they average to the published value.
    const published = (await period(t.inject, 'public', 'flows', filter, '2019-06-01', '2019-06-01')).total;
    const real = await windowDifferences(t.inject, 'public', 'flows', filter, '2019-06-01');
    expect(real.reduce((s, d) => s + d.diff, 0) / real.length).toBe(published);
  });
});
