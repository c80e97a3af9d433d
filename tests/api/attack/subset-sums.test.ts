/**
 * Attack 1, subset sums over filters. The attacker asked for lists of values (nationality=A,B,…) and solved
 * the floored totals of many subsets together to pin withheld cells. Now lists are refused; what is left is every
 * single-value filter and every margin. The attacker collects ALL of them — every published cell of every metric it
 * may ask for, month and year, by each breakdown — and solves them by interval constraint propagation: each published
 * value ± D bounds its true value, a withheld value lies in 1…k−1, a margin is the sum of its cells by any breakdown,
 * a year the sum of its months, a centre's returns its voluntary-return assistance; tighten to a fixed point (targets
 * as in the issue: Tahoua region in June 2019, the Agadez transit centre's family tracing in Q1 2019, and every other
 * cell of the data). The suite passes when no withheld cell's interval collapses
 * to one value and no published cell's true value is pinned — and proves it would notice: with maxNoise 0 the same
 * attack pins withheld cells.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../../src/shared/enums';
import type { TestServer } from '../helpers';
import {
  answer,
  attributesOf,
  cellId,
  D,
  K,
  months,
  OUTSIDE_ROLES,
  refused,
  SECRET,
  startAtlas,
  sweepAttack,
  universe,
  type Cell,
  type IntervalSolver,
  type Metric,
  type SweepVerdict,
} from './attacker';

let t: TestServer;
let values: Record<string, string[]>;
/** Exact counts of every cell (programme), read once: only to judge. */
const exact = new Map<string, number>();
const sweeps = new Map<Role, { cells: Map<string, Cell>; solver: IntervalSolver; verdict: SweepVerdict }>();

beforeAll(async () => {
  t = await startAtlas();
  values = await universe(t.inject);
  // The donor sees the most breakdowns: its sweep reads the exact counts every other role's sweep needs.
  const donor = await sweepAttack(t.inject, 'donor');
  for (const [id, n] of donor.exact) exact.set(id, n);
  sweeps.set('donor', donor);
  for (const role of ['public', 'government'] as const) sweeps.set(role, await sweepAttack(t.inject, role, { exact }));
});
afterAll(async () => {
  await t?.close();
});

describe('lists of values are refused: no subset of cells can be asked for as one sum', () => {
  const LISTS: Array<[string, string]> = [
    ['/api/v1/flows?nationality=GMB,NGA', 'nationality'],
    ['/api/v1/flows?nationality=GMB&nationality=NGA', 'nationality'],
    ['/api/v1/flows?groupBy=sex&nationality=GMB,MLI,NER', 'nationality'],
    ['/api/v1/flows?point=tahoua-fmp,agadez-fmp', 'point'],
    ['/api/v1/flows?region=NE005,NE004', 'region'],
    ['/api/v1/flows?route=R3,R3b', 'route'],
    ['/api/v1/assistance?service=family_tracing,health', 'service'],
    ['/api/v1/assistance?centre=agadez-tc,arlit-tc', 'centre'],
    ['/api/v1/returns?centre=agadez-tc,arlit-tc', 'centre'],
  ];
  it.each(OUTSIDE_ROLES.flatMap((role) => LISTS.map(([url, field]) => [role, url, field] as const)))('%s: %s → 403 naming %s', async (role, url, field) => {
    expect(await refused(t.inject, url, role)).toContain(field);
  });

  it('the donor, who may break assistance down by nationality and returns by destination, gets no lists either', async () => {
    expect(await refused(t.inject, '/api/v1/assistance?nationality=GMB,NGA&from=2019-01-01&to=2019-03-31', 'donor')).toContain('nationality');
    expect(await refused(t.inject, '/api/v1/returns?destination=GMB,NGA', 'donor')).toContain('destination');
  });

  it('programme staff still may (the lists are a shape rule of outside roles, not a broken parameter)', async () => {
    const both = await answer(t.inject, '/api/v1/flows?nationality=GMB,NGA&from=2019-06-01&to=2019-06-30', 'programme');
    const gmb = await answer(t.inject, '/api/v1/flows?nationality=GMB&from=2019-06-01&to=2019-06-30', 'programme');
    const nga = await answer(t.inject, '/api/v1/flows?nationality=NGA&from=2019-06-01&to=2019-06-30', 'programme');
    expect(both.total).toBe(gmb.total! + nga.total!);
  });
});

describe('every single-value filter and margin, solved together (interval constraint propagation)', () => {
  it.each(OUTSIDE_ROLES)('%s: the whole published table pins no withheld cell and no true count', (role) => {
    const { verdict } = sweeps.get(role)!;
    // The attack had material: thousands of cells, many of them withheld, and the equations did narrow some.
    expect(verdict.cells).toBeGreaterThan(5_000);
    expect(verdict.withheld).toBeGreaterThan(role === 'donor' ? 1_000 : 100);
    expect(verdict.tightened).toBeGreaterThan(0);
    // The attacker's reasoning is sound (every true count lies in its interval) …
    expect(verdict.unsound).toEqual([]);
    // … and it finds nothing.
    expect(verdict.pinnedWithheld).toEqual([]);
    expect(verdict.pinnedPublished).toEqual([]);
    expect(verdict.narrowestWithheld).toBeGreaterThanOrEqual(2);
  });

  it('the three outside roles read the same cells (their answers do not depend on who asks)', () => {
    const pub = sweeps.get('public')!.cells;
    for (const role of ['donor', 'government'] as const) {
      for (const [id, c] of pub) expect(sweeps.get(role)!.cells.get(id)?.published, `${role} ${id}`).toBe(c.published);
    }
  });
});

/** Asks for one cell with single-value filters only; the answer must be that cell as the sweep saw it. */
async function single(role: Role, metric: Metric, filters: string, period: string): Promise<number | null> {
  const body = await answer(t.inject, `/api/v1/${metric}?${filters}&${period}`, role);
  expect(body.totalPartial).toBeUndefined();
  // No row: no cell at all (a true zero). One row: one cell, published or withheld.
  expect(body.rows.length).toBeLessThanOrEqual(1);
  if (body.rows.length === 0) {
    expect(body.total).toBe(0);
    return 0;
  }
  expect(body.rows[0]!.partial).toBeUndefined();
  expect(body.total).toBe(body.rows[0]!.count);
  return body.rows[0]!.suppressed ? null : body.rows[0]!.count;
}

function expectNotPinned(role: Role, ids: string[]) {
  const { solver } = sweeps.get(role)!;
  for (const id of ids) {
    if (!solver.has(id)) continue; // no row: a true zero, not a protected count
    const iv = solver.interval(id);
    const truth = exact.get(id) ?? 0;
    expect(iv.lo, `${role} ${id}: ${truth} ∉ ${iv.lo}…${iv.hi}`).toBeLessThanOrEqual(truth);
    expect(iv.hi, `${role} ${id}: ${truth} ∉ ${iv.lo}…${iv.hi}`).toBeGreaterThanOrEqual(truth);
    expect(iv.hi, `${role} ${id} pinned to ${iv.lo}`).toBeGreaterThan(iv.lo);
  }
}

describe('target: Tahoua region, June 2019 (flows)', () => {
  const MONTH = '2019-06-01';
  const period = months(MONTH, MONTH);

  it.each(OUTSIDE_ROLES)('%s: every single-value filter, by point and by region, is the published cell, and none is pinned', async (role) => {
    const { cells } = sweeps.get(role)!;
    const ids: string[] = [];
    const margin = cellId('flows', 'month', MONTH, 'tahoua-fmp', '', '');
    ids.push(margin);
    for (const place of ['point=tahoua-fmp', 'region=NE005', 'route=R3b']) {
      expect(await single(role, 'flows', place, period), place).toBe(cells.get(margin)!.published);
    }
    for (const attr of attributesOf('flows', role)) {
      for (const value of values[attr]!) {
        const id = cellId('flows', 'month', MONTH, 'tahoua-fmp', attr, value);
        ids.push(id);
        const cell = cells.get(id);
        for (const place of ['point=tahoua-fmp', 'region=NE005']) {
          const got = await single(role, 'flows', `${place}&${attr}=${value}`, period);
          expect(got, `${place}&${attr}=${value}`).toBe(cell ? cell.published : 0);
        }
      }
    }
    expectNotPinned(role, ids);
  });
});

describe('target: Agadez transit centre, Q1 2019, family tracing (assistance)', () => {
  const Q1 = ['2019-01-01', '2019-02-01', '2019-03-01'];

  it.each(OUTSIDE_ROLES)('%s: the family-tracing months and every breakdown of the centre in Q1 are published cells, none pinned', async (role) => {
    const { cells, solver } = sweeps.get(role)!;
    const ids: string[] = [];
    for (const month of Q1) {
      const id = cellId('assistance', 'month', month, 'agadez-tc', 'service', 'family_tracing');
      ids.push(id, cellId('assistance', 'month', month, 'agadez-tc', '', ''));
      expect(await single(role, 'assistance', 'centre=agadez-tc&service=family_tracing', months(month, month))).toBe(cells.get(id)!.published);
      for (const attr of attributesOf('assistance', role))
        for (const value of values[attr]!) ids.push(cellId('assistance', 'month', month, 'agadez-tc', attr, value));
    }
    // The quarter is the sum of its three published months, nothing more.
    const q1 = await single(role, 'assistance', 'centre=agadez-tc&service=family_tracing', months(Q1[0]!, Q1[2]!));
    expect(q1).toBe(Q1.reduce((s, m) => s + (cells.get(cellId('assistance', 'month', m, 'agadez-tc', 'service', 'family_tracing'))!.published ?? 0), 0));
    expectNotPinned(role, ids);
    // And the quarter's true total is not pinned either.
    const lo = Q1.reduce((s, m) => s + solver.interval(cellId('assistance', 'month', m, 'agadez-tc', 'service', 'family_tracing')).lo, 0);
    const hi = Q1.reduce((s, m) => s + solver.interval(cellId('assistance', 'month', m, 'agadez-tc', 'service', 'family_tracing')).hi, 0);
    expect(hi).toBeGreaterThan(lo);
  });
});

describe('the attack has teeth: without noise (maxNoise 0) it pins withheld cells', () => {
  it('the same sweep and solver, on a server whose published cells are exact above k, recovers withheld counts exactly', async () => {
    const weak = t.another({ cellKeySecret: SECRET, disclosure: { maxNoise: 0 } });
    const body = await answer(weak.inject, '/api/v1/flows?groupBy=month&point=tahoua-fmp&from=2019-06-01&to=2019-06-30', 'public');
    expect(body.disclosure).toMatchObject({ k: K, maxNoise: 0 });
    const { verdict } = await sweepAttack(weak.inject, 'donor', { maxNoise: 0, exact });
    expect(verdict.unsound).toEqual([]);
    // Pinned: withheld counts solved from their margins (margin − the published rest), each equal to the truth.
    expect(verdict.pinnedWithheld.length).toBeGreaterThan(50);
    for (const p of verdict.pinnedWithheld) {
      const [, value, truth] = /= (\d+) \(true (\d+)\)$/.exec(p)!;
      expect(value).toBe(truth);
    }
  });

  it('with the real parameters (k = 10, maxNoise = 3) every answer says so', async () => {
    const body = await answer(t.inject, '/api/v1/flows?point=tahoua-fmp&from=2019-06-01&to=2019-06-30', 'public');
    expect(body.disclosure).toEqual({ method: 'cell-key', k: K, maxNoise: D, resolution: 'month' });
  });
});
