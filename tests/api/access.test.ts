/**
 * The policy applied by the real server: the full role × endpoint matrix, every groupBy value and filter per role,
 * the 403s that name a parameter, and the route inventory (no route outside the policy table).
 */
import { rmSync } from 'node:fs';
import type { InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/server/app';
import { registeredRoutes } from '../../src/server/access/guard';
import { ENDPOINT_ROUTES, ENDPOINTS, POLICY, endpointOf, type Endpoint } from '../../src/server/access/policy';
import { placesResponse, problem, sessionResponse } from '../../src/shared/api';
import { ACCOUNT_ROLES, ASSISTANCE_GROUP_BY, FLOW_GROUP_BY, RETURNS_GROUP_BY, ROLES, type Role } from '../../src/shared/enums';
import { PROBLEM_JSON, fakeSpaDir, readPlaces, startTestApp, type TestServer } from './helpers';

let t: TestServer;
let dist: string;
beforeAll(async () => {
  dist = fakeSpaDir();
  t = await startTestApp({ staticDir: dist });
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
  returns: { url: '/api/v1/returns?groupBy=destination' },
  hotspots: { url: '/api/v1/hotspots' },
  openapi: { url: '/api/v1/openapi.json' },
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
  routes: { public: 401, donor: 403, government: 403, programme: 200, admin: 200 },
  regions: OK,
  flows: OK,
  assistance: OK,
  returns: OK,
  hotspots: OK,
  openapi: OK,
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
  const PROG: Role[] = ['programme', 'admin'];
  const DONOR_UP: Role[] = ['donor', 'programme', 'admin'];
  const flowDims: Record<(typeof FLOW_GROUP_BY)[number], Role[]> = {
    point: PROG,
    route: PROG,
    week: PROG,
    region: [...ROLES],
    month: [...ROLES],
    year: [...ROLES],
    direction: [...ROLES],
    nationality: [...ROLES],
    sex: [...ROLES],
    ageGroup: [...ROLES],
    transport: [...ROLES],
  };
  const assistanceDims: Record<(typeof ASSISTANCE_GROUP_BY)[number], Role[]> = {
    centre: DONOR_UP,
    week: PROG,
    nationality: DONOR_UP,
    sex: DONOR_UP,
    ageGroup: DONOR_UP,
    region: [...ROLES],
    service: [...ROLES],
    month: [...ROLES],
    year: [...ROLES],
  };
  const returnsDims: Record<(typeof RETURNS_GROUP_BY)[number], Role[]> = {
    centre: DONOR_UP,
    destination: [...ROLES],
    month: [...ROLES],
    year: [...ROLES],
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
    } else {
      expect(res.statusCode).toBe(403);
      const p = problem.parse(res.json());
      expect(p.errors?.[0]?.field).toBe('groupBy');
      expect(p.detail).toContain(`'${dim}'`);
    }
  });

  const filters: Array<[string, string, Role[]]> = [
    ['flows', 'point=arlit-fmp', PROG],
    ['flows', 'route=R3', PROG],
    ['flows', 'region=NE001', [...ROLES]],
    ['flows', 'direction=incoming', [...ROLES]],
    ['flows', 'nationality=NGA', [...ROLES]],
    ['flows', 'sex=f', [...ROLES]],
    ['flows', 'ageGroup=minor', [...ROLES]],
    ['flows', 'transport=bus', [...ROLES]],
    ['assistance', 'centre=agadez-tc', DONOR_UP],
    ['assistance', 'nationality=NGA', DONOR_UP],
    ['assistance', 'sex=f', DONOR_UP],
    ['assistance', 'ageGroup=minor', DONOR_UP],
    ['assistance', 'service=health', [...ROLES]],
    ['returns', 'centre=agadez-tc', DONOR_UP],
    ['returns', 'destination=NGA', [...ROLES]],
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
    ['/api/v1/flows?groupBy=point', 'public', 'groupBy', /'point' is not available to signed-out visitors.*programme staff/],
    ['/api/v1/flows?groupBy=route,month', 'donor', 'groupBy', /'route'/],
    ['/api/v1/flows?groupBy=week', 'public', 'groupBy', /'week'.*weekly figures/],
    ['/api/v1/flows?groupBy=week', 'government', 'groupBy', /'week'/],
    ['/api/v1/flows?groupBy=region,month,sex', 'government', 'groupBy', /at most 2 dimensions/],
    ['/api/v1/flows?from=2019-01-07', 'public', 'from', /first day of a month/],
    ['/api/v1/flows?to=2019-01-13', 'donor', 'to', /last day of a month/],
    ['/api/v1/hotspots?from=2019-01-07', 'government', 'from', /first day of a month/],
    ['/api/v1/assistance?groupBy=nationality', 'government', 'groupBy', /'nationality'/],
    ['/api/v1/assistance?groupBy=sex', 'government', 'groupBy', /'sex'/],
    ['/api/v1/assistance?groupBy=ageGroup', 'government', 'groupBy', /'ageGroup'/],
    ['/api/v1/assistance?groupBy=service&nationality=NGA', 'government', 'nationality', /nationality/],
    ['/api/v1/assistance?groupBy=nationality,sex&ageGroup=minor', 'donor', 'ageGroup', /family_tracing and unhcr_referral/],
    ['/api/v1/assistance?groupBy=nationality,sex&ageGroup=minor&service=family_tracing', 'donor', 'ageGroup', /never broken down/],
    ['/api/v1/returns?centre=arlit-tc', 'government', 'centre', /facility data/],
    ['/api/v1/flows?groupBy=point&format=csv', 'public', 'groupBy', /'point'/],
  ])('%s as %s → 403 naming %s', async (url, role, field, detail) => {
    const res = await t.inject(url, role);
    expect(res.statusCode, res.body).toBe(403);
    expect(res.headers['content-type']).toMatch(PROBLEM_JSON);
    const p = problem.parse(res.json());
    expect(p.type).toBe('urn:transit-atlas:problem:forbidden');
    expect(p.errors?.map((e) => e.field)).toContain(field);
    expect(p.detail).toMatch(detail);
  });

  it('whole months, and the data range, pass for external roles', async () => {
    const { min, max } = t.store.info().dateRange;
    for (const url of [
      '/api/v1/flows?from=2019-01-01&to=2019-01-31&groupBy=region',
      `/api/v1/flows?from=${min}&to=${max}`,
      '/api/v1/assistance?groupBy=nationality,sex&ageGroup=minor&service=health,shelter_food',
    ]) {
      const res = await t.inject(url, 'donor');
      expect(res.statusCode, `${url}: ${res.body}`).toBe(200);
    }
  });

  it('a refused parameter is refused before unknown ids are looked up (no probing of point ids)', async () => {
    const res = await t.inject('/api/v1/flows?point=nowhere', 'public');
    expect(res.statusCode).toBe(403);
    const prog = await t.inject('/api/v1/flows?point=nowhere', 'programme');
    expect(prog.statusCode).toBe(400);
  });
});

describe('places per role', () => {
  const all = readPlaces();
  it.each(ROLES)('%s is sent the kinds of place its spatial level covers', async (role) => {
    const res = await t.inject('/api/v1/places', role);
    const fc = placesResponse.parse(res.json());
    const access = POLICY.places[role];
    expect(access?.kind).toBe('places');
    const kinds = access?.kind === 'places' ? access.placeKinds : [];
    expect(fc.features.map((f) => f.properties.id)).toEqual(all.filter((p) => kinds.includes(p.kind as never)).map((p) => p.id));
    if (role !== 'programme' && role !== 'admin') expect(fc.features.some((f) => f.properties.kind === 'monitoring_point')).toBe(false);
  });
});

describe('GET /api/v1/session tells each role what it may ask', () => {
  it.each(ROLES)('%s', async (role) => {
    const body = sessionResponse.parse((await t.inject('/api/v1/session', role)).json());
    expect(body.role).toBe(role);
    expect(body.username).toBe(role === 'public' ? null : role);
    const flows = body.access.flows!;
    if (role === 'programme' || role === 'admin') {
      expect(flows.groupBy).toContain('point');
      expect(flows.timeResolution).toBe('day');
      expect(flows.disclosure).toBeUndefined();
      expect(body.access.routes).toEqual({});
    } else {
      expect(flows.groupBy).not.toContain('point');
      expect(flows.maxDimensions).toBe(2);
      expect(flows.timeResolution).toBe('month');
      expect(flows.disclosure).toEqual({ k: 10, rounding: 10 });
      expect(body.access.routes).toBeUndefined();
    }
    expect(body.access.spa).toBeUndefined();
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

  it('every account role has a test user (the matrix above signs in as each)', () => {
    expect(t.users.list().map((u) => u.role).sort()).toEqual([...ACCOUNT_ROLES].sort());
  });
});
