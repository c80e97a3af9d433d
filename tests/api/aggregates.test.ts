/** flows, assistance, returns: every groupBy value and every filter, against sums computed here from the fixture CSVs. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aggregateResponse, type AggregateResponse } from '../../src/shared/api';
import { ASSISTANCE_GROUP_BY, FLOW_GROUP_BY, RETURNS_GROUP_BY } from '../../src/shared/enums';
import {
  assistance,
  expectedGroups,
  flows,
  inPeriod,
  mondayOf,
  monthOf,
  product,
  regionOf,
  returns,
  routesOf,
  startTestApp,
  sum,
  yearOf,
  type CsvRow,
  type TestServer,
} from './helpers';

let t: TestServer;
let dateRange: { min: string; max: string };

beforeAll(async () => {
  t = await startTestApp();
  dateRange = (await t.inject('/api/v1/meta')).json().dateRange;
});
afterAll(async () => {
  await t?.close();
});

async function get(url: string): Promise<AggregateResponse> {
  const res = await t.inject(url);
  expect(res.statusCode, `${url}: ${res.body}`).toBe(200);
  expect(res.headers['content-type']).toMatch(/^application\/json/);
  return aggregateResponse.parse(res.json());
}

const FLOW_KEYS: Record<(typeof FLOW_GROUP_BY)[number], (r: CsvRow) => string[]> = {
  point: (r) => [r.point!],
  route: (r) => routesOf(r.point!),
  region: (r) => [regionOf(r.point!)!],
  week: (r) => [mondayOf(r.date!)],
  month: (r) => [monthOf(r.date!)],
  year: (r) => [yearOf(r.date!)],
  direction: (r) => [r.direction!],
  nationality: (r) => [r.nationality!],
  sex: (r) => [r.sex!],
  ageGroup: (r) => [r.age_group!],
  transport: (r) => [r.transport!],
};

const ASSISTANCE_KEYS: Record<(typeof ASSISTANCE_GROUP_BY)[number], (r: CsvRow) => string[]> = {
  centre: (r) => [r.centre!],
  region: (r) => [regionOf(r.centre!)!],
  service: (r) => [r.service!],
  week: (r) => [mondayOf(r.date!)],
  month: (r) => [monthOf(r.date!)],
  year: (r) => [yearOf(r.date!)],
  nationality: (r) => [r.nationality!],
  sex: (r) => [r.sex!],
  ageGroup: (r) => [r.age_group!],
};

const RETURNS_KEYS: Record<(typeof RETURNS_GROUP_BY)[number], (r: CsvRow) => string[]> = {
  destination: (r) => [r.destination!],
  centre: (r) => [r.centre!],
  month: (r) => [monthOf(r.date!)],
  year: (r) => [yearOf(r.date!)],
};

function keysFor<K extends string>(table: Record<K, (r: CsvRow) => string[]>, dims: K[]) {
  return (r: CsvRow) => product(dims.map((d) => table[d](r)));
}

describe('GET /api/v1/flows', () => {
  it('without groupBy answers one total row over the whole data range', async () => {
    const body = await get('/api/v1/flows');
    expect(body.groupBy).toEqual([]);
    expect(body.rows).toEqual([{ count: sum(flows()) }]);
    expect(body.total).toBe(sum(flows()));
    expect(body.from).toBe(dateRange.min);
    expect(body.to).toBe(dateRange.max);
    expect(body.dataVersion).toMatch(/^[0-9a-f]{12}$/);
  });

  it.each(FLOW_GROUP_BY.map((g) => [g]))('groupBy=%s sums exactly', async (g) => {
    const body = await get(`/api/v1/flows?groupBy=${g}`);
    expect(body.groupBy).toEqual([g]);
    expect(body.rows).toEqual(expectedGroups(flows(), [g], keysFor(FLOW_KEYS, [g])));
    for (const row of body.rows) expect(Number.isInteger(row.count)).toBe(true);
    if (g === 'route') {
      // A point observing two routes appears under both; the total counts it once and leaves out unrouted points.
      expect(body.total).toBe(sum(flows().filter((r) => routesOf(r.point!).length > 0)));
      expect(body.rows.find((r) => r.route === 'R3b')).toBeDefined();
    } else {
      expect(body.total).toBe(sum(flows()));
    }
  });

  it.each([
    [['point', 'month']],
    [['region', 'direction', 'sex']],
    [['route', 'week']],
    [['year', 'nationality', 'ageGroup']],
    [['transport', 'point']],
  ] as Array<[Array<(typeof FLOW_GROUP_BY)[number]>]>)('groupBy=%j keeps the requested column order', async (dims) => {
    const body = await get(`/api/v1/flows?groupBy=${dims.join(',')}`);
    expect(body.groupBy).toEqual(dims);
    expect(body.rows).toEqual(expectedGroups(flows(), dims, keysFor(FLOW_KEYS, dims)));
  });

  it('accepts groupBy repeated as ?groupBy=a&groupBy=b', async () => {
    const body = await get('/api/v1/flows?groupBy=point&groupBy=sex');
    expect(body.rows).toEqual(expectedGroups(flows(), ['point', 'sex'], keysFor(FLOW_KEYS, ['point', 'sex'])));
  });

  const rows = flows();
  const dates = [...new Set(rows.map((r) => r.date!))].sort();
  const [d1, d2] = [dates[1]!, dates[dates.length - 2]!];
  const r3Points = ['agadez-fmp', 'tahoua-fmp'];

  it.each<[string, (r: CsvRow) => boolean]>([
    [`from=${d1}`, inPeriod(d1)],
    [`to=${d2}`, inPeriod(undefined, d2)],
    [`from=${d1}&to=${d1}`, (r) => r.date === d1],
    [`from=${d1}&to=${d2}`, inPeriod(d1, d2)],
    ['direction=incoming', (r) => r.direction === 'incoming'],
    ['direction=outgoing', (r) => r.direction === 'outgoing'],
    ['nationality=NGA', (r) => r.nationality === 'NGA'],
    ['nationality=NGA,MLI', (r) => ['NGA', 'MLI'].includes(r.nationality!)],
    ['nationality=NGA&nationality=SEN', (r) => ['NGA', 'SEN'].includes(r.nationality!)],
    ['sex=f', (r) => r.sex === 'f'],
    ['ageGroup=minor', (r) => r.age_group === 'minor'],
    ['transport=bus', (r) => r.transport === 'bus'],
    ['point=arlit-fmp', (r) => r.point === 'arlit-fmp'],
    ['point=arlit-fmp,danissa-fmp', (r) => ['arlit-fmp', 'danissa-fmp'].includes(r.point!)],
    ['route=R3', (r) => r3Points.includes(r.point!)],
    ['route=R3,R3b', (r) => r3Points.includes(r.point!)],
    ['route=R4', (r) => routesOf(r.point!).includes('R4')],
    ['route=R1', () => false],
    ['region=NE001', (r) => regionOf(r.point!) === 'NE001'],
    ['region=NE005,NE007', (r) => ['NE005', 'NE007'].includes(regionOf(r.point!)!)],
    ['point=madama-fmp', () => false],
    [`direction=incoming&sex=m&ageGroup=adult&from=${d1}`, (r) => r.direction === 'incoming' && r.sex === 'm' && r.age_group === 'adult' && r.date! >= d1],
  ])('filter %s', async (qs, keep) => {
    const body = await get(`/api/v1/flows?${qs}`);
    const expected = sum(rows.filter(keep));
    expect(body.total).toBe(expected);
    expect(body.rows).toEqual([{ count: expected }]);
  });

  it('route filter with groupBy=route shows only the requested routes, each with its points', async () => {
    const body = await get('/api/v1/flows?route=R3b,R4&groupBy=route');
    expect(body.rows).toEqual(
      expectedGroups(rows, ['route'], (r) =>
        routesOf(r.point!)
          .filter((x) => ['R3b', 'R4'].includes(x))
          .map((x) => [x]),
      ),
    );
    expect(body.total).toBe(sum(rows.filter((r) => routesOf(r.point!).some((x) => ['R3b', 'R4'].includes(x)))));
  });

  it('groupBy=route with direction and nationality filters: rows and the de-duplicated total, asked twice (prepared statement reused)', async () => {
    for (const [dir, nat] of [
      ['incoming', 'NGA'],
      ['outgoing', 'MLI'],
      ['incoming', 'NGA'],
    ] as const) {
      const body = await get(`/api/v1/flows?groupBy=route&direction=${dir}&nationality=${nat}&from=${d1}`);
      const keep = rows.filter((r) => r.direction === dir && r.nationality === nat && r.date! >= d1);
      expect(body.rows).toEqual(expectedGroups(keep, ['route'], (r) => routesOf(r.point!).map((x) => [x])));
      expect(body.total).toBe(sum(keep.filter((r) => routesOf(r.point!).length > 0)));
    }
  });

  it('filters and groups together', async () => {
    const body = await get(`/api/v1/flows?region=NE001&direction=outgoing&groupBy=point,month&from=${d1}`);
    const keep = rows.filter((r) => regionOf(r.point!) === 'NE001' && r.direction === 'outgoing' && r.date! >= d1);
    expect(body.rows).toEqual(expectedGroups(keep, ['point', 'month'], keysFor(FLOW_KEYS, ['point', 'month'])));
    expect(body.total).toBe(sum(keep));
    expect(body.from).toBe(d1);
    expect(body.to).toBe(dateRange.max);
  });

  it('a period without data answers zero, not an error', async () => {
    const body = await get('/api/v1/flows?from=2001-01-01&to=2001-12-31&groupBy=point');
    expect(body.rows).toEqual([]);
    expect(body.total).toBe(0);
    const single = await get('/api/v1/flows?from=2001-01-01&to=2001-12-31');
    expect(single.rows).toEqual([{ count: 0 }]);
  });
});

describe('GET /api/v1/assistance', () => {
  it('total over the whole range', async () => {
    const body = await get('/api/v1/assistance');
    expect(body.rows).toEqual([{ count: sum(assistance()) }]);
  });

  it.each(ASSISTANCE_GROUP_BY.map((g) => [g]))('groupBy=%s sums exactly', async (g) => {
    const body = await get(`/api/v1/assistance?groupBy=${g}`);
    expect(body.rows).toEqual(expectedGroups(assistance(), [g], keysFor(ASSISTANCE_KEYS, [g])));
    expect(body.total).toBe(sum(assistance()));
  });

  it('groupBy=centre,service,month', async () => {
    const dims = ['centre', 'service', 'month'] as const;
    const body = await get(`/api/v1/assistance?groupBy=${dims.join(',')}`);
    expect(body.rows).toEqual(expectedGroups(assistance(), [...dims], keysFor(ASSISTANCE_KEYS, [...dims])));
  });

  const rows = assistance();
  it.each<[string, (r: CsvRow) => boolean]>([
    ['centre=agadez-tc', (r) => r.centre === 'agadez-tc'],
    ['centre=agadez-tc,niamey-tc', (r) => ['agadez-tc', 'niamey-tc'].includes(r.centre!)],
    ['service=shelter_food', (r) => r.service === 'shelter_food'],
    ['service=health,counselling', (r) => ['health', 'counselling'].includes(r.service!)],
    ['nationality=MLI', (r) => r.nationality === 'MLI'],
    ['sex=m', (r) => r.sex === 'm'],
    ['ageGroup=minor', (r) => r.age_group === 'minor'],
    ['from=2019-01-01&to=2019-01-31', inPeriod('2019-01-01', '2019-01-31')],
    ['centre=dirkou-tc', () => false],
  ])('filter %s', async (qs, keep) => {
    const body = await get(`/api/v1/assistance?${qs}`);
    expect(body.total).toBe(sum(rows.filter(keep)));
  });
});

describe('GET /api/v1/returns', () => {
  it('total over the whole range', async () => {
    const body = await get('/api/v1/returns');
    expect(body.rows).toEqual([{ count: sum(returns()) }]);
  });

  it.each(RETURNS_GROUP_BY.map((g) => [g]))('groupBy=%s sums exactly', async (g) => {
    const body = await get(`/api/v1/returns?groupBy=${g}`);
    expect(body.rows).toEqual(expectedGroups(returns(), [g], keysFor(RETURNS_KEYS, [g])));
    expect(body.total).toBe(sum(returns()));
  });

  it('groupBy=destination,centre,year', async () => {
    const dims = ['destination', 'centre', 'year'] as const;
    const body = await get(`/api/v1/returns?groupBy=${dims.join(',')}`);
    expect(body.rows).toEqual(expectedGroups(returns(), [...dims], keysFor(RETURNS_KEYS, [...dims])));
  });

  const rows = returns();
  it.each<[string, (r: CsvRow) => boolean]>([
    ['centre=arlit-tc', (r) => r.centre === 'arlit-tc'],
    ['destination=NGA,GIN', (r) => ['NGA', 'GIN'].includes(r.destination!)],
    ['from=2019-01-01', inPeriod('2019-01-01')],
    ['to=2018-12-31', inPeriod(undefined, '2018-12-31')],
    ['destination=BEN', () => false],
  ])('filter %s', async (qs, keep) => {
    const body = await get(`/api/v1/returns?${qs}`);
    expect(body.total).toBe(sum(rows.filter(keep)));
  });
});

describe('?format=csv', () => {
  it('answers RFC 4180 CSV with a header of the groupBy columns and count', async () => {
    const res = await t.inject('/api/v1/flows?groupBy=point,month&format=csv');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="transit-atlas_flows_[0-9-]+_[0-9-]+_by-point-month\.csv"$/);
    expect(res.body.endsWith('\r\n')).toBe(true);
    const lines = res.body.trimEnd().split('\r\n');
    expect(lines[0]).toBe('point,month,count');
    const expected = expectedGroups(flows(), ['point', 'month'], keysFor(FLOW_KEYS, ['point', 'month']));
    expect(lines.slice(1)).toEqual(expected.map((e) => `${e.point},${e.month},${e.count}`));
  });

  it('without groupBy is a single count', async () => {
    const res = await t.inject('/api/v1/returns?format=csv');
    expect(res.body).toBe(`count\r\n${sum(returns())}\r\n`);
  });

  it('works for assistance and matches the JSON answer', async () => {
    const csv = await t.inject('/api/v1/assistance?groupBy=service&format=csv');
    const json = await get('/api/v1/assistance?groupBy=service');
    expect(csv.body.trimEnd().split('\r\n').slice(1)).toEqual(json.rows.map((r) => `${r.service},${r.count}`));
  });

  it('rejects an unknown format', async () => {
    const res = await t.inject('/api/v1/flows?format=xml');
    expect(res.statusCode).toBe(400);
    expect(res.json().errors[0].field).toBe('format');
  });
});

describe('concurrency', () => {
  it('many different queries at once all answer what they answer one by one', async () => {
    const urls = [
      ...FLOW_GROUP_BY.map((g) => `/api/v1/flows?groupBy=${g},sex&direction=incoming`),
      ...ASSISTANCE_GROUP_BY.map((g) => `/api/v1/assistance?groupBy=${g}&sex=f`),
      ...RETURNS_GROUP_BY.map((g) => `/api/v1/returns?groupBy=${g}&to=2019-01-31`),
    ];
    const parallel = await Promise.all(urls.map((u) => t.inject(u)));
    // A fresh app (empty cache) over the same store, one at a time.
    const fresh = t.another();
    for (const [i, u] of urls.entries()) {
      const one = await fresh.inject(u);
      expect(parallel[i]!.statusCode).toBe(200);
      expect(parallel[i]!.body, u).toBe(one.body);
    }
  });
});
