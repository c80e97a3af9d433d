/**
 * Centre pressure by month for outside roles (pure): the occupancy formula (shared/occupancy.ts) over the people
 * assisted (shelter and food) each centre is PUBLISHED to the role per month — the rows of its own
 * /assistance?service=shelter_food&groupBy=centre,month answer. A function of published cells only, so it discloses
 * nothing the role could not compute itself; a withheld month gives no estimate (null, never 0).
 */
import type { AggregateRow } from '../../shared/api';
import type { PressureMonthlyCentre } from '../../shared/api-pressure';
import { monthEnd, type Period } from '../../shared/calendar';
import { estimateOccupancy, estimateResidents } from '../../shared/occupancy';

export interface MonthlyCentre {
  id: string;
  name: string;
  capacity: number | null;
}

const round = (x: number, d: number) => Math.round(x * 10 ** d) / 10 ** d;

/** The days of `month` that lie inside the data (the first and last months may be partly covered). */
export function monthDaysInData(month: string, data: Period): Period {
  const end = monthEnd(month);
  return { from: month < data.from ? data.from : month, to: end > data.to ? data.to : end };
}

/**
 * Per centre, one entry per month of `months`: the published count (null and `withheld` when withheld; a month
 * without a row was published as nothing counted, 0), the estimated residents over the month's days with data and
 * the share of capacity, and whether that share is above `threshold`.
 */
export function monthlyPressure(
  centres: readonly MonthlyCentre[],
  months: readonly string[],
  rows: readonly AggregateRow[],
  data: Period,
  stayDays: number,
  threshold: number,
): PressureMonthlyCentre[] {
  const byKey = new Map(rows.map((r) => [`${String(r['centre'])}|${String(r['month'])}`, r]));
  return centres.map((c) => ({
    id: c.id,
    name: c.name,
    capacity: c.capacity,
    months: months.map((month) => {
      const row = byKey.get(`${c.id}|${month}`);
      const withheld = row !== undefined && (row.count === null || row.count === undefined);
      const assisted = row === undefined ? 0 : withheld ? null : Number(row.count);
      const days = monthDaysInData(month, data);
      const o = estimateOccupancy(assisted, c.capacity, days, stayDays);
      const residents = estimateResidents(assisted, days, stayDays);
      const share = o === null ? null : round(o.share, 3);
      return {
        month,
        assisted,
        withheld,
        residents: residents === null ? null : round(residents, 1),
        share,
        above: share !== null && share > threshold,
      };
    }),
  }));
}
