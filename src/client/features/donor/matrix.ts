/**
 * The centre × service matrix of the donor view, pure (tested apart from React): three answers of GET /assistance
 * for the period — `groupBy=centre,service` (the cells), `groupBy=service` (the "All centres" row… column) and
 * `groupBy=centre` (the "All services" row) — and the same three a year earlier, into one table model.
 *
 * Every number in it is a number the API returned, flags and all: no cell and no total is added up here.
 * - a cell is the row of `groupBy=centre,service` (for outside roles a sum of published month/year cells);
 * - "All centres" of a service is the row of `groupBy=service`: the server adds that service's published cells over
 *   the centres, the same cells as the column, so it equals the column's sum (withheld cells left out, "†");
 * - "All services" of a centre is the row of `groupBy=centre`: the centre's own published margin (service deliveries,
 *   one person counted once per service), perturbed once on its own — not the sum of its column;
 * - the corner is the `total` of `groupBy=centre` (the server's sum of those margins).
 * Only the change on a year earlier is worked out here, from the published numbers shown (a ratio, not a count of
 * people), and marked approximate when either number is perturbed or partial.
 */
import type { AggregateResponse } from '../../../shared/api';
import { addDays, addMonths, monthStart, type Period } from '../../../shared/calendar';
import { PEOPLE_ASSISTED_SERVICE, SERVICES, type Service } from '../../../shared/enums';
import { countInfo, totalOf, type CountFlags } from '../../lib/suppressed';

export interface MatrixAnswers {
  cells?: AggregateResponse | undefined;
  byService?: AggregateResponse | undefined;
  byCentre?: AggregateResponse | undefined;
}

export interface MatrixValue {
  /** The count as the API sent it (undefined: the API sent no row, nothing counted). */
  count: CountFlags | undefined;
  /** Change on the same months a year earlier; null when there is no previous number or it is 0 or withheld. */
  change: number | null;
  /** The change is worked out from perturbed or partial numbers. */
  approximate: boolean;
}

export interface MatrixModel {
  centres: string[];
  /** "Shelter and food" (people assisted) first, then the other services in the enum's order. */
  services: Service[];
  cell: (service: Service, centre: string) => MatrixValue;
  /** "All centres" of a service (groupBy=service). */
  serviceTotal: (service: Service) => MatrixValue;
  /** "All services" of a centre (groupBy=centre: service deliveries). */
  centreTotal: (centre: string) => MatrixValue;
  /** The corner: `total` of groupBy=centre. */
  grandTotal: MatrixValue;
  /** Some count in the table carries a flag (for the protection note). */
  counts: CountFlags[];
}

/** The same months a year earlier; null when that starts before the data. Whole months stay whole months (Feb 29 ends fall on Feb 28). */
export function previousYear(p: Period, dataFrom: string | undefined): Period | null {
  const from = addMonths(p.from, -12);
  const to = addDays(addMonths(monthStart(addDays(p.to, 1)), -12), -1);
  const wholeEnd = addDays(p.to, 1).slice(8, 10) === '01';
  const prevTo = wholeEnd ? to : addMonths(p.to, -12);
  if (dataFrom !== undefined && from < monthStart(dataFrom)) return null;
  return { from, to: prevTo };
}

const flagsOfRow = (row: AggregateResponse['rows'][number] | undefined): CountFlags | undefined =>
  row
    ? { count: row.count, suppressed: row.suppressed === true || row.count === null, perturbed: row.perturbed === true, partial: row.partial === true }
    : undefined;

function index(res: AggregateResponse | undefined, dims: readonly string[]): Map<string, CountFlags> {
  const out = new Map<string, CountFlags>();
  for (const row of res?.rows ?? []) {
    const key = dims.map((d) => String(row[d])).join('|');
    out.set(key, flagsOfRow(row)!);
  }
  return out;
}

/** (current − previous) / previous from two published counts; null when either is missing, withheld, or previous is 0. */
export function changeOf(current: CountFlags | undefined, previous: CountFlags | undefined): { change: number | null; approximate: boolean } {
  const c = countInfo(current ?? { count: 0 });
  const p = countInfo(previous ?? { count: 0 });
  if (previous === undefined && current === undefined) return { change: null, approximate: false };
  if (c.value === null || p.value === null || p.value === 0) return { change: null, approximate: false };
  return { change: (c.value - p.value) / p.value, approximate: c.perturbed || c.partial || p.perturbed || p.partial };
}

export function buildMatrix(current: MatrixAnswers, previous: MatrixAnswers | null, centres: readonly string[]): MatrixModel {
  const cur = { cells: index(current.cells, ['centre', 'service']), svc: index(current.byService, ['service']), ctr: index(current.byCentre, ['centre']) };
  const prev = previous
    ? { cells: index(previous.cells, ['centre', 'service']), svc: index(previous.byService, ['service']), ctr: index(previous.byCentre, ['centre']) }
    : null;
  // An answer that came back with no row for a key: nothing was counted there (the API leaves out empty groups).
  const value = (c: CountFlags | undefined, p: CountFlags | undefined, curAnswered: boolean): MatrixValue => {
    const count = c ?? (curAnswered ? { count: 0 } : undefined);
    const ch = prev ? changeOf(count, p ?? { count: 0 }) : { change: null, approximate: false };
    return { count, ...ch };
  };
  const services = [PEOPLE_ASSISTED_SERVICE, ...SERVICES.filter((s) => s !== PEOPLE_ASSISTED_SERVICE)];
  const grandCurrent = totalOf(current.byCentre);
  const grandPrevious = previous ? totalOf(previous.byCentre) : undefined;
  const model: MatrixModel = {
    centres: [...centres],
    services,
    cell: (s, c) => value(cur.cells.get(`${c}|${s}`), prev?.cells.get(`${c}|${s}`), current.cells !== undefined),
    serviceTotal: (s) => value(cur.svc.get(s), prev?.svc.get(s), current.byService !== undefined),
    centreTotal: (c) => value(cur.ctr.get(c), prev?.ctr.get(c), current.byCentre !== undefined),
    grandTotal: { count: grandCurrent, ...(prev && grandCurrent ? changeOf(grandCurrent, grandPrevious) : { change: null, approximate: false }) },
    counts: [],
  };
  model.counts = [...cur.cells.values(), ...cur.svc.values(), ...cur.ctr.values(), ...(grandCurrent ? [grandCurrent] : [])];
  return model;
}
