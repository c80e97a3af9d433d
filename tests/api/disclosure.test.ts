/**
 * Disclosure control as served to outside roles (signed out, donors, government liaisons): every answer is a sum of
 * published cells — a calendar month (or year) × a monitoring point or transit centre × at most one breakdown — each
 * perturbed once by the cell-key method under the server's secret (k = 10, noise at most ±3 by default).
 *
 * Checked over the real server and a real DuckDB file: the flags on rows and the method in each answer; every cell
 * against the truth computed here from the fixture CSVs; the same cell with the same value however it is asked (point,
 * region, route, period, breakdown, role); withheld cells; whole months clamped to the data; the secret; k and the
 * noise as options; CSV; and, with fast-check, random allowed queries against sums of the published cells computed
 * here.
 */
import { appendFileSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/server/app';
import { decideQuery, POLICY, type AggregateAccess } from '../../src/server/access/policy';
import { aggregateResponse, assistanceQuery, flowsQuery, metaResponse, returnsQuery, type AggregateResponse, type AggregateRow } from '../../src/shared/api';
import { AGE_GROUPS, DIRECTIONS, EXTERNAL_ROLES, SERVICES, SEXES, TRANSPORTS, type Role } from '../../src/shared/enums';
import {
  assistance,
  copyFixture,
  flows,
  monthOf,
  PROBLEM_JSON,
  regionOf,
  returns,
  routesOf,
  startTestApp,
  sum,
  type CsvRow,
  injector,
  type Inject,
  type TestServer,
} from './helpers';

const SECRET = 'disclosure-test-secret-0123456789abcdef0123456789';
const K = 10;
const MAX_NOISE = 3;
const CELL_KEY = { method: 'cell-key', k: K, maxNoise: MAX_NOISE, resolution: 'month' } as const;

let t: TestServer;
beforeAll(async () => {
  t = await startTestApp({ app: { cellKeySecret: SECRET } });
});
afterAll(async () => {
  await t?.close();
});

async function get(url: string, role: Role, inject: Inject = t.inject): Promise<AggregateResponse> {
  const res = await inject(url, role);
  expect(res.statusCode, `${role} ${url}: ${res.body}`).toBe(200);
  return aggregateResponse.parse(res.json());
}

/** The flags of one published row: exactly one of withheld or perturbed; partial only on a perturbed count. */
function expectFlags(r: AggregateRow) {
  if (r.suppressed) {
    expect(r).toMatchObject({ count: null, suppressed: true });
    expect(r.perturbed).toBeUndefined();
    expect(r.partial).toBeUndefined();
  } else {
    expect(r.perturbed).toBe(true);
    expect(r.suppressed).toBeUndefined();
    expect(typeof r.count).toBe('number');
    // a sum of published cells, each 0 or ≥ k, is 0 or ≥ k
    expect(r.count === 0 || r.count! >= K, JSON.stringify(r)).toBe(true);
    if (r.partial !== undefined) expect(r.partial).toBe(true);
  }
}

// ---------- the truth, from the fixture CSVs ----------

type Metric = 'flows' | 'assistance' | 'returns';
const PLACE: Record<Metric, 'point' | 'centre'> = { flows: 'point', assistance: 'centre', returns: 'centre' };
/** API breakdown name → CSV column. */
const COLUMN: Record<string, string> = {
  direction: 'direction',
  nationality: 'nationality',
  sex: 'sex',
  ageGroup: 'age_group',
  transport: 'transport',
  service: 'service',
  destination: 'destination',
};
const key = (...parts: string[]) => parts.join('|');

/** Exact count of every month × place (× breakdown value) cell: `month|place|value` ('' = the place's margin). */
function exactCells(rows: CsvRow[], metric: Metric, attr: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const r of rows) {
    const k = key(monthOf(r.date!), r[PLACE[metric]]!, attr ? r[COLUMN[attr]!]! : '');
    out.set(k, (out.get(k) ?? 0) + Number(r.count));
  }
  for (const [k, v] of out) if (v === 0) out.delete(k);
  return out;
}

/** The published cells as the API lists them: grouped by month, place (and breakdown), one cell per row. */
async function publishedCells(metric: Metric, attr: string, role: Role, inject: Inject = t.inject): Promise<Map<string, AggregateRow>> {
  const groupBy = ['month', PLACE[metric], ...(attr ? [attr] : [])];
  const body = await get(`/api/v1/${metric}?groupBy=${groupBy.join(',')}`, role, inject);
  return new Map(body.rows.map((r) => [key(r.month!, r[PLACE[metric]]!, attr ? r[attr]! : ''), r]));
}

/** Every cell: withheld when 1…k−1, else within ±maxNoise of the truth (a count just above k may be published as 0). */
function checkCell(exact: number, r: AggregateRow | undefined, k: number, maxNoise: number, where: string) {
  expect(r, where).toBeDefined();
  expectFlags(r!);
  if (exact < k) {
    expect(r, where).toMatchObject({ count: null, suppressed: true });
    return;
  }
  expect(r!.partial, where).toBeUndefined();
  const c = r!.count!;
  if (c === 0) expect(exact, `${where}: only a count within maxNoise above k may become 0`).toBeLessThan(k + maxNoise);
  else {
    expect(Math.abs(c - exact), where).toBeLessThanOrEqual(maxNoise);
    expect(c, where).toBeGreaterThanOrEqual(k);
  }
}

const BREAKDOWNS: Record<Metric, string[]> = {
  flows: ['', 'direction', 'nationality', 'sex', 'ageGroup', 'transport'],
  assistance: ['', 'service', 'nationality', 'sex', 'ageGroup'],
  returns: ['', 'destination'],
};
const CSV: Record<Metric, () => CsvRow[]> = { flows, assistance, returns };

describe('answers of outside roles', () => {
  it.each(EXTERNAL_ROLES)('%s: published cells, marked as such, with the method and its parameters', async (role) => {
    for (const url of [
      '/api/v1/flows',
      '/api/v1/flows?groupBy=point,month',
      '/api/v1/flows?groupBy=route&sex=m',
      '/api/v1/assistance?groupBy=centre,service',
      '/api/v1/returns?groupBy=centre,month',
    ]) {
      const body = await get(url, role);
      expect(body.disclosure, url).toEqual(CELL_KEY);
      expect(body.rows.length, url).toBeGreaterThan(0);
      body.rows.forEach(expectFlags);
    }
    // programme staff: the exact answer, no flags, no method
    const exact = await get('/api/v1/assistance?groupBy=centre,service', 'programme');
    expect(exact.disclosure).toBeUndefined();
    for (const r of exact.rows) expect(Object.keys(r).filter((k) => ['suppressed', 'perturbed', 'partial'].includes(k))).toEqual([]);
  });

  it.each(['flows', 'assistance', 'returns'] as const)(
    '%s: every published cell is withheld (1…k−1) or within ±3 of the truth, and the noise is there',
    async (metric) => {
      let perturbed = 0;
      let withheld = 0;
      let cells = 0;
      for (const attr of BREAKDOWNS[metric]) {
        const exact = exactCells(CSV[metric](), metric, attr);
        const published = await publishedCells(metric, attr, 'donor');
        expect([...published.keys()].sort(), `${metric} ${attr}: one row per non-empty cell`).toEqual([...exact.keys()].sort());
        for (const [k, v] of exact) {
          const r = published.get(k);
          checkCell(v, r, K, MAX_NOISE, `${metric} ${attr} ${k}`);
          cells++;
          if (r?.suppressed) withheld++;
          else if (r?.count !== v) perturbed++;
        }
      }
      expect(cells).toBeGreaterThan(10);
      expect(perturbed, 'some cells published with noise').toBeGreaterThan(0);
      if (metric === 'assistance') expect(withheld, 'the fixture has small cells').toBeGreaterThan(0);
    },
  );

  it('signed out, donors and government liaisons get the very same published cells', async () => {
    for (const url of ['/api/v1/flows?groupBy=point,month', '/api/v1/assistance?groupBy=centre,service', '/api/v1/returns?groupBy=centre']) {
      const [a, b, c] = await Promise.all(EXTERNAL_ROLES.map((r) => get(url, r)));
      expect(b).toEqual(a);
      expect(c).toEqual(a);
    }
  });
});

describe('the same cell gets the same value, however it is asked', () => {
  const JAN = 'from=2019-01-01&to=2019-01-31';
  let cells: Map<string, AggregateRow>;
  let bySex: Map<string, AggregateRow>;
  beforeAll(async () => {
    cells = await publishedCells('flows', '', 'public');
    bySex = await publishedCells('flows', 'sex', 'public');
  });
  const cell = (month: string, point: string) => cells.get(key(month, point, ''))!.count;

  it('a point in a month: as a total, by point, by month', async () => {
    for (const point of ['agadez-fmp', 'tahoua-fmp', 'danissa-fmp']) {
      const expected = cell('2019-01-01', point);
      expect((await get(`/api/v1/flows?point=${point}&${JAN}`, 'public')).total).toBe(expected);
      expect((await get(`/api/v1/flows?groupBy=point&${JAN}`, 'public')).rows.find((r) => r.point === point)?.count).toBe(expected);
      expect((await get(`/api/v1/flows?groupBy=month&point=${point}`, 'government')).rows.find((r) => r.month === '2019-01-01')?.count).toBe(expected);
      expect((await get(`/api/v1/flows?groupBy=point,month&${JAN}`, 'donor')).rows.find((r) => r.point === point)?.count).toBe(expected);
    }
  });

  it('a region holding one point is that point: Tahoua (tahoua-fmp), Maradi (danissa-fmp)', async () => {
    for (const [region, point] of [
      ['NE005', 'tahoua-fmp'],
      ['NE004', 'danissa-fmp'],
    ] as const) {
      const byMonth = await get(`/api/v1/flows?groupBy=month&region=${region}`, 'public');
      for (const r of byMonth.rows) expect(r.count, `${region} ${r.month}`).toBe(cell(r.month!, point));
      expect((await get(`/api/v1/flows?groupBy=region&${JAN}`, 'public')).rows.find((r) => r.region === region)?.count).toBe(cell('2019-01-01', point));
    }
  });

  it('a route is the sum of the points observing it: R3b (tahoua-fmp), R3 (agadez-fmp and tahoua-fmp)', async () => {
    const body = await get(`/api/v1/flows?groupBy=route&${JAN}`, 'public');
    expect(body.rows.find((r) => r.route === 'R3b')?.count).toBe(cell('2019-01-01', 'tahoua-fmp'));
    expect(body.rows.find((r) => r.route === 'R3')?.count).toBe(cell('2019-01-01', 'agadez-fmp')! + cell('2019-01-01', 'tahoua-fmp')!);
    expect((await get(`/api/v1/flows?route=R3b&${JAN}`, 'public')).total).toBe(cell('2019-01-01', 'tahoua-fmp'));
    // the total counts each point once, though tahoua-fmp observes two routes; danissa-fmp observes none
    const points = ['agadez-fmp', 'arlit-fmp', 'danbarto-fmp', 'tahoua-fmp'];
    expect(body.total).toBe(points.reduce((s, p) => s + cell('2019-01-01', p)!, 0));
  });

  it('a breakdown of a point in a month: grouped by it, or narrowed to one value', async () => {
    const f = bySex.get(key('2019-01-01', 'arlit-fmp', 'f'))!.count;
    expect((await get(`/api/v1/flows?groupBy=sex&point=arlit-fmp&${JAN}`, 'public')).rows.find((r) => r.sex === 'f')?.count).toBe(f);
    expect((await get(`/api/v1/flows?groupBy=point&sex=f&${JAN}`, 'public')).rows.find((r) => r.point === 'arlit-fmp')?.count).toBe(f);
    expect((await get(`/api/v1/flows?sex=f&point=arlit-fmp&${JAN}`, 'public')).total).toBe(f);
    // the breakdown's cells are published on their own, not split from the margin: they need not add up to it
    const m = bySex.get(key('2019-01-01', 'arlit-fmp', 'm'))?.count ?? 0;
    expect(Math.abs((f ?? 0) + m - cell('2019-01-01', 'arlit-fmp')!)).toBeLessThanOrEqual(3 * MAX_NOISE);
  });

  it('a longer period is the sum of its months’ cells; a whole calendar year is its own published cell', async () => {
    for (const point of ['agadez-fmp', 'arlit-fmp']) {
      const decJan = await get(`/api/v1/flows?point=${point}&from=2018-12-01&to=2019-01-31`, 'public');
      expect(decJan.total).toBe(cell('2018-12-01', point)! + cell('2019-01-01', point)!);
      // The data covers 2018 only in December: its year cell holds the same records as December's, so the same value.
      const byYear = await get(`/api/v1/flows?groupBy=year&point=${point}`, 'public');
      expect(byYear.rows.find((r) => r.year === '2018-01-01')?.count).toBe(cell('2018-12-01', point));
      // 2019 within the data (January and February) is one cell, perturbed once: within ±3 of the truth.
      const exact2019 = sum(flows().filter((r) => r.point === point && r.date! >= '2019-01-01'));
      expect(Math.abs(byYear.rows.find((r) => r.year === '2019-01-01')!.count! - exact2019)).toBeLessThanOrEqual(MAX_NOISE);
      const janFeb = await get(`/api/v1/flows?point=${point}&from=2019-01-01&to=2019-02-28`, 'public');
      expect(janFeb.total).toBe(byYear.rows.find((r) => r.year === '2019-01-01')!.count);
    }
  });

  it('asked again, and from another app with the same secret: the same values', async () => {
    const other = t.another({ cellKeySecret: SECRET });
    for (const url of ['/api/v1/flows?groupBy=point,month', '/api/v1/assistance?groupBy=service', '/api/v1/flows?groupBy=nationality&region=NE001']) {
      const here = await get(url, 'public');
      expect(await get(url, 'public')).toEqual(here);
      expect(await get(url, 'public', other.inject)).toEqual(here);
    }
  });
});

describe('withheld cells', () => {
  // In the fixture, 7 people were counselled at the Niamey transit centres in December 2018 (withheld), 53 in February.
  const DEC = 'from=2018-12-01&to=2018-12-31';
  const FEB = 'from=2019-02-01&to=2019-02-28';

  it('a cell of 1…k−1 is withheld: no count, and no total', async () => {
    const exact = sum(assistance().filter((r) => r.centre === 'niamey-tc' && r.service === 'counselling' && r.date!.startsWith('2018-12')));
    expect(exact).toBe(7);
    const body = await get(`/api/v1/assistance?centre=niamey-tc&service=counselling&${DEC}`, 'public');
    expect(body.rows).toEqual([{ count: null, suppressed: true }]);
    expect(body.total).toBeNull();
    expect(body.totalPartial).toBeUndefined();
  });

  it('a sum holding a withheld cell leaves it out, says so, and guesses nothing', async () => {
    const body = await get(`/api/v1/assistance?groupBy=centre&service=counselling&${DEC}`, 'public');
    expect(body.rows.find((r) => r.centre === 'niamey-tc')).toEqual({ centre: 'niamey-tc', count: null, suppressed: true });
    const agadez = body.rows.find((r) => r.centre === 'agadez-tc')!;
    expect(agadez.perturbed).toBe(true);
    expect(body.total).toBe(agadez.count);
    expect(body.totalPartial).toBe(true);
    // the whole data range: December's year cell (2018) withheld, 2019's published; the answer is February's alone
    const all = await get('/api/v1/assistance?centre=niamey-tc&service=counselling', 'public');
    const feb = await get(`/api/v1/assistance?centre=niamey-tc&service=counselling&${FEB}`, 'public');
    expect(all.rows).toEqual([{ count: feb.total, perturbed: true, partial: true }]);
    expect(all.total).toBe(feb.total);
    expect(all.totalPartial).toBe(true);
    // so the difference of the two periods is 0, not December's 7
    expect(all.total! - feb.total!).toBe(0);
    const byMonth = await get('/api/v1/assistance?groupBy=month&centre=niamey-tc&service=counselling', 'public');
    expect(byMonth.rows.map((r) => [r.month, r.suppressed ?? false])).toEqual([
      ['2018-12-01', true],
      ['2019-02-01', false],
    ]);
  });

  it('in CSV: an empty count with suppressed=true; every row says whether it is perturbed or partial; programme CSV has no such columns', async () => {
    const url = `/api/v1/assistance?groupBy=centre&service=counselling&${DEC}`;
    const json = await get(url, 'public');
    const csv = await t.inject(`${url}&format=csv`, 'public');
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    const lines = csv.body.trimEnd().split('\r\n');
    expect(lines[0]).toBe('centre,count,suppressed,perturbed,partial');
    expect(lines.slice(1)).toEqual(json.rows.map((r) => `${r.centre},${r.count ?? ''},${r.suppressed === true},${r.perturbed === true},${r.partial === true}`));
    expect(lines).toContain('niamey-tc,,true,false,false');
    const all = await t.inject('/api/v1/assistance?centre=niamey-tc&service=counselling&format=csv', 'public');
    expect(all.body.trimEnd().split('\r\n')[1]).toMatch(/^\d+,false,true,true$/);
    const prog = await t.inject(`${url}&format=csv`, 'programme');
    expect(prog.body.trimEnd().split('\r\n')).toEqual(['centre,count', 'agadez-tc,24', 'niamey-tc,7']);
  });
});

describe('whole months, clamped to the data', () => {
  it('a period reaching past the data is answered over the data’s whole months, and says so', async () => {
    const { min, max } = t.store.info().dateRange;
    const wide = await get('/api/v1/flows?groupBy=point&from=2018-01-01&to=2025-12-31', 'public');
    expect(wide).toMatchObject({ from: min, to: max });
    expect(wide.rows).toEqual((await get('/api/v1/flows?groupBy=point', 'public')).rows);
    const late = await get('/api/v1/flows?groupBy=month&from=2019-02-01&to=2199-12-31', 'donor');
    expect(late).toMatchObject({ from: '2019-02-01', to: '2019-02-28' });
    expect(late.rows.map((r) => r.month)).toEqual(['2019-02-01']);
    // programme staff are answered over the period asked
    expect(await get('/api/v1/flows?from=2018-01-01&to=2025-12-31', 'programme')).toMatchObject({ from: '2018-01-01', to: '2025-12-31' });
  });

  it('a part of a month is refused (403 naming the end); a period outside the data is a 400', async () => {
    const part = await t.inject('/api/v1/flows?from=2019-01-01&to=2019-01-15', 'public');
    expect(part.statusCode).toBe(403);
    expect(part.headers['content-type']).toMatch(PROBLEM_JSON);
    expect(part.json().errors.map((e: { field: string }) => e.field)).toEqual(['to']);
    const outside = await t.inject('/api/v1/flows?from=2020-01-01&to=2020-12-31', 'public');
    expect(outside.statusCode).toBe(400);
    expect(outside.json().detail).toMatch(/outside the data \(2018-12-01 … 2019-02-28\)/);
  });
});

describe('the secret', () => {
  const URLS = [
    '/api/v1/flows?groupBy=point,month,nationality',
    '/api/v1/assistance?groupBy=centre,month,service',
    '/api/v1/returns?groupBy=centre,destination',
  ];
  const answers = async (inject: Inject) => Promise.all(URLS.map((u) => get(u, 'donor', inject)));
  const counts = (bodies: AggregateResponse[]) => bodies.map((b) => b.rows.map((r) => r.count));

  it('two apps with the same cell-key secret publish identical answers; a different secret publishes different ones', async () => {
    const a = t.another({ cellKeySecret: 'shared-secret-aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa' });
    const b = t.another({ cellKeySecret: 'shared-secret-aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa' });
    const c = t.another({ cellKeySecret: 'shared-secret-bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb' });
    const [ra, rb, rc] = await Promise.all([answers(a.inject), answers(b.inject), answers(c.inject)]);
    expect(rb).toEqual(ra);
    expect(counts(rc)).not.toEqual(counts(ra));
    // which cells are withheld does not depend on the secret (it is the truth's 1…k−1), only the noise does
    const withheld = (bodies: AggregateResponse[]) => bodies.map((x) => x.rows.map((r) => r.suppressed === true));
    expect(withheld(rc)).toEqual(withheld(ra));
  });

  it('without one, an app draws its own: two such apps publish different noise', async () => {
    const a = buildApp({ store: t.store, users: t.users });
    const b = buildApp({ store: t.store, users: t.users });
    try {
      const [ra, rb] = await Promise.all([answers(injector(a, 'donor')), answers(injector(b, 'donor'))]);
      expect(counts(rb)).not.toEqual(counts(ra));
    } finally {
      await a.close();
      await b.close();
    }
  });
});

describe('k and the largest noise are options of the app', () => {
  it('k = 1, no noise: every published cell is the exact count', async () => {
    const exactApp = t.another({ cellKeySecret: SECRET, disclosure: { k: 1, maxNoise: 0 } });
    for (const metric of ['flows', 'assistance', 'returns'] as const) {
      for (const attr of BREAKDOWNS[metric]) {
        const exact = exactCells(CSV[metric](), metric, attr);
        const published = await publishedCells(metric, attr, 'donor', exactApp.inject);
        expect(new Map([...published].map(([k, r]) => [k, r.count])), `${metric} ${attr}`).toEqual(exact);
      }
    }
    const body = await get('/api/v1/flows', 'public', exactApp.inject);
    expect(body.disclosure).toEqual({ method: 'cell-key', k: 1, maxNoise: 0, resolution: 'month' });
  });

  it('k = 50, noise up to ±5: cells below 50 are withheld, the others within ±5', async () => {
    const strict = t.another({ cellKeySecret: SECRET, disclosure: { k: 50, maxNoise: 5 } });
    let withheld = 0;
    for (const metric of ['flows', 'assistance', 'returns'] as const) {
      for (const attr of BREAKDOWNS[metric]) {
        const exact = exactCells(CSV[metric](), metric, attr);
        const published = await publishedCells(metric, attr, 'donor', strict.inject);
        for (const [k, v] of exact) {
          checkCell(v, published.get(k), 50, 5, `${metric} ${attr} ${k}`);
          if (published.get(k)?.suppressed) withheld++;
        }
      }
    }
    expect(withheld).toBeGreaterThan(0);
    expect((await get('/api/v1/flows', 'public', strict.inject)).disclosure).toEqual({ method: 'cell-key', k: 50, maxNoise: 5, resolution: 'month' });
  });

  it('nonsense parameters stop the app from being built', () => {
    expect(() => buildApp({ store: t.store, disclosure: { k: 0 } })).toThrow(RangeError);
    expect(() => buildApp({ store: t.store, disclosure: { maxNoise: -1 } })).toThrow(RangeError);
    expect(() => buildApp({ store: t.store, disclosure: { k: 2.5 } })).toThrow(RangeError);
  });
});

// ---------- random allowed queries (fast-check) ----------

describe('random allowed queries: every answer is the sum of the published cells it covers', () => {
  /**
   * A copy of the fixture with more small counts (every other row again on another date, count 1…14) and data that
   * ends on 5 March 2019, not on a month's last day.
   */
  let s: TestServer;
  let dataDir: string;
  beforeAll(async () => {
    dataDir = copyFixture();
    for (const name of ['flows.csv', 'assistance.csv', 'returns.csv']) {
      const [header, ...lines] = readFileSync(join(dataDir, name), 'utf8').trim().split('\n');
      const cols = header!.split(',');
      const dates = [...new Set(lines.map((l) => l.split(',')[0]!)), '2019-03-05'].sort();
      const extra = lines
        .filter((_, i) => i % 2 === 0)
        .map((l, i) => {
          const v = l.split(',');
          v[0] = dates[(i * 5 + 3) % dates.length]!;
          v[cols.indexOf('count')] = String(1 + ((i * 7) % 14));
          return v.join(',');
        });
      appendFileSync(join(dataDir, name), `${extra.join('\n')}\n`);
    }
    s = await startTestApp({ dataDir, app: { cellKeySecret: SECRET } });
  });
  afterAll(async () => {
    await s?.close();
    rmSync(join(dataDir, '..'), { recursive: true, force: true });
  });

  it('the data ends on a day that is not a month’s last: outside roles may name it, and are answered in whole months', async () => {
    const meta = metaResponse.parse((await s.inject('/api/v1/meta', 'public')).json());
    expect(meta.dateRange.max).toBe('2019-03-05');
    const body = await get(`/api/v1/flows?groupBy=month&from=${meta.defaultPeriod.from}&to=${meta.defaultPeriod.to}`, 'public', s.inject);
    expect(body).toMatchObject({ from: '2018-12-01', to: '2019-03-31' });
    expect(body.rows.map((r) => r.month)).toEqual(['2018-12-01', '2019-01-01', '2019-02-01', '2019-03-01']);
  });

  const MONTHS = ['2018-12-01', '2019-01-01', '2019-02-01', '2019-03-01'];
  const MONTH_ENDS = ['2018-12-31', '2019-01-31', '2019-02-28', '2019-03-31'];
  // Periods that hold no whole calendar year of 2019's data (January to March): those are answered from month cells
  // only (December 2018's year cell is December's cell). A whole year is its own cell, checked above.
  const PERIODS = MONTHS.flatMap((_, i) => MONTHS.map((__, j) => [i, j] as const))
    .filter(([i, j]) => i <= j && !(j === 3 && i <= 1))
    .map(([i, j]) => ({ from: MONTHS[i]!, to: MONTH_ENDS[j]! }));

  const VALUES: Record<string, string[]> = {
    point: ['agadez-fmp', 'arlit-fmp', 'tahoua-fmp', 'danissa-fmp'],
    route: ['R3', 'R3b', 'R4', 'R5'],
    region: ['NE001', 'NE004', 'NE005', 'NE007', 'NE008'],
    centre: ['agadez-tc', 'arlit-tc', 'niamey-tc'],
    direction: [...DIRECTIONS],
    sex: [...SEXES],
    ageGroup: [...AGE_GROUPS],
    transport: [...TRANSPORTS],
    service: [...SERVICES],
    nationality: ['NGA', 'CIV', 'GIN', 'SEN', 'MLI', 'NER'],
    destination: ['GIN', 'NGA', 'SEN', 'GHA', 'CMR', 'MLI'],
  };
  const SCHEMA = { flows: flowsQuery, assistance: assistanceQuery, returns: returnsQuery };
  const ATTRIBUTES = new Set(Object.keys(COLUMN));

  /** Published cells of one breakdown, by `month|place|value`, as the role's own month × place (× breakdown) table shows them. */
  const cellCache = new Map<string, Promise<Map<string, AggregateRow>>>();
  const cellsOf = (metric: Metric, attr: string, role: Role) => {
    const k = `${metric}:${attr}:${role === 'donor' ? 'donor' : 'other'}`;
    if (!cellCache.has(k)) cellCache.set(k, publishedCells(metric, attr, role, s.inject));
    return cellCache.get(k)!;
  };

  /** The answer computed here: the published cells the query covers, kept and grouped as the contract says. */
  async function expectedAnswer(metric: Metric, q: { groupBy: string[]; filters: Record<string, string>; period: { from: string; to: string } }, role: Role) {
    const attr = q.groupBy.find((g) => ATTRIBUTES.has(g)) ?? Object.keys(q.filters).find((f) => ATTRIBUTES.has(f)) ?? '';
    const cells = await cellsOf(metric, attr, role);
    const place = PLACE[metric];
    const f = q.filters;
    type Acc = { dims: string[]; count: number; published: number; withheld: number };
    const groups = new Map<string, Acc>();
    const total: Acc = { dims: [], count: 0, published: 0, withheld: 0 };
    const add = (a: Acc, r: AggregateRow) => {
      if (r.suppressed) a.withheld++;
      else {
        a.published++;
        a.count += r.count!;
      }
    };
    for (const [k, r] of cells) {
      const [month, p, value] = k.split('|') as [string, string, string];
      if (month < q.period.from || month > q.period.to) continue;
      if (attr && f[attr] !== undefined && value !== f[attr]) continue;
      if (f[place] !== undefined && p !== f[place]) continue;
      if (f.region !== undefined && regionOf(p) !== f.region) continue;
      if (f.route !== undefined && !routesOf(p).includes(f.route)) continue;
      if (q.groupBy.includes('route') && routesOf(p).length === 0) continue;
      add(total, r);
      let keys: string[][] = [[]];
      for (const g of q.groupBy) {
        const vs =
          g === 'month'
            ? [month]
            : g === 'year'
              ? [`${month.slice(0, 4)}-01-01`]
              : g === place
                ? [p]
                : g === 'region'
                  ? [regionOf(p)!]
                  : g === 'route'
                    ? f.route !== undefined
                      ? [f.route]
                      : routesOf(p)
                    : [value];
        keys = keys.flatMap((kk) => vs.map((v) => [...kk, v]));
      }
      for (const dims of keys) {
        const id = JSON.stringify(dims);
        if (!groups.has(id)) groups.set(id, { dims, count: 0, published: 0, withheld: 0 });
        add(groups.get(id)!, r);
      }
    }
    const publish = (a: Acc) =>
      a.published === 0
        ? a.withheld > 0
          ? { count: null, suppressed: true }
          : { count: 0, perturbed: true }
        : { count: a.count, perturbed: true, ...(a.withheld > 0 ? { partial: true } : {}) };
    const rows = [...groups.values()]
      .sort((a, b) => (JSON.stringify(a.dims) < JSON.stringify(b.dims) ? -1 : 1))
      .map((a) => ({ ...Object.fromEntries(q.groupBy.map((g, i) => [g, a.dims[i]])), ...publish(a) }));
    const t = publish(total);
    return { rows, total: t.count, totalPartial: 'partial' in t };
  }

  function queryArb(metric: Metric, access: AggregateAccess) {
    const filterNames = access.filters.filter((n) => n in VALUES);
    return fc.record({
      groupBy: fc.shuffledSubarray(
        access.groupBy.filter((g) => g !== 'week'),
        { maxLength: 3 },
      ),
      filters: fc
        .subarray(filterNames, { maxLength: Math.min(2, filterNames.length) })
        .chain((names) => fc.tuple(...names.map((n) => fc.constantFrom(...VALUES[n]!).map((v) => [n, v] as const)))),
      period: fc.constantFrom(...PERIODS),
    });
  }

  const cases = EXTERNAL_ROLES.flatMap((role) => (['flows', 'assistance', 'returns'] as const).map((m) => [role, m] as const));
  it.each(cases)('%s × %s', async (role, metric) => {
    const access = POLICY[metric][role] as AggregateAccess;
    const { min, max } = s.store.info().dateRange;
    let checked = 0;
    let withheld = 0;
    let partial = 0;
    await fc.assert(
      fc.asyncProperty(queryArb(metric, access), async ({ groupBy, filters, period }) => {
        const f = Object.fromEntries(filters) as Record<string, string>;
        // the query as the server reads it (the schema's key order names the same parameter in a refusal)
        const parsed = SCHEMA[metric].parse({ ...f, ...period, ...(groupBy.length ? { groupBy: groupBy.join(',') } : {}) }) as Record<string, unknown>;
        const qs = [
          ...(groupBy.length ? [`groupBy=${groupBy.join(',')}`] : []),
          ...Object.entries(f).map(([n, v]) => `${n}=${v}`),
          `from=${period.from}`,
          `to=${period.to}`,
        ];
        const url = `/api/v1/${metric}?${qs.join('&')}`;
        const refused = decideQuery(metric, access, role, parsed, { min, max });
        const res = await s.inject(url, role);
        if (refused.length > 0) {
          // the server refuses what the policy refuses, naming the same parameters
          expect(res.statusCode, `${url}: ${res.body}`).toBe(403);
          expect(new Set(res.json().errors.map((e: { field: string }) => e.field))).toEqual(new Set(refused.map((e) => e.field)));
          return;
        }
        expect(res.statusCode, `${url}: ${res.body}`).toBe(200);
        const body = aggregateResponse.parse(res.json());
        body.rows.forEach(expectFlags);
        const expected = await expectedAnswer(metric, { groupBy, filters: f, period }, role);
        expect(body.rows, url).toEqual(expected.rows);
        expect(body.total, url).toBe(expected.total);
        expect(body.totalPartial === true, url).toBe(expected.totalPartial);
        expect(body).toMatchObject({ from: period.from, to: period.to, disclosure: CELL_KEY });
        withheld += body.rows.filter((r) => r.suppressed).length;
        partial += body.rows.filter((r) => r.partial).length;
        checked++;
      }),
      { seed: 1789 + role.length * 31 + metric.length, numRuns: 60 },
    );
    expect(checked).toBeGreaterThan(15);
    // the property met withheld cells and partial sums (returns for outside roles other than donors: by centre only)
    if (!(metric === 'returns' && role !== 'donor')) expect(withheld + partial).toBeGreaterThan(0);
  });
});
