/** What every route module receives. */
import type { FastifyBaseLogger, FastifyInstance, RawReplyDefaultExpression, RawRequestDefaultExpression, RawServerDefault } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { CellKeyParams } from '../access/cell-key';
import type { ProtectedData } from '../access/protected-data';
import type { PasswordCheckPool } from '../access/passwords';
import type { Limiter, Sessions, SetupTokens } from '../access/shared-state';
import type { UserStore } from '../access/users';
import type { Store } from '../store/types';
import type { LruCache } from '../lib/cache';
import type { AggregateResult } from '../store/types';
import type { ImportSettings } from '../import/run';

export type ZodApp = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression<RawServerDefault>,
  RawReplyDefaultExpression<RawServerDefault>,
  FastifyBaseLogger,
  ZodTypeProvider
>;

/** An aggregate answer as published to one role: after disclosure control, its total may be withheld (null). */
export type PublishedResult = Omit<AggregateResult, 'total'> & { total: number | null; totalPartial?: boolean };

export interface RouteContext {
  store: Store;
  /** Published answers, keyed by role + normalised query + data version. */
  cache: LruCache<PublishedResult>;
  disclosure: CellKeyParams;
  /** The published cells of outside roles (cell-key perturbation), rebuilt per data version. */
  published: ProtectedData;
  users: UserStore;
  sessions: Sessions;
  /** Sign-in and setup attempts, reserved before any check: per address, per (user name, address), per user name. */
  limiter: Limiter;
  /** The server-wide cap on concurrent password checks (scrypt). */
  passwordChecks: PasswordCheckPool;
  /** The one-time admin setup token(s), while no admin exists. */
  setup: SetupTokens;
  /** Data imports: byte limit of one file (default 200 MB), plausible dates (import/limits.ts). */
  imports?: ImportSettings;
}

/** GeoJSON answers' media type (RFC 7946). */
export const GEOJSON = 'application/geo+json; charset=utf-8';
