/**
 * GET /api/v1/pressure over the mini fixture, on both engines: estimated residents computed here from assistance.csv
 * and places.geojson (people assisted × stay ÷ 7 ÷ capacity), the forecast's shape, the early-warning list against
 * the threshold; for outside roles, the months computed from their own /assistance answers; and bad input. The method itself is tested on known series in tests/unit/pressure.test.ts.
 */
import { appendFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aggregateResponse, problem } from '../../src/shared/api';
import { monthEnd } from '../../src/shared/calendar';
import { daysInclusive } from '../../src/shared/occupancy';
import { pressureMonthly, pressureOpen, type PressureOpen } from '../../src/shared/api-pressure';
import { assistance, copyFixture, FIXTURE_DIR, mondayOf, PROBLEM_JSON, readPlaces, startTestApp, type TestServer } from './helpers';

let t: TestServer;
beforeAll(async () => {
  t = await startTestApp({ app: { dataDir: FIXTURE_DIR } });
});
afterAll(async () => {
  await t?.close();
});

const DATASET = JSON.parse(readFileSync(join(FIXTURE_DIR, 'dataset.json'), 'utf8')) as { dataAsOf: string };
const CENTRES = readPlaces()
  .filter((p) => p.kind === 'transit_centre')
  .map((p) => p as typeof p & { capacity: number | null });

/** People assisted (shelter_food) per centre and Monday, from the CSV. */
function weekly(): Map<string, number> {
  const m = new Map<string, number>();
  for (const r of assistance()) {
    if (r.service !== 'shelter_food') continue;
    const k = `${r.centre}|${mondayOf(r.date!)}`;
    m.set(k, (m.get(k) ?? 0) + Number(r.count));
  }
  return m;
}

async function get(qs = ''): Promise<PressureOpen> {
  const res = await t.inject(`/api/v1/pressure${qs}`, 'programme');
  expect(res.statusCode, res.body).toBe(200);
  return pressureOpen.parse(res.json());
}

describe('GET /api/v1/pressure, programme staff', () => {
  it('gives each transit centre its capacity and recent weekly residents = assisted × stay ÷ 7, share = residents ÷ capacity', async () => {
    const w = weekly();
    for (const stay of [7, 10]) {
      const body = await get(stay === 7 ? '' : `?stayDays=${stay}`);
      expect(body.stayDays).toBe(stay);
      expect(body.dataAsOf).toBe(DATASET.dataAsOf);
      expect(body.centres.map((c) => c.id).sort()).toEqual(CENTRES.map((c) => c.id).sort());
      for (const c of body.centres) {
        const cap = CENTRES.find((p) => p.id === c.id)!.capacity;
        expect(c.capacity).toBe(cap);
        expect(c.recent.length).toBeGreaterThan(0);
        for (const r of c.recent) {
          const assisted = w.get(`${c.id}|${r.week}`) ?? 0;
          expect(r.assisted, `${c.id} ${r.week}`).toBe(assisted);
          expect(r.residents).toBeCloseTo((assisted * stay) / 7, 1);
          expect(r.share!).toBeCloseTo((assisted * stay) / 7 / cap!, 3);
        }
      }
    }
  });

  it('forecasts `horizon` weeks after the last week; with under a year of history the baseline is served and says so', async () => {
    const body = await get('?horizon=6');
    expect(body.horizon).toBe(6);
    for (const c of body.centres) {
      expect(c.forecast.map((f) => f.h)).toEqual([1, 2, 3, 4, 5, 6]);
      expect(c.forecast[0]!.week > body.lastWeek).toBe(true);
      // Thirteen weeks cannot be backtested: no error to beat, so the model is not shipped.
      expect(c.method).toBe('baseline');
      expect(c.maseModel).toBeNull();
    }
    // Dirkou is fed by Séguédine (R5) and Madama; Niamey's routes are not monitored.
    expect(body.centres.find((c) => c.id === 'dirkou-tc')!.upstream).toContain('seguedine-fmp');
    expect(body.centres.find((c) => c.id === 'niamey-tc')!.upstream).toEqual([]);
  });

  it('warns exactly for the centres with a forecast week above the threshold', async () => {
    for (const threshold of [0.1, 0.5, 0.9, 2]) {
      const body = await get(`?threshold=${threshold}`);
      const expected = body.centres.filter((c) => c.forecast.some((f) => f.share !== null && f.share > threshold)).map((c) => c.id);
      expect(body.warnings.map((w) => w.centre).sort()).toEqual(expected.sort());
      for (const w of body.warnings) expect(w.share).toBeGreaterThan(threshold);
    }
    // A low threshold and a long stay show the list working on this sparse fixture (Arlit has people in its last week).
    expect((await get('?threshold=0.1&stayDays=60')).warnings.map((w) => w.centre)).toContain('arlit-tc');
  });
});

describe('outside roles get months from the people assisted published to them, and the forecast explained as locked', () => {
  let small: TestServer;
  beforeAll(async () => {
    // Three people at Dirkou in January 2019, a month with nobody assisted there: a small count, withheld.
    const dir = copyFixture();
    appendFileSync(join(dir, 'assistance.csv'), '2019-01-15,dirkou-tc,shelter_food,NER,m,adult,3\n');
    small = await startTestApp({ dataDir: dir, app: { dataDir: dir } });
  });
  afterAll(async () => {
    await small?.close();
  });

  for (const role of ['public', 'donor', 'government'] as const) {
    it(`${role}: each month is its /assistance answer through the occupancy formula; no week, no forecast`, async () => {
      for (const [stay, threshold] of [
        [7, 0.9],
        [60, 0.1],
      ] as const) {
        const res = await t.inject(`/api/v1/pressure?stayDays=${stay}&threshold=${threshold}&horizon=8`, role);
        expect(res.statusCode, res.body).toBe(200);
        const body = pressureMonthly.parse(res.json());
        expect(body).toMatchObject({ resolution: 'month', protected: true, stayDays: stay, threshold, dataAsOf: DATASET.dataAsOf });
        expect(body.disclosure.method).toBe('cell-key');
        // `horizon` applies to the weekly forecast only: not echoed as if applied.
        expect(Object.keys(res.json() as object)).not.toContain('horizon');
        expect(body.forecastLocked).toMatch(/programme staff/);
        const data = (await t.inject('/api/v1/meta', role)).json() as { dateRange: { min: string; max: string } };
        const months = body.centres[0]!.months.map((m) => m.month);
        expect(months.at(-1)).toBe(body.lastMonth);
        expect(body.lastMonth).toBe(`${data.dateRange.max.slice(0, 7)}-01`);
        const published = await t.inject(`/api/v1/assistance?service=shelter_food&groupBy=centre,month&from=${months[0]}&to=${monthEnd(body.lastMonth)}`, role);
        expect(published.statusCode, published.body).toBe(200);
        const rows = aggregateResponse.parse(published.json()).rows;
        expect(body.centres.map((c) => c.id).sort()).toEqual(CENTRES.map((c) => c.id).sort());
        for (const c of body.centres) {
          const cap = CENTRES.find((p) => p.id === c.id)!.capacity!;
          for (const m of c.months) {
            const row = rows.find((r) => r['centre'] === c.id && r['month'] === m.month);
            expect(m.assisted, `${c.id} ${m.month}`).toBe(row === undefined ? 0 : row.count);
            const from = m.month < data.dateRange.min ? data.dateRange.min : m.month;
            const to = monthEnd(m.month) > data.dateRange.max ? data.dateRange.max : monthEnd(m.month);
            const days = daysInclusive(from, to);
            expect(m.residents!).toBeCloseTo((m.assisted! * stay) / days, 1);
            expect(m.share!).toBeCloseTo((m.assisted! * stay) / days / cap, 3);
            expect(m.above).toBe(m.share! > threshold);
          }
        }
      }
    });
  }

  it('a withheld month has no estimate: null, never 0', async () => {
    const res = await small.inject('/api/v1/pressure', 'donor');
    const body = pressureMonthly.parse(res.json());
    const jan = body.centres.find((c) => c.id === 'dirkou-tc')!.months.find((m) => m.month === '2019-01-01')!;
    expect(jan).toMatchObject({ assisted: null, withheld: true, residents: null, share: null, above: false });
    const asked = aggregateResponse.parse(
      (await small.inject('/api/v1/assistance?service=shelter_food&centre=dirkou-tc&groupBy=month&from=2019-01-01&to=2019-01-31', 'donor')).json(),
    );
    expect(asked.rows[0]).toMatchObject({ count: null, suppressed: true });
    // Programme staff see the three people.
    const exact = pressureOpen.parse((await small.inject('/api/v1/pressure', 'programme')).json());
    expect(exact.resolution).toBe('week');
  });
});

describe('bad input is a problem+json 400 naming the field', () => {
  it.each([
    ['stayDays=0', 'stayDays'],
    ['stayDays=abc', 'stayDays'],
    ['stayDays=7.5', 'stayDays'],
    ['horizon=3', 'horizon'],
    ['horizon=9', 'horizon'],
    ['threshold=-1', 'threshold'],
    ['threshold=5', 'threshold'],
    ['centre=agadez-tc', 'centre'],
  ])('%s', async (qs, field) => {
    const res = await t.inject(`/api/v1/pressure?${qs}`, 'programme');
    expect(res.statusCode, res.body).toBe(400);
    expect(res.headers['content-type']).toMatch(PROBLEM_JSON);
    expect(problem.parse(res.json()).errors?.map((e) => e.field)).toContain(field);
  });
});
