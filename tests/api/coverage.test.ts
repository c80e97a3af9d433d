/**
 * GET /api/v1/coverage over the mini fixture: which monitoring points were counting, computed here from flows.csv,
 * places.geojson and routes.geojson (an independent reading: its own week and month arithmetic), on both engines.
 */
import { appendFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { problem } from '../../src/shared/api';
import { coverageResponse, type CoverageResponse } from '../../src/shared/api-coverage';
import { EXTERNAL_ROLES } from '../../src/shared/enums';
import { copyFixture, FIXTURE_DIR, flows, mondayOf, PROBLEM_JSON, readPlaces, startTestApp, type TestServer } from './helpers';

let t: TestServer;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t?.close();
});

const DAY = 86_400_000;
const plus = (d: string, n: number) => new Date(new Date(`${d}T00:00:00Z`).getTime() + n * DAY).toISOString().slice(0, 10);
const DATASET = JSON.parse(readFileSync(join(FIXTURE_DIR, 'dataset.json'), 'utf8')) as { dataAsOf: string; dateRange: { min: string; max: string } };
/** The monitoring points with their active dates (places.geojson carries them; the shared reader types only a few fields). */
const POINTS = readPlaces()
  .filter((p) => p.kind === 'monitoring_point')
  .map((p) => p as typeof p & { activeFrom: string | null; activeTo: string | null });
const ROUTE_IDS = (JSON.parse(readFileSync(join(FIXTURE_DIR, 'routes.geojson'), 'utf8')) as { features: Array<{ properties: { id: string } }> }).features.map(
  (f) => f.properties.id,
);

/** Mondays from the first on or after `from` to `to`, by day arithmetic. */
function mondays(from: string, to: string): string[] {
  const out: string[] = [];
  for (let d = from; d <= to; d = plus(d, 1)) if (mondayOf(d) === d) out.push(d);
  return out;
}
const active = (monday: string, p: { activeFrom: string | null; activeTo: string | null }) =>
  (p.activeFrom === null || plus(monday, 6) >= p.activeFrom) && (p.activeTo === null || monday <= p.activeTo);

/** Point → Mondays of the weeks with a row in `rows`. */
function reportedWeeks(rows = flows()): Map<string, Set<string>> {
  const m = new Map<string, Set<string>>();
  for (const r of rows) m.set(r.point!, (m.get(r.point!) ?? new Set()).add(mondayOf(r.date!)));
  return m;
}

const FROM = DATASET.dateRange.min; // 2018-12-01
const TO = DATASET.dateRange.max; // 2019-02-28
const WEEKS = mondays(FROM, TO);

async function get(url: string, role: Parameters<TestServer['inject']>[1] = 'programme'): Promise<CoverageResponse> {
  const res = await t.inject(url, role);
  expect(res.statusCode, res.body).toBe(200);
  return coverageResponse.parse(res.json());
}

describe('GET /api/v1/coverage, programme staff (weeks)', () => {
  it('says, per point and ISO week, whether it was active and reported, and the share of the period covered', async () => {
    const body = await get(`/api/v1/coverage?from=${FROM}&to=${TO}`);
    expect(body.unit).toBe('week');
    expect(body.reporting).toBe('weeks');
    expect(body.from).toBe(FROM);
    expect(body.to).toBe(TO);
    expect(body.dataAsOf).toBe(DATASET.dataAsOf);
    expect(body.steps).toEqual(WEEKS);
    expect(WEEKS.length).toBe(13);
    const reported = reportedWeeks();
    expect(body.points.map((p) => p.id).sort()).toEqual(POINTS.map((p) => p.id).sort());
    for (const p of POINTS) {
      const got = body.points.find((x) => x.id === p.id)!;
      const series = WEEKS.map((w) => (active(w, p) ? (reported.get(p.id)?.has(w) ? 1 : 0) : null));
      expect(got.series, p.id).toEqual(series);
      const act = series.filter((v) => v !== null).length;
      const rep = series.filter((v) => v === 1).length;
      expect(got.period, p.id).toEqual({ active: act, reported: rep, share: act === 0 ? null : Math.round((rep / act) * 1000) / 1000 });
      expect(got.activeFrom).toBe(p.activeFrom);
    }
  });

  it('never shows a gap as a zero: a point active without any row is a gap (0 reported), before its start it is not monitored (null)', async () => {
    const body = await get(`/api/v1/coverage?from=${FROM}&to=${TO}`);
    // Séguédine: active the whole period, no row at all.
    const seguedine = body.points.find((p) => p.id === 'seguedine-fmp')!;
    expect(seguedine.series.every((v) => v === 0)).toBe(true);
    expect(seguedine.period).toEqual({ active: 13, reported: 0, share: 0 });
    // Madama starts on 2019-01-01 (a Tuesday): the week of Monday 2018-12-31 is its first active week.
    const madama = body.points.find((p) => p.id === 'madama-fmp')!;
    expect(madama.series.slice(0, 4)).toEqual([null, null, null, null]);
    expect(madama.series[4]).toBe(0);
    // Agadez reported in 6 of the 13 weeks (the fixture's rows fall on 6 Mondays).
    expect(body.points.find((p) => p.id === 'agadez-fmp')!.period).toEqual({ active: 13, reported: 6, share: 0.462 });
  });

  it('adds point-weeks per route (its monitoring points), per region and overall', async () => {
    const body = await get(`/api/v1/coverage?from=${FROM}&to=${TO}`);
    const byId = new Map(body.points.map((p) => [p.id, p.period]));
    const add = (ids: string[]) => {
      const active = ids.reduce((s, id) => s + byId.get(id)!.active, 0);
      const reported = ids.reduce((s, id) => s + byId.get(id)!.reported, 0);
      return { active, reported, share: active === 0 ? null : Math.round((reported / active) * 1000) / 1000 };
    };
    expect(body.routes.map((r) => r.id).sort()).toEqual([...ROUTE_IDS].sort());
    for (const r of body.routes) {
      const ids = POINTS.filter((p) => p.routes.includes(r.id)).map((p) => p.id);
      expect(r.points.sort(), r.id).toEqual(ids.sort());
      expect({ active: r.active, reported: r.reported, share: r.share }, r.id).toEqual(add(ids));
    }
    // R5 (Séguédine, Madama): monitored but never reporting in the period.
    expect(body.routes.find((r) => r.id === 'R5')).toMatchObject({ reported: 0, share: 0 });
    for (const g of body.regions) {
      const ids = POINTS.filter((p) => p.admin1Pcode === g.pcode).map((p) => p.id);
      expect({ active: g.active, reported: g.reported, share: g.share }, g.pcode).toEqual(add(ids));
      if (ids.length === 0) expect(g.share, `${g.pcode} has no point: not monitored, not 0`).toBeNull();
    }
    expect(body.total).toEqual(add(POINTS.map((p) => p.id)));
  });

  it('clamps the period to the data and defaults to the last twelve months of data', async () => {
    const clamped = await get('/api/v1/coverage?from=2018-01-01&to=2020-12-31');
    expect([clamped.from, clamped.to]).toEqual([FROM, TO]);
    const byDefault = await get('/api/v1/coverage');
    expect([byDefault.from, byDefault.to]).toEqual([FROM, TO]);
    const january = await get('/api/v1/coverage?from=2019-01-01&to=2019-01-31');
    expect(january.steps).toEqual(mondays('2019-01-01', '2019-01-31'));
  });

  it('has no count of people in it', async () => {
    const res = await t.inject(`/api/v1/coverage?from=${FROM}&to=${TO}`);
    expect(res.body).not.toMatch(/"count"/);
  });
});

describe('GET /api/v1/coverage, outside roles (months)', () => {
  it.each(EXTERNAL_ROLES)('%s: per month, the share of its weeks (by Monday) that reported', async (role) => {
    const body = await get(`/api/v1/coverage?from=2018-12-01&to=2019-02-28`, role);
    expect(body.unit).toBe('month');
    expect(body.reporting).toBe('weeks');
    const months = ['2018-12-01', '2019-01-01', '2019-02-01'];
    expect(body.steps).toEqual(months);
    const reported = reportedWeeks();
    for (const p of POINTS) {
      const got = body.points.find((x) => x.id === p.id)!;
      const series = months.map((m) => {
        const weeks = WEEKS.filter((w) => w.slice(0, 7) === m.slice(0, 7) && active(w, p));
        if (weeks.length === 0) return null;
        return Math.round((weeks.filter((w) => reported.get(p.id)?.has(w)).length / weeks.length) * 1000) / 1000;
      });
      expect(got.series, p.id).toEqual(series);
    }
    // Agadez: December 2 of 5 Mondays, January 2 of 4, February 2 of 4.
    expect(body.points.find((p) => p.id === 'agadez-fmp')!.series).toEqual([0.4, 0.5, 0.5]);
  });

  it('whole months only, as for every published figure', async () => {
    const res = await t.inject('/api/v1/coverage?from=2019-01-07&to=2019-01-31', 'public');
    expect(res.statusCode).toBe(403);
    expect(res.headers['content-type']).toMatch(PROBLEM_JSON);
    expect(problem.parse(res.json()).errors?.map((e) => e.field)).toEqual(['from']);
  });

  it('with a small k, months only (reported or not), so reported weeks cannot bound a withheld cell', async () => {
    const small = t.another({ disclosure: { k: 5 } });
    const res = await small.inject('/api/v1/coverage?from=2018-12-01&to=2019-02-28', 'public');
    const body = coverageResponse.parse(res.json());
    expect(body.reporting).toBe('months');
    expect(body.points.find((p) => p.id === 'agadez-fmp')!.series).toEqual([1, 1, 1]);
    expect(body.points.find((p) => p.id === 'seguedine-fmp')!.series).toEqual([0, 0, 0]);
    // Programme staff are not affected.
    expect(coverageResponse.parse((await small.inject('/api/v1/coverage', 'programme')).json()).reporting).toBe('weeks');
  });
});

describe('a reported zero is not a gap', () => {
  it('a week whose only row counts 0 people reported', async () => {
    const dir = copyFixture();
    appendFileSync(join(dir, 'flows.csv'), '2019-01-21,seguedine-fmp,incoming,NGA,m,adult,car,0\n');
    const s = await startTestApp({ dataDir: dir });
    try {
      const res = await s.inject(`/api/v1/coverage?from=${FROM}&to=${TO}`);
      const seguedine = coverageResponse.parse(res.json()).points.find((p) => p.id === 'seguedine-fmp')!;
      expect(seguedine.series[WEEKS.indexOf('2019-01-21')]).toBe(1);
      expect(seguedine.period).toEqual({ active: 13, reported: 1, share: 0.077 });
    } finally {
      await s.close();
    }
  });
});

describe('bad input is a problem+json 400 naming the field', () => {
  it.each([
    ['from=2019-1-1', 'from'],
    ['to=2019-02-30', 'to'],
    ['from=2019-02-01&to=2019-01-01', 'to'],
    ['from=2030-01-01', 'from'],
    ['to=2010-01-31', 'to'],
    ['point=arlit-fmp', 'point'],
  ])('%s', async (qs, field) => {
    const res = await t.inject(`/api/v1/coverage?${qs}`);
    expect(res.statusCode, res.body).toBe(400);
    expect(res.headers['content-type']).toMatch(PROBLEM_JSON);
    expect(problem.parse(res.json()).errors?.map((e) => e.field)).toContain(field);
  });
});
