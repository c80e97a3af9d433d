/**
 * The contract of `GET /api/v1/pathway`: from the corridor to the help. Per corridor (route) and month: the people
 * observed coming back (incoming at the route's monitoring points), the people assisted at the transit centres serving
 * it (data/centre-routes.json), by service, the assisted voluntary returns from those centres by destination, and the
 * reach ratio. For outside roles every number is one of the published answers of /flows, /assistance and /returns
 * (docs/disclosure.md): the pathway only puts them side by side.
 */
import * as z from 'zod/mini';
import { DATE_PATTERN, isDate, QUERY_DATE_BOUNDS } from './calendar';

// Not imported from ./api: the client loads this module on its own, in the pathway's lazy chunk.
const isoDate = z.string().check(z.regex(DATE_PATTERN, 'must be a date written YYYY-MM-DD'), z.refine(isDate, 'is not a real calendar date'));
const queryDate = z.string().check(
  z.regex(DATE_PATTERN, 'must be a date written YYYY-MM-DD'),
  z.refine(isDate, 'is not a real calendar date'),
  z.refine((s) => s >= QUERY_DATE_BOUNDS.from && s <= QUERY_DATE_BOUNDS.to, `must lie between ${QUERY_DATE_BOUNDS.from} and ${QUERY_DATE_BOUNDS.to}`),
);

/**
 * The reach ratio's method and limits, in one place (the API's `method`, the README, the view's note).
 */
export const REACH_METHOD =
  'Reach ratio = people assisted (shelter and food, one count per person) at the first transit centre(s) on the corridor ' +
  'on the way back ÷ people observed incoming at the corridor’s monitoring points, in the same month. It is a ratio of two ' +
  'counts, not a rate: the same person is not followed from the monitoring point to the centre, some people assisted ' +
  'came by another road or in another month, and people observed at two points of a corridor are counted at each. A ' +
  'centre serving several corridors is shown whole on each (its help is not split between them); centres further on ' +
  'are shown but not added to the ratio, so nobody is counted twice. Services are never summed: one person gets several. ' +
  'A corridor month without a reporting monitoring point is not monitored (no ratio), never 0.';

/** `GET /api/v1/pathway`: a route (default: every served route) and a period (default: the last twelve months of data). */
export const pathwayQuery = z
  .strictObject({
    route: z.optional(z.string().check(z.regex(/^R\d+[a-z]?$/, 'must be a route id such as R4 or R5b'))),
    from: z.optional(queryDate),
    to: z.optional(queryDate),
  })
  .check(
    z.superRefine((q, ctx) => {
      if (q.from && q.to && q.from > q.to) ctx.addIssue({ code: 'custom', path: ['to'], message: 'must not be before from' });
    }),
  );
export type PathwayQuery = z.infer<typeof pathwayQuery>;

/**
 * A count as /flows, /assistance or /returns answer it: exact for programme staff; for outside roles a published
 * (perturbed) value, or null with `suppressed` when withheld; `partial` when some cells it adds were withheld.
 */
export const pathwayCount = z.object({
  count: z.nullable(z.number().check(z.int(), z.nonnegative())),
  suppressed: z.optional(z.boolean()),
  perturbed: z.optional(z.boolean()),
  partial: z.optional(z.boolean()),
});
export type PathwayCount = z.infer<typeof pathwayCount>;

export const pathwayCentreMonth = z.object({
  centre: z.string(),
  /** People assisted: the shelter-and-food service (one per person). */
  assisted: pathwayCount,
  /** Each service (never summed). */
  services: z.array(z.extend(pathwayCount, { service: z.string() })),
  /** Assisted voluntary returns from the centre. */
  returns: pathwayCount,
  /** Returns by destination country; null when not published for this audience (signed out, government). */
  destinations: z.nullable(z.array(z.extend(pathwayCount, { destination: z.string() }))),
});
export type PathwayCentreMonth = z.infer<typeof pathwayCentreMonth>;

export const pathwayMonth = z.object({
  month: isoDate,
  /**
   * monitored: every active point of the route reported; partly: some point-weeks did not; not_monitored: no point of
   * the route was active or none reported (observed is then null, never 0).
   */
  monitoring: z.enum(['monitored', 'partly', 'not_monitored']),
  /** Share of the route's active point-weeks (point-months for outside roles) that reported; null: none active. */
  coverage: z.nullable(z.number().check(z.minimum(0), z.maximum(1))),
  /** People observed incoming at the route's monitoring points; null when not monitored (see `monitoring`) or withheld. */
  observed: pathwayCount,
  centres: z.array(pathwayCentreMonth),
  /**
   * Assisted at the step-1 centre(s) ÷ observed (three decimals); null when not monitored, observed is 0, or either
   * count is withheld (`withheld`).
   */
  reach: z.object({ ratio: z.nullable(z.number().check(z.nonnegative())), withheld: z.boolean() }),
});
export type PathwayMonth = z.infer<typeof pathwayMonth>;

export const pathwayRoute = z.object({
  id: z.string(),
  name: z.string(),
  /** Monitoring points observing the route. */
  points: z.array(z.string()),
  /** Centres serving it, in the order people coming back reach them (data/centre-routes.json). */
  centres: z.array(z.object({ id: z.string(), name: z.string(), step: z.number().check(z.int(), z.positive()), reasoning: z.string() })),
  /** Why no centre serves it (asked for explicitly), else null. */
  unserved: z.nullable(z.string()),
  months: z.array(pathwayMonth),
});
export type PathwayRoute = z.infer<typeof pathwayRoute>;

export const pathwayResponse = z.object({
  from: isoDate,
  to: isoDate,
  dataAsOf: isoDate,
  dataVersion: z.string(),
  /** true: the numbers are the published answers of outside roles (perturbed, small ones withheld). */
  protected: z.boolean(),
  disclosure: z.optional(z.object({ method: z.literal('cell-key'), k: z.number(), maxNoise: z.number(), resolution: z.literal('month') })),
  months: z.array(isoDate),
  routes: z.array(pathwayRoute),
  /** The reach ratio's method and limits. */
  method: z.string(),
});
export type PathwayResponse = z.infer<typeof pathwayResponse>;
