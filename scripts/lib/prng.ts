/**
 * A small, self-contained, seeded pseudo-random number generator for the synthetic data generator.
 *
 * - `hashKey` turns a seed plus any labels ("flows", "arlit-fmp", week index…) into a 32-bit state seed, so every
 *   series/week draws from its own independent stream: generating a sub-period or adding a new series never changes
 *   the numbers of the others.
 * - `Rng` is sfc32 (Chris Doty-Humphrey's Small Fast Counting generator, 128-bit state, public domain), seeded with
 *   splitmix32. No Math.random, no clock: same seed ⇒ same sequence on every platform.
 */

/** 32-bit FNV-1a over a string, continuing from `h`. */
function fnv1a(s: string, h: number): number {
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/** splitmix32 step: a good avalanche mixer for seeding. */
function splitmix32(state: number): [number, number] {
  const s = (state + 0x9e3779b9) >>> 0;
  let z = s;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
  z = (z ^ (z >>> 16)) >>> 0;
  return [s, z];
}

/** Hash a numeric seed and labels to a 32-bit unsigned integer. */
export function hashKey(seed: number, ...parts: (string | number)[]): number {
  let h = fnv1a(String(seed >>> 0), 0x811c9dc5);
  for (const p of parts) h = fnv1a(`\u001f${String(p)}`, h);
  return splitmix32(h)[1];
}

export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed32: number) {
    let s = seed32 >>> 0;
    let out: number;
    [s, out] = splitmix32(s);
    this.a = out;
    [s, out] = splitmix32(s);
    this.b = out;
    [s, out] = splitmix32(s);
    this.c = out;
    [, out] = splitmix32(s);
    this.d = out;
    for (let i = 0; i < 12; i++) this.nextUint32();
  }

  /** sfc32 step: a uniformly distributed unsigned 32-bit integer. */
  nextUint32(): number {
    const t = (((this.a + this.b) >>> 0) + this.d) >>> 0;
    this.d = (this.d + 1) >>> 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) >>> 0;
    this.c = ((this.c << 21) | (this.c >>> 11)) >>> 0;
    this.c = (this.c + t) >>> 0;
    return t;
  }

  /** Uniform in [0, 1), 32 bits of resolution. */
  float(): number {
    return this.nextUint32() / 4294967296;
  }

  /** Uniform integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.float() * n);
  }

  /** Standard normal (Box–Muller). */
  normal(): number {
    let u = this.float();
    if (u < 1e-12) u = 1e-12;
    const v = this.float();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }

  /** Multiplicative noise exp(sd·z), z clipped to ±`clip` standard deviations. */
  noise(sd: number, clip = 2.5): number {
    const z = Math.max(-clip, Math.min(clip, this.normal()));
    return Math.exp(sd * z);
  }

  /** A Binomial(n, p) draw: exact for small n or small mean, normal approximation for large means. */
  binomial(n: number, p: number): number {
    if (n <= 0 || p <= 0) return 0;
    if (p >= 1) return n;
    if (p > 0.5) return n - this.binomial(n, 1 - p);
    if (n <= 40) {
      let k = 0;
      for (let i = 0; i < n; i++) if (this.float() < p) k++;
      return k;
    }
    const mean = n * p;
    if (mean < 25) {
      // Inversion by sequential search over the pmf.
      const q = 1 - p;
      const s = p / q;
      const a = (n + 1) * s;
      let r = Math.pow(q, n);
      let u = this.float();
      let x = 0;
      while (u > r) {
        u -= r;
        x++;
        if (x >= n) return n;
        r *= a / x - s;
        if (r <= 0) break;
      }
      return x;
    }
    const sd = Math.sqrt(mean * (1 - p));
    const x = Math.round(mean + sd * this.normal());
    return x < 0 ? 0 : x > n ? n : x;
  }

  /**
   * Multinomial(n, probs) by sequential conditional binomials. `probs` need not sum to 1 (they are normalised);
   * zero-probability cells always get 0. The result sums to n exactly.
   */
  multinomial(n: number, probs: readonly number[]): number[] {
    const out = new Array<number>(probs.length).fill(0);
    let mass = 0;
    for (const p of probs) mass += p;
    let rest = n;
    let last = -1;
    for (let i = probs.length - 1; i >= 0; i--) {
      if (probs[i]! > 0) {
        last = i;
        break;
      }
    }
    if (last < 0) return out;
    for (let i = 0; i < probs.length && rest > 0; i++) {
      const p = probs[i]!;
      if (p <= 0) continue;
      if (i === last) {
        out[i] = rest;
        rest = 0;
        break;
      }
      const k = this.binomial(rest, Math.min(1, p / mass));
      out[i] = k;
      rest -= k;
      mass -= p;
      if (mass <= 0) mass = 0;
    }
    return out;
  }

  /**
   * Systematic (randomised) rounding: integers whose sum is round(Σ expected), each within 1 of its expected value.
   * Lower variance than a multinomial draw, so published shares hold on small totals; a cell with expected
   * value 0.2 gets 1 about one time in five, so tiny cells merge away naturally.
   */
  systematicRound(expected: readonly number[]): number[] {
    const out = new Array<number>(expected.length).fill(0);
    const u = this.float();
    let cum = 0;
    let prev = Math.floor(u);
    for (let i = 0; i < expected.length; i++) {
      const e = expected[i]!;
      if (e <= 0) continue;
      cum += e;
      const cur = Math.floor(cum + u + 1e-9);
      out[i] = cur - prev;
      prev = cur;
    }
    return out;
  }

  /** Split `n` in proportion to `weights` by systematic rounding (sum exactly n). */
  apportion(n: number, weights: readonly number[]): number[] {
    const sum = weights.reduce((a, b) => a + (b > 0 ? b : 0), 0);
    if (n <= 0 || sum <= 0) return new Array<number>(weights.length).fill(0);
    const out = this.systematicRound(weights.map((w) => (w > 0 ? (n * w) / sum : 0)));
    // Guard against floating-point drift in the cumulative sum.
    let diff = n - out.reduce((a, b) => a + b, 0);
    for (let i = 0; diff !== 0 && i < out.length; i++) {
      if (weights[i]! <= 0) continue;
      if (diff > 0) {
        out[i] = out[i]! + 1;
        diff--;
      } else if (out[i]! > 0) {
        out[i] = out[i]! - 1;
        diff++;
      }
    }
    return out;
  }

  /**
   * Multivariate hypergeometric draw: choose `k` individuals without replacement from groups of sizes `sizes`.
   * Returns how many were chosen from each group (each ≤ its size, total = min(k, Σ sizes)).
   */
  hypergeometric(sizes: readonly number[], k: number): number[] {
    const total = sizes.reduce((a, b) => a + b, 0);
    const out = new Array<number>(sizes.length).fill(0);
    if (k <= 0 || total === 0) return out;
    if (k >= total) return sizes.slice();
    // Sequential: from the remaining population, draw how many of the k remaining come from group i.
    let popRest = total;
    let kRest = k;
    for (let i = 0; i < sizes.length && kRest > 0; i++) {
      const m = sizes[i]!;
      if (m === 0) {
        continue;
      }
      if (popRest === m) {
        out[i] = kRest;
        kRest = 0;
        break;
      }
      // Draw individually for small groups (exact); binomial approximation bounded by the group size for large ones.
      let x = 0;
      if (m <= 64 || kRest <= 64) {
        let pop = popRest;
        let left = m;
        for (let j = 0; j < kRest; j++) {
          if (this.float() * pop < left) {
            x++;
            left--;
          }
          pop--;
          if (left === 0) break;
        }
      } else {
        x = Math.min(m, this.binomial(kRest, m / popRest));
      }
      x = Math.max(x, kRest - (popRest - m)); // the rest of the population must be able to supply the remainder
      out[i] = x;
      kRest -= x;
      popRest -= m;
    }
    return out;
  }
}

/** An independent generator for one labelled stream. */
export function rngFor(seed: number, ...parts: (string | number)[]): Rng {
  return new Rng(hashKey(seed, ...parts));
}

/**
 * Largest-remainder (Hamilton) apportionment: non-negative integers proportional to `weights` that sum to `total`
 * exactly. Ties go to the lower index, so the result is deterministic.
 */
export function largestRemainder(total: number, weights: readonly number[]): number[] {
  const out = new Array<number>(weights.length).fill(0);
  const sum = weights.reduce((a, b) => a + (b > 0 ? b : 0), 0);
  if (total <= 0 || sum <= 0) return out;
  const rema: { i: number; r: number }[] = [];
  let given = 0;
  for (let i = 0; i < weights.length; i++) {
    const w = weights[i]! > 0 ? weights[i]! : 0;
    const exact = (total * w) / sum;
    const fl = Math.floor(exact);
    out[i] = fl;
    given += fl;
    if (w > 0) rema.push({ i, r: exact - fl });
  }
  rema.sort((x, y) => y.r - x.r || x.i - y.i);
  for (let j = 0; given < total && rema.length > 0; j = (j + 1) % rema.length) {
    const k = rema[j]!.i;
    out[k] = out[k]! + 1;
    given++;
  }
  return out;
}
