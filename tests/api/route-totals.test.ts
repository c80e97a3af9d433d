/**
 * Route totals say how points on several routes are counted (issue 16): a `groupBy=route` answer carries
 * `routeCounting` (the one wording, ROUTE_COUNTING_NOTE, and the points it concerns) in JSON, and its CSV a last
 * `total` row with a `note` column. The stated overlap is checked against the data: the route rows add up to the
 * people counted plus each point on k routes counted k − 1 more times, and the people counted at points on no route
 * are in no row and not in `total`.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aggregateResponse, ROUTE_COUNTING_NOTE } from '../../src/shared/api';
import { parseCsv } from '../../src/server/import/csv-parser';
import { readPlaces, startTestApp, type TestServer } from './helpers';

let t: TestServer;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t?.close();
});

const get = async (url: string, role?: 'public') => {
  const res = await t.inject(url, role);
  expect(res.statusCode, res.body).toBe(200);
  return aggregateResponse.parse(res.json());
};

// Independent reading of the fixture's places.
const points = readPlaces().filter((p) => p.kind === 'monitoring_point');
const several = points.filter((p) => p.routes.length > 1);
const none = points.filter((p) => p.routes.length === 0).map((p) => p.id);

describe('groupBy=route', () => {
  it('JSON says how points are counted and names the points on several routes and on none', async () => {
    expect(several.length).toBeGreaterThan(0); // the fixture has both cases, or this test proves nothing
    expect(none.length).toBeGreaterThan(0);
    const body = await get('/api/v1/flows?groupBy=route');
    expect(body.routeCounting).toEqual({
      note: ROUTE_COUNTING_NOTE,
      pointsOnSeveralRoutes: several.map((p) => ({ point: p.id, routes: p.routes })),
      pointsOnNoRoute: none,
    });
    expect((await get('/api/v1/flows?groupBy=point')).routeCounting).toBeUndefined();
  });

  it('the stated overlap is true: rows = total + each point on k routes k − 1 more times; points on no route in neither', async () => {
    const byRoute = await get('/api/v1/flows?groupBy=route');
    const byPoint = await get('/api/v1/flows?groupBy=point');
    const all = (await get('/api/v1/flows')).total!;
    const at = new Map(byPoint.rows.map((r) => [r.point, r.count ?? 0]));
    const rowSum = byRoute.rows.reduce((s, r) => s + (r.count ?? 0), 0);
    const extra = byRoute.routeCounting!.pointsOnSeveralRoutes.reduce((s, p) => s + (at.get(p.point) ?? 0) * (p.routes.length - 1), 0);
    const unrouted = byRoute.routeCounting!.pointsOnNoRoute.reduce((s, p) => s + (at.get(p) ?? 0), 0);
    expect(extra).toBeGreaterThan(0);
    expect(unrouted).toBeGreaterThan(0);
    expect(rowSum).toBe(byRoute.total! + extra);
    expect(byRoute.total! + unrouted).toBe(all);
    expect(rowSum).not.toBe(all);
  });

  it('follows the route filter: with R3b and R4 asked, no point is on both, and the others are on none', async () => {
    const body = await get('/api/v1/flows?groupBy=route&route=R3b,R4');
    expect(body.routeCounting!.pointsOnSeveralRoutes).toEqual([]);
    const onAsked = points.filter((p) => p.routes.some((r) => r === 'R3b' || r === 'R4')).map((p) => p.id);
    expect(body.routeCounting!.pointsOnNoRoute).toEqual(points.map((p) => p.id).filter((id) => !onAsked.includes(id)));
    expect(body.rows.reduce((s, r) => s + (r.count ?? 0), 0)).toBe(body.total);
  });

  it('CSV (and HXL): a last total row with the people counted once, and a note column saying why', async () => {
    const json = await get('/api/v1/flows?groupBy=route,month');
    for (const format of ['csv', 'hxl']) {
      const res = await t.inject(`/api/v1/flows?groupBy=route,month&format=${format}`);
      expect(res.statusCode).toBe(200);
      const [header, ...rest] = parseCsv(res.body).records.map((r) => r.fields);
      const data = format === 'hxl' ? rest.slice(1) : rest;
      if (format === 'hxl') expect(rest[0]![header!.indexOf('note')]).toBe('#meta+note');
      expect(header).toEqual(['route', 'month', 'count', 'note']);
      const last = data[data.length - 1]!;
      expect(last.slice(0, 3)).toEqual(['total', '', String(json.total)]);
      expect(last[3]).toContain(ROUTE_COUNTING_NOTE);
      for (const p of several) expect(last[3]).toContain(`${p.id} (${p.routes.join(', ')})`);
      expect(data.slice(0, -1).every((r) => r[3] === '')).toBe(true);
      expect(data.length - 1).toBe(json.rows.length);
    }
  });

  it('for signed-out visitors too, the total row carrying the protection flags', async () => {
    const url = '/api/v1/flows?groupBy=route&from=2019-01-01&to=2019-01-31';
    const json = await get(url, 'public');
    expect(json.routeCounting!.note).toBe(ROUTE_COUNTING_NOTE);
    const res = await t.inject(`${url}&format=csv`, 'public');
    const [header, ...data] = parseCsv(res.body).records.map((r) => r.fields);
    expect(header).toEqual(['route', 'count', 'suppressed', 'perturbed', 'partial', 'note']);
    const last = data[data.length - 1]!;
    expect(last.slice(0, 5)).toEqual([
      'total',
      json.total === null ? '' : String(json.total),
      String(json.total === null),
      'true',
      String(json.totalPartial === true),
    ]);
  });
});
