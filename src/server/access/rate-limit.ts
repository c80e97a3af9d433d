/**
 * Failed-attempt limiter (sign-in, setup): at most `max` failures per key within a sliding `windowMs`; past that the
 * key is refused until its oldest failure leaves the window. Keys are e.g. `ip:127.0.0.1` and `user:ana`.
 * Memory is bounded: at most `maxKeys` keys, the stalest dropped first.
 */
export interface LimiterOptions {
  max?: number;
  windowMs?: number;
  maxKeys?: number;
  now?: () => number;
}

export class AttemptLimiter {
  private readonly failures = new Map<string, number[]>();
  readonly max: number;
  readonly windowMs: number;
  private readonly maxKeys: number;
  private readonly now: () => number;

  constructor(opts: LimiterOptions = {}) {
    this.max = opts.max ?? 5;
    this.windowMs = opts.windowMs ?? 60_000;
    this.maxKeys = opts.maxKeys ?? 10_000;
    this.now = opts.now ?? Date.now;
  }

  private recent(key: string, t: number): number[] {
    const list = (this.failures.get(key) ?? []).filter((x) => t - x < this.windowMs);
    if (list.length === 0) this.failures.delete(key);
    else this.failures.set(key, list);
    return list;
  }

  /** 0 when the key may try now, else the seconds to wait (for Retry-After). */
  retryAfter(key: string): number {
    const t = this.now();
    const list = this.recent(key, t);
    if (list.length < this.max) return 0;
    return Math.max(1, Math.ceil((list[0]! + this.windowMs - t) / 1000));
  }

  fail(key: string): void {
    const t = this.now();
    const list = this.recent(key, t);
    list.push(t);
    this.failures.delete(key); // re-insert: Map order = staleness order
    this.failures.set(key, list);
    while (this.failures.size > this.maxKeys) {
      const oldest = this.failures.keys().next().value;
      if (oldest === undefined) break;
      this.failures.delete(oldest);
    }
  }

  reset(key: string): void {
    this.failures.delete(key);
  }
}
