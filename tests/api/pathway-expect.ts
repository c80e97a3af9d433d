/**
 * The pathway's numbers checked against the endpoints it puts side by side: every count of a GET /api/v1/pathway
 * answer must equal, marks included, the row the same role gets from /flows, /assistance or /returns for the same
 * cell (or none: a month without a row is 0). Used by tests/api/pathway.test.ts and tests/api/attack/pathway.test.ts.
 */
import { expect } from 'vitest';
import { aggregateResponse, type AggregateRow } from '../../src/shared/api';
import { pathwayResponse, type PathwayCount, type PathwayResponse } from '../../src/shared/api-pathway';
import { PEOPLE_ASSISTED_SERVICE, type Role } from '../../src/shared/enums';
import type { Inject } from './helpers';

export async function pathwayOf(inject: Inject, url: string, role: Role): Promise<PathwayResponse> {
  const res = await inject(url, role);
  expect(res.statusCode, `${role} ${url}: ${res.body.slice(0, 300)}`).toBe(200);
  return pathwayResponse.parse(res.json());
}

/** An endpoint's rows, or null when the role may not ask it (403/401). */
async function rows(inject: Inject, url: string, role: Role): Promise<AggregateRow[] | null> {
  const res = await inject(url, role);
  if (res.statusCode === 403 || res.statusCode === 401) return null;
  expect(res.statusCode, `${role} ${url}: ${res.body.slice(0, 300)}`).toBe(200);
  return aggregateResponse.parse(res.json()).rows;
}

/** What a pathway count must be, read from an endpoint's row (absent: 0). */
function asCount(row: AggregateRow | undefined): PathwayCount {
  if (!row) return { count: 0 };
  const c: PathwayCount = { count: row.count };
  if (row.suppressed) c.suppressed = true;
  if (row.perturbed) c.perturbed = true;
  if (row.partial) c.partial = true;
  return c;
}
const monthOf = (r: AggregateRow) => `${String(r['month']).slice(0, 7)}-01`;
const find = (rs: readonly AggregateRow[], month: string, dim?: string, value?: string) =>
  rs.find((r) => monthOf(r) === month && (dim === undefined || String(r[dim]) === value));

/**
 * Checks every number of `body` against the endpoints; returns how many numbers were compared. `exact` (programme):
 * the reach ratio is recomputed too.
 */
export async function expectSameAsEndpoints(inject: Inject, body: PathwayResponse, role: Role): Promise<number> {
  let compared = 0;
  const period = `from=${body.from}&to=${body.to}`;
  for (const route of body.routes) {
    const flows = (await rows(inject, `/api/v1/flows?route=${route.id}&direction=incoming&groupBy=month&${period}`, role))!;
    for (const m of route.months) {
      if (m.monitoring === 'not_monitored') {
        expect(m.observed.count, `${route.id} ${m.month} not monitored`).toBeNull();
        expect(m.reach.ratio).toBeNull();
      } else {
        expect(m.observed, `${role} ${route.id} ${m.month} observed`).toEqual(asCount(find(flows, m.month)));
        compared++;
      }
    }
    for (const c of route.centres) {
      const services = (await rows(inject, `/api/v1/assistance?centre=${c.id}&groupBy=service,month&${period}`, role))!;
      const assisted = (await rows(inject, `/api/v1/assistance?centre=${c.id}&service=${PEOPLE_ASSISTED_SERVICE}&groupBy=month&${period}`, role))!;
      const returns = (await rows(inject, `/api/v1/returns?centre=${c.id}&groupBy=month&${period}`, role))!;
      const byDest = await rows(inject, `/api/v1/returns?centre=${c.id}&groupBy=destination,month&${period}`, role);
      for (const m of route.months) {
        const cm = m.centres.find((x) => x.centre === c.id)!;
        expect(cm.assisted, `${role} ${c.id} ${m.month} assisted`).toEqual(asCount(find(assisted, m.month)));
        expect(cm.assisted).toEqual(asCount(find(services, m.month, 'service', PEOPLE_ASSISTED_SERVICE)));
        const want = services.filter((r) => monthOf(r) === m.month).map((r) => ({ service: String(r['service']), ...asCount(r) }));
        expect(
          [...cm.services].sort((a, b) => a.service.localeCompare(b.service)),
          `${role} ${c.id} ${m.month} services`,
        ).toEqual(want.sort((a, b) => a.service.localeCompare(b.service)));
        expect(cm.returns, `${role} ${c.id} ${m.month} returns`).toEqual(asCount(find(returns, m.month)));
        if (byDest === null) expect(cm.destinations).toBeNull();
        else {
          const wantD = byDest.filter((r) => monthOf(r) === m.month).map((r) => ({ destination: String(r['destination']), ...asCount(r) }));
          expect([...cm.destinations!].sort((a, b) => a.destination.localeCompare(b.destination))).toEqual(
            wantD.sort((a, b) => a.destination.localeCompare(b.destination)),
          );
        }
        compared += 2 + cm.services.length + (cm.destinations?.length ?? 0);
      }
    }
    // The reach ratio: post-processing of the numbers above only.
    const first = route.centres.filter((c) => c.step === 1).map((c) => c.id);
    for (const m of route.months) {
      const assisted = m.centres.filter((c) => first.includes(c.centre)).map((c) => c.assisted.count);
      if (m.monitoring === 'not_monitored' || first.length === 0) expect(m.reach).toEqual({ ratio: null, withheld: false });
      else if (m.observed.count === null || assisted.some((a) => a === null)) expect(m.reach).toEqual({ ratio: null, withheld: true });
      else if (m.observed.count === 0) expect(m.reach.ratio).toBeNull();
      else {
        const sum = assisted.reduce((s: number, a) => s + a!, 0);
        expect(m.reach.ratio).toBeCloseTo(sum / m.observed.count, 3);
      }
    }
  }
  return compared;
}
