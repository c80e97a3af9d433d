/**
 * The server's state about people, behind interfaces with two kinds of home: this process's memory (the default,
 * one process over the DuckDB file) or the database (PostgreSQL: any number of stateless API processes share
 * accounts, sessions, sign-in back-off and the setup token; src/server/store/postgres/pg-shared-state.ts).
 * The rules (expiry, back-off, one-time token) are written once, in sessions.ts, rate-limit.ts and here; a home only
 * keeps the state.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { ReserveResult } from './rate-limit';
import type { Session } from './sessions';
import type { UserStore } from './users';

type MaybePromise<T> = T | Promise<T>;

export interface Sessions {
  create(user: { username: string; role: Session['role']; passwordHash: string }): MaybePromise<string>;
  get(id: string | undefined): MaybePromise<Session | null>;
  destroy(id: string | undefined): MaybePromise<void>;
}

export interface Limiter {
  reserve(name: string | null, ip: string): MaybePromise<ReserveResult>;
}

/** The one-time token that creates the first admin account (printed at start while no admin exists). */
export interface SetupTokens {
  /** A new token, once no admin exists (several processes: each prints its own; any one works, once). */
  issue(): MaybePromise<string>;
  /** Whether a token is waiting to be used. */
  isOpen(): MaybePromise<boolean>;
  /** Uses `candidate` up if it is a waiting token (then every token is void); false otherwise. */
  claim(candidate: string): MaybePromise<boolean>;
  /** Puts a claimed token back (creating the account failed, e.g. a bad password). */
  restore(token: string): MaybePromise<void>;
  /** No more tokens (an admin exists). */
  close(): MaybePromise<void>;
}

/** What a store may keep for the server: accounts, sessions, sign-in back-off, setup tokens. */
export interface SharedState {
  users: UserStore;
  sessions: Sessions;
  limiter: Limiter;
  setup: SetupTokens;
}

export const tokenDigest = (token: string) => createHash('sha256').update(token).digest('base64url');
export const newSetupToken = () => randomBytes(24).toString('base64url');

/** In memory: one token at a time, compared in constant time. */
export class MemorySetupTokens implements SetupTokens {
  private token: string | null = null;
  issue(): string {
    this.token = newSetupToken();
    return this.token;
  }
  isOpen(): boolean {
    return this.token !== null;
  }
  claim(candidate: string): boolean {
    if (this.token === null) return false;
    const ok = timingSafeEqual(Buffer.from(tokenDigest(candidate)), Buffer.from(tokenDigest(this.token)));
    if (ok) this.token = null;
    return ok;
  }
  restore(token: string): void {
    this.token = token;
  }
  close(): void {
    this.token = null;
  }
}
