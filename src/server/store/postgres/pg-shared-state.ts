/**
 * Accounts, sessions, sign-in back-off and setup tokens in PostgreSQL (migration 2), so that any number of API
 * processes behind a load balancer serve one set of people: signed in on one, served by another; a lock-out counted
 * on one holds on all. The rules stay where they are written once (access/sessions.ts sessionExpired, access/
 * rate-limit.ts SignInLimiter, access/shared-state.ts); this file only keeps their state in tables.
 */
import { randomBytes } from 'node:crypto';
import type pg from 'pg';
import type { Entry, LimiterOptions, ReserveResult } from '../../access/rate-limit';
import { SignInLimiter } from '../../access/rate-limit';
import {
  DEFAULT_ABSOLUTE_MS,
  DEFAULT_IDLE_MS,
  SESSION_ID_PATTERN,
  sessionDigest,
  lastSeenDue,
  sessionExpired,
  type Session,
  type SessionOptions,
} from '../../access/sessions';
import { newSetupToken, tokenDigest, type Limiter, type Sessions, type SetupTokens, type SharedState } from '../../access/shared-state';
import { userRecord, UserStore, type Backing, type UserRecord, type UserStoreOptions } from '../../access/users';
import { inLockedTransaction } from './pg-transaction';

export interface SharedStateOptions {
  sessions?: SessionOptions;
  signInLimit?: LimiterOptions;
  users?: UserStoreOptions;
}

/** Runs `fn` in a transaction holding advisory locks on `keys` (sorted: no deadlock between two processes). */
const locked = <T>(pool: pg.Pool, keys: string[], fn: (c: pg.PoolClient) => Promise<T>): Promise<T> => inLockedTransaction(pool, keys, fn);

class PgUsersBacking implements Backing {
  constructor(private readonly pool: pg.Pool) {}
  async read(): Promise<UserRecord[]> {
    const rows = (await this.pool.query('SELECT username, role, password_hash, created_at FROM users ORDER BY username')).rows;
    return rows.map((r) => userRecord.parse({ username: r.username, role: r.role, passwordHash: r.password_hash, createdAt: r.created_at }));
  }
  update<T>(change: (users: UserRecord[]) => { users: UserRecord[]; result: T }): Promise<T> {
    return locked(this.pool, ['atlas:users'], async (c) => {
      const rows = (await c.query('SELECT username, role, password_hash, created_at FROM users ORDER BY username')).rows;
      const current = rows.map((r) => userRecord.parse({ username: r.username, role: r.role, passwordHash: r.password_hash, createdAt: r.created_at }));
      const { users, result } = change(current);
      const keep = new Set(users.map((u) => u.username));
      const before = new Map(current.map((u) => [u.username, u]));
      for (const u of current) if (!keep.has(u.username)) await c.query('DELETE FROM users WHERE username = $1', [u.username]);
      for (const u of users) {
        const old = before.get(u.username);
        if (old && old.role === u.role && old.passwordHash === u.passwordHash) continue;
        await c.query(
          `INSERT INTO users (username, role, password_hash, created_at) VALUES ($1, $2, $3, $4)
           ON CONFLICT (username) DO UPDATE SET role = EXCLUDED.role, password_hash = EXCLUDED.password_hash`,
          [u.username, u.role, u.passwordHash, u.createdAt],
        );
      }
      // A removed, re-roled or re-passworded account's sessions end (the guard checks too).
      for (const u of current) {
        const now = users.find((x) => x.username === u.username);
        if (!now || now.role !== u.role || now.passwordHash !== u.passwordHash) await c.query('DELETE FROM sessions WHERE username = $1', [u.username]);
      }
      return result;
    });
  }
}

class PgSessions implements Sessions {
  private readonly idleMs: number;
  private readonly absoluteMs: number;
  private readonly maxPerUser: number;
  private readonly now: () => number;
  constructor(
    private readonly pool: pg.Pool,
    opts: SessionOptions = {},
  ) {
    this.idleMs = opts.idleMs ?? DEFAULT_IDLE_MS;
    this.absoluteMs = opts.absoluteMs ?? DEFAULT_ABSOLUTE_MS;
    this.maxPerUser = opts.maxPerUser ?? 20;
    this.now = opts.now ?? Date.now;
  }

  async create(user: { username: string; role: Session['role']; passwordHash: string }): Promise<string> {
    const id = randomBytes(32).toString('base64url');
    const t = this.now();
    await locked(this.pool, [`atlas:sessions:${user.username}`], async (c) => {
      // Expired sessions go; past maxPerUser live ones, the oldest go.
      await c.query('DELETE FROM sessions WHERE last_seen <= $1 OR created_at <= $2', [t - this.idleMs, t - this.absoluteMs]);
      await c.query(`DELETE FROM sessions WHERE digest IN (SELECT digest FROM sessions WHERE username = $1 ORDER BY created_at DESC OFFSET $2)`, [
        user.username,
        Math.max(0, this.maxPerUser - 1),
      ]);
      await c.query('INSERT INTO sessions (digest, username, role, credential, created_at, last_seen) VALUES ($1, $2, $3, $4, $5, $5)', [
        sessionDigest(id),
        user.username,
        user.role,
        user.passwordHash,
        t,
      ]);
    });
    return id;
  }

  async get(id: string | undefined): Promise<Session | null> {
    if (!id || !SESSION_ID_PATTERN.test(id)) return null;
    const key = sessionDigest(id);
    const r = (await this.pool.query('SELECT username, role, credential, created_at, last_seen FROM sessions WHERE digest = $1', [key])).rows[0];
    if (!r) return null;
    const s: Session = { username: r.username, role: r.role, credential: r.credential, createdAt: Number(r.created_at), lastSeen: Number(r.last_seen) };
    const t = this.now();
    if (sessionExpired(s, t, { idleMs: this.idleMs, absoluteMs: this.absoluteMs })) {
      await this.pool.query('DELETE FROM sessions WHERE digest = $1', [key]);
      return null;
    }
    // The idle timer moves at most once a second per session (fewer writes under a busy dashboard).
    if (!lastSeenDue(s, t, this.idleMs)) return s;
    await this.pool.query('UPDATE sessions SET last_seen = $2 WHERE digest = $1', [key, t]);
    return { ...s, lastSeen: t };
  }

  async destroy(id: string | undefined): Promise<void> {
    if (id && SESSION_ID_PATTERN.test(id)) await this.pool.query('DELETE FROM sessions WHERE digest = $1', [sessionDigest(id)]);
  }
}

/** SignInLimiter's rule on the entries of one attempt's keys, loaded and saved under their advisory locks. */
class PgSignInLimiter implements Limiter {
  constructor(
    private readonly pool: pg.Pool,
    private readonly opts: LimiterOptions = {},
  ) {}

  private async withEntries<T>(keys: string[], fn: (entries: Map<string, Entry>) => T): Promise<T> {
    // The limiter's keys hold NUL separators, which PostgreSQL text cannot: stored base64url-encoded.
    const stored = keys.map((k) => Buffer.from(k).toString('base64url'));
    return locked(
      this.pool,
      stored.map((k) => `atlas:signin:${k}`),
      async (c) => {
        const rows = (await c.query('SELECT key, state FROM signin_state WHERE key = ANY($1)', [stored])).rows;
        const entries = new Map<string, Entry>(rows.map((r) => [Buffer.from(r.key as string, 'base64url').toString(), JSON.parse(r.state as string) as Entry]));
        const result = fn(entries);
        for (const [i, k] of keys.entries()) {
          const e = entries.get(k);
          const key = stored[i]!;
          if (e) {
            await c.query(
              'INSERT INTO signin_state (key, state, last) VALUES ($1, $2, $3) ON CONFLICT (key) DO UPDATE SET state = EXCLUDED.state, last = EXCLUDED.last',
              [key, JSON.stringify(e), e.last],
            );
          } else await c.query('DELETE FROM signin_state WHERE key = $1', [key]);
        }
        // Keys untouched for a day carry nothing (SignInLimiter forgets strikes after a day).
        await c.query('DELETE FROM signin_state WHERE last < $1', [(this.opts.now ?? Date.now)() - 24 * 60 * 60 * 1000]);
        return result;
      },
    );
  }

  async reserve(name: string | null, ip: string): Promise<ReserveResult> {
    const keys = SignInLimiter.keysOf(name, ip);
    let limiter!: SignInLimiter;
    const r = await this.withEntries(keys, (entries) => {
      limiter = new SignInLimiter({ ...this.opts, entries });
      return limiter.reserve(name, ip);
    });
    if (!r.ok) return r;
    const settle = (how: () => void) =>
      this.withEntries(keys, (entries) => {
        limiter.useEntries(entries);
        how();
      });
    return { ok: true, reservation: { succeeded: () => settle(() => r.reservation.succeeded()), release: () => settle(() => r.reservation.release()) } };
  }
}

class PgSetupTokens implements SetupTokens {
  constructor(private readonly pool: pg.Pool) {}
  async issue(): Promise<string> {
    const token = newSetupToken();
    await this.pool.query('INSERT INTO setup_tokens (digest, created_at) VALUES ($1, $2)', [tokenDigest(token), Date.now()]);
    return token;
  }
  async isOpen(): Promise<boolean> {
    return (await this.pool.query('SELECT 1 FROM setup_tokens LIMIT 1')).rows.length > 0;
  }
  async claim(candidate: string): Promise<boolean> {
    return locked(this.pool, ['atlas:setup'], async (c) => {
      const hit = await c.query('DELETE FROM setup_tokens WHERE digest = $1', [tokenDigest(candidate)]);
      if ((hit.rowCount ?? 0) === 0) return false;
      await c.query('DELETE FROM setup_tokens'); // one use, and every other process's token is void too
      return true;
    });
  }
  async restore(token: string): Promise<void> {
    await this.pool.query('INSERT INTO setup_tokens (digest, created_at) VALUES ($1, $2) ON CONFLICT DO NOTHING', [tokenDigest(token), Date.now()]);
  }
  async close(): Promise<void> {
    await this.pool.query('DELETE FROM setup_tokens');
  }
}

export function pgSharedState(pool: pg.Pool, opts: SharedStateOptions = {}): SharedState {
  return {
    users: UserStore.backedBy(new PgUsersBacking(pool), 'the PostgreSQL database (table users)', opts.users),
    sessions: new PgSessions(pool, opts.sessions),
    limiter: new PgSignInLimiter(pool, opts.signInLimit),
    setup: new PgSetupTokens(pool),
  };
}

/** The accounts of a PostgreSQL database, for `npm run users` with DATABASE_URL (schema brought up to date first). */
export async function openPgUsers(url: string): Promise<{ users: UserStore; close(): Promise<void> }> {
  const { default: pgLib } = await import('pg');
  const { migrate } = await import('./migrations');
  const pool = new pgLib.Pool({ connectionString: url, max: 2 });
  try {
    await migrate(pool);
  } catch (e) {
    await pool.end();
    throw e;
  }
  return { users: pgSharedState(pool).users, close: () => pool.end() };
}
