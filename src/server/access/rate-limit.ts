/**
 * Sign-in (and setup) attempt limits. An attempt is RESERVED — counted as a failure — before its password is checked,
 * synchronously, so a burst of concurrent attempts cannot all pass the check before the first failure is recorded;
 * a success takes its reservation back.
 *
 * Three counts, in a sliding window (default 1 minute):
 * - per address (over all user names): `max` attempts (default 5; SIGNIN_MAX_FAILURES), then Retry-After until the
 *   oldest leaves the window. One address cannot spray names.
 * - per (user name, address): `max` attempts, then that pair is locked for one window, and each later lock-out of the
 *   same pair twice as long (back-off, up to `maxBackoffMs`, forgotten after a success or a quiet day).
 * - per user name (over all addresses): a ceiling (default `max`). Past it the name is under attack, and each address
 *   gets ONE attempt at it per lock-out period — but an address that has not failed at this name still gets its attempt,
 *   so a correct password from a new address still signs in: nobody can keep an account (the admin) locked out by
 *   failing at its name from elsewhere.
 *
 * Addresses are keyed by IPv4 address, or by the /64 prefix of an IPv6 address (one host usually holds a whole /64).
 * Memory is bounded: at most `maxKeys` keys, the stalest dropped first.
 */
export interface LimiterOptions {
  /** Attempts per window per address and per (user name, address) (default 5). */
  max?: number;
  /** Failures per window at one user name, from all addresses, past which each address gets one attempt (default `max`). */
  nameCeiling?: number;
  windowMs?: number;
  /** Longest lock-out of one (user name, address) pair (default 15 minutes). */
  maxBackoffMs?: number;
  maxKeys?: number;
  now?: () => number;
  /** Where the entries live (default a new Map; a shared limiter passes the few it loaded for one attempt). */
  entries?: Map<string, Entry>;
}

/** A reserved attempt: counted until `succeeded` or `release` takes it back; a failure needs no call. */
export interface Reservation {
  /** The password was right: the attempt is uncounted and the pair's back-off forgotten. */
  succeeded(): void;
  /** Nothing was checked (e.g. the server was too busy): the attempt is uncounted. */
  release(): void;
}

export type ReserveResult = { ok: true; reservation: Reservation } | { ok: false; retryAfter: number };

/** One key's state (serialisable: a shared limiter keeps it in the database). */
export interface Entry {
  /** Attempt times within the window (newest last). */
  times: number[];
  /** Pairs: locked until this time (0: not locked). */
  lockedUntil: number;
  /** Pairs: lock-outs so far (the next lasts windowMs × 2^strikes). */
  strikes: number;
  last: number;
}

const DAY = 24 * 60 * 60 * 1000;

/** The limiter's key for a client address: IPv4 as is (also when IPv4-mapped), IPv6 by its /64 prefix. */
export function addressKey(ip: string): string {
  const v4 = /^(?:::ffff:)?(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(ip);
  if (v4) return v4[1]!;
  if (!ip.includes(':')) return ip;
  const bare = ip
    .replace(/^\[|\]$/g, '')
    .split('%')[0]!
    .toLowerCase();
  const [head = '', tail] = bare.split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups = tail === undefined ? left : [...left, ...Array<string>(Math.max(0, 8 - left.length - right.length)).fill('0'), ...right];
  return `${groups
    .slice(0, 4)
    .map((g) => g.replace(/^0+(?=.)/, ''))
    .join(':')}::/64`;
}

export class SignInLimiter {
  readonly max: number;
  readonly nameCeiling: number;
  readonly windowMs: number;
  readonly maxBackoffMs: number;
  private readonly maxKeys: number;
  private readonly now: () => number;
  private entries: Map<string, Entry>;

  constructor(opts: LimiterOptions = {}) {
    this.max = opts.max ?? 5;
    this.nameCeiling = opts.nameCeiling ?? this.max;
    this.windowMs = opts.windowMs ?? 60_000;
    this.maxBackoffMs = Math.max(this.windowMs, opts.maxBackoffMs ?? 15 * 60_000);
    this.maxKeys = opts.maxKeys ?? 10_000;
    this.now = opts.now ?? Date.now;
    this.entries = opts.entries ?? new Map();
  }

  /** The keys an attempt at `name` from `ip` touches: the address, the name, the (name, address) pair. */
  static keysOf(name: string | null, ip: string): string[] {
    const address = addressKey(ip);
    return name === null ? [`a\0${address}`] : [`a\0${address}`, `n\0${name}`, `p\0${name}\0${address}`];
  }

  /** Works on `entries` from now on (a shared limiter: the same keys, freshly loaded, to settle a reservation). */
  useEntries(entries: Map<string, Entry>): void {
    this.entries = entries;
  }

  private entry(key: string, t: number, create: boolean): Entry | undefined {
    let e = this.entries.get(key);
    if (e) {
      e.times = e.times.filter((x) => t - x < this.windowMs);
      if (e.strikes > 0 && t - e.last > DAY) e.strikes = 0;
      if (e.times.length === 0 && e.lockedUntil <= t && e.strikes === 0) {
        this.entries.delete(key);
        e = undefined;
      }
    }
    if (!e && create) e = { times: [], lockedUntil: 0, strikes: 0, last: t };
    if (e && create) {
      this.entries.delete(key); // re-insert: Map order = staleness order
      this.entries.set(key, e);
      while (this.entries.size > this.maxKeys) {
        const oldest = this.entries.keys().next().value;
        if (oldest === undefined) break;
        this.entries.delete(oldest);
      }
    }
    return e;
  }

  /** Seconds until the window holds fewer than `limit` attempts (0 when it already does). */
  private waitFor(e: Entry | undefined, limit: number, t: number): number {
    if (!e || e.times.length < limit) return 0;
    const freeing = e.times[e.times.length - limit]!;
    return Math.max(1, Math.ceil((freeing + this.windowMs - t) / 1000));
  }

  /**
   * Reserves an attempt for `name` (null: an attempt with no user name, e.g. a setup token) from client address `ip`,
   * or says how many seconds to wait.
   */
  reserve(name: string | null, ip: string): ReserveResult {
    const t = this.now();
    const address = addressKey(ip);
    const aKey = `a\0${address}`;
    const nKey = name === null ? null : `n\0${name}`;
    const pKey = name === null ? null : `p\0${name}\0${address}`;
    const a = this.entry(aKey, t, false);
    const n = nKey === null ? undefined : this.entry(nKey, t, false);
    const p = pKey === null ? undefined : this.entry(pKey, t, false);

    const underAttack = (n?.times.length ?? 0) >= this.nameCeiling;
    const pairLimit = underAttack ? 1 : this.max;
    let wait = this.waitFor(a, this.max, t);
    if (p && p.lockedUntil > t) wait = Math.max(wait, Math.ceil((p.lockedUntil - t) / 1000));
    else if (p && p.times.length >= pairLimit) wait = Math.max(wait, this.waitFor(p, pairLimit, t));
    if (wait > 0) return { ok: false, retryAfter: wait };

    // Counted now, before any hashing.
    const touched: string[] = [];
    for (const key of [aKey, nKey, pKey]) {
      if (key === null) continue;
      const e = this.entry(key, t, true)!;
      e.times.push(t);
      e.last = t;
      touched.push(key);
    }
    const pair = pKey === null ? undefined : this.entries.get(pKey);
    const before = pair ? { lockedUntil: pair.lockedUntil, strikes: pair.strikes } : undefined;
    if (pair && pair.times.length >= pairLimit) {
      pair.lockedUntil = t + Math.min(this.windowMs * 2 ** pair.strikes, this.maxBackoffMs);
      pair.strikes++;
    }

    // Settling looks the entries up by key at that time (a shared limiter has reloaded them meanwhile).
    let settled = false;
    const uncount = () => {
      for (const key of touched) {
        const e = this.entries.get(key);
        const i = e ? e.times.lastIndexOf(t) : -1;
        if (i >= 0) e!.times.splice(i, 1);
      }
    };
    const pairNow = () => (pKey === null ? undefined : this.entries.get(pKey));
    return {
      ok: true,
      reservation: {
        succeeded: () => {
          if (settled) return;
          settled = true;
          uncount();
          const pair = pairNow();
          if (pair) {
            pair.times = [];
            pair.lockedUntil = 0;
            pair.strikes = 0;
          }
        },
        release: () => {
          if (settled) return;
          settled = true;
          uncount();
          const pair = pairNow();
          if (pair && before) {
            pair.lockedUntil = before.lockedUntil;
            pair.strikes = before.strikes;
          }
        },
      },
    };
  }
}
