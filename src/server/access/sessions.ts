/**
 * Server-side sessions, in memory. The browser holds only a random 32-byte id (base64url) in an HttpOnly cookie;
 * the server keeps SHA-256(id) → session, so the ids themselves are never stored. A session ends on sign-out, after
 * `idleMs` without a request (default 8 h), after `absoluteMs` in any case (default 24 h), when the account is removed,
 * its role changes or its password changes (guard.ts checks the account on every request), and when the server restarts.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { AccountRole } from '../../shared/enums';

export interface Session {
  username: string;
  role: AccountRole;
  /** The account's password hash at sign-in: a password change ends the session. */
  credential: string;
  createdAt: number;
  lastSeen: number;
}

export interface SessionOptions {
  idleMs?: number;
  absoluteMs?: number;
  /** Live sessions one account may hold; signing in past it ends its oldest (default 20). */
  maxPerUser?: number;
  now?: () => number;
}

export const DEFAULT_IDLE_MS = 8 * 60 * 60 * 1000;
export const DEFAULT_ABSOLUTE_MS = 24 * 60 * 60 * 1000;
export const SESSION_ID_PATTERN = /^[A-Za-z0-9_-]{43}$/;

/** What is stored of a session id: its SHA-256 (the id itself never is). */
export const sessionDigest = (id: string) => createHash('sha256').update(id).digest('base64url');
const digest = sessionDigest;

/** A session ends `idleMs` after its last request and `absoluteMs` after it began (the one expiry rule, for every home). */
export function sessionExpired(s: Pick<Session, 'createdAt' | 'lastSeen'>, t: number, limits: { idleMs: number; absoluteMs: number }): boolean {
  return t - s.lastSeen >= limits.idleMs || t - s.createdAt >= limits.absoluteMs;
}

/**
 * Whether a shared home (a database) should write a session's new last-seen time: at most once per 1/100 of the idle
 * limit (once a minute for the 8-hour default, capped there), so a signed-in user's every request is not a write. The
 * idle timer is then late by at most that much, never early.
 */
export function lastSeenDue(s: Pick<Session, 'lastSeen'>, t: number, idleMs: number): boolean {
  return t - s.lastSeen >= Math.min(60_000, idleMs / 100);
}

export class SessionStore {
  private readonly sessions = new Map<string, Session>();
  readonly idleMs: number;
  readonly absoluteMs: number;
  readonly maxPerUser: number;
  private readonly now: () => number;

  constructor(opts: SessionOptions = {}) {
    this.idleMs = opts.idleMs ?? DEFAULT_IDLE_MS;
    this.absoluteMs = opts.absoluteMs ?? DEFAULT_ABSOLUTE_MS;
    this.maxPerUser = opts.maxPerUser ?? 20;
    this.now = opts.now ?? Date.now;
  }

  get size(): number {
    return this.sessions.size;
  }

  /** Starts a session; returns the id for the cookie. */
  create(user: { username: string; role: AccountRole; passwordHash: string }): string {
    this.sweep();
    const own = [...this.sessions].filter(([, s]) => s.username === user.username).sort((a, b) => a[1].createdAt - b[1].createdAt);
    for (const [k] of own.slice(0, Math.max(0, own.length - this.maxPerUser + 1))) this.sessions.delete(k);
    const id = randomBytes(32).toString('base64url');
    const t = this.now();
    this.sessions.set(digest(id), { username: user.username, role: user.role, credential: user.passwordHash, createdAt: t, lastSeen: t });
    return id;
  }

  /** The live session for an id (refreshing its idle timer), or null. */
  get(id: string | undefined): Session | null {
    if (!id || !SESSION_ID_PATTERN.test(id)) return null;
    const key = digest(id);
    const s = this.sessions.get(key);
    if (!s) return null;
    const t = this.now();
    if (this.expired(s, t)) {
      this.sessions.delete(key);
      return null;
    }
    s.lastSeen = t;
    return s;
  }

  destroy(id: string | undefined): void {
    if (id && SESSION_ID_PATTERN.test(id)) this.sessions.delete(digest(id));
  }

  /** Ends every session of an account. */
  destroyUser(username: string): void {
    for (const [k, s] of this.sessions) if (s.username === username) this.sessions.delete(k);
  }

  private expired(s: Session, t: number): boolean {
    return sessionExpired(s, t, this);
  }

  sweep(): void {
    const t = this.now();
    for (const [k, s] of this.sessions) if (this.expired(s, t)) this.sessions.delete(k);
  }
}
