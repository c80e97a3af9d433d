/** Every class of bad input answers 4xx application/problem+json naming the field — never 5xx. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { problem } from '../../src/shared/api';
import { PROBLEM_JSON, startTestApp, type TestServer } from './helpers';

let t: TestServer;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t?.close();
});

async function expectProblem(url: string, status: number, field?: string, method: 'GET' | 'POST' | 'DELETE' | 'PUT' = 'GET') {
  const res = await t.inject({ method, url });
  expect(res.statusCode, `${method} ${url}: ${res.body}`).toBe(status);
  expect(res.headers['content-type']).toMatch(PROBLEM_JSON);
  const body = problem.parse(res.json());
  expect(body.status).toBe(status);
  expect(body.detail.length).toBeGreaterThan(0);
  expect(res.body).not.toMatch(/\bat .*\.ts:\d+/); // no stack traces
  if (field !== undefined) {
    expect(body.errors?.map((e) => e.field)).toContain(field);
    expect(body.detail).toContain(`'${field}'`);
  }
  return body;
}

describe('validation errors → 400 naming the field', () => {
  it.each<[string, string, string, RegExp?]>([
    ['unknown parameter', '/api/v1/flows?bogus=1', 'bogus', /Unknown parameter 'bogus'/],
    ['unknown parameter (assistance)', '/api/v1/assistance?point=arlit-fmp', 'point'],
    ['unknown parameter (returns)', '/api/v1/returns?groupby=month', 'groupby'],
    ['unknown parameter on a parameterless endpoint', '/api/v1/places?x=1', 'x'],
    ['unknown parameter on meta', '/api/v1/meta?lang=fr', 'lang'],
    ['unknown parameter on routes', '/api/v1/routes?id=R3', 'id'],
    ['unknown parameter on regions', '/api/v1/regions?simplify=1', 'simplify'],
    ['unknown parameter on openapi.json', '/api/v1/openapi.json?x=1', 'x'],
    ['malformed date', '/api/v1/flows?from=2016-1-1', 'from', /YYYY-MM-DD/],
    ['malformed date (words)', '/api/v1/flows?to=yesterday', 'to'],
    ['empty date', '/api/v1/flows?from=', 'from'],
    ['impossible date', '/api/v1/flows?from=2016-02-30', 'from', /'from' is not a real calendar date/],
    ['impossible month', '/api/v1/assistance?to=2016-13-01', 'to'],
    ['from after to', '/api/v1/flows?from=2017-01-01&to=2016-01-01', 'to', /before/],
    ['from after to (returns)', '/api/v1/returns?from=2019-02-01&to=2019-01-01', 'to'],
    ['bad enum', '/api/v1/flows?direction=sideways', 'direction', /'incoming', 'outgoing'/],
    ['bad enum (sex)', '/api/v1/assistance?sex=x', 'sex'],
    ['bad enum (ageGroup)', '/api/v1/flows?ageGroup=old', 'ageGroup'],
    ['bad enum (transport)', '/api/v1/flows?transport=camel', 'transport'],
    ['bad enum in a list', '/api/v1/assistance?service=health,massage', 'service', /'massage'/],
    ['bad groupBy value', '/api/v1/flows?groupBy=planet', 'groupBy'],
    ['groupBy valid elsewhere only', '/api/v1/returns?groupBy=service', 'groupBy'],
    ['too many groupBy values', '/api/v1/flows?groupBy=point,month,sex,direction', 'groupBy', /at most 3/],
    ['empty groupBy', '/api/v1/flows?groupBy=', 'groupBy'],
    ['malformed nationality', '/api/v1/flows?nationality=ng', 'nationality'],
    ['malformed place id', '/api/v1/flows?point=Arlit%20FMP', 'point'],
    ['malformed route id', '/api/v1/flows?route=route-3', 'route'],
    ['malformed region', '/api/v1/flows?region=NE1', 'region'],
    ['unknown place id', '/api/v1/flows?point=nowhere', 'point', /'nowhere'/],
    ['a place that is not a monitoring point', '/api/v1/flows?point=agadez-tc', 'point'],
    ['unknown centre', '/api/v1/assistance?centre=nowhere-tc', 'centre'],
    ['unknown centre (returns)', '/api/v1/returns?centre=arlit-fmp', 'centre'],
    ['unknown nationality', '/api/v1/flows?nationality=XXX', 'nationality', /'XXX'/],
    ['unknown nationality among known ones', '/api/v1/assistance?nationality=NGA,ZZZ', 'nationality', /'ZZZ'/],
    ['unknown destination', '/api/v1/returns?destination=FRA', 'destination'],
    ['unknown route', '/api/v1/flows?route=R99', 'route'],
    ['unknown region', '/api/v1/flows?region=NE009', 'region'],
    ['repeated scalar', '/api/v1/flows?from=2016-01-01&from=2017-01-01', 'from', /more than once/],
    ['repeated scalar (direction)', '/api/v1/flows?direction=incoming&direction=outgoing', 'direction', /more than once/],
    ['repeated scalar (format)', '/api/v1/returns?format=csv&format=json', 'format'],
    ['bad format', '/api/v1/assistance?format=xlsx', 'format'],
  ])('%s: %s', async (_name, url, field, detail) => {
    const body = await expectProblem(url, 400, field);
    if (detail) expect(body.detail).toMatch(detail);
  });

  it.each<[string, string, string]>([
    ['flows', 'from=1000-01-01', 'from'],
    ['flows', 'to=9999-12-31', 'to'],
    ['flows', 'from=1899-12-31&to=2019-01-31', 'from'],
    ['assistance', 'to=2200-01-01', 'to'],
    ['returns', 'from=0001-01-01', 'from'],
    ['hotspots', 'from=1000-01-01', 'from'],
    ['hotspots', 'from=2019-01-01&to=9999-12-31', 'to'],
  ])('far dates are a typo, not a period: %s?%s → 400 naming %s, for every role allowed to ask', async (endpoint, qs, field) => {
    const roles = endpoint === 'hotspots' ? (['programme', 'government'] as const) : (['programme', 'public', 'government'] as const);
    for (const role of roles) {
      const res = await t.inject(`/api/v1/${endpoint}?${qs}`, role);
      expect(res.statusCode, `${role}: ${res.body}`).toBe(400);
      expect(res.headers['content-type']).toMatch(PROBLEM_JSON);
      const body = problem.parse(res.json());
      expect(body.errors?.map((e) => e.field)).toContain(field);
      expect(body.detail).toMatch(/between 1900-01-01 and 2199-12-31/);
    }
  });

  it('the furthest dates a query may name are answered (outside roles: clamped to the data)', async () => {
    const programme = await t.inject('/api/v1/flows?from=1900-01-01&to=2199-12-31');
    expect(programme.statusCode).toBe(200);
    const pub = await t.inject('/api/v1/flows?from=1900-01-01&to=2199-12-31', 'public');
    expect(pub.statusCode).toBe(200);
    const { min, max } = t.store.info().dateRange;
    expect(pub.json()).toMatchObject({ from: min, to: max });
    // a period entirely outside the data: nothing to clamp to, a 400 naming the end that lies outside
    const after = await t.inject('/api/v1/flows?from=2150-01-01&to=2150-12-31', 'public');
    expect(after.statusCode).toBe(400);
    expect(problem.parse(after.json()).errors?.map((e) => e.field)).toEqual(['from']);
    const before = await t.inject('/api/v1/flows?from=1950-01-01&to=1950-12-31', 'public');
    expect(before.statusCode).toBe(400);
    expect(problem.parse(before.json()).errors?.map((e) => e.field)).toEqual(['to']);
    // programme staff get zero for an empty period, as for any other
    expect((await t.inject('/api/v1/flows?from=2150-01-01&to=2150-12-31')).json().total).toBe(0);
  });

  it('reports several bad fields at once', async () => {
    const body = await expectProblem('/api/v1/flows?from=2016-02-30&direction=up&bogus=1', 400);
    expect(body.errors?.map((e) => e.field).sort()).toEqual(['bogus', 'direction', 'from']);
  });

  it('a hostile value is rejected as a value, not run', async () => {
    const hostile = encodeURIComponent("NGA') OR 1=1; DROP TABLE flow_observations; --");
    await expectProblem(`/api/v1/flows?nationality=${hostile}`, 400, 'nationality');
    const after = await t.inject('/api/v1/flows');
    expect(after.statusCode).toBe(200);
  });

  it('a very long unknown value is clipped in the answer', async () => {
    const body = await expectProblem(`/api/v1/flows?point=${'a'.repeat(60)}`, 400, 'point');
    expect(body.detail.length).toBeLessThan(300);
  });
});

describe('unknown routes and methods', () => {
  it.each(['/api/v1/nope', '/api/v1/flows/extra', '/api/v2/flows', '/api', '/api/v1/hotspots-typo'])('GET %s → 404 problem', async (url) => {
    const body = await expectProblem(url, 404);
    expect(body.instance).toBe(url);
  });

  it.each(['POST', 'DELETE', 'PUT'] as const)('%s on a GET resource → 405 problem with Allow', async (method) => {
    const res = await t.inject({ method, url: '/api/v1/flows' });
    expect(res.statusCode).toBe(405);
    expect(res.headers['content-type']).toMatch(PROBLEM_JSON);
    expect(res.headers.allow).toBe('GET, HEAD');
  });

  it('POST to an unknown API path → 404 problem', async () => {
    await expectProblem('/api/v1/nothing', 404, undefined, 'POST');
  });

  it('non-API paths without a built SPA → 404 problem', async () => {
    await expectProblem('/some/page', 404);
  });
});

describe('unexpected errors', () => {
  it('→ 500 problem without a stack trace', async () => {
    // the real store, but exact flows fail
    const broken = Object.assign(Object.create(t.store) as typeof t.store, {
      aggregateFlows: () => Promise.reject(new Error('disk on fire at /secret/path.ts:12')),
    });
    const { inject } = t.another({ store: broken });
    const res = await inject('/api/v1/flows');
    expect(res.statusCode).toBe(500);
    expect(res.headers['content-type']).toMatch(PROBLEM_JSON);
    const body = problem.parse(res.json());
    expect(res.body).not.toContain('disk on fire');
    expect(res.body).not.toContain('/secret/');
    expect(body.type).toMatch(/internal/);
  });
});
