/**
 * The attacker's toolkit for tests/api/attack/: a real server over a real DuckDB file built from the repository's own
 * dataset (data/: five years of flows, assistance and returns, with plenty of withheld cells; the mini fixture has too
 * few), the attacker's reading of a published count (the interval its true value lies in), an interval-constraint
 * solver, and a sweep that collects every published cell an outside role can ask for.
 *
 * The attacker uses only what the API tells its role (answers, 403s, the published parameters k and maxNoise, and the
 * policy table, which is public documentation). Exact answers (programme) are read only to judge the attack.
 */
import { resolve } from 'node:path';
import { expect } from 'vitest';
import type { BuildAppOptions } from '../../../src/server/app';
import { POLICY, type AggregateAccess } from '../../../src/server/access/policy';
import { aggregateResponse, metaResponse, problem, type AggregateResponse } from '../../../src/shared/api';
import { addMonths, monthEnd } from '../../../src/shared/calendar';
import { AGGREGATE_SHAPES, kindOf } from '../../../src/shared/query-shape';
import type { Role } from '../../../src/shared/enums';
import { startTestApp, type Inject, type TestServer } from '../helpers';

/** The repository's dataset (synthetic, 2015–2019). */
export const DATA_DIR = resolve(import.meta.dirname, '../../../data');
/** A fixed cell-key secret, so that every run of the suite meets the same published cells. */
export const SECRET = 'attack-suite: fixed cell-key secret, never used outside tests 0123456789abcdef';
/** The published parameters (the server's defaults, which every answer states in `disclosure`). */
export const K = 10;
export const D = 3;

export const OUTSIDE_ROLES = ['public', 'donor', 'government'] as const satisfies readonly Role[];
export type OutsideRole = (typeof OUTSIDE_ROLES)[number];

export type Metric = 'flows' | 'assistance' | 'returns';
export const METRICS: readonly Metric[] = ['flows', 'assistance', 'returns'];
/** The groupBy dimension naming a metric's base place. */
export const PLACE_DIM: Record<Metric, 'point' | 'centre'> = { flows: 'point', assistance: 'centre', returns: 'centre' };

/** The server over data/ with the suite's secret (and any other app options, e.g. a weakened disclosure). */
export function startAtlas(app: Partial<BuildAppOptions> = {}): Promise<TestServer> {
  return startTestApp({ dataDir: DATA_DIR, app: { cellKeySecret: SECRET, ...app } });
}

export async function answer(inject: Inject, url: string, role: Role): Promise<AggregateResponse> {
  const res = await inject(url, role);
  expect(res.statusCode, `${role} ${url}: ${res.body}`).toBe(200);
  return aggregateResponse.parse(res.json());
}

/** The request is refused with 403 (401 signed out where an account may ask); returns the fields the problem names. */
export async function refused(inject: Inject, url: string, role: Role, status: 401 | 403 = 403): Promise<string[]> {
  const res = await inject(url, role);
  expect(res.statusCode, `${role} ${url} should be refused: ${res.body.slice(0, 300)}`).toBe(status);
  const p = problem.parse(res.json());
  return (p.errors ?? []).map((e) => e.field);
}

/** The breakdowns of the people counted (attributes) a role may group `metric` by, as the policy table says. */
export function attributesOf(metric: Metric, role: Role): string[] {
  const access = POLICY[metric][role] as AggregateAccess | undefined;
  if (!access) return [];
  const shape = AGGREGATE_SHAPES[metric] as { groupBy: Record<string, Parameters<typeof kindOf>[0]> };
  return access.groupBy.filter((g) => kindOf(shape.groupBy[g]) === 'attribute');
}

// ---------- what a published count says ----------

export interface Interval {
  lo: number;
  hi: number;
}

/**
 * Where the true count of ONE published cell lies, as the attacker reads it (the perturbation table is published):
 * withheld → 1…k−1; a published p ≥ k → p ± D, never below k; a published 0 → k…k+D−1, the counts the table may
 * move to 0. The server sends no row for a cell published as 0 (it must look like a true zero), so a cell with no
 * row is 0 or k…k+D−1: `absentInterval`.
 */
export function cellInterval(published: number | null, k = K, maxNoise = D): Interval {
  if (published === null) return { lo: 1, hi: k - 1 };
  if (published === 0) {
    if (maxNoise === 0) throw new Error('a present cell published as 0 is impossible without noise');
    return { lo: k, hi: k + maxNoise - 1 };
  }
  return { lo: Math.max(k, published - maxNoise), hi: published + maxNoise };
}

/** A cell the server sent no row for: a true 0, or a count the table moved to 0 (k…k+D−1). */
export function absentInterval(k = K, maxNoise = D): Interval {
  return { lo: 0, hi: maxNoise === 0 ? 0 : k + maxNoise - 1 };
}

// ---------- interval constraint propagation ----------

/**
 * Bounds on non-negative integer unknowns tied by sum equations (total = Σ parts), tightened to a fixed point: each
 * equation bounds its total by the sums of its parts' bounds and each part by the total minus the others. Sound: the
 * true values always stay inside (the tests check it).
 */
export class IntervalSolver {
  private readonly index = new Map<string, number>();
  readonly ids: string[] = [];
  private lo: number[] = [];
  private hi: number[] = [];
  private readonly eqs: Array<{ total: number; parts: number[] }> = [];

  private at(id: string): number {
    let i = this.index.get(id);
    if (i === undefined) {
      i = this.ids.length;
      this.index.set(id, i);
      this.ids.push(id);
      this.lo.push(0);
      this.hi.push(Number.MAX_SAFE_INTEGER);
    }
    return i;
  }

  has(id: string): boolean {
    return this.index.has(id);
  }

  /** Intersects the unknown's bounds with `iv`. */
  constrain(id: string, iv: Interval): void {
    const i = this.at(id);
    this.lo[i] = Math.max(this.lo[i]!, iv.lo);
    this.hi[i] = Math.min(this.hi[i]!, iv.hi);
  }

  /** total = Σ parts. */
  sum(total: string, parts: readonly string[]): void {
    this.eqs.push({ total: this.at(total), parts: parts.map((p) => this.at(p)) });
  }

  get equations(): number {
    return this.eqs.length;
  }

  /** Tightens to a fixed point; returns the number of passes. Throws when the bounds contradict each other. */
  solve(maxPasses = 10_000): number {
    const { lo, hi } = this;
    for (let pass = 1; pass <= maxPasses; pass++) {
      let changed = false;
      for (const { total, parts } of this.eqs) {
        let slo = 0;
        let shi = 0;
        for (const p of parts) {
          slo += lo[p]!;
          shi += hi[p]!;
        }
        if (slo > lo[total]!) {
          lo[total] = slo;
          changed = true;
        }
        if (shi < hi[total]!) {
          hi[total] = shi;
          changed = true;
        }
        for (const p of parts) {
          const plo = lo[total]! - (shi - hi[p]!);
          const phi = hi[total]! - (slo - lo[p]!);
          if (plo > lo[p]!) {
            lo[p] = plo;
            changed = true;
          }
          if (phi < hi[p]!) {
            hi[p] = phi;
            changed = true;
          }
        }
      }
      for (let i = 0; i < lo.length; i++) if (lo[i]! > hi[i]!) throw new Error(`contradictory bounds for ${this.ids[i]}: ${lo[i]}…${hi[i]}`);
      if (!changed) return pass;
    }
    throw new Error('no fixed point');
  }

  interval(id: string): Interval {
    const i = this.index.get(id);
    if (i === undefined) throw new Error(`unknown ${id}`);
    return { lo: this.lo[i]!, hi: this.hi[i]! };
  }
}

// ---------- the sweep: every published cell a role can ask for ----------

export type Grain = 'month' | 'year';

export interface Cell {
  id: string;
  grain: Grain;
  /** YYYY-MM-01 (month) or YYYY-01-01 (year). */
  start: string;
  place: string;
  /** '' = the place's margin. */
  attr: string;
  value: string;
  /** Published count; null = withheld. */
  published: number | null;
}

export const cellId = (metric: Metric, grain: Grain, start: string, place: string, attr: string, value: string) =>
  `${metric}|${grain}|${start}|${place}|${attr}|${value}`;

/** The sweep's queries of one metric: place × month and place × year, alone (margins) and by each attribute. */
export function sweepUrls(metric: Metric, attrs: readonly string[]): Array<{ url: string; grain: Grain; attr: string }> {
  return (['month', 'year'] as const).flatMap((grain) =>
    ['', ...attrs].map((attr) => ({
      url: `/api/v1/${metric}?groupBy=${[PLACE_DIM[metric], grain, attr].filter(Boolean).join(',')}`,
      grain,
      attr,
    })),
  );
}

/**
 * Every published cell of `metric` that `role` may ask for, one grouped request per grain and breakdown (rows present
 * = cells with a true count > 0; the grouped answers hold each cell once, never a sum of several).
 */
export async function sweepCells(inject: Inject, role: Role, metric: Metric, attrs = attributesOf(metric, role)): Promise<Map<string, Cell>> {
  const cells = new Map<string, Cell>();
  for (const { url, grain, attr } of sweepUrls(metric, attrs)) {
    const body = await answer(inject, url, role);
    for (const row of body.rows) {
      const place = String(row[PLACE_DIM[metric]]);
      const start = String(row[grain]);
      const value = attr ? String(row[attr]) : '';
      const id = cellId(metric, grain, start, place, attr, value);
      // One row, one cell: published or withheld, never a partial sum.
      expect(row.partial, `${url} ${id}`).toBeUndefined();
      expect(cells.has(id), id).toBe(false);
      cells.set(id, { id, grain, start, place, attr, value, published: row.suppressed ? null : row.count });
    }
  }
  return cells;
}

/** The exact counts of the same cells (programme), to judge the attack. */
export async function exactCells(inject: Inject, metric: Metric, attrs: readonly string[]): Promise<Map<string, number>> {
  const exact = new Map<string, number>();
  for (const { url, grain, attr } of sweepUrls(metric, attrs)) {
    const body = await answer(inject, url, 'programme');
    for (const row of body.rows) {
      if (row.count === null || row.count === 0) continue;
      const id = cellId(metric, grain, String(row[grain]), String(row[PLACE_DIM[metric]]), attr, attr ? String(row[attr]) : '');
      exact.set(id, row.count);
    }
  }
  return exact;
}

/**
 * The attacker's system over a sweep: every cell's interval from its published value, and every identity the cells
 * obey — a place's margin = Σ of its cells by each breakdown (per month and per year), a year cell = Σ of its
 * month cells (per place, breakdown and value, and for the margins), a centre's returns = its assistance with a
 * voluntary return (two tables, one count). A cell with no row is an unknown in `absentInterval` (0, or a count
 * published as 0): every value of `universe` (what /meta lists) and every month of a year with data takes part in
 * the identities, row or no row.
 */
export function attackerSystem(
  cells: ReadonlyMap<string, Cell>,
  attrsByMetric: Partial<Record<Metric, readonly string[]>>,
  k = K,
  maxNoise = D,
  universe: Readonly<Record<string, readonly string[]>> = {},
): IntervalSolver {
  const solver = new IntervalSolver();
  for (const c of cells.values()) solver.constrain(c.id, cellInterval(c.published, k, maxNoise));
  const absent = absentInterval(k, maxNoise);
  /** The id of a cell, constrained as absent when the sweep has no row for it. */
  const cellOrAbsent = (metric: Metric, grain: Grain, start: string, place: string, attr: string, value: string) => {
    const id = cellId(metric, grain, start, place, attr, value);
    if (!cells.has(id)) solver.constrain(id, absent);
    return id;
  };
  // The grid the attacker knows exists: places and months seen per metric, values from /meta (else those seen).
  const grid = new Map<Metric, { places: Set<string>; months: Set<string>; values: Map<string, Set<string>> }>();
  for (const [id, c] of cells) {
    const metric = id.split('|')[0] as Metric;
    let g = grid.get(metric);
    if (!g) grid.set(metric, (g = { places: new Set(), months: new Set(), values: new Map() }));
    g.places.add(c.place);
    if (c.grain === 'month') g.months.add(c.start);
    if (c.attr !== '') {
      const vs = g.values.get(c.attr) ?? new Set(universe[c.attr] ?? []);
      vs.add(c.value);
      g.values.set(c.attr, vs);
    }
  }
  for (const [metric, g] of grid) {
    for (const attr of attrsByMetric[metric] ?? []) {
      const vs = g.values.get(attr) ?? new Set(universe[attr] ?? []);
      g.values.set(attr, vs);
    }
    const years = new Set([...g.months].map((m) => m.slice(0, 4)));
    for (const place of g.places) {
      for (const attr of ['', ...(attrsByMetric[metric] ?? [])]) {
        const values = attr === '' ? [''] : [...(g.values.get(attr) ?? [])];
        for (const value of values) {
          // months of a year = the year cell (every month with data that year)
          for (const y of years) {
            const monthsOfYear = [...g.months].filter((m) => m.startsWith(y)).sort();
            const yearId = cellOrAbsent(metric, 'year', `${y}-01-01`, place, attr, value);
            solver.sum(
              yearId,
              monthsOfYear.map((m) => cellOrAbsent(metric, 'month', m, place, attr, value)),
            );
          }
        }
        if (attr === '') continue;
        // margin = Σ of the breakdown's values, per month and per year
        for (const m of g.months) {
          solver.sum(
            cellOrAbsent(metric, 'month', m, place, '', ''),
            values.map((v) => cellOrAbsent(metric, 'month', m, place, attr, v)),
          );
        }
        for (const y of years) {
          solver.sum(
            cellOrAbsent(metric, 'year', `${y}-01-01`, place, '', ''),
            values.map((v) => cellOrAbsent(metric, 'year', `${y}-01-01`, place, attr, v)),
          );
        }
      }
    }
  }
  // Across tables: a centre's voluntary returns in a month (or year) are the people it assisted with a voluntary
  // return then — the same count, published by two tables (data/README.md; checked sound).
  const returns = grid.get('returns');
  if (returns && (attrsByMetric.assistance ?? []).includes('service')) {
    for (const place of returns.places) {
      for (const m of returns.months) {
        solver.sum(cellOrAbsent('returns', 'month', m, place, '', ''), [cellOrAbsent('assistance', 'month', m, place, 'service', 'voluntary_return')]);
      }
      for (const y of new Set([...returns.months].map((m) => m.slice(0, 4)))) {
        solver.sum(cellOrAbsent('returns', 'year', `${y}-01-01`, place, '', ''), [
          cellOrAbsent('assistance', 'year', `${y}-01-01`, place, 'service', 'voluntary_return'),
        ]);
      }
    }
  }
  return solver;
}

export interface SweepVerdict {
  cells: number;
  withheld: number;
  /** Withheld cells whose interval collapsed to one value. */
  pinnedWithheld: string[];
  /** Published cells whose true value is pinned to one value. */
  pinnedPublished: string[];
  /** Cells whose interval the equations narrowed (the attack is real, not vacuous). */
  tightened: number;
  /** Narrowest interval of a withheld cell (values it may still take). */
  narrowestWithheld: number;
  /** Cells whose exact value fell outside the attacker's interval (must be none: the attacker's reasoning is sound). */
  unsound: string[];
}

/** Solves the system and judges it against the exact counts. */
export function judge(cells: ReadonlyMap<string, Cell>, solver: IntervalSolver, exact: ReadonlyMap<string, number>, k = K, maxNoise = D): SweepVerdict {
  solver.solve();
  const v: SweepVerdict = { cells: cells.size, withheld: 0, pinnedWithheld: [], pinnedPublished: [], tightened: 0, narrowestWithheld: Infinity, unsound: [] };
  for (const c of cells.values()) {
    const iv = solver.interval(c.id);
    const before = cellInterval(c.published, k, maxNoise);
    const truth = exact.get(c.id) ?? 0;
    if (truth < iv.lo || truth > iv.hi) v.unsound.push(`${c.id}: ${truth} ∉ ${iv.lo}…${iv.hi}`);
    if (iv.hi - iv.lo < before.hi - before.lo) v.tightened++;
    if (c.published === null) {
      v.withheld++;
      v.narrowestWithheld = Math.min(v.narrowestWithheld, iv.hi - iv.lo + 1);
      if (iv.lo === iv.hi) v.pinnedWithheld.push(`${c.id} = ${iv.lo} (true ${truth})`);
    } else if (iv.lo === iv.hi) {
      v.pinnedPublished.push(`${c.id} published ${c.published} = ${iv.lo} (true ${truth})`);
    }
  }
  return v;
}

/** Sweeps every metric as `role`, builds the attacker's system and judges it against the programme's exact counts. */
export async function sweepAttack(inject: Inject, role: Role, opts: { k?: number; maxNoise?: number; exact?: Map<string, number> } = {}) {
  const k = opts.k ?? K;
  const maxNoise = opts.maxNoise ?? D;
  const cells = new Map<string, Cell>();
  const attrs: Partial<Record<Metric, string[]>> = {};
  const exact = opts.exact ?? new Map<string, number>();
  for (const metric of METRICS) {
    attrs[metric] = attributesOf(metric, role);
    for (const [id, c] of await sweepCells(inject, role, metric, attrs[metric])) cells.set(id, c);
    if (!opts.exact) for (const [id, n] of await exactCells(inject, metric, attrs[metric]!)) exact.set(id, n);
  }
  const solver = attackerSystem(cells, attrs, k, maxNoise, await universe(inject));
  return { cells, solver, exact, attrs, verdict: judge(cells, solver, exact, k, maxNoise) };
}

// ---------- small helpers ----------

/** Every value of every breakdown, as /meta lists them for anyone (destinations are countries too). */
export async function universe(inject: Inject): Promise<Record<string, string[]>> {
  const res = await inject('/api/v1/meta', 'public');
  expect(res.statusCode).toBe(200);
  const meta = metaResponse.parse(res.json());
  const countries = meta.nationalities.map((n) => n.id);
  return {
    direction: [...meta.directions],
    nationality: countries,
    sex: [...meta.sexes],
    ageGroup: [...meta.ageGroups],
    transport: [...meta.transports],
    service: [...meta.services],
    destination: countries,
  };
}

/** The last day of a month (YYYY-MM-01 → YYYY-MM-28…31) and month arithmetic: the app's own calendar. */
export const lastDay = monthEnd;
export { addMonths };
/** The whole months from `from` (YYYY-MM-01) to `to` (YYYY-MM-01), both included, as a query string. */
export const months = (from: string, to: string): string => `from=${from}&to=${lastDay(to)}`;
