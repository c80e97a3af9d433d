/**
 * PublishedTables (src/server/access/published-tables.ts) on small hand-made cell records: every answer of an outside
 * role is a sum of published cells — over places (a route or region expanded to its points), over months, or whole
 * calendar years as their own year cells — with `partial` when some cell in it is withheld and `suppressed` when all
 * are; totals count each cell once. And, by property (fast-check): an answer depends only on the published cells, so
 * changing a cell's exact count without changing its published value changes no answer.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cellKeyFraction, KEY_MODULUS, Perturbation } from '../../src/server/access/cell-key';
import { PublishedTables, type CellRecord, type Geography, type Grain, type Metric } from '../../src/server/access/published-tables';
import type { Period } from '../../src/shared/calendar';

const K = 10;
/** Without noise, published = exact above k: the arithmetic of the sums is plain to read. */
const EXACT_ABOVE_K = new Perturbation({ k: K, maxNoise: 0, variance: 1 });
const REAL = new Perturbation({ k: K, maxNoise: 3, variance: 1.5 });

/** p1 observes R1 and R2, p2 observes R1, p3 no route; p1, p2 in NE001, p3 in NE005. Centres c1 (NE001), c2 (NE008). */
const GEO: Geography = {
  pointRoutes: new Map([
    ['p1', ['R1', 'R2']],
    ['p2', ['R1']],
    ['p3', []],
    ['c1', []],
    ['c2', []],
  ]),
  placeRegion: new Map([
    ['p1', 'NE001'],
    ['p2', 'NE001'],
    ['p3', 'NE005'],
    ['c1', 'NE001'],
    ['c2', 'NE008'],
  ]),
};
const DATA: Period = { from: '2018-01-01', to: '2019-12-31' };

function rec(grain: Grain, start: string, place: string, attr: string, value: string, count: number, keySum = 0): CellRecord {
  return { grain, start, place, region: GEO.placeRegion.get(place) ?? null, attr, value, count, keySum };
}

/**
 * Flows: three months of 2019 and Dec 2018, margins and sex; year cells for 2018 and 2019 that are NOT the sum of
 * their months (as with real perturbed cells), so the tests see which cells an answer reads.
 */
const FLOWS: CellRecord[] = [
  // margins
  rec('month', '2019-01-01', 'p1', '', '', 100),
  rec('month', '2019-02-01', 'p1', '', '', 110),
  rec('month', '2019-03-01', 'p1', '', '', 120),
  rec('month', '2019-01-01', 'p2', '', '', 50),
  rec('month', '2019-02-01', 'p2', '', '', 7), // withheld
  rec('month', '2019-03-01', 'p2', '', '', 60),
  rec('month', '2019-01-01', 'p3', '', '', 30),
  rec('month', '2019-02-01', 'p3', '', '', 4), // withheld
  rec('month', '2018-12-01', 'p1', '', '', 90),
  rec('year', '2019-01-01', 'p1', '', '', 1000),
  rec('year', '2019-01-01', 'p2', '', '', 500),
  rec('year', '2019-01-01', 'p3', '', '', 300),
  rec('year', '2018-01-01', 'p1', '', '', 900),
  // sex
  rec('month', '2019-01-01', 'p1', 'sex', 'f', 40),
  rec('month', '2019-01-01', 'p1', 'sex', 'm', 60),
  rec('month', '2019-02-01', 'p1', 'sex', 'f', 3), // withheld
  rec('month', '2019-02-01', 'p1', 'sex', 'm', 107),
  rec('month', '2019-01-01', 'p2', 'sex', 'f', 8), // withheld
  rec('month', '2019-01-01', 'p2', 'sex', 'm', 42),
  rec('month', '2019-01-01', 'p3', 'sex', 'f', 5), // withheld
  rec('month', '2019-01-01', 'p3', 'sex', 'm', 25),
  rec('year', '2019-01-01', 'p1', 'sex', 'f', 400),
  rec('year', '2019-01-01', 'p1', 'sex', 'm', 600),
];
const ASSISTANCE: CellRecord[] = [
  rec('month', '2019-01-01', 'c1', '', '', 70),
  rec('month', '2019-01-01', 'c2', '', '', 20),
  rec('month', '2019-01-01', 'c1', 'service', 'shelter_food', 50),
  rec('month', '2019-01-01', 'c1', 'service', 'family_tracing', 6), // withheld
  rec('month', '2019-01-01', 'c2', 'service', 'shelter_food', 20),
];

const tables = (records: Partial<Record<Metric, CellRecord[]>> = {}, p = EXACT_ABOVE_K) =>
  new PublishedTables({ flows: FLOWS, assistance: ASSISTANCE, returns: [], ...records }, p, GEO);
const Q1: Period = { from: '2019-01-01', to: '2019-03-31' };
const JAN: Period = { from: '2019-01-01', to: '2019-01-31' };
const YEAR_2019: Period = { from: '2019-01-01', to: '2019-12-31' };

describe('sums of published cells', () => {
  it('a total is the sum of every place’s published margins over the months; withheld ones are left out and said so', () => {
    const a = tables().answer('flows', {}, Q1, DATA);
    // p1 100+110+120, p2 50+60 (Feb withheld), p3 30 (Feb withheld)
    expect(a.total).toBe(330 + 110 + 30);
    expect(a.totalPartial).toBe(true);
    expect(a.rows).toEqual([{ count: 470, perturbed: true, partial: true }]);
  });

  it('grouped by place: one row per point, partial where a month of it is withheld', () => {
    const a = tables().answer('flows', { groupBy: ['point'] }, Q1, DATA);
    expect(a.rows).toEqual([
      { point: 'p1', count: 330, perturbed: true },
      { point: 'p2', count: 110, perturbed: true, partial: true },
      { point: 'p3', count: 30, perturbed: true, partial: true },
    ]);
  });

  it('a group of withheld cells only is withheld (count null, suppressed), not 0', () => {
    const a = tables().answer('flows', { groupBy: ['point', 'month'] }, { from: '2019-02-01', to: '2019-02-28' }, DATA);
    expect(a.rows).toEqual([
      { point: 'p1', month: '2019-02-01', count: 110, perturbed: true },
      { point: 'p2', month: '2019-02-01', count: null, suppressed: true },
      { point: 'p3', month: '2019-02-01', count: null, suppressed: true },
    ]);
    const p3 = tables().answer('flows', { point: ['p3'] }, { from: '2019-02-01', to: '2019-02-28' }, DATA);
    expect(p3.total).toBeNull();
    expect(p3.totalPartial).toBe(false);
  });

  it('one breakdown: grouped by it, or narrowed to one of its values (the first of a list)', () => {
    const bySex = tables().answer('flows', { groupBy: ['sex'] }, JAN, DATA);
    expect(bySex.rows).toEqual([
      { sex: 'f', count: 40, perturbed: true, partial: true }, // p2 f 8 and p3 f 5 withheld
      { sex: 'm', count: 60 + 42 + 25, perturbed: true },
    ]);
    expect(tables().answer('flows', { sex: 'm' }, JAN, DATA).total).toBe(127);
    expect(tables().answer('flows', { sex: ['m'] }, JAN, DATA).total).toBe(127);
    // a value no cell has: 0, no row
    const none = tables().answer('flows', { sex: 'x' }, JAN, DATA);
    expect(none).toMatchObject({ rows: [], total: 0, totalPartial: false });
  });

  it('place filters: a point, a region (its points), a route (the points observing it)', () => {
    const t = tables();
    expect(t.answer('flows', { point: ['p2'] }, JAN, DATA).total).toBe(50);
    expect(t.answer('flows', { region: ['NE001'] }, JAN, DATA).total).toBe(150);
    expect(t.answer('flows', { region: ['NE005'] }, JAN, DATA).total).toBe(30);
    // a region of one point is that point's cells, nothing else
    expect(t.answer('flows', { region: ['NE005'], groupBy: ['month', 'sex'] }, Q1, DATA)).toEqual(
      t.answer('flows', { point: ['p3'], groupBy: ['month', 'sex'] }, Q1, DATA),
    );
    expect(t.answer('flows', { route: ['R1'] }, JAN, DATA).total).toBe(150);
    expect(t.answer('flows', { route: ['R2'] }, JAN, DATA).total).toBe(100);
    expect(t.answer('flows', { route: ['R2'], groupBy: ['month'] }, Q1, DATA)).toEqual(t.answer('flows', { point: ['p1'], groupBy: ['month'] }, Q1, DATA));
  });

  it('grouped by route: a point observing two routes adds to both; the total counts it once; points on no route are out', () => {
    const a = tables().answer('flows', { groupBy: ['route'] }, JAN, DATA);
    expect(a.rows).toEqual([
      { route: 'R1', count: 150, perturbed: true },
      { route: 'R2', count: 100, perturbed: true },
    ]);
    expect(a.total).toBe(150);
    // filtered to a route and grouped by route: that route only
    expect(tables().answer('flows', { groupBy: ['route'], route: ['R2'] }, JAN, DATA).rows).toEqual([{ route: 'R2', count: 100, perturbed: true }]);
  });

  it('grouped by region', () => {
    expect(tables().answer('flows', { groupBy: ['region'] }, JAN, DATA).rows).toEqual([
      { region: 'NE001', count: 150, perturbed: true },
      { region: 'NE005', count: 30, perturbed: true },
    ]);
  });
});

describe('time: month cells, and whole calendar years as their own year cells', () => {
  it('grouped by month, every month is its month cell', () => {
    const a = tables().answer('flows', { groupBy: ['month'], point: ['p1'] }, YEAR_2019, DATA);
    expect(a.rows).toEqual([
      { month: '2019-01-01', count: 100, perturbed: true },
      { month: '2019-02-01', count: 110, perturbed: true },
      { month: '2019-03-01', count: 120, perturbed: true },
    ]);
    expect(a.total).toBe(330);
  });

  it('a period covering a whole year reads the year cell (not the sum of its months); part years read months', () => {
    const t = tables();
    expect(t.answer('flows', { point: ['p1'] }, YEAR_2019, DATA).total).toBe(1000);
    expect(t.answer('flows', { point: ['p1'] }, { from: '2019-01-01', to: '2019-11-30' }, DATA).total).toBe(330);
    // Dec 2018 (a month) + 2019 (a year)
    expect(t.answer('flows', { point: ['p1'] }, { from: '2018-12-01', to: '2019-12-31' }, DATA).total).toBe(1090);
    // both whole years
    expect(t.answer('flows', { point: ['p1'] }, { from: '2018-01-01', to: '2019-12-31' }, DATA).total).toBe(1900);
    expect(t.answer('flows', { sex: 'f', point: ['p1'] }, YEAR_2019, DATA).total).toBe(400);
  });

  it('grouped by year: year cells for whole years, the months of a part year under its year', () => {
    const t = tables();
    expect(t.answer('flows', { groupBy: ['year'], point: ['p1'] }, { from: '2018-12-01', to: '2019-12-31' }, DATA).rows).toEqual([
      { year: '2018-01-01', count: 90, perturbed: true },
      { year: '2019-01-01', count: 1000, perturbed: true },
    ]);
  });

  it('a year is whole when the period covers the part of it inside the data', () => {
    const data: Period = { from: '2018-06-01', to: '2019-12-31' };
    const t = tables();
    expect(t.answer('flows', { point: ['p1'] }, { from: '2018-06-01', to: '2018-12-31' }, data).total).toBe(900);
    expect(t.answer('flows', { point: ['p1'] }, { from: '2018-07-01', to: '2018-12-31' }, data).total).toBe(90);
  });
});

describe('sum(): the hotspots’ reading of the same cells', () => {
  it('sums one breakdown value over the places a predicate keeps, with partial and the number of cells', () => {
    const t = tables();
    const inNE001 = (_p: string, region: string | null) => region === 'NE001';
    expect(t.sum('flows', '', '', Q1, DATA, inNE001)).toEqual({ count: 440, partial: true, cells: 6 });
    expect(t.sum('flows', '', '', YEAR_2019, DATA, inNE001)).toEqual({ count: 1500, partial: false, cells: 2 });
    expect(t.sum('assistance', 'service', 'shelter_food', JAN, DATA, inNE001)).toEqual({ count: 50, partial: false, cells: 1 });
    expect(t.sum('assistance', 'service', 'family_tracing', JAN, DATA, inNE001)).toEqual({ count: null, partial: false, cells: 1 });
    expect(t.sum('flows', '', '', JAN, DATA, (_p, r) => r === 'NE002')).toEqual({ count: 0, partial: false, cells: 0 });
  });

  it('assistance by centre and by service', () => {
    expect(tables().answer('assistance', { groupBy: ['centre'] }, JAN, DATA).rows).toEqual([
      { centre: 'c1', count: 70, perturbed: true },
      { centre: 'c2', count: 20, perturbed: true },
    ]);
    expect(tables().answer('assistance', { groupBy: ['service'], centre: ['c1'] }, JAN, DATA).rows).toEqual([
      { service: 'family_tracing', count: null, suppressed: true },
      { service: 'shelter_food', count: 50, perturbed: true },
    ]);
  });
});

describe('with noise: each cell perturbed once, the same however it is asked', () => {
  it('a cell reads the same alone, in a region, in a route and within a longer period', () => {
    const keyed = FLOWS.map((r, i) => ({ ...r, keySum: (i + 1) * 0x9e3779b1 }));
    const tk = tables({ flows: keyed }, REAL);
    const jan = tk.answer('flows', { point: ['p3'] }, JAN, DATA).total;
    expect(tk.answer('flows', { region: ['NE005'] }, JAN, DATA).total).toBe(jan);
    const byMonth = tk.answer('flows', { groupBy: ['month'], point: ['p3'] }, Q1, DATA);
    expect(byMonth.rows.find((r) => r.month === '2019-01-01')?.count).toBe(jan);
    // differences of overlapping periods are the published month
    const p1 = (from: string, to: string) => tk.answer('flows', { point: ['p1'] }, { from, to }, DATA).total!;
    expect(p1('2019-01-01', '2019-03-31') - p1('2019-01-01', '2019-02-28')).toBe(p1('2019-03-01', '2019-03-31'));
    expect(p1('2019-02-01', '2019-03-31') - p1('2019-02-01', '2019-02-28')).toBe(p1('2019-03-01', '2019-03-31'));
  });
});

// ---------- answers depend only on the published cells ----------

const MONTHS = ['2019-01-01', '2019-02-01', '2019-03-01'];
const PLACES = ['p1', 'p2', 'p3'];
const VALUES: Record<string, string[]> = { '': [''], sex: ['f', 'm'], nationality: ['GMB', 'NGA', 'MLI'] };

/** Random flows cells: every (month or year 2019) × place × breakdown value, with a random count (0 = no cell) and key. */
const recordsArb = fc
  .array(fc.tuple(fc.integer({ min: 0, max: 40 }), fc.integer({ min: 0, max: KEY_MODULUS - 1 })), {
    minLength: (MONTHS.length + 1) * PLACES.length * 6,
    maxLength: (MONTHS.length + 1) * PLACES.length * 6,
  })
  .map((draws) => {
    const out: CellRecord[] = [];
    let i = 0;
    for (const [grain, start] of [...MONTHS.map((m) => ['month', m] as const), ['year', '2019-01-01'] as const]) {
      for (const place of PLACES) {
        for (const [attr, values] of Object.entries(VALUES)) {
          for (const value of values) {
            const [count, key] = draws[i++]!;
            if (count > 0) out.push(rec(grain, start, place, attr, value, count, key));
          }
        }
      }
    }
    return out;
  });

const QUERIES: Array<[Record<string, unknown>, Period]> = [
  [{}, Q1],
  [{}, YEAR_2019],
  [{ groupBy: ['point'] }, Q1],
  [{ groupBy: ['month'] }, YEAR_2019],
  [{ groupBy: ['point', 'month'] }, Q1],
  [{ groupBy: ['route'] }, Q1],
  [{ groupBy: ['region', 'sex'] }, Q1],
  [{ groupBy: ['nationality'] }, YEAR_2019],
  [{ groupBy: ['month', 'nationality'], point: ['p1'] }, Q1],
  [{ groupBy: ['year'], sex: 'f' }, YEAR_2019],
  [{ nationality: ['GMB'], region: ['NE001'] }, Q1],
  [{ route: ['R1'], groupBy: ['month'] }, Q1],
  [{ sex: 'm', groupBy: ['point'] }, JAN],
];

/** Another exact count with the same published value under the same key, if there is one. */
function sameOutcome(count: number, key: number, p: Perturbation): number | null {
  const published = p.publish(count, cellKeyFraction(key));
  for (let d = 1; d <= 8; d++) {
    for (const c of [count - d, count + d]) if (c > 0 && p.publish(c, cellKeyFraction(key)) === published) return c;
  }
  return null;
}

describe('answers depend only on the published cells (fast-check)', () => {
  it('changing exact counts without changing their published values changes no answer', () => {
    fc.assert(
      fc.property(recordsArb, fc.array(fc.nat(), { minLength: 1, maxLength: 6 }), (records, picks) => {
        fc.pre(records.length > 0);
        const changed = records.map((r) => ({ ...r }));
        let moved = 0;
        for (const pick of picks) {
          const r = changed[pick % changed.length]!;
          const other = sameOutcome(r.count, Number(r.keySum), REAL);
          if (other === null) continue;
          r.count = other;
          moved++;
        }
        fc.pre(moved > 0);
        const a = new PublishedTables({ flows: records, assistance: [], returns: [] }, REAL, GEO);
        const b = new PublishedTables({ flows: changed, assistance: [], returns: [] }, REAL, GEO);
        for (const [q, period] of QUERIES) expect(b.answer('flows', q, period, DATA), JSON.stringify(q)).toEqual(a.answer('flows', q, period, DATA));
        const all = () => true;
        expect(b.sum('flows', '', '', YEAR_2019, DATA, all)).toEqual(a.sum('flows', '', '', YEAR_2019, DATA, all));
        expect(b.sum('flows', 'sex', 'f', Q1, DATA, all)).toEqual(a.sum('flows', 'sex', 'f', Q1, DATA, all));
      }),
      { seed: 11, numRuns: 150 },
    );
  });

  it('a withheld count may be any of 1…k−1: the answers are the same for each', () => {
    const base = FLOWS.map((r) => ({ ...r, keySum: 12345 }));
    const i = base.findIndex((r) => r.place === 'p2' && r.start === '2019-02-01' && r.attr === '');
    const answers = Array.from({ length: K - 1 }, (_, c) => {
      const records = base.map((r, j) => (j === i ? { ...r, count: c + 1 } : r));
      const t = new PublishedTables({ flows: records, assistance: [], returns: [] }, REAL, GEO);
      return QUERIES.map(([q, period]) => t.answer('flows', q, period, DATA));
    });
    for (const a of answers) expect(a).toEqual(answers[0]);
  });

  it('and the exact counts do show through without the perturbation (the property is not vacuous)', () => {
    const a = tables().answer('flows', { point: ['p1'] }, JAN, DATA).total;
    const moved = FLOWS.map((r) => (r.place === 'p1' && r.start === '2019-01-01' && r.attr === '' ? { ...r, count: 101 } : r));
    expect(tables({ flows: moved }).answer('flows', { point: ['p1'] }, JAN, DATA).total).toBe(a! + 1);
  });
});
