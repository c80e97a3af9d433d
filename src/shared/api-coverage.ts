/**
 * The contract of `GET /api/v1/coverage`: which flow monitoring points were counting, when. Coverage says whether
 * counting happened (a point's active dates and its reporting gaps), never how many people were counted; see
 * docs/disclosure.md ("Coverage") for what outside roles are told and why that reveals no protected count.
 */
import * as z from 'zod/mini';
import { DATE_PATTERN, isDate, QUERY_DATE_BOUNDS } from './calendar';

// Not imported from ./api: the client loads this module on its own, after the first map (api/coverage.ts), and a
// shared import would split api.ts out of the first map's chunk.
const isoDate = z.string().check(z.regex(DATE_PATTERN, 'must be a date written YYYY-MM-DD'), z.refine(isDate, 'is not a real calendar date'));

const queryDate = z.string().check(
  z.regex(DATE_PATTERN, 'must be a date written YYYY-MM-DD'),
  z.refine(isDate, 'is not a real calendar date'),
  z.refine((s) => s >= QUERY_DATE_BOUNDS.from && s <= QUERY_DATE_BOUNDS.to, `must lie between ${QUERY_DATE_BOUNDS.from} and ${QUERY_DATE_BOUNDS.to}`),
);

/** `GET /api/v1/coverage`: the period (default: the last twelve months of data, as /meta's defaultPeriod). */
export const coverageQuery = z
  .strictObject({
    from: z.optional(queryDate),
    to: z.optional(queryDate),
  })
  .check(
    z.superRefine((q, ctx) => {
      if (q.from && q.to && q.from > q.to) ctx.addIssue({ code: 'custom', path: ['to'], message: 'must not be before from' });
    }),
  );
export type CoverageQuery = z.infer<typeof coverageQuery>;

/** A share of point-weeks (0…1, three decimals) with what it divides; null share when nothing was active. */
const coverageShare = z.object({
  /** reported ÷ active; null when no point was active in the period (not monitored: neither covered nor a gap). */
  share: z.nullable(z.number().check(z.minimum(0), z.maximum(1))),
  /** Point-weeks (outside roles in `months` mode: point-months) inside the points' active dates. */
  active: z.number().check(z.int(), z.nonnegative()),
  /** Of those, the ones with at least one observation row. */
  reported: z.number().check(z.int(), z.nonnegative()),
});
export type CoverageShare = z.infer<typeof coverageShare>;

export const coveragePoint = z.object({
  id: z.string(),
  name: z.string(),
  /** Niger admin-1 pcode, null outside Niger. */
  region: z.nullable(z.string()),
  routes: z.array(z.string()),
  activeFrom: z.nullable(isoDate),
  activeTo: z.nullable(isoDate),
  /**
   * One value per entry of `steps`: null = the point was not active in that step (not monitored); otherwise the share
   * of its active weeks in the step that reported (a week: 0 or 1). In `span` mode every active step is 1.
   */
  series: z.array(z.nullable(z.number().check(z.minimum(0), z.maximum(1)))),
  period: coverageShare,
});
export type CoveragePoint = z.infer<typeof coveragePoint>;

export const coverageResponse = z.object({
  from: isoDate,
  to: isoDate,
  dataAsOf: isoDate,
  dataVersion: z.string(),
  /** week: programme staff and admins; month: outside roles (a month's value is the share of its weeks that reported). */
  unit: z.enum(['week', 'month']),
  /**
   * What a reported step means. weeks: a week with at least one observation row; months: (outside roles, when the
   * disclosure parameters require it) a month with at least one; span: the active dates only, gaps not published.
   */
  reporting: z.enum(['weeks', 'months', 'span']),
  /** Start of each step (an ISO Monday or a month's 1st); a week belongs to the step its Monday falls in. */
  steps: z.array(isoDate),
  points: z.array(coveragePoint),
  routes: z.array(z.extend(coverageShare, { id: z.string(), points: z.array(z.string()) })),
  regions: z.array(z.extend(coverageShare, { pcode: z.string(), name: z.string() })),
  /** Every monitoring point together. */
  total: coverageShare,
  /** How coverage is decided, in one sentence. */
  method: z.string(),
});
export type CoverageResponse = z.infer<typeof coverageResponse>;
