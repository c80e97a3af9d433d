/**
 * GET /api/v1/pathway on both engines: per corridor and month, people observed incoming, assisted at the centres
 * serving it (data/centre-routes.json) and returned home — every number compared with what /flows, /assistance and
 * /returns answer the same role for the same cell, never with numbers copied from output.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/server/app';
import { problem } from '../../src/shared/api';
import { coverageResponse } from '../../src/shared/api-coverage';
import { centresServing, parseCentreRoutes, CENTRE_ROUTES_FILE } from '../../src/shared/centre-routes';
import { EXTERNAL_ROLES } from '../../src/shared/enums';
import { DATA_DIR } from './attack/attacker';
import { copyFixture, FIXTURE_DIR, PROBLEM_JSON, readPlaces, startTestApp, type TestServer } from './helpers';
import { expectSameAsEndpoints, pathwayOf } from './pathway-expect';

const ROUTES = (JSON.parse(readFileSync(join(FIXTURE_DIR, 'routes.geojson'), 'utf8')) as { features: Array<{ properties: { id: string } }> }).features.map(
  (f) => f.properties.id,
);
const FILE = parseCentreRoutes(readFileSync(join(FIXTURE_DIR, CENTRE_ROUTES_FILE), 'utf8'), {
  centres: readPlaces()
    .filter((p) => p.kind === 'transit_centre')
    .map((p) => p.id),
  routes: ROUTES,
});

let t: TestServer;
beforeAll(async () => {
  t = await startTestApp({ app: { dataDir: FIXTURE_DIR } });
});
afterAll(async () => {
  await t?.close();
});

describe('GET /api/v1/pathway (mini fixture)', () => {
  it('programme staff: every route a centre serves, each number equal to the flows, assistance and returns answers', async () => {
    const body = await pathwayOf(t.inject, '/api/v1/pathway?from=2018-12-01&to=2019-02-28', 'programme');
    expect(body.protected).toBe(false);
    expect(body.disclosure).toBeUndefined();
    expect(body.months).toEqual(['2018-12-01', '2019-01-01', '2019-02-01']);
    const served = ROUTES.filter((r) => FILE.links.some((l) => l.route === r));
    expect(body.routes.map((r) => r.id)).toEqual(served);
    for (const r of body.routes) expect(r.centres.map((c) => c.id)).toEqual(centresServing(FILE, r.id).map((l) => l.centre));
    const compared = await expectSameAsEndpoints(t.inject, body, 'programme');
    expect(compared).toBeGreaterThan(20);
    // Something real was compared: R4 has people observed and people assisted at its first centre.
    const r4 = body.routes.find((r) => r.id === 'R4')!;
    expect(r4.months.some((m) => (m.observed.count ?? 0) > 0 && m.reach.ratio !== null)).toBe(true);
    expect(body.method).toMatch(/not a rate/);
    expect(body.method).toMatch(/same person is not followed/);
  });

  it('a corridor whose points were active but never reported is not monitored: null, never 0, and no ratio', async () => {
    // In the fixture Séguédine and Madama (R5) are active and send no row at all.
    const body = await pathwayOf(t.inject, '/api/v1/pathway?route=R5&from=2018-12-01&to=2019-02-28', 'programme');
    const r5 = body.routes[0]!;
    expect(r5.id).toBe('R5');
    for (const m of r5.months) {
      expect(m.monitoring).toBe('not_monitored');
      expect(m.observed.count).toBeNull();
      expect(m.reach).toEqual({ ratio: null, withheld: false });
    }
    // …while the help given at its centres is still shown (Agadez assisted people in December).
    expect(r5.months.some((m) => m.centres.some((c) => (c.assisted.count ?? 0) > 0))).toBe(true);
  });

  it('a corridor with reporting gaps is partly monitored, with the share /coverage gives for that month', async () => {
    const body = await pathwayOf(t.inject, '/api/v1/pathway?route=R4&from=2019-01-01&to=2019-01-31', 'programme');
    const m = body.routes[0]!.months[0]!;
    const cov = coverageResponse.parse((await t.inject('/api/v1/coverage?from=2019-01-01&to=2019-01-31', 'programme')).json());
    const share = cov.routes.find((r) => r.id === 'R4')!.share;
    expect(m.coverage).toBe(share);
    expect(share).not.toBeNull();
    expect(m.monitoring).toBe(share === 1 ? 'monitored' : share === 0 ? 'not_monitored' : 'partly');
    expect(m.monitoring).toBe('partly'); // arlit-fmp reported in one or two of January's weeks
    expect(m.observed.count).toBeGreaterThan(0);
  });

  it('outside roles: months, protected values, the same answers as their flows, assistance and returns', async () => {
    for (const role of EXTERNAL_ROLES) {
      const body = await pathwayOf(t.inject, '/api/v1/pathway?from=2018-12-01&to=2019-02-28', role);
      expect(body.protected).toBe(true);
      expect(body.disclosure?.method).toBe('cell-key');
      await expectSameAsEndpoints(t.inject, body, role);
      const dest = body.routes.flatMap((r) => r.months.flatMap((m) => m.centres.map((c) => c.destinations)));
      // Returns by destination: donors only (the nationality rule), as /returns?groupBy=destination.
      if (role === 'donor') expect(dest.every((d) => d !== null)).toBe(true);
      else expect(dest.every((d) => d === null)).toBe(true);
    }
  });

  it('answers 400 problem+json naming the field', async () => {
    const cases: Array<[string, string, 'programme' | 'donor']> = [
      ['route=R99', 'route', 'programme'],
      ['route=seguedine', 'route', 'programme'],
      ['from=2019-13-01', 'from', 'programme'],
      ['from=2019-02-01&to=2019-01-01', 'to', 'programme'],
      ['from=2030-01-01&to=2030-01-31', 'from', 'programme'],
      ['colour=red', 'colour', 'programme'],
    ];
    for (const [q, field, role] of cases) {
      const res = await t.inject(`/api/v1/pathway?${q}`, role);
      expect(res.statusCode, q).toBe(400);
      expect(res.headers['content-type']).toMatch(PROBLEM_JSON);
      expect(
        problem.parse(res.json()).errors?.map((e) => e.field),
        q,
      ).toContain(field);
    }
    // Outside roles: whole months only, refused by the access policy as on /flows (403 naming the field).
    const res = await t.inject('/api/v1/pathway?from=2019-01-15&to=2019-01-31', 'donor');
    expect(res.statusCode).toBe(403);
    expect(problem.parse(res.json()).errors?.map((e) => e.field)).toContain('from');
  });

  it('a bad centre-routes.json stops the start with a clear error', async () => {
    const dir = copyFixture();
    const file = JSON.parse(readFileSync(join(dir, CENTRE_ROUTES_FILE), 'utf8')) as { links: Array<{ centre: string }> };
    file.links[0]!.centre = 'nowhere-tc';
    writeFileSync(join(dir, CENTRE_ROUTES_FILE), JSON.stringify(file));
    const app = buildApp({ store: t.store, users: t.users, dataDir: dir });
    await expect(app.ready()).rejects.toThrow(/centre-routes\.json.*'nowhere-tc' is not a transit centre/);
    await app.close().catch(() => {});
  });
});

describe('the issue’s question on the shipped data: R5 (Séguédine), March 2017, Dirkou', () => {
  let atlas: TestServer;
  beforeAll(async () => {
    atlas = await startTestApp({ dataDir: DATA_DIR, app: { dataDir: DATA_DIR } });
  });
  afterAll(async () => {
    await atlas?.close();
  });

  it('observed incoming, assisted at dirkou-tc by service, returns by destination — as the three endpoints answer', async () => {
    const url = '/api/v1/pathway?route=R5&from=2017-03-01&to=2017-03-31';
    for (const role of ['programme', 'donor'] as const) {
      const body = await pathwayOf(atlas.inject, url, role);
      const r5 = body.routes[0]!;
      expect(r5.centres[0]).toMatchObject({ id: 'dirkou-tc', step: 1 });
      expect(r5.points).toContain('seguedine-fmp');
      const march = r5.months[0]!;
      expect(march.month).toBe('2017-03-01');
      expect(march.monitoring).not.toBe('not_monitored');
      const dirkou = march.centres.find((c) => c.centre === 'dirkou-tc')!;
      expect(dirkou.services.length).toBeGreaterThan(1);
      expect(dirkou.destinations).not.toBeNull();
      await expectSameAsEndpoints(atlas.inject, body, role);
    }
  });
});
