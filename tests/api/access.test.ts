/**
 * The policy applied by the real server: the full role × endpoint matrix, every groupBy value and filter per role,
 * the shape rule for outside roles (one value per filter, filters count toward the breakdowns, one attribute at a
 * time), the 403s that name a parameter, public geography, the session's access summary, and the route inventory
 * (no route outside the policy table).
 */
import { rmSync } from 'node:fs';
import type { InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/server/app';
import { registeredRoutes } from '../../src/server/access/guard';
import { ENDPOINT_ROUTES, ENDPOINTS, POLICY, endpointOf, type Endpoint } from '../../src/server/access/policy';
import { aggregateResponse, placesResponse, problem, routesResponse, sessionResponse } from '../../src/shared/api';
import { landingView, viewsFor } from '../../src/shared/views';
import { ACCOUNT_ROLES, ASSISTANCE_GROUP_BY, FLOW_GROUP_BY, PLACE_KINDS, RETURNS_GROUP_BY, ROLES, type Role } from '../../src/shared/enums';
import { FIXTURE_DIR, PROBLEM_JSON, fakeSpaDir, readPlaces, startTestApp, type TestServer } from './helpers';

let t: TestServer;
let dist: string;
beforeAll(async () => {
  dist = fakeSpaDir();
  t = await startTestApp({ staticDir: dist, app: { dataDir: FIXTURE_DIR } });
});
afterAll(async () => {
  await t?.close();
  rmSync(dist, { recursive: true, force: true });
});

/** One representative request per endpoint. */
const REQUEST: Record<Endpoint, InjectOptions> = {
  meta: { url: '/api/v1/meta' },
  places: { url: '/api/v1/places' },
  routes: { url: '/api/v1/routes' },
  regions: { url: '/api/v1/regions' },
  flows: { url: '/api/v1/flows?groupBy=region' },
  assistance: { url: '/api/v1/assistance?groupBy=service' },
  returns: { url: '/api/v1/returns?groupBy=centre' },
  hotspots: { url: '/api/v1/hotspots' },
  coverage: { url: '/api/v1/coverage' },
  pathway: { url: '/api/v1/pathway?route=R5' },
  pressure: { url: '/api/v1/pressure' },
  openapi: { url: '/api/v1/openapi.json' },
  health: { url: '/readyz' },
  session: { url: '/api/v1/session' },
  // An admin exists in the test accounts, so setup is closed (410) — past the guard for every role.
  setup: { method: 'POST', url: '/api/v1/setup', payload: { token: 'x', username: 'someone', password: 'long enough password' } },
  // A dry run: validated, nothing written.
  imports: {
    method: 'POST',
    url: '/api/v1/imports/returns?dryRun=true',
    headers: { 'content-type': 'text/csv' },
    payload: 'date,centre,destination,count\n2018-12-01,agadez-tc,GIN,10\n',
  },
  spa: { url: '/assets/index-abc123.js' },
};

/** The expected status of every role × endpoint, written out (not derived from the table). */
const OK = { public: 200, donor: 200, government: 200, programme: 200, admin: 200 } as const;
const EXPECTED: Record<Endpoint, Record<Role, number>> = {
  meta: OK,
  places: OK,
  routes: OK, // geography is public
  regions: OK,
  flows: OK,
  assistance: OK,
  returns: { public: 200, donor: 200, government: 200, programme: 200, admin: 200 },
  hotspots: { public: 401, donor: 403, government: 200, programme: 200, admin: 200 },
  coverage: OK, // whether counting happened, not how many people
  pathway: OK, // answers of flows, assistance and returns side by side (published ones for outside roles)
  pressure: OK, // outside roles get months from their published cells (attack/pressure.test.ts)
  openapi: OK,
  health: OK,
  session: OK,
  setup: { public: 410, donor: 410, government: 410, programme: 410, admin: 410 },
  imports: { public: 401, donor: 403, government: 403, programme: 403, admin: 200 },
  spa: OK,
};

describe('the role × endpoint matrix', () => {
  it('covers every endpoint of the table', () => {
    expect(Object.keys(EXPECTED).sort()).toEqual([...ENDPOINTS].sort());
    expect(Object.keys(REQUEST).sort()).toEqual([...ENDPOINTS].sort());
  });

  const cases = ENDPOINTS.flatMap((e) => ROLES.map((r) => [e, r] as const));
  it.each(cases)('%s as %s', async (endpoint, role) => {
    const res = await t.inject(REQUEST[endpoint], role);
    const expected = EXPECTED[endpoint][role];
    expect(res.statusCode, res.body).toBe(expected);
    // the table agrees with what the server did
    expect(POLICY[endpoint][role] !== undefined).toBe(expected !== 401 && expected !== 403);
    if (expected === 401 || expected === 403) {
      expect(res.headers['content-type']).toMatch(PROBLEM_JSON);
      const p = problem.parse(res.json());
      expect(p.status).toBe(expected);
      if (expected === 401) {
        expect(res.headers['www-authenticate']).toMatch(/^Session /);
        expect(p.detail).toMatch(/Sign in/);
      }
    }
    // HEAD follows GET
    if ((REQUEST[endpoint].method ?? 'GET') === 'GET') {
      const head = await t.inject({ ...REQUEST[endpoint], method: 'HEAD' }, role);
      expect(head.statusCode).toBe(expected);
    }
  });
});

describe('groupBy values and filters per role', () => {
  const ALL: Role[] = [...ROLES];
  const PROG: Role[] = ['programme', 'admin'];
  const DONOR_UP: Role[] = ['donor', 'programme', 'admin'];
  const flowDims: Record<(typeof FLOW_GROUP_BY)[number], Role[]> = {
    point: ALL,
    route: ALL,
    region: ALL,
    week: PROG,
    month: ALL,
    year: ALL,
    direction: ALL,
    nationality: ALL,
    sex: ALL,
    ageGroup: ALL,
    transport: ALL,
  };
  const assistanceDims: Record<(typeof ASSISTANCE_GROUP_BY)[number], Role[]> = {
    centre: ALL,
    region: ALL,
    service: ALL,
    week: PROG,
    month: ALL,
    year: ALL,
    nationality: DONOR_UP,
    sex: DONOR_UP,
    ageGroup: DONOR_UP,
  };
  const returnsDims: Record<(typeof RETURNS_GROUP_BY)[number], Role[]> = {
    centre: ALL,
    destination: DONOR_UP,
    month: ALL,
    year: ALL,
  };
  const groupings = [
    ...Object.entries(flowDims).map(([d, roles]) => ['flows', d, roles] as const),
    ...Object.entries(assistanceDims).map(([d, roles]) => ['assistance', d, roles] as const),
    ...Object.entries(returnsDims).map(([d, roles]) => ['returns', d, roles] as const),
  ].flatMap(([e, d, roles]) => ROLES.map((r) => [e, d, r, roles.includes(r)] as const));

  it.each(groupings)('%s?groupBy=%s as %s → allowed: %s', async (endpoint, dim, role, allowed) => {
    const res = await t.inject(`/api/v1/${endpoint}?groupBy=${dim}`, role);
    if (allowed) {
      expect(res.statusCode, res.body).toBe(200);
      // outside roles are answered from the published cells, programme and admin exactly
      expect(aggregateResponse.parse(res.json()).disclosure === undefined).toBe(role === 'programme' || role === 'admin');
    } else {
      expect(res.statusCode).toBe(403);
      const p = problem.parse(res.json());
      expect(p.errors?.[0]?.field).toBe('groupBy');
      expect(p.detail).toContain(`'${dim}'`);
    }
  });

  const filters: Array<[string, string, Role[]]> = [
    ['flows', 'point=arlit-fmp', ALL],
    ['flows', 'route=R3', ALL],
    ['flows', 'region=NE001', ALL],
    ['flows', 'direction=incoming', ALL],
    ['flows', 'nationality=NGA', ALL],
    ['flows', 'sex=f', ALL],
    ['flows', 'ageGroup=minor', ALL],
    ['flows', 'transport=bus', ALL],
    ['assistance', 'centre=agadez-tc', ALL],
    ['assistance', 'nationality=NGA', DONOR_UP],
    ['assistance', 'sex=f', DONOR_UP],
    ['assistance', 'ageGroup=minor', DONOR_UP],
    ['assistance', 'service=health', ALL],
    ['returns', 'centre=agadez-tc', ALL],
    ['returns', 'destination=NGA', DONOR_UP],
  ];
  const filterCases = filters.flatMap(([e, q, roles]) => ROLES.map((r) => [e, q, r, roles.includes(r)] as const));
  it.each(filterCases)('%s?%s as %s → allowed: %s', async (endpoint, qs, role, allowed) => {
    const res = await t.inject(`/api/v1/${endpoint}?${qs}`, role);
    if (allowed) {
      expect(res.statusCode, res.body).toBe(200);
    } else {
      expect(res.statusCode).toBe(403);
      expect(problem.parse(res.json()).errors?.[0]?.field).toBe(qs.split('=')[0]);
    }
  });
});

describe('403s that name the parameter', () => {
  it.each<[string, Role, string, RegExp]>([
    ['/api/v1/flows?groupBy=week', 'public', 'groupBy', /'week'.*weekly figures are for programme staff/],
    ['/api/v1/flows?groupBy=week', 'government', 'groupBy', /'week'/],
    ['/api/v1/assistance?groupBy=week&format=csv', 'donor', 'groupBy', /'week'/],
    ['/api/v1/flows?from=2019-01-07', 'public', 'from', /first day of a month/],
    ['/api/v1/flows?to=2019-01-13', 'donor', 'to', /last day of a month/],
    ['/api/v1/hotspots?from=2019-01-07', 'government', 'from', /first day of a month/],
    ['/api/v1/assistance?groupBy=nationality', 'government', 'groupBy', /'nationality'/],
    ['/api/v1/assistance?groupBy=sex', 'public', 'groupBy', /'sex'/],
    ['/api/v1/assistance?groupBy=ageGroup', 'government', 'groupBy', /'ageGroup'/],
    ['/api/v1/assistance?groupBy=service&nationality=NGA', 'government', 'nationality', /nationality/],
    ['/api/v1/returns?groupBy=destination', 'public', 'groupBy', /'destination'/],
    ['/api/v1/returns?destination=NGA', 'government', 'destination', /destination/],
    // one value per filter
    ['/api/v1/flows?nationality=NGA,MLI', 'public', 'nationality', /takes one value/],
    ['/api/v1/flows?point=arlit-fmp&point=agadez-fmp', 'government', 'point', /takes one value/],
    ['/api/v1/assistance?groupBy=centre&service=health,shelter_food', 'donor', 'service', /takes one value/],
    // narrowing filters count toward the 2 breakdowns
    ['/api/v1/flows?groupBy=point,region&sex=f', 'public', 'sex', /at most 2 breakdowns, narrowing filters included/],
    ['/api/v1/flows?groupBy=route&point=arlit-fmp&region=NE001', 'donor', 'region', /at most 2 breakdowns/],
    // one breakdown of the people counted at a time
    ['/api/v1/flows?groupBy=sex&direction=incoming', 'public', 'direction', /one breakdown of the people counted at a time/],
    ['/api/v1/assistance?groupBy=nationality,sex', 'donor', 'groupBy', /one breakdown of the people counted/],
    ['/api/v1/assistance?groupBy=nationality&service=family_tracing', 'donor', 'service', /one breakdown of the people counted/],
    // issue 11: a 7-way table, once answered signed out
    ['/api/v1/flows?groupBy=nationality,month&region=NE001&sex=f&ageGroup=minor&direction=incoming&transport=bus', 'public', 'sex', /at most 2 breakdowns/],
  ])('%s as %s → 403 naming %s', async (url, role, field, detail) => {
    const res = await t.inject(url, role);
    expect(res.statusCode, res.body).toBe(403);
    expect(res.headers['content-type']).toMatch(PROBLEM_JSON);
    const p = problem.parse(res.json());
    expect(p.type).toBe('urn:transit-atlas:problem:forbidden');
    expect(p.errors?.map((e) => e.field)).toContain(field);
    expect(p.detail).toMatch(detail);
  });

  it('programme staff may ask every one of those', async () => {
    for (const url of [
      '/api/v1/flows?groupBy=week&from=2019-01-07&to=2019-01-13',
      '/api/v1/assistance?groupBy=nationality,sex&ageGroup=minor&service=family_tracing,unhcr_referral',
      '/api/v1/returns?groupBy=destination&destination=NGA,GIN',
      '/api/v1/flows?groupBy=nationality,month&region=NE001&sex=f&ageGroup=minor&direction=incoming&transport=bus',
    ]) {
      const res = await t.inject(url, 'programme');
      expect(res.statusCode, `${url}: ${res.body}`).toBe(200);
    }
  });

  it('whole months, the data range and periods reaching past it pass for outside roles', async () => {
    const { min, max } = t.store.info().dateRange;
    for (const url of [
      '/api/v1/flows?from=2019-01-01&to=2019-01-31&groupBy=region',
      `/api/v1/flows?from=${min}&to=${max}`,
      '/api/v1/flows?from=2000-01-01&to=2100-12-31&groupBy=point,month',
      '/api/v1/assistance?groupBy=centre,month&service=health',
      '/api/v1/returns?groupBy=destination,month&centre=agadez-tc',
      '/api/v1/flows?groupBy=route,month,sex',
    ]) {
      const res = await t.inject(url, 'donor');
      expect(res.statusCode, `${url}: ${res.body}`).toBe(200);
    }
  });

  it('a refused parameter is refused before unknown ids are looked up (no probing of ids)', async () => {
    const res = await t.inject('/api/v1/returns?destination=XXX', 'public');
    expect(res.statusCode).toBe(403);
    const donor = await t.inject('/api/v1/returns?destination=XXX', 'donor');
    expect(donor.statusCode).toBe(400);
    // lists are refused as lists, whatever their values
    expect((await t.inject('/api/v1/flows?point=nowhere,elsewhere', 'public')).statusCode).toBe(403);
    expect((await t.inject('/api/v1/flows?point=nowhere', 'public')).statusCode).toBe(400);
  });
});

describe('places and routes per role', () => {
  const all = readPlaces();
  it.each(ROLES)('%s is sent every place of every kind, and every route', async (role) => {
    const res = await t.inject('/api/v1/places', role);
    expect(res.statusCode).toBe(200);
    const fc = placesResponse.parse(res.json());
    expect(fc.features.map((f) => f.properties.id)).toEqual(all.map((p) => p.id));
    expect(new Set(fc.features.map((f) => f.properties.kind))).toEqual(new Set(PLACE_KINDS));
    // monitoring points with their active dates
    const arlit = fc.features.find((f) => f.properties.id === 'arlit-fmp')!.properties;
    expect(arlit).toMatchObject({ kind: 'monitoring_point', activeFrom: '2016-02-01', routes: ['R4'] });
    const routes = routesResponse.parse((await t.inject('/api/v1/routes', role)).json());
    expect(routes.features.map((f) => f.properties.id).sort()).toEqual(['R1', 'R1b', 'R2a', 'R2b', 'R2c', 'R3', 'R3b', 'R4', 'R4x', 'R5', 'R5b']);
    expect(routes.features.find((f) => f.properties.id === 'R3')!.properties.monitoredBy).toEqual(['agadez-fmp', 'tahoua-fmp']);
  });

  it('the geography is the same for everyone', async () => {
    const bodies = await Promise.all(ROLES.map(async (r) => [(await t.inject('/api/v1/places', r)).body, (await t.inject('/api/v1/routes', r)).body]));
    for (const b of bodies) expect(b).toEqual(bodies[0]);
  });
});

describe('GET /api/v1/session tells each role what it may ask', () => {
  const CELL_KEY = { method: 'cell-key', k: 10, maxNoise: 3, resolution: 'month' };
  it.each(ROLES)('%s', async (role) => {
    const res = await t.inject('/api/v1/session', role);
    expect(res.statusCode).toBe(200);
    const body = sessionResponse.parse(res.json());
    expect(body.role).toBe(role);
    expect(body.username).toBe(role === 'public' ? null : role);
    const flows = body.access.flows!;
    expect(flows.groupBy).toEqual(expect.arrayContaining(['point', 'route', 'region', 'month']));
    expect(body.access.routes).toEqual({});
    expect(body.access.places).toEqual({ placeKinds: [...PLACE_KINDS] });
    if (role === 'programme' || role === 'admin') {
      expect(flows.groupBy).toContain('week');
      expect(flows.timeResolution).toBe('day');
      expect(flows.disclosure).toBeUndefined();
      expect(flows).not.toHaveProperty('maxBreakdowns');
      expect(flows).not.toHaveProperty('singleValues');
      expect(body.access.hotspots?.disclosure).toBeUndefined();
    } else {
      expect(flows.groupBy).not.toContain('week');
      expect(flows).toMatchObject({ maxDimensions: 3, maxBreakdowns: 2, maxAttributes: 1, singleValues: true, timeResolution: 'month' });
      expect(flows.disclosure).toEqual(CELL_KEY);
      expect(body.access.assistance!.disclosure).toEqual(CELL_KEY);
      expect(body.access.returns!.disclosure).toEqual(CELL_KEY);
    }
    expect(body.access.hotspots !== undefined).toBe(role === 'government' || role === 'programme' || role === 'admin');
    if (role === 'government') expect(body.access.hotspots!.disclosure).toEqual(CELL_KEY);
    expect(body.access.spa).toBeUndefined();
    expect(body.access.imports !== undefined).toBe(role === 'admin');
    // the session's access is what the browser reads to offer views (src/shared/views.ts)
    expect(viewsFor(body.access)).toContain(landingView(role, body.access));
  });

  it('the parameters of the disclosure control follow the app’s options', async () => {
    const { inject } = t.another({ disclosure: { k: 25, maxNoise: 5 } });
    const body = sessionResponse.parse((await inject('/api/v1/session', 'public')).json());
    expect(body.access.flows!.disclosure).toEqual({ method: 'cell-key', k: 25, maxNoise: 5, resolution: 'month' });
  });
});

describe('route inventory', () => {
  it('every registered route belongs to an endpoint of the policy table, and every endpoint is registered', () => {
    const routes = registeredRoutes(t.app);
    expect(routes.length).toBeGreaterThan(10);
    for (const r of routes) {
      const [method, url] = r.split(' ');
      expect(endpointOf(method!, url), r).toBeDefined();
    }
    for (const e of ENDPOINTS) {
      for (const r of ENDPOINT_ROUTES[e]) {
        const [method, url] = r.split(' ');
        expect(t.app.hasRoute({ method: method as 'GET', url: url! }), r).toBe(true);
      }
    }
    // every API route printed by Fastify is in the inventory too
    const printed = t.app.printRoutes({ commonPrefix: false });
    for (const e of ENDPOINTS.filter((x) => x !== 'spa')) {
      const url = ENDPOINT_ROUTES[e][0].split(' ')[1]!;
      expect(printed).toContain(url.split('/').at(-1)!);
    }
  });

  it('a route the table does not cover stops the server from starting', async () => {
    const app = buildApp({ store: t.store, users: t.users });
    app.register(async (child) => {
      child.get('/api/v1/secret', async () => ({ everything: true }));
    });
    await expect(app.ready()).rejects.toThrow(/GET \/api\/v1\/secret is not covered by the access policy table/);
    await app.close().catch(() => {});
  });

  it('the not-found handler serves no data: unknown paths are 404 for every role', async () => {
    for (const role of ROLES) {
      const res = await t.inject('/api/v1/secret', role);
      expect(res.statusCode).toBe(404);
    }
  });

  it('every account role has a test user (the matrix above signs in as each)', async () => {
    expect((await t.users.list()).map((u) => u.role).sort()).toEqual([...ACCOUNT_ROLES].sort());
  });
});
