/**
 * Attack 4, hotspots windows (the government liaison's view). The issue saw `to` past the data's end compare with a
 * previous period that was not whole months, handing out weekly series; and far dates answered 500. The attacker asks
 * for many windows — every length, sliding over the data, reaching past either end — and checks what comes back:
 * whole months only (the previous period too, or no previous figure at all), every figure a sum of the same published
 * month or year cells the flows and assistance endpoints give (so windows differenced against each other give those
 * cells and nothing finer), the anomaly score a function of published months. Far, inverted or outside dates are a
 * 400 naming the field, never a 500. Without noise the same windows are the exact counts (the comparison has teeth).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MONTHLY_ANOMALY_OPTIONS, robustAnomaly } from '../../../src/server/analytics/anomaly';
import { BASELINE_MONTHS } from '../../../src/shared/anomaly-method';
import { hotspotsResponse, problem, type HotspotsResponse } from '../../../src/shared/api';
import type { Role } from '../../../src/shared/enums';
import type { Inject, TestServer } from '../helpers';
import { addMonths, answer, lastDay, refused, SECRET, startAtlas } from './attacker';

let t: TestServer;
beforeAll(async () => {
  t = await startAtlas();
});
afterAll(async () => {
  await t?.close();
});

const DATA = { from: '2015-01-01', to: '2019-12-31' };
const isMonthStart = (d: string) => d.endsWith('-01');
const isMonthEnd = (d: string) => lastDay(`${d.slice(0, 7)}-01`) === d;
const monthsBetween = (from: string, to: string) =>
  (Number(to.slice(0, 4)) - Number(from.slice(0, 4))) * 12 + Number(to.slice(5, 7)) - Number(from.slice(5, 7)) + 1;

async function hotspots(inject: Inject, query: string, role: Role = 'government'): Promise<HotspotsResponse> {
  const res = await inject(`/api/v1/hotspots${query ? `?${query}` : ''}`, role);
  expect(res.statusCode, `${role} hotspots?${query}: ${res.body.slice(0, 300)}`).toBe(200);
  return hotspotsResponse.parse(res.json());
}

/** Windows: every length from 1 to 24 months ending in several months, plus windows reaching past either end of the data. */
const WINDOWS: string[] = [
  '',
  ...[1, 2, 3, 6, 12, 13, 24].flatMap((len) =>
    ['2016-03-01', '2017-12-01', '2018-06-01', '2019-01-01', '2019-12-01'].map((end) => `from=${addMonths(end, 1 - len)}&to=${lastDay(end)}`),
  ),
  'from=2019-07-01&to=2020-06-30',
  'from=2019-10-01&to=2025-01-31',
  'from=2019-12-01&to=2199-12-31',
  'to=2030-12-31',
  'from=2019-06-01',
  'from=1900-01-01&to=2015-03-31',
  'from=2014-06-15&to=2015-06-30',
  'from=1900-01-01&to=2199-12-31',
];

describe('hotspots windows for the government liaison: whole months, published cells, nothing finer', () => {
  it('every window comes back as whole months within the data; the previous period is whole months within the data, or absent', async () => {
    for (const w of WINDOWS) {
      const body = await hotspots(t.inject, w);
      expect(body.disclosure, w).toMatchObject({ method: 'cell-key', resolution: 'month' });
      expect(isMonthStart(body.from) && isMonthEnd(body.to), `${w}: ${body.from}…${body.to}`).toBe(true);
      expect(body.from >= DATA.from && body.to <= DATA.to, `${w}: ${body.from}…${body.to}`).toBe(true);
      expect(isMonthStart(body.previousFrom) && isMonthEnd(body.previousTo), `${w}: previous ${body.previousFrom}…${body.previousTo}`).toBe(true);
      expect(monthsBetween(body.previousFrom, body.previousTo)).toBe(monthsBetween(body.from, body.to));
      expect(addMonths(body.previousTo.slice(0, 8) + '01', 1)).toBe(body.from);
      const previousInData = body.previousFrom >= DATA.from;
      for (const r of body.regions) {
        if (!previousInData) expect(r.previousFlows, `${w} ${r.pcode}: the previous period reaches before the data`).toBeNull();
        // no count finer than a published month: with months of hundreds or thousands, a weekly figure would show as a
        // sum that is no sum of published months — checked against the flows endpoint below
      }
    }
  });

  it('each region’s flows, previous flows and people assisted are the sums of the published cells the other endpoints give', async () => {
    for (const w of WINDOWS) {
      const body = await hotspots(t.inject, w);
      const flows = await answer(t.inject, `/api/v1/flows?groupBy=region&from=${body.from}&to=${body.to}`, 'government');
      const assisted = await answer(t.inject, `/api/v1/assistance?groupBy=region&service=shelter_food&from=${body.from}&to=${body.to}`, 'government');
      const previous =
        body.previousFrom >= DATA.from
          ? await answer(t.inject, `/api/v1/flows?groupBy=region&from=${body.previousFrom}&to=${body.previousTo}`, 'government')
          : null;
      for (const r of body.regions) {
        const f = flows.rows.find((x) => x.region === r.pcode);
        if (r.monitored && f) {
          expect(r.flows, `${w} ${r.pcode}`).toBe(f.count);
          expect(r.flowsPartial === true, `${w} ${r.pcode}`).toBe(f.partial === true);
          expect(r.flowsSuppressed === true, `${w} ${r.pcode}`).toBe(f.suppressed === true);
        } else if (!f) {
          expect(r.flows === null || r.flows === 0, `${w} ${r.pcode}`).toBe(true);
        }
        if (previous && r.monitored) {
          const p = previous.rows.find((x) => x.region === r.pcode);
          expect(r.previousFlows, `${w} ${r.pcode} previous`).toBe(p ? p.count : 0);
        }
        const a = assisted.rows.find((x) => x.region === r.pcode);
        expect(r.assisted, `${w} ${r.pcode} assisted`).toBe(a ? a.count : 0);
      }
    }
  });

  it('the anomaly score is computed from published months only', async () => {
    let checked = 0;
    for (const end of ['2017-12-01', '2018-06-01', '2019-03-01', '2019-12-01']) {
      const body = await hotspots(t.inject, `from=${addMonths(end, -2)}&to=${lastDay(end)}`);
      const from = addMonths(end, -BASELINE_MONTHS);
      const monthly = await answer(t.inject, `/api/v1/flows?groupBy=region,month&from=${from}&to=${lastDay(end)}`, 'government');
      for (const r of body.regions.filter((x) => x.monitored && !x.flowsSuppressed)) {
        const series = (m: string) => monthly.rows.find((x) => x.region === r.pcode && x.month === m);
        const recent = series(end);
        const baseline = Array.from({ length: BASELINE_MONTHS }, (_, i) => series(addMonths(from, i)));
        if (!recent || recent.suppressed || baseline.some((b) => !b || b.suppressed)) continue;
        const expected = robustAnomaly(
          baseline.map((b) => b!.count!),
          [recent.count!],
          MONTHLY_ANOMALY_OPTIONS,
        );
        expect(r.anomaly, `${end} ${r.pcode}`).toEqual(expected);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(8);
  });

  it('the region detail (panel) holds only published months and point cells, and levels worked out from them', async () => {
    let checked = 0;
    for (const end of ['2016-08-01', '2018-06-01', '2019-12-01']) {
      const body = await hotspots(t.inject, `from=${end}&to=${lastDay(end)}`);
      const from = addMonths(end, -BASELINE_MONTHS);
      const monthly = await answer(t.inject, `/api/v1/flows?groupBy=region,month&from=${from}&to=${lastDay(end)}`, 'government');
      const points = await answer(t.inject, `/api/v1/flows?groupBy=point&from=${end}&to=${lastDay(end)}`, 'government');
      expect(body.windows).toEqual({ unit: 'month', recentFrom: end, recentTo: lastDay(end), baselineFrom: from, baselineTo: lastDay(addMonths(end, -1)) });
      for (const r of body.regions.filter((x) => x.monitored)) {
        const d = r.detail!;
        for (const s of d.series) {
          const row = monthly.rows.find((x) => x.region === r.pcode && x.month === s.start);
          expect(s.count, `${end} ${r.pcode} ${s.start}`).toBe(row ? row.count : 0);
          expect(s.suppressed === true, `${end} ${r.pcode} ${s.start}`).toBe(row?.suppressed === true);
          expect(s.partial === true, `${end} ${r.pcode} ${s.start}`).toBe(row?.partial === true);
        }
        const counts = d.series.map((s) => s.count);
        if (counts.every((c) => c !== null)) {
          const sorted = counts
            .slice(0, -1)
            .map(Number)
            .sort((a, b) => a - b);
          expect(d.recentLevel).toBe(counts.at(-1));
          expect(d.baselineMedian).toBe((sorted[2]! + sorted[3]!) / 2);
        }
        for (const p of d.points) {
          const row = points.rows.find((x) => x.point === p.id);
          if (p.active) expect(p.count, `${end} ${p.id}`).toBe(row ? row.count : 0);
          else expect([p.count, row?.count ?? 0], `${end} ${p.id}`).toEqual([null, 0]);
        }
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(3);
  });

  it('differencing windows gives published months: [m−k … m] − [m−k+1 … m] is the published month of each region', async () => {
    const end = '2019-06-01';
    const months = await answer(t.inject, `/api/v1/flows?groupBy=region,month&from=2018-07-01&to=2019-06-30`, 'government');
    let checked = 0;
    for (let k = 1; k <= 5; k++) {
      const longer = await hotspots(t.inject, `from=${addMonths(end, -k)}&to=${lastDay(end)}`);
      const shorter = await hotspots(t.inject, `from=${addMonths(end, 1 - k)}&to=${lastDay(end)}`);
      for (const r of longer.regions.filter((x) => x.monitored && x.flows !== null)) {
        const s = shorter.regions.find((x) => x.pcode === r.pcode)!;
        const m = months.rows.find((x) => x.region === r.pcode && x.month === addMonths(end, -k));
        expect(r.flows! - (s.flows ?? 0), `${r.pcode} k=${k}`).toBe(m?.count ?? 0);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(15);
  });

  it('the comparison has teeth: without noise the same windows give the exact counts (programme’s)', async () => {
    const weak = t.another({ cellKeySecret: SECRET, disclosure: { maxNoise: 0 } });
    let differs = 0;
    for (const w of ['from=2019-01-01&to=2019-06-30', 'from=2018-01-01&to=2018-12-31']) {
      const exact = await hotspots(t.inject, w, 'programme');
      const noNoise = await hotspots(weak.inject, w);
      const real = await hotspots(t.inject, w);
      for (const r of noNoise.regions.filter((x) => x.monitored)) {
        const e = exact.regions.find((x) => x.pcode === r.pcode)!;
        expect(r.flows, `${w} ${r.pcode}`).toBe(e.flows);
        expect(r.previousFlows, `${w} ${r.pcode}`).toBe(e.previousFlows);
        if (real.regions.find((x) => x.pcode === r.pcode)!.flows !== e.flows) differs++;
      }
    }
    // … while the real server's windows are not the exact counts.
    expect(differs).toBeGreaterThan(3);
  });
});

describe('far, inverted and outside dates: 400 naming the field, never 500', () => {
  const CASES: Array<[string, string]> = [
    ['from=1000-01-01', 'from'],
    ['to=9999-12-31', 'to'],
    ['from=1000-01-01&to=9999-12-31', 'from'],
    ['from=2019-06-01&to=2019-05-31', 'to'],
    ['from=2019-13-01', 'from'],
    ['from=2030-01-01', 'from'],
    ['from=2030-01-01&to=2030-12-31', 'from'],
    ['to=1950-01-31', 'to'],
  ];
  it.each(CASES)('government: hotspots?%s → 400 naming %s', async (q, field) => {
    const res = await t.inject(`/api/v1/hotspots?${q}`, 'government');
    expect(res.statusCode, res.body).toBe(400);
    expect(problem.parse(res.json()).errors?.map((e) => e.field)).toContain(field);
  });

  it.each(CASES.slice(0, 5))('programme: hotspots?%s → 400 naming %s', async (q, field) => {
    const res = await t.inject(`/api/v1/hotspots?${q}`, 'programme');
    expect(res.statusCode, res.body).toBe(400);
    expect(problem.parse(res.json()).errors?.map((e) => e.field)).toContain(field);
  });

  it.each(CASES.slice(5))('programme: hotspots?%s is answered or refused, never a 500', async (q) => {
    const res = await t.inject(`/api/v1/hotspots?${q}`, 'programme');
    expect(res.statusCode, res.body).toBeLessThan(500);
  });

  it.each(['from=1000-01-01', 'to=9999-12-31', 'from=2030-01-01&to=2030-12-31'])('flows?%s → 400 for outside roles, never 500', async (q) => {
    for (const role of ['public', 'donor', 'government', 'programme'] as const) {
      const res = await t.inject(`/api/v1/flows?${q}`, role);
      // programme staff may name any real date within the bounds (their answer over no data is 0)
      if (role === 'programme' && q.startsWith('from=2030')) expect(res.statusCode, `${role}: ${res.body}`).toBe(200);
      else expect(res.statusCode, `${role}: ${res.body}`).toBe(400);
    }
  });
});

describe('weeks and part months are not for outside roles', () => {
  it.each([
    ['from=2019-06-03&to=2019-06-09', 'from'],
    ['from=2019-06-01&to=2019-06-15', 'to'],
    ['from=2019-06-10', 'from'],
  ])('government: hotspots?%s → 403 naming %s', async (q, field) => {
    expect(await refused(t.inject, `/api/v1/hotspots?${q}`, 'government')).toContain(field);
  });

  it('hotspots are the government’s and the programme’s: signed out 401, donor 403', async () => {
    await refused(t.inject, '/api/v1/hotspots', 'public', 401);
    await refused(t.inject, '/api/v1/hotspots', 'donor', 403);
  });
});
