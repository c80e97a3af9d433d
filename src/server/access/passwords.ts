/**
 * Password hashing with scrypt (node:crypto): a random 16-byte salt per password, parameters stored with the hash,
 * constant-time comparison. Stored form: `scrypt$ln=15,r=8,p=1$<salt base64url>$<hash base64url>`.
 */
import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

export interface ScryptParams {
  /** log2 of the CPU/memory cost N. */
  ln: number;
  r: number;
  p: number;
}

/** N = 2^15, r = 8: 32 MiB and ~0.1 s per hash on this class of machine. */
export const DEFAULT_SCRYPT: ScryptParams = { ln: 15, r: 8, p: 1 };
const KEY_LENGTH = 32;
const SALT_LENGTH = 16;

function derive(password: string, salt: Buffer, params: ScryptParams): Promise<Buffer> {
  const N = 2 ** params.ln;
  const opts: ScryptOptions = { N, r: params.r, p: params.p, maxmem: 256 * N * params.r + 16 * 1024 * 1024 };
  return new Promise((resolve, reject) => {
    scrypt(password.normalize('NFC'), salt, KEY_LENGTH, opts, (err, key) => (err ? reject(err) : resolve(key)));
  });
}

export async function hashPassword(password: string, params: ScryptParams = DEFAULT_SCRYPT): Promise<string> {
  const salt = randomBytes(SALT_LENGTH);
  const key = await derive(password, salt, params);
  return `scrypt$ln=${params.ln},r=${params.r},p=${params.p}$${salt.toString('base64url')}$${key.toString('base64url')}`;
}

const STORED = /^scrypt\$ln=(\d{1,2}),r=(\d{1,2}),p=(\d{1,2})\$([A-Za-z0-9_-]{16,})\$([A-Za-z0-9_-]{16,})$/;

/** Parses a stored hash; undefined when malformed or with parameters outside sane bounds (a tampered file must not exhaust memory). */
export function parseStoredHash(stored: string): { params: ScryptParams; salt: Buffer; key: Buffer } | undefined {
  const m = STORED.exec(stored);
  if (!m) return undefined;
  const params = { ln: Number(m[1]), r: Number(m[2]), p: Number(m[3]) };
  if (params.ln < 10 || params.ln > 20 || params.r < 1 || params.r > 32 || params.p < 1 || params.p > 16) return undefined;
  return { params, salt: Buffer.from(m[4]!, 'base64url'), key: Buffer.from(m[5]!, 'base64url') };
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parsed = parseStoredHash(stored);
  if (!parsed) return false;
  const key = await derive(password, parsed.salt, parsed.params);
  return key.length === parsed.key.length && timingSafeEqual(key, parsed.key);
}

/** What hashes and checks passwords: scrypt here; tests wrap it to count and time the calls. */
export interface PasswordHasher {
  hash(password: string, params?: ScryptParams): Promise<string>;
  verify(password: string, stored: string): Promise<boolean>;
}

export const scryptHasher: PasswordHasher = { hash: hashPassword, verify: verifyPassword };

/** A password check could not start: every slot is busy and the queue is full (or the wait ran out). */
export class PasswordChecksBusyError extends Error {
  override name = 'PasswordChecksBusyError';
}

export interface PasswordCheckPoolOptions {
  /**
   * Password checks (scrypt hashes) running at once, server-wide (default 2). Each runs on one of libuv's 4 threads,
   * which also read the static files and compress: two stay free for them however many sign-ins arrive.
   */
  concurrency?: number;
  /** Checks that may wait for a slot (default 4 × concurrency); past that, a new one is refused at once. */
  queue?: number;
  /** Longest wait for a slot before refusing (default 2 s). */
  maxWaitMs?: number;
}

/**
 * The server-wide cap on concurrent password checks: `run` starts a check in a free slot, queues it briefly when
 * none is free, and throws PasswordChecksBusyError when the queue is full (the route answers 503 with Retry-After).
 * It also keeps the typical duration of a check, so an unknown user name can take as long (`imitate`) without
 * running scrypt or holding a slot.
 */
export class PasswordCheckPool {
  readonly concurrency: number;
  readonly queueLimit: number;
  readonly maxWaitMs: number;
  private running = 0;
  private readonly waiting: Array<{ start: () => void; timer: NodeJS.Timeout }> = [];
  /** Smoothed duration of a check (ms); null until one was measured. */
  private typical: number | null = null;

  constructor(opts: PasswordCheckPoolOptions = {}) {
    this.concurrency = Math.max(1, Math.floor(opts.concurrency ?? 2));
    this.queueLimit = Math.max(0, Math.floor(opts.queue ?? 4 * this.concurrency));
    this.maxWaitMs = opts.maxWaitMs ?? 2000;
  }

  /** Checks running now. */
  get active(): number {
    return this.running;
  }

  /** Checks waiting for a slot. */
  get queued(): number {
    return this.waiting.length;
  }

  /** True when a new check would be refused now (every slot busy and the queue full). */
  get full(): boolean {
    return this.running >= this.concurrency && this.waiting.length >= this.queueLimit;
  }

  /** The smoothed duration of one check in ms (null before the first). */
  get typicalMs(): number | null {
    return this.typical;
  }

  private acquire(): Promise<void> {
    if (this.running < this.concurrency) {
      this.running++;
      return Promise.resolve();
    }
    if (this.waiting.length >= this.queueLimit) return Promise.reject(new PasswordChecksBusyError('Too many sign-ins are being checked'));
    return new Promise((resolve, reject) => {
      const entry = {
        start: () => {
          clearTimeout(entry.timer);
          resolve();
        },
        timer: setTimeout(() => {
          const i = this.waiting.indexOf(entry);
          if (i >= 0) this.waiting.splice(i, 1);
          reject(new PasswordChecksBusyError('Too many sign-ins are being checked'));
        }, this.maxWaitMs),
      };
      entry.timer.unref();
      this.waiting.push(entry);
    });
  }

  private releaseSlot(): void {
    const next = this.waiting.shift();
    if (next)
      next.start(); // the slot passes on: `running` stays the same
    else this.running--;
  }

  /** Runs `check` (one password hash or comparison) in a slot; the time it took feeds `typicalMs`. */
  async run<T>(check: () => Promise<T>): Promise<T> {
    await this.acquire();
    const t0 = performance.now();
    try {
      return await check();
    } finally {
      const ms = performance.now() - t0;
      this.typical = this.typical === null ? ms : 0.8 * this.typical + 0.2 * ms;
      this.releaseSlot();
    }
  }

  /**
   * Takes as long as a check would now (the slots' queue included) without running one or holding a slot: for user
   * names with no account. Refused like a check when the pool is full, so a busy answer says nothing about the name.
   * `measure` runs once, in a slot, when no check has been timed yet.
   */
  async imitate(measure: () => Promise<unknown>): Promise<void> {
    if (this.full) throw new PasswordChecksBusyError('Too many sign-ins are being checked');
    if (this.typical === null) {
      await this.run(measure);
      return;
    }
    // A real check would wait for the checks ahead of it to free a slot, then run: about this many check durations.
    const ahead = Math.max(0, this.running + this.waiting.length - this.concurrency + 1);
    const rounds = 1 + ahead / this.concurrency;
    const ms = this.typical * rounds * (0.9 + 0.2 * Math.random());
    await new Promise((resolve) => setTimeout(resolve, ms));
  }
}
