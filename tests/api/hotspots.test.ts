/** GET /api/v1/hotspots over the mini fixture: sums per region computed here from the CSVs and places.geojson. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ANOMALY_METHOD, ANOMALY_METHOD_MONTHLY, robustAnomaly } from '../../src/server/analytics/anomaly';
import { relativeChange } from '../../src/server/analytics/hotspots';
import { aggregateResponse, hotspotsResponse, problem, type HotspotsResponse } from '../../src/shared/api';
import { ROLES } from '../../src/shared/enums';
import {
  assistance,
  FIXTURE_DIR,
  flows,
  flows as flowsRows,
  inPeriod,
  mondayOf,
  PROBLEM_JSON,
  readPlaces,
  regionOf,
  startTestApp,
  sum,
  type CsvRow,
  type TestServer,
} from './helpers';

let t: TestServer;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t?.close();
});

const REGIONS = (
  JSON.parse(readFileSync(join(FIXTURE_DIR, 'niger-admin1.geojson'), 'utf8')) as { features: Array<{ properties: { pcode: string; name: string } }> }
).features.map((f) => f.properties);

const DAY = 86_400_000;
const addDays = (d: string, n: number) => new Date(new Date(`${d}T00:00:00Z`).getTime() + n * DAY).toISOString().slice(0, 10);

function flowsIn(pcode: string, from: string, to: string): number {
  return sum(
    flows()
      .filter((r) => regionOf(r.point!) === pcode)
      .filter(inPeriod(from, to)),
  );
}
/** A monitoring point in the region has rows (zeros included) from the previous period's start to the period's end. */
function monitoredIn(pcode: string, previousFrom: string, to: string): boolean {
  return flows().some((r) => regionOf(r.point!) === pcode && inPeriod(previousFrom, to)(r));
}
function assistedIn(pcode: string, from: string, to: string): number {
  return sum(
    assistance()
      .filter((r) => r.service === 'shelter_food' && regionOf(r.centre!) === pcode)
      .filter(inPeriod(from, to)),
  );
}

async function get(url: string, role?: (typeof ROLES)[number]): Promise<HotspotsResponse> {
  const res = await t.inject(url, role);
  expect(res.statusCode, `${url}: ${res.body}`).toBe(200);
  expect(res.headers['content-type']).toMatch(/^application\/json/);
  return hotspotsResponse.parse(res.json());
}

function expectRanked(body: HotspotsResponse) {
  const values = body.regions.map((r) => r.flows ?? -1);
  expect(values).toEqual([...values].sort((a, b) => b - a));
}

describe('GET /api/v1/hotspots', () => {
  it('answers all 8 regions, ranked by flows, with sums and the previous period computed from the fixture', async () => {
    const from = '2019-01-01';
    const to = '2019-02-28';
    const body = await get(`/api/v1/hotspots?from=${from}&to=${to}`);
    expect(body).toMatchObject({ from, to, previousFrom: '2018-11-01', previousTo: '2018-12-31' });
    expect(body.dataVersion).toMatch(/^[0-9a-f]{12}$/);
    expect(body.method).toMatch(/z-score/);
    expect(body.regions.map((r) => r.pcode).sort()).toEqual(REGIONS.map((r) => r.pcode).sort());
    expect(body.regions).toHaveLength(8);
    expectRanked(body);
    for (const r of body.regions) {
      const flows = flowsIn(r.pcode, from, to);
      const previous = flowsIn(r.pcode, '2018-11-01', '2018-12-31');
      expect(r.name).toBe(REGIONS.find((x) => x.pcode === r.pcode)!.name);
      expect(r.assisted, r.pcode).toBe(assistedIn(r.pcode, from, to));
      expect(r.monitored, r.pcode).toBe(monitoredIn(r.pcode, '2018-11-01', to));
      expect(r.flowsSuppressed).toBeUndefined();
      if (!r.monitored) {
        expect(r, r.pcode).toMatchObject({ flows: null, previousFlows: null, change: null, anomaly: { score: null, flag: false } });
        continue;
      }
      expect(r.flows, r.pcode).toBe(flows);
      expect(r.previousFlows, r.pcode).toBe(previous);
      if (previous === 0) expect(r.change).toBeNull();
      else expect(r.change).toBeCloseTo((flows - previous) / previous, 4);
    }
    // The fixture has monitoring points in Agadez, Tahoua, Maradi and Zinder only: the other regions are present,
    // not monitored (no count at all, rather than zero people), ranked last.
    expect(body.regions.slice(0, 4).map((r) => r.monitored)).toEqual([true, true, true, true]);
    expect(body.regions.slice(4).map((r) => [r.monitored, r.flows])).toEqual(Array(4).fill([false, null]));
    expect(body.regions[0]!.pcode).toBe('NE001');
    expect(body.regions.find((r) => r.pcode === 'NE008')!.assisted).toBe(assistedIn('NE008', from, to));
  });

  it('takes the same number of days before a period that is not whole months', async () => {
    const body = await get('/api/v1/hotspots?from=2019-01-14&to=2019-01-27');
    expect(body).toMatchObject({ previousFrom: '2018-12-31', previousTo: '2019-01-13' });
    for (const r of body.regions) {
      if (!r.monitored) continue;
      expect(r.flows).toBe(flowsIn(r.pcode, '2019-01-14', '2019-01-27'));
      expect(r.previousFlows).toBe(flowsIn(r.pcode, '2018-12-31', '2019-01-13'));
    }
    const agadez = body.regions.find((r) => r.pcode === 'NE001')!;
    expect(agadez.change).toBeCloseTo((223 + 26 + 334 - (115 + 20 + 283 + 188)) / (115 + 20 + 283 + 188), 4);
  });

  it('defaults to the last twelve months of data (here the whole fixture) and the months before it', async () => {
    const { min, max } = t.store.info().dateRange;
    const body = await get('/api/v1/hotspots');
    expect(body).toMatchObject({ from: min, to: max, previousFrom: '2018-09-01', previousTo: '2018-11-30' });
    for (const r of body.regions) {
      expect(r.monitored).toBe(monitoredIn(r.pcode, min, max));
      expect(r.flows).toBe(r.monitored ? flowsIn(r.pcode, min, max) : null);
      expect(r.previousFlows).toBe(r.monitored ? 0 : null);
      expect(r.change).toBeNull();
    }
  });

  it('scores each region by its weekly flows: last 4 weeks up to `to` against the weeks before, inside the data', async () => {
    const to = '2019-02-28';
    const body = await get(`/api/v1/hotspots?from=2019-02-01&to=${to}`);
    const { min } = t.store.info().dateRange; // 2018-12-01: its week starts Monday 2018-11-26
    const recent = ['2019-02-04', '2019-02-11', '2019-02-18', '2019-02-25'];
    const baseline: string[] = [];
    for (let m = mondayOf(min); m < recent[0]!; m = addDays(m, 7)) baseline.push(m);
    expect(baseline).toHaveLength(10);
    for (const r of body.regions) {
      if (!r.monitored) {
        expect(r.anomaly, r.pcode).toEqual({ score: null, flag: false });
        continue;
      }
      const weekly = (m: string) => sum(flows().filter((x: CsvRow) => regionOf(x.point!) === r.pcode && mondayOf(x.date!) === m));
      const expected = robustAnomaly(baseline.map(weekly), recent.map(weekly));
      expect(r.anomaly, r.pcode).toEqual(expected);
    }
    // Agadez: a baseline of mostly empty weeks against four weeks of hundreds → an unusual rise.
    expect(body.regions.find((r) => r.pcode === 'NE001')!.anomaly.flag).toBe(true);
    expect(body.regions.find((r) => r.pcode === 'NE001')!.anomaly.score!).toBeGreaterThan(3.5);
    // Dosso has no monitoring point: no score, rather than a score of 0 for a series of zeros.
    expect(body.regions.find((r) => r.pcode === 'NE003')!.anomaly).toEqual({ score: null, flag: false });
  });

  it('explains each score in `detail`: the weeks it compares, their levels, the ratio and the points (region panel)', async () => {
    const to = '2019-02-28';
    const body = await get(`/api/v1/hotspots?from=2019-02-01&to=${to}`);
    const recent = ['2019-02-04', '2019-02-11', '2019-02-18', '2019-02-25'];
    const baseline: string[] = [];
    for (let m = mondayOf(t.store.info().dateRange.min); m < recent[0]!; m = addDays(m, 7)) baseline.push(m);
    expect(body.windows).toEqual({ unit: 'week', recentFrom: '2019-02-04', recentTo: to, baselineFrom: baseline[0], baselineTo: '2019-02-03' });
    const points = readPlaces().filter((p) => p.kind === 'monitoring_point');
    let checked = 0;
    for (const r of body.regions) {
      if (!r.monitored) {
        expect(r.detail, r.pcode).toBeUndefined();
        continue;
      }
      const weekly = (m: string) => sum(flows().filter((x: CsvRow) => regionOf(x.point!) === r.pcode && mondayOf(x.date!) === m));
      const d = r.detail!;
      expect(d.unit).toBe('week');
      expect(d.series).toEqual([
        ...baseline.map((start) => ({ start, window: 'baseline', count: weekly(start) })),
        ...recent.map((start) => ({ start, window: 'recent', count: weekly(start) })),
      ]);
      const level = recent.map(weekly).reduce((a, b) => a + b, 0) / 4;
      const sorted = baseline.map(weekly).sort((a, b) => a - b);
      const median = (sorted[4]! + sorted[5]!) / 2;
      expect(d.recentLevel, r.pcode).toBe(Math.round(level * 10) / 10);
      expect(d.baselineMedian, r.pcode).toBe(median);
      // the fixture's baselines are mostly empty weeks (median 0): no ratio then (tests/unit/hotspots-detail.test.ts has ratios)
      if (median > 0) expect(d.ratio, r.pcode).toBe(Math.round((Math.round(level * 10) / 10 / median) * 10) / 10);
      else expect(d.ratio, r.pcode).toBeNull();
      checked++;
      // every monitoring point of the region, with its exact count over the recent window
      expect(d.points.map((p) => p.id).sort()).toEqual(
        points
          .filter((p) => p.admin1Pcode === r.pcode)
          .map((p) => p.id)
          .sort(),
      );
      for (const p of d.points.filter((x) => x.active)) {
        expect(p.count, p.id).toBe(
          sum(
            flows()
              .filter((x) => x.point === p.id)
              .filter(inPeriod(recent[0], to)),
          ),
        );
      }
    }
    expect(checked).toBe(4);
  });

  it('gives no score when the period ends too early for a baseline', async () => {
    const body = await get('/api/v1/hotspots?from=2018-12-01&to=2018-12-31');
    for (const r of body.regions) expect(r.anomaly).toEqual({ score: null, flag: false });
  });

  it('answers CSV (RFC 4180, header row, ranked rows)', async () => {
    const res = await t.inject('/api/v1/hotspots?from=2019-01-01&to=2019-02-28&format=csv');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toBe('attachment; filename="transit-atlas_hotspots_2019-01-01_2019-02-28.csv"');
    const lines = res.body.split('\r\n');
    expect(lines.at(-1)).toBe('');
    expect(lines[0]).toBe('rank,pcode,name,monitored,flows,previousFlows,change,assisted,anomalyScore,anomalyFlag');
    expect(lines).toHaveLength(1 + 8 + 1);
    const json = await get('/api/v1/hotspots?from=2019-01-01&to=2019-02-28');
    json.regions.forEach((r, i) => {
      const cells = lines[i + 1]!.split(',');
      const cell = (v: unknown) => (v === null ? '' : String(v));
      expect(cells.slice(0, 6)).toEqual([String(i + 1), r.pcode, r.name, String(r.monitored), cell(r.flows), cell(r.previousFlows)]);
      expect(cells[7]).toBe(String(r.assisted));
      expect(cells[9]).toBe(String(r.anomaly.flag));
    });
  });

  it.each([
    ['from=2019-13-01', 'from'],
    ['from=2019-02-30', 'from'],
    ['to=yesterday', 'to'],
    ['from=2019-02-01&to=2019-01-01', 'to'],
    ['format=xml', 'format'],
    ['bogus=1', 'bogus'],
    ['groupBy=region', 'groupBy'],
  ])('?%s → 400 problem naming %s', async (qs, field) => {
    const res = await t.inject(`/api/v1/hotspots?${qs}`);
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toMatch(PROBLEM_JSON);
    const body = problem.parse(res.json());
    expect(body.errors?.map((e) => e.field)).toContain(field);
  });
});

describe('GET /api/v1/hotspots by role', () => {
  const url = '/api/v1/hotspots?from=2019-01-01&to=2019-02-28';

  it.each([
    ['public', 401],
    ['donor', 403],
    ['government', 200],
    ['programme', 200],
    ['admin', 200],
  ] as const)('%s → %i', async (role, status) => {
    const res = await t.inject(url, role);
    expect(res.statusCode).toBe(status);
    if (status !== 200) {
      expect(res.headers['content-type']).toMatch(PROBLEM_JSON);
      expect(problem.parse(res.json()).status).toBe(status);
      return;
    }
    const body = hotspotsResponse.parse(res.json());
    expect(body.regions).toHaveLength(8);
    expectRanked(body);
  });

  it('programme gets exact counts without a disclosure note', async () => {
    const body = await get(url, 'programme');
    expect(body.disclosure).toBeUndefined();
    expect(body.method).toBe(ANOMALY_METHOD);
    expect(body.regions.find((r) => r.pcode === 'NE001')!.flows).toBe(flowsIn('NE001', '2019-01-01', '2019-02-28'));
  });
});

describe('GET /api/v1/hotspots for government liaisons: sums of published month cells', () => {
  const CELL_KEY = { method: 'cell-key', k: 10, maxNoise: 3, resolution: 'month' };
  const protectedGet = (url: string) => get(url, 'government');
  /** The same role's flows (and people assisted) per region over a period: published cells too. */
  async function perRegion(endpoint: 'flows' | 'assistance', from: string, to: string, extra = '') {
    const res = await t.inject(`/api/v1/${endpoint}?groupBy=region&from=${from}&to=${to}${extra}`, 'government');
    expect(res.statusCode, res.body).toBe(200);
    const body = aggregateResponse.parse(res.json());
    return new Map(body.rows.map((r) => [r.region!, r]));
  }

  it('flows, previous flows and people assisted are what the same role’s tables publish, within the noise of the truth', async () => {
    const body = await protectedGet('/api/v1/hotspots?from=2019-02-01&to=2019-02-28');
    expect(body).toMatchObject({ from: '2019-02-01', to: '2019-02-28', previousFrom: '2019-01-01', previousTo: '2019-01-31' });
    expect(body.disclosure).toEqual(CELL_KEY);
    expect(body.method).toBe(ANOMALY_METHOD_MONTHLY);
    const flows = await perRegion('flows', '2019-02-01', '2019-02-28');
    const previous = await perRegion('flows', '2019-01-01', '2019-01-31');
    const assisted = await perRegion('assistance', '2019-02-01', '2019-02-28', '&service=shelter_food');
    const points = (pcode: string) =>
      new Set(
        flowsRows()
          .filter((r) => regionOf(r.point!) === pcode)
          .map((r) => r.point),
      ).size;
    let differs = 0;
    for (const r of body.regions) {
      if (!r.monitored) {
        expect(r, r.pcode).toMatchObject({ flows: null, previousFlows: null, change: null });
        expect(r.flowsSuppressed).toBeUndefined();
        continue;
      }
      // the same published cells, however asked
      expect(r.flows, r.pcode).toBe(flows.get(r.pcode)?.count ?? 0);
      expect(r.previousFlows, r.pcode).toBe(previous.get(r.pcode)?.count ?? 0);
      expect(r.assisted, r.pcode).toBe(assisted.get(r.pcode)?.count ?? 0);
      expect(r.change).toBe(relativeChange(r.flows, r.previousFlows));
      // each point-month cell within ±3 of the truth
      const exact = flowsIn(r.pcode, '2019-02-01', '2019-02-28');
      expect(Math.abs(r.flows! - exact), r.pcode).toBeLessThanOrEqual(3 * points(r.pcode));
      if (r.flows !== exact) differs++;
    }
    expect(differs).toBeGreaterThan(0); // the counts are perturbed, not exact
  });

  it('answers whole months only: 403 naming from/to otherwise', async () => {
    const res = await t.inject('/api/v1/hotspots?from=2019-01-14&to=2019-01-27', 'government');
    expect(res.statusCode).toBe(403);
    expect(res.headers['content-type']).toMatch(PROBLEM_JSON);
    expect(
      problem
        .parse(res.json())
        .errors?.map((e) => e.field)
        .sort(),
    ).toEqual(['from', 'to']);
  });

  it('clamps a period reaching past the data to its whole months, and compares with whole months (issue 11)', async () => {
    const past = await protectedGet('/api/v1/hotspots?from=2019-02-01&to=2030-12-31');
    expect(past).toMatchObject({ from: '2019-02-01', to: '2019-02-28', previousFrom: '2019-01-01', previousTo: '2019-01-31' });
    expect(past.regions).toEqual((await protectedGet('/api/v1/hotspots?from=2019-02-01&to=2019-02-28')).regions);
    const before = await protectedGet('/api/v1/hotspots?from=1990-01-01&to=2019-01-31');
    expect(before).toMatchObject({ from: '2018-12-01', to: '2019-01-31', previousFrom: '2018-10-01', previousTo: '2018-11-30' });
    // a period entirely outside the data: 400 naming the end that lies outside
    const outside = await t.inject('/api/v1/hotspots?from=2030-01-01&to=2030-12-31', 'government');
    expect(outside.statusCode).toBe(400);
    expect(problem.parse(outside.json()).errors?.map((e) => e.field)).toEqual(['from']);
  });

  it('defaults to the whole months of the last twelve months of data; a previous period before the data is left out, not zero', async () => {
    const { min, max } = t.store.info().dateRange;
    const body = await protectedGet('/api/v1/hotspots');
    expect(body).toMatchObject({ from: min, to: max, previousFrom: '2018-09-01', previousTo: '2018-11-30' });
    for (const r of body.regions) {
      expect(r.previousFlows, r.pcode).toBeNull();
      expect(r.previousFlowsSuppressed).toBeUndefined();
      expect(r.change).toBeNull();
    }
  });

  it('scores months, not weeks: with fewer than 4 published months before `to` there is no score', async () => {
    const body = await protectedGet('/api/v1/hotspots?from=2019-02-01&to=2019-02-28');
    for (const r of body.regions) expect(r.anomaly, r.pcode).toEqual({ score: null, flag: false });
    // the exact answer scores Agadez's weeks (see above)
    expect((await get('/api/v1/hotspots?from=2019-02-01&to=2019-02-28', 'programme')).regions.find((r) => r.pcode === 'NE001')!.anomaly.flag).toBe(true);
  });

  it('the region detail is made of the published months and point cells the flows endpoint gives', async () => {
    const body = await protectedGet('/api/v1/hotspots?from=2019-02-01&to=2019-02-28');
    expect(body.windows).toEqual({ unit: 'month', recentFrom: '2019-02-01', recentTo: '2019-02-28', baselineFrom: '2018-12-01', baselineTo: '2019-01-31' });
    const res = await t.inject('/api/v1/flows?groupBy=region,month&from=2018-12-01&to=2019-02-28', 'government');
    const months = aggregateResponse.parse(res.json()).rows;
    const pointRes = await t.inject('/api/v1/flows?groupBy=point&from=2019-02-01&to=2019-02-28', 'government');
    const byPoint = aggregateResponse.parse(pointRes.json()).rows;
    let checked = 0;
    for (const r of body.regions.filter((x) => x.monitored)) {
      const d = r.detail!;
      expect(d.unit).toBe('month');
      expect(d.series.map((s) => [s.start, s.window])).toEqual([
        ['2018-12-01', 'baseline'],
        ['2019-01-01', 'baseline'],
        ['2019-02-01', 'recent'],
      ]);
      for (const s of d.series) {
        const m = months.find((x) => x.region === r.pcode && x.month === s.start);
        expect(s.count, `${r.pcode} ${s.start}`).toBe(m ? m.count : 0);
        expect(s.suppressed === true).toBe(m?.suppressed === true);
        checked++;
      }
      // two baseline months are fewer than the score needs: no median, no ratio (as no score)
      expect(d.baselineMedian).toBeNull();
      expect(d.ratio).toBeNull();
      expect(d.recentLevel).toBe(d.series[2]!.count);
      for (const p of d.points.filter((x) => x.active)) {
        const row = byPoint.find((x) => x.point === p.id);
        expect(p.count, p.id).toBe(row ? row.count : 0);
      }
    }
    expect(checked).toBeGreaterThan(5);
  });

  it('the same cells for the same secret: two apps agree, another secret differs', async () => {
    const secret = 's'.repeat(64);
    const a = t.another({ cellKeySecret: secret });
    const b = t.another({ cellKeySecret: secret });
    const c = t.another({ cellKeySecret: 'z'.repeat(64) });
    const q = '/api/v1/hotspots?from=2018-12-01&to=2019-01-31';
    const [ra, rb, rc] = await Promise.all([a.inject(q, 'government'), b.inject(q, 'government'), c.inject(q, 'government')]);
    expect(rb.body).toBe(ra.body);
    expect(rc.body).not.toBe(ra.body);
  });

  it('answers CSV with the withheld, perturbed and partial columns', async () => {
    const json = await protectedGet('/api/v1/hotspots?from=2019-01-01&to=2019-02-28');
    const res = await t.inject('/api/v1/hotspots?from=2019-01-01&to=2019-02-28&format=csv', 'government');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    const lines = res.body.split('\r\n');
    expect(lines[0]).toBe(
      'rank,pcode,name,monitored,flows,previousFlows,change,assisted,anomalyScore,anomalyFlag,' +
        'flowsSuppressed,previousFlowsSuppressed,assistedSuppressed,perturbed,flowsPartial,previousFlowsPartial,assistedPartial',
    );
    expect(lines).toHaveLength(1 + 8 + 1);
    const cell = (v: unknown) => (v === null ? '' : String(v));
    json.regions.forEach((r, i) => {
      expect(lines[i + 1]).toBe(
        [
          i + 1,
          r.pcode,
          r.name,
          r.monitored,
          cell(r.flows),
          cell(r.previousFlows),
          cell(r.change),
          cell(r.assisted),
          cell(r.anomaly.score),
          r.anomaly.flag,
          r.flowsSuppressed === true,
          r.previousFlowsSuppressed === true,
          r.assistedSuppressed === true,
          true,
          r.flowsPartial === true,
          r.previousFlowsPartial === true,
          r.assistedPartial === true,
        ].join(','),
      );
    });
  });
});

describe('GET /api/v1/hotspots in the API description', () => {
  it('is documented in the OpenAPI document with its parameters', async () => {
    const res = await t.inject('/api/v1/openapi.json');
    expect(res.statusCode).toBe(200);
    const op = res.json().paths['/api/v1/hotspots']?.get;
    expect(op).toBeDefined();
    expect(op.parameters.map((p: { name: string }) => p.name).sort()).toEqual(['format', 'from', 'to']);
  });

  it.each(ROLES.map((r) => [r]))('is listed in the %s session access summary only when the role may use it', async (role) => {
    const res = await t.inject('/api/v1/session', role);
    expect(res.statusCode).toBe(200);
    expect(res.json().access.hotspots !== undefined).toBe(['government', 'programme', 'admin'].includes(role));
  });
});
