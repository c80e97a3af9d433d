/**
 * Attack 5, the attacks reproduced in issue 11, which must now fail:
 * - signed out: "1 Gambian girl counted in Tahoua region in June 2019";
 * - as a donor: the withheld counts of girls referred to family tracing at the Agadez transit centre in Q1 2019, by
 *   nationality;
 * - signed out: the 7-way table flows?groupBy=nationality,month&region=NE001&sex=f&ageGroup=minor&direction=incoming&transport=bus.
 * Every phrasing of them is refused (403 naming a parameter) for every outside role, and the published cells that are
 * allowed — solved together by interval propagation, then combined by the attacker's best bounds on a cell of a finer
 * table (Fréchet: at most the smallest of its one-way cells, at least their sum minus the rest) — leave each target
 * several values wide. The programme role reads the exact counts, showing the targets are real.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../../src/shared/enums';
import type { TestServer } from '../helpers';
import {
  absentInterval,
  answer,
  attackerSystem,
  D,
  K,
  universe,
  attributesOf,
  cellId,
  OUTSIDE_ROLES,
  refused,
  startAtlas,
  sweepCells,
  type Interval,
  type IntervalSolver,
  type Metric,
} from './attacker';

let t: TestServer;
const solvers = new Map<string, IntervalSolver>();
beforeAll(async () => {
  t = await startAtlas();
});
afterAll(async () => {
  await t?.close();
});

/** The attacker's solved intervals of every published cell of one metric, as `role` can ask for them. */
async function solved(role: Role, metric: Metric): Promise<IntervalSolver> {
  const key = `${role}|${metric}`;
  if (!solvers.has(key)) {
    const attrs = attributesOf(metric, role);
    const solver = attackerSystem(await sweepCells(t.inject, role, metric, attrs), { [metric]: attrs }, K, D, await universe(t.inject));
    solver.solve();
    solvers.set(key, solver);
  }
  return solvers.get(key)!;
}

/** A cell outside the solved system: the server sent no row for it, so it is 0 or a count published as 0. */
const ivOf = (s: IntervalSolver, id: string): Interval => (s.has(id) ? s.interval(id) : absentInterval());

/**
 * The attacker's best bounds on one cell of a finer table from its one-way cells (Fréchet): at most the smallest,
 * at least Σ one-way − (n − 1) × margin.
 */
function frechet(margin: Interval, oneWay: Interval[]): Interval {
  const hi = Math.min(...oneWay.map((iv) => iv.hi));
  const lo = Math.max(0, oneWay.reduce((s, iv) => s + iv.lo, 0) - (oneWay.length - 1) * margin.hi);
  return { lo, hi };
}

/** Every way to ask for ≥ 2 of these attributes at once: each as a filter or as a groupBy dimension. */
function combinations(place: string, attrs: Record<string, string>, period: string): string[] {
  const names = Object.keys(attrs);
  const urls: string[] = [];
  for (let mask = 0; mask < 1 << names.length; mask++) {
    const chosen = names.filter((_, i) => mask & (1 << i));
    if (chosen.length < 2) continue;
    for (let how = 0; how < 1 << chosen.length; how++) {
      const groupBy = chosen.filter((_, i) => how & (1 << i));
      const filters = chosen.filter((_, i) => !(how & (1 << i))).map((n) => `${n}=${attrs[n]}`);
      const parts = [...(groupBy.length ? [`groupBy=${groupBy.join(',')}`] : []), ...(place ? [place] : []), ...filters, period];
      urls.push(parts.join('&'));
    }
  }
  return urls;
}

describe('signed out: "1 Gambian girl counted in Tahoua region in June 2019"', () => {
  const PERIOD = 'from=2019-06-01&to=2019-06-30';
  const TARGET = { nationality: 'GMB', sex: 'f', ageGroup: 'minor' };

  it('is real: the programme counts exactly 1', async () => {
    const exact = await answer(t.inject, `/api/v1/flows?region=NE005&nationality=GMB&sex=f&ageGroup=minor&${PERIOD}`, 'programme');
    expect(exact.total).toBe(1);
  });

  const urls = ['region=NE005', 'point=tahoua-fmp', 'route=R3b', ''].flatMap((place) => combinations(place, TARGET, PERIOD));
  it.each(OUTSIDE_ROLES)('%s: every phrasing combining two or more of nationality, sex and age group is refused (403)', async (role) => {
    expect(urls.length).toBeGreaterThan(60);
    for (const q of urls) {
      const fields = await refused(t.inject, `/api/v1/flows?${q}`, role);
      expect(fields.length, q).toBeGreaterThan(0);
    }
    await refused(t.inject, `/api/v1/flows?groupBy=nationality,sex&region=NE005&${PERIOD}`, role);
    await refused(t.inject, `/api/v1/flows?groupBy=nationality&sex=f&region=NE005&${PERIOD}`, role);
  });

  it.each(OUTSIDE_ROLES)('%s: no combination of the allowed cells pins it', async (role) => {
    const s = await solved(role, 'flows');
    const cell = (attr: string, value: string) => ivOf(s, cellId('flows', 'month', '2019-06-01', 'tahoua-fmp', attr, value));
    const bound = frechet(cell('', ''), [cell('nationality', 'GMB'), cell('sex', 'f'), cell('ageGroup', 'minor')]);
    expect(bound.lo).toBeLessThanOrEqual(1);
    expect(bound.hi).toBeGreaterThanOrEqual(1);
    expect(bound.hi - bound.lo, `${bound.lo}…${bound.hi}`).toBeGreaterThanOrEqual(9);
    // And the one-way cells themselves are published as cells are (each a protected count, none pinned).
    for (const [attr, value] of Object.entries(TARGET)) expect(cell(attr, value).hi).toBeGreaterThan(cell(attr, value).lo);
  });
});

describe('donor: the withheld counts of girls referred to family tracing at the Agadez transit centre in Q1 2019, by nationality', () => {
  const Q1 = 'from=2019-01-01&to=2019-03-31';
  const MONTHS = ['2019-01-01', '2019-02-01', '2019-03-01'];

  it('every phrasing is refused: family tracing is never broken down by nationality, sex or age group, and one breakdown at a time', async () => {
    const urls = [
      `centre=agadez-tc&service=family_tracing&groupBy=nationality&${Q1}`,
      `centre=agadez-tc&service=family_tracing&nationality=GMB&${Q1}`,
      `service=family_tracing&groupBy=nationality&${Q1}`,
      `service=family_tracing&groupBy=month,nationality&${Q1}`,
      `centre=agadez-tc&groupBy=service,nationality&${Q1}`,
      `centre=agadez-tc&service=family_tracing&sex=f&${Q1}`,
      `centre=agadez-tc&service=family_tracing&ageGroup=minor&${Q1}`,
      `service=family_tracing&groupBy=sex&${Q1}`,
      `service=family_tracing&groupBy=ageGroup&${Q1}`,
      `service=unhcr_referral&groupBy=nationality&${Q1}`,
      // (grouping by all four is a 400 for everyone: groupBy takes at most 3 dimensions)
      ...combinations('centre=agadez-tc', { service: 'family_tracing', nationality: 'GMB', sex: 'f', ageGroup: 'minor' }, Q1).filter(
        (q) => !/groupBy=[^&,]+,[^&,]+,[^&,]+,/.test(q),
      ),
    ];
    for (const role of OUTSIDE_ROLES) for (const q of urls) await refused(t.inject, `/api/v1/assistance?${q}`, role);
  });

  it('is real: the programme reads withheld-size counts for several nationalities', async () => {
    const exact = await answer(
      t.inject,
      `/api/v1/assistance?centre=agadez-tc&service=family_tracing&sex=f&ageGroup=minor&groupBy=nationality&${Q1}`,
      'programme',
    );
    expect(exact.rows.filter((r) => r.count! >= 1 && r.count! <= 9).length).toBeGreaterThan(5);
  });

  it('no combination of the donor’s allowed cells pins any of them', async () => {
    const s = await solved('donor', 'assistance');
    const exact = await answer(
      t.inject,
      `/api/v1/assistance?centre=agadez-tc&service=family_tracing&sex=f&ageGroup=minor&groupBy=nationality,month&${Q1}`,
      'programme',
    );
    const cell = (month: string, attr: string, value: string) => ivOf(s, cellId('assistance', 'month', month, 'agadez-tc', attr, value));
    const nationalities = [...new Set(exact.rows.map((r) => String(r.nationality)))];
    expect(nationalities.length).toBeGreaterThan(5);
    for (const nat of nationalities) {
      let lo = 0;
      let hi = 0;
      for (const m of MONTHS) {
        const b = frechet(cell(m, '', ''), [
          cell(m, 'service', 'family_tracing'),
          cell(m, 'nationality', nat),
          cell(m, 'sex', 'f'),
          cell(m, 'ageGroup', 'minor'),
        ]);
        lo += b.lo;
        hi += b.hi;
      }
      const truth = exact.rows.filter((r) => r.nationality === nat).reduce((x, r) => x + r.count!, 0);
      expect(lo, nat).toBeLessThanOrEqual(truth);
      expect(hi, nat).toBeGreaterThanOrEqual(truth);
      expect(hi, `${nat}: ${lo}…${hi}`).toBeGreaterThan(lo);
    }
  });
});

describe('signed out: the 7-way table', () => {
  const SEVEN = '/api/v1/flows?groupBy=nationality,month&region=NE001&sex=f&ageGroup=minor&direction=incoming&transport=bus';

  it.each(OUTSIDE_ROLES)('%s: 403, naming the breakdowns over the cap', async (role) => {
    const fields = await refused(t.inject, SEVEN, role);
    expect(fields.length).toBeGreaterThan(0);
    // its smaller sub-tables over the cap are refused too
    for (const q of [
      'groupBy=nationality,month&region=NE001&sex=f',
      'groupBy=nationality&sex=f',
      'groupBy=month&region=NE001&sex=f&ageGroup=minor',
      'groupBy=month&sex=f&ageGroup=minor',
      'groupBy=month&region=NE001&point=agadez-fmp&sex=f',
      'groupBy=point,region,nationality',
      'groupBy=nationality,month&direction=incoming&transport=bus',
    ]) {
      await refused(t.inject, `/api/v1/flows?${q}`, role);
    }
  });

  it('is real: the programme reads it, with small counts', async () => {
    const exact = await answer(t.inject, SEVEN, 'programme');
    expect(exact.rows.some((r) => r.count! >= 1 && r.count! <= 9)).toBe(true);
  });
});

describe('returns by destination follow the nationality rule', () => {
  it.each(['public', 'government'] as const)('%s: returns by destination are refused like assistance by nationality', async (role) => {
    await refused(t.inject, '/api/v1/returns?groupBy=destination', role);
    await refused(t.inject, '/api/v1/returns?destination=GMB', role);
    await refused(t.inject, '/api/v1/assistance?groupBy=nationality', role);
  });
});
