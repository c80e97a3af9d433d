/**
 * Statistical disclosure control for aggregate answers (pure functions, no I/O).
 *
 * For the roles the policy table marks (public, donor, government):
 * 1. Primary suppression: a count of 1…k−1 is published as `{ count: null, suppressed: true }`.
 * 2. Secondary suppression: a suppressed cell must not be recoverable by subtraction from a margin. The margins of a
 *    table with dimensions d₁…dₙ are its "lines": the cells that share every dimension value but one (for a 1-D
 *    answer, all rows against `total`; for 2-D, each row group and each column group, whose sums are the cells of
 *    the 1-D answers). Whenever a line holds exactly one suppressed cell, its smallest other non-zero cell is
 *    suppressed too; this repeats until nothing changes (see suppressionMask for lines left with zeros only).
 *    A line keeps a single suppressed cell only when its sum is below k — so the margin is itself suppressed
 *    wherever it is published — or when it is a single cell, whose margin the lower-dimensional answer protects
 *    identically.
 * 3. Rounding: every published count is rounded down to a multiple of `rounding`.
 * 4. The total is computed from the true total, then suppressed when 1…k−1 or rounded down.
 * Zeros stay 0 (an empty cell is not sensitive), except the rare zero withheld to protect another cell.
 * Requires k to be a multiple of the rounding base, so that a count of k or more never rounds down below k.
 */
import type { AggregateRow } from '../../shared/api';

export interface DisclosureParams {
  /** Smallest count published (threshold). */
  k: number;
  /** Published counts are rounded down to a multiple of this. */
  rounding: number;
}

export const DEFAULT_DISCLOSURE: DisclosureParams = { k: 10, rounding: 10 };

export function checkParams(p: DisclosureParams): void {
  if (!Number.isInteger(p.k) || p.k < 1) throw new RangeError(`disclosure k must be a whole number ≥ 1 (got ${p.k})`);
  if (!Number.isInteger(p.rounding) || p.rounding < 1) throw new RangeError(`disclosure rounding must be a whole number ≥ 1 (got ${p.rounding})`);
  if (p.k % p.rounding !== 0) {
    throw new RangeError(`disclosure k (${p.k}) must be a multiple of the rounding base (${p.rounding}), or a count of k or more could round down below k`);
  }
}

/** Counts 1…k−1 are withheld. */
export const isSmall = (count: number, k: number) => count > 0 && count < k;

export const roundDown = (count: number, base: number) => Math.floor(count / base) * base;

/** One cell of the full grid of a table: every combination of the dimension values seen (absent combinations are 0). */
export interface GridCell {
  dims: string[];
  count: number;
  /** Index of the answer row holding this cell, or -1 when the answer has no row for it (a zero). */
  row: number;
}

export interface Grid {
  cells: GridCell[];
  /** For each dimension, the cells sharing the values of all other dimensions (indexes into `cells`). */
  lines: number[][];
}

/**
 * The full grid of an aggregate answer and its lines (margins). No dimensions → one cell, no lines (its margin is the
 * total itself). Rows must have distinct dimension values.
 */
export function gridOf(groupBy: readonly string[], rows: ReadonlyArray<Record<string, unknown>>): Grid {
  const D = groupBy.length;
  if (D === 0) return { cells: rows.map((r, i) => ({ dims: [], count: Number(r.count ?? 0), row: i })), lines: [] };
  const values = groupBy.map((g) => [...new Set(rows.map((r) => String(r[g])))].sort(cmp));
  const position = values.map((vs) => new Map(vs.map((v, i) => [v, i])));
  const strides: number[] = new Array<number>(D);
  let size = 1;
  for (let d = D - 1; d >= 0; d--) {
    strides[d] = size;
    size *= values[d]!.length;
  }
  const cells: GridCell[] = new Array<GridCell>(size);
  for (let idx = 0; idx < size; idx++) {
    cells[idx] = { dims: values.map((vs, d) => vs[Math.floor(idx / strides[d]!) % vs.length]!), count: 0, row: -1 };
  }
  rows.forEach((r, i) => {
    let idx = 0;
    for (let d = 0; d < D; d++) idx += position[d]!.get(String(r[groupBy[d]!]))! * strides[d]!;
    const cell = cells[idx]!;
    if (cell.row >= 0) throw new Error('disclosure control needs one row per combination of dimension values');
    cell.row = i;
    cell.count = Number(r.count ?? 0);
  });
  const lines: number[][] = [];
  for (let d = 0; d < D; d++) {
    const n = values[d]!.length;
    for (let idx = 0; idx < size; idx++) {
      if (Math.floor(idx / strides[d]!) % n !== 0) continue; // start of a line: dimension d at its first value
      lines.push(Array.from({ length: n }, (_, j) => idx + j * strides[d]!));
    }
  }
  return { cells, lines };
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Which cells to withhold: primary (1…k−1) plus secondary suppression to a fixed point. In a line holding exactly one
 * withheld cell, the smallest other non-zero cell is withheld too (ties: the earlier cell). When the line has no other
 * non-zero cell left, its sum is the lone cell: if that is 1…k−1 the sum is withheld wherever it is published, so
 * nothing more is needed; otherwise (a secondary suppression of k or more, or a withheld zero) a zero cell of the
 * line is withheld with it, or the published margin would give it away.
 */
export function suppressionMask(counts: readonly number[], lines: readonly number[][], k: number): boolean[] {
  const suppressed = counts.map((c) => isSmall(c, k));
  let changed = true;
  while (changed) {
    changed = false;
    for (const line of lines) {
      let n = 0;
      let lone = -1;
      for (const i of line) {
        if (suppressed[i]) {
          n++;
          lone = i;
        }
      }
      if (n !== 1) continue;
      let pick = -1;
      for (const i of line) {
        if (suppressed[i] || counts[i]! <= 0) continue;
        if (pick < 0 || counts[i]! < counts[pick]!) pick = i;
      }
      // Only zeros left: the line's sum is the lone cell. It is hidden where published only when it is 1…k−1;
      // otherwise (a secondary cell, or a withheld zero) a zero of the line must be withheld with it.
      if (pick < 0 && !isSmall(counts[lone]!, k)) pick = line.find((i) => !suppressed[i]) ?? -1;
      if (pick >= 0) {
        suppressed[pick] = true;
        changed = true;
      }
    }
  }
  return suppressed;
}

/** A total as published: withheld when 1…k−1, else rounded down. */
export function protectTotal(total: number, p: DisclosureParams): number | null {
  return isSmall(total, p.k) ? null : roundDown(total, p.rounding);
}

export interface ProtectedTable {
  rows: AggregateRow[];
  total: number | null;
}

/**
 * Applies disclosure control to one aggregate answer. `rows` carry exact counts (never already suppressed), one row per
 * combination of dimension values; `total` is the true total. Rows keep their order and dimension values; a zero cell
 * withheld to protect another (rare) is added as a row `{ …dims, count: null, suppressed: true }`, and the rows are
 * then sorted by their dimension values.
 */
export function protectTable(groupBy: readonly string[], rows: readonly AggregateRow[], total: number, p: DisclosureParams): ProtectedTable {
  checkParams(p);
  for (const r of rows) {
    if (r.count === null || r.suppressed) throw new Error('protectTable needs exact counts');
  }
  const grid = gridOf(groupBy, rows);
  const mask = suppressionMask(
    grid.cells.map((c) => c.count),
    grid.lines,
    p.k,
  );
  const publish = (dims: string[], count: number, withheld: boolean): AggregateRow => {
    const out: Record<string, string | number | boolean | null> = {};
    groupBy.forEach((g, d) => (out[g] = dims[d]!));
    if (withheld) {
      out.count = null;
      out.suppressed = true;
    } else out.count = roundDown(count, p.rounding);
    return out as AggregateRow;
  };
  const out: AggregateRow[] = new Array<AggregateRow>(rows.length);
  const added: AggregateRow[] = [];
  grid.cells.forEach((cell, i) => {
    if (cell.row >= 0) out[cell.row] = publish(cell.dims, cell.count, mask[i]!);
    else if (mask[i]) added.push(publish(cell.dims, 0, true));
  });
  if (added.length > 0) {
    const key = (r: AggregateRow) => groupBy.map((g) => String(r[g]));
    const byDims = (a: AggregateRow, b: AggregateRow) => {
      const ka = key(a);
      const kb = key(b);
      for (let d = 0; d < ka.length; d++) {
        const c = cmp(ka[d]!, kb[d]!);
        if (c !== 0) return c;
      }
      return 0;
    };
    return { rows: [...out, ...added].sort(byDims), total: protectTotal(total, p) };
  }
  return { rows: out, total: protectTotal(total, p) };
}
