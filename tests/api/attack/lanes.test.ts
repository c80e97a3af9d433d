/**
 * Attack 6, the map's direction lanes against its route totals. The flows map draws each route as two lanes, one per
 * direction (`groupBy=route,direction`), beside the route's total (`groupBy=route`), for the same filters and period.
 * An outside role gets both. Where one lane is withheld and the other and the total are published, the attacker
 * subtracts: withheld lane = total − the other lane. Were the total the exact sum of the two lanes, that subtraction
 * would give the withheld lane exactly.
 *
 * The targets are the routes observed by one monitoring point (their answers are that point's published cells,
 * margins.test.ts), the strongest case: a route of several points adds more unknowns, not fewer. For every month of
 * 2016–2019, asked as the map asks (one period, `from`/`to`), for every outside role, the attacker's interval solver
 * (attacker.ts) takes each published cell's interval and the equation total = incoming + outgoing. The bounds it
 * reaches must hold the true counts and never shrink to one value. Without noise (maxNoise 0) the same equations give
 * every cell exactly, which shows the test reads the cells the map draws.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../../src/shared/enums';
import type { Inject, TestServer } from '../helpers';
import { absentInterval, addMonths, answer, cellInterval, D, IntervalSolver, K, lastDay, OUTSIDE_ROLES, SECRET, startAtlas } from './attacker';

/** Routes observed by one monitoring point (data/places.geojson). */
const ONE_POINT_ROUTES = ['R4', 'R3b', 'R2b', 'R2c'];
const DIRECTIONS = ['incoming', 'outgoing'] as const;
const MONTHS = Array.from({ length: 48 }, (_, i) => addMonths('2016-01-01', i));

let t: TestServer;
beforeAll(async () => {
  t = await startAtlas();
});
afterAll(async () => {
  await t?.close();
});

/** One month's lanes and totals as the map asks them, solved as the attacker would: total = incoming + outgoing. */
async function solveMonth(inject: Inject, role: Role, month: string, maxNoise: number) {
  const period = `from=${month}&to=${lastDay(month)}`;
  const [lanes, totals] = await Promise.all([
    answer(inject, `/api/v1/flows?groupBy=route,direction&${period}`, role),
    answer(inject, `/api/v1/flows?groupBy=route&${period}`, role),
  ]);
  const solver = new IntervalSolver();
  const cells: Array<{ id: string; route: string; direction: string | null; published: number | null }> = [];
  for (const route of ONE_POINT_ROUTES) {
    const total = totals.rows.find((r) => r.route === route);
    const parts = DIRECTIONS.map((d) => ({ d, row: lanes.rows.find((r) => r.route === route && r.direction === d) }));
    // A cell with no row is 0 or a count the table moved to 0.
    const interval = (row: (typeof lanes.rows)[number] | undefined) =>
      row ? cellInterval(row.suppressed ? null : row.count, K, maxNoise) : absentInterval(K, maxNoise);
    solver.constrain(`${route}`, interval(total));
    cells.push({ id: route, route, direction: null, published: total ? (total.suppressed ? null : total.count) : 0 });
    for (const { d, row } of parts) {
      solver.constrain(`${route}|${d}`, interval(row));
      cells.push({ id: `${route}|${d}`, route, direction: d, published: row ? (row.suppressed ? null : row.count) : 0 });
    }
    solver.sum(
      route,
      DIRECTIONS.map((d) => `${route}|${d}`),
    );
  }
  solver.solve();
  return { solver, cells, period };
}

async function exactOf(route: string, direction: string | null, period: string): Promise<number> {
  const r = await answer(t.inject, `/api/v1/flows?route=${route}${direction ? `&direction=${direction}` : ''}&${period}`, 'programme');
  return r.total ?? 0;
}

describe('direction lanes against route totals (the flows map, outside roles)', () => {
  it.each(OUTSIDE_ROLES)('%s: total = incoming + outgoing pins no cell, and the attacker’s bounds hold the true counts', async (role) => {
    let tightened = 0;
    let cellsSeen = 0;
    for (const month of MONTHS) {
      const { solver, cells, period } = await solveMonth(t.inject, role, month, D);
      for (const c of cells) {
        const iv = solver.interval(c.id);
        const exact = await exactOf(c.route, c.direction, period);
        const where = `${role} ${c.id} ${month} (published ${c.published}, true ${exact}, bound ${iv.lo}…${iv.hi})`;
        expect(exact, where).toBeGreaterThanOrEqual(iv.lo);
        expect(exact, where).toBeLessThanOrEqual(iv.hi);
        if (c.published !== 0) expect(iv.hi, `${where}: pinned`).toBeGreaterThan(iv.lo);
        const before = c.published === null ? K - 2 : 2 * D;
        if (iv.hi - iv.lo < before) tightened++;
        cellsSeen++;
      }
    }
    expect(cellsSeen).toBe(MONTHS.length * ONE_POINT_ROUTES.length * 3);
    // The equations do narrow some bounds: the attack is real, not vacuous.
    expect(tightened).toBeGreaterThan(0);
  });

  it('the attack reads the right cells: without noise (maxNoise 0) the same equations give every lane and total exactly', async () => {
    const weak = t.another({ cellKeySecret: SECRET, disclosure: { maxNoise: 0 } });
    let pinned = 0;
    for (const month of MONTHS.slice(0, 12)) {
      const { solver, cells, period } = await solveMonth(weak.inject, 'public', month, 0);
      for (const c of cells.filter((x) => x.published !== null)) {
        const iv = solver.interval(c.id);
        expect(iv.lo, c.id).toBe(iv.hi);
        expect(iv.lo).toBe(await exactOf(c.route, c.direction, period));
        pinned++;
      }
    }
    expect(pinned).toBeGreaterThan(12);
  });
});
