/** What every route module receives. */
import type { FastifyBaseLogger, FastifyInstance, RawReplyDefaultExpression, RawRequestDefaultExpression, RawServerDefault } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { CellKeyParams } from '../access/cell-key';
import type { ProtectedData } from '../access/protected-data';
import type { AttemptLimiter } from '../access/rate-limit';
import type { SessionStore } from '../access/sessions';
import type { UserStore } from '../access/users';
import type { Store } from '../db/store';
import type { LruCache } from '../lib/cache';
import type { AggregateResult } from '../db/store';

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
  sessions: SessionStore;
  /** Failed sign-in and setup attempts, per IP and per user name. */
  limiter: AttemptLimiter;
  /** The one-time admin setup token; null once an admin exists or it was used. */
  setup: { token: string | null };
  /** Data imports: byte limit of one file (default 200 MB). */
  imports?: { maxBytes?: number };
}
