/**
 * Occupancy of a transit centre against its capacity, estimated from people assisted (the registers
 * count arrivals, not nights). Assumption, stated in the UI: each person stays AVERAGE_STAY_DAYS. ONE place for the
 * formula: the client (centre panel) and the server (GET /api/v1/pressure) both use it.
 *
 *   average nightly residents ≈ people assisted × AVERAGE_STAY_DAYS ÷ days in the period
 *   occupancy = average nightly residents ÷ capacity
 */
import { daysIn, isDate } from './calendar';

export const AVERAGE_STAY_DAYS = 7;
/** Bounds of a configurable stay length (GET /api/v1/pressure `stayDays`). */
export const STAY_DAYS_BOUNDS = { min: 1, max: 60 } as const;

/** Days from `from` to `to`, both included ("2016-01-01".."2016-01-31" → 31). */
export function daysInclusive(from: string, to: string): number {
  if (!isDate(from) || !isDate(to) || to < from) return 0;
  return daysIn({ from, to });
}

export interface Occupancy {
  residents: number;
  /** Share of capacity (1 = full; may exceed 1). */
  share: number;
}

/** Average nightly residents over the period; null for an empty period or a withheld count (no capacity needed). */
export function estimateResidents(
  assisted: number | null | undefined,
  period: { from: string | null; to: string | null },
  stayDays = AVERAGE_STAY_DAYS,
): number | null {
  if (assisted === null || assisted === undefined || !period.from || !period.to) return null;
  const days = daysInclusive(period.from, period.to);
  return days === 0 ? null : (assisted * stayDays) / days;
}

/** null when it cannot be estimated: no capacity, an empty period, or a withheld count. */
export function estimateOccupancy(
  assisted: number | null | undefined,
  capacity: number | null | undefined,
  period: { from: string | null; to: string | null },
  stayDays = AVERAGE_STAY_DAYS,
): Occupancy | null {
  if (!capacity || capacity <= 0) return null;
  const residents = estimateResidents(assisted, period, stayDays);
  return residents === null ? null : { residents, share: residents / capacity };
}
