/**
 * The cell-key method of consistent perturbation (Thompson, Broadfoot & Elazar 2013, as in the Australian Bureau of
 * Statistics' TableBuilder and the UK's 2021 Census flexible tables; the R packages `cellKey` and `ptable` document
 * it). Pure: no I/O.
 *
 * - Every base record (one row of flow_observations, assistance or returns) has a record key: 32 bits of a keyed hash
 *   of its natural key under a server secret (computed by the store, see `recordKeySql`).
 * - A cell's key is the sum of its records' keys modulo 2³², read as a fraction in [0, 1). The same records give the
 *   same key, so the same cell always gets the same noise, however the question is phrased.
 * - The noise comes from the perturbation table below, indexed by the cell's true count and its key:
 *   · 0 stays 0; 1…k−1 are withheld (null);
 *   · c ≥ k + D moves by d ∈ [−D, D] with discrete-Gaussian weights (symmetric, so unbiased);
 *   · k ≤ c < k + D may only move to values ≥ k, which alone would bias it upwards: the table gives it a chance of
 *     moving to 0 that exactly balances that (the ptable package's construction), so it stays unbiased, never lands
 *     in 1…k−1 and never goes negative.
 */

export interface CellKeyParams {
  /** Smallest true count published (1…k−1 are withheld). */
  k: number;
  /** Largest noise either way (D). */
  maxNoise: number;
  /** Variance of the discrete Gaussian the noise weights come from (before truncation to ±D). */
  variance: number;
}

export const DEFAULT_CELL_KEY: CellKeyParams = { k: 10, maxNoise: 3, variance: 1.5 };

export function checkCellKeyParams(p: CellKeyParams): void {
  if (!Number.isInteger(p.k) || p.k < 1) throw new RangeError(`cell-key k must be a whole number ≥ 1 (got ${p.k})`);
  if (!Number.isInteger(p.maxNoise) || p.maxNoise < 0 || p.maxNoise > 50)
    throw new RangeError(`cell-key maxNoise must be a whole number 0…50 (got ${p.maxNoise})`);
  if (!(p.variance > 0) || p.variance > 1000) throw new RangeError(`cell-key variance must be > 0 (got ${p.variance})`);
}

/** One row of the perturbation table: the published values a true count can take, and their probabilities. */
export interface PTableRow {
  count: number;
  targets: number[];
  probabilities: number[];
  /** Cumulative probabilities (last = 1): the key k̃ picks the first target whose cumulative exceeds k̃. */
  cumulative: number[];
}

/** Weight of noise d before normalising: discrete Gaussian, truncated to ±D. */
function weight(d: number, p: CellKeyParams): number {
  return Math.abs(d) > p.maxNoise ? 0 : Math.exp((-d * d) / (2 * p.variance));
}

/** The perturbation table's row for a true count ≥ k. */
export function ptableRow(count: number, p: CellKeyParams): PTableRow {
  if (!Number.isInteger(count) || count < p.k) throw new RangeError(`ptable rows are for counts ≥ k (got ${count})`);
  const D = p.maxNoise;
  const targets: number[] = [];
  const weights: number[] = [];
  let drift = 0; // Σ w·d over the targets kept: > 0 when the bottom was cut at k
  for (let d = -D; d <= D; d++) {
    const t = count + d;
    if (t < p.k) continue;
    targets.push(t);
    weights.push(weight(d, p));
    drift += weight(d, p) * d;
  }
  // Cut at k: balance the upward drift with a move to 0 (Σ w·d − w₀·c = 0), as the ptable package does.
  if (drift > 1e-12) {
    targets.unshift(0);
    weights.unshift(drift / count);
  }
  const sum = weights.reduce((s, w) => s + w, 0);
  const probabilities = weights.map((w) => w / sum);
  const cumulative: number[] = [];
  let acc = 0;
  for (const q of probabilities) cumulative.push((acc += q));
  cumulative[cumulative.length - 1] = 1;
  return { count, targets, probabilities, cumulative };
}

/** The rows that differ in shape (k … k+D); every count from k+D on moves the same way (row k+D shifted). */
export function ptable(p: CellKeyParams): PTableRow[] {
  return Array.from({ length: p.maxNoise + 1 }, (_, i) => ptableRow(p.k + i, p));
}

/** 2³²: record and cell keys are 32-bit. */
export const KEY_MODULUS = 4_294_967_296;

/** A cell key as a fraction in [0, 1) from the sum of its record keys (any non-negative integer). */
export function cellKeyFraction(recordKeySum: number | bigint): number {
  const m = typeof recordKeySum === 'bigint' ? Number(recordKeySum % BigInt(KEY_MODULUS)) : recordKeySum % KEY_MODULUS;
  return m / KEY_MODULUS;
}

/**
 * A perturbation table for fixed parameters, with its rows cached. `publish(count, key)` is the published value of a
 * cell: null = withheld, otherwise a count ≥ k or 0.
 */
export class Perturbation {
  private readonly rows: PTableRow[];
  constructor(readonly params: CellKeyParams) {
    checkCellKeyParams(params);
    this.rows = ptable(params);
  }

  publish(count: number, key: number): number | null {
    const { k, maxNoise } = this.params;
    if (count <= 0) return 0;
    if (count < k) return null;
    const row = this.rows[Math.min(count - k, maxNoise)]!;
    const shift = count - row.count; // 0 near k; beyond k+D the row for k+D, shifted
    let i = 0;
    while (i < row.cumulative.length - 1 && key >= row.cumulative[i]!) i++;
    const t = row.targets[i]!;
    return t === 0 ? 0 : t + shift;
  }
}

/** What an answer under disclosure control says of its method (the API's `disclosure`). */
export function disclosureInfo(p: CellKeyParams): { method: 'cell-key'; k: number; maxNoise: number; resolution: 'month' } {
  return { method: 'cell-key', k: p.k, maxNoise: p.maxNoise, resolution: 'month' };
}
