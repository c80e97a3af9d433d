/** meta, places, routes, regions and the OpenAPI document. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { metaResponse, placesResponse, regionsResponse, routesResponse } from '../../src/shared/api';
import { AGE_GROUPS, DIRECTIONS, PLACE_KINDS, SERVICES, SEXES, TRANSPORTS } from '../../src/shared/enums';
import { FIXTURE_DIR, readCsv, startTestApp, type TestServer } from './helpers';

let t: TestServer;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t?.close();
});

const fixtureJson = (name: string) => JSON.parse(readFileSync(join(FIXTURE_DIR, name), 'utf8'));

describe('GET /api/v1/meta', () => {
  it('describes the dataset, its extent and the dictionaries', async () => {
    const res = await t.inject('/api/v1/meta');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    const meta = metaResponse.parse(res.json());
    const dataset = fixtureJson('dataset.json');
    expect(meta.title).toBe(dataset.title);
    expect(meta.illustrative).toBe(true);
    expect(meta.notice).toBe(dataset.notice);
    expect(meta.dataAsOf).toBe(dataset.dataAsOf);
    expect(meta.events).toEqual(dataset.events);
    expect(meta.dataVersion).toMatch(/^[0-9a-f]{12}$/);

    // The extent covers dataset.json's declared range and every metric row.
    const dates = ['flows.csv', 'assistance.csv', 'returns.csv'].flatMap((f) => readCsv(f).map((r) => r.date!));
    const min = [dataset.dateRange.min, ...dates].sort()[0];
    const max = [dataset.dateRange.max, ...dates].sort().at(-1);
    expect(meta.dateRange).toEqual({ min, max });
    // Last 12 months of data, clipped to the start of the data.
    const y = Number(max.slice(0, 4));
    const m = Number(max.slice(5, 7));
    const startIdx = y * 12 + m - 1 - 11;
    const start = `${Math.floor(startIdx / 12)}-${String((startIdx % 12) + 1).padStart(2, '0')}-01`;
    expect(meta.defaultPeriod).toEqual({ from: start < min ? min : start, to: max });

    const countries = readCsv('countries.csv');
    expect(meta.nationalities.map((n) => n.id).sort()).toEqual(countries.map((c) => c.iso3).sort());
    const ner = meta.nationalities.find((n) => n.id === 'NER')!;
    expect(ner).toEqual({ id: 'NER', name: 'Niger', nameFr: 'Niger', capital: 'Niamey', lon: 2.1098, lat: 13.5137 });
    const nga = meta.nationalities.find((n) => n.id === 'NGA')!;
    expect(nga.nameFr).toBe('Nigéria');
    expect(meta.directions).toEqual([...DIRECTIONS]);
    expect(meta.sexes).toEqual([...SEXES]);
    expect(meta.ageGroups).toEqual([...AGE_GROUPS]);
    expect(meta.transports).toEqual([...TRANSPORTS]);
    expect(meta.services).toEqual([...SERVICES]);
    expect(meta.placeKinds).toEqual([...PLACE_KINDS]);
  });

  it('dataVersion is the same in meta and aggregate answers', async () => {
    const meta = (await t.inject('/api/v1/meta')).json();
    const flows = (await t.inject('/api/v1/flows')).json();
    expect(flows.dataVersion).toBe(meta.dataVersion);
    expect(t.store.info().fingerprint.startsWith(meta.dataVersion)).toBe(true);
  });
});

describe("/meta's defaultPeriod (the shared calendar's defaultPeriod)", () => {
  it.each([
    ['2015-01-01', '2019-12-31', '2019-01-01'],
    ['2015-01-01', '2019-12-30', '2019-01-01'],
    ['2015-01-01', '2019-02-28', '2018-03-01'],
    ['2018-06-15', '2019-02-28', '2018-06-15'],
  ])('min %s max %s → from %s', async (min, max, from) => {
    const { defaultPeriod } = await import('../../src/shared/calendar');
    expect(defaultPeriod({ from: min, to: max })).toEqual({ from, to: max });
  });
});

describe('GeoJSON endpoints', () => {
  it('GET /api/v1/places returns every place of the file, with ids and properties intact', async () => {
    const res = await t.inject('/api/v1/places');
    expect(res.statusCode).toBe(200);
    const fc = placesResponse.parse(res.json());
    const src = fixtureJson('places.geojson');
    expect(fc.features.map((f) => f.properties.id)).toEqual(src.features.map((f: { properties: { id: string } }) => f.properties.id));
    for (const [i, f] of fc.features.entries()) {
      expect(f.id).toBe(f.properties.id);
      expect(f.properties).toEqual(src.features[i].properties);
      expect(f.geometry.coordinates).toEqual(src.features[i].geometry.coordinates);
    }
    expect(fc.features.find((f) => f.properties.id === 'tahoua-fmp')?.properties.routes).toEqual(['R3', 'R3b']);
  });

  it('GET /api/v1/routes returns the waypoint polylines and monitoring points', async () => {
    const res = await t.inject('/api/v1/routes');
    expect(res.statusCode).toBe(200);
    const fc = routesResponse.parse(res.json());
    const src = fixtureJson('routes.geojson');
    expect(fc.features).toHaveLength(src.features.length);
    for (const [i, f] of fc.features.entries()) {
      expect(f.id).toBe(f.properties.id);
      expect(f.properties).toEqual(src.features[i].properties);
      expect(f.geometry).toEqual(src.features[i].geometry);
    }
  });

  it('GET /api/v1/regions returns the 8 admin-1 regions', async () => {
    const res = await t.inject('/api/v1/regions');
    expect(res.statusCode).toBe(200);
    const fc = regionsResponse.parse(res.json());
    const src = fixtureJson('niger-admin1.geojson');
    expect(fc.features.map((f) => f.properties)).toEqual(src.features.map((f: { properties: unknown }) => f.properties));
    expect(fc.features.map((f) => f.id)).toEqual(['NE001', 'NE002', 'NE003', 'NE004', 'NE005', 'NE006', 'NE007', 'NE008']);
    expect(fc.features[0]!.geometry).toEqual(src.features[0].geometry);
  });

  it('HEAD works on API resources', async () => {
    const res = await t.inject({ method: 'HEAD', url: '/api/v1/regions' });
    expect(res.statusCode).toBe(200);
    expect(res.body).toBe('');
  });
});

describe('GET /api/v1/openapi.json', () => {
  it('documents every endpoint with its parameters', async () => {
    const res = await t.inject('/api/v1/openapi.json');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    const doc = res.json();
    expect(doc.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.paths).sort()).toEqual(
      [
        '/api/v1/assistance',
        '/api/v1/coverage',
        '/api/v1/pressure',
        '/api/v1/flows',
        '/api/v1/hotspots',
        '/api/v1/imports',
        '/api/v1/imports/templates/assistance.csv',
        '/api/v1/imports/templates/flows.csv',
        '/api/v1/imports/templates/returns.csv',
        '/api/v1/imports/{id}/undo',
        '/api/v1/imports/assistance',
        '/api/v1/imports/flows',
        '/api/v1/imports/places',
        '/api/v1/imports/returns',
        '/api/v1/pathway',
        '/api/v1/meta',
        '/api/v1/places',
        '/api/v1/regions',
        '/api/v1/returns',
        '/api/v1/routes',
        '/api/v1/session',
        '/api/v1/setup',
      ].sort(),
    );
    expect(Object.keys(doc.paths['/api/v1/session']).sort()).toEqual(['delete', 'get', 'post']);
    expect(doc.paths['/api/v1/session'].post.requestBody.content['application/json'].schema.required.sort()).toEqual(['password', 'username']);
    expect(doc.paths['/api/v1/flows'].get.responses['403']).toBeDefined();
    const params = doc.paths['/api/v1/flows'].get.parameters.map((p: { name: string; in: string }) => `${p.in}:${p.name}`);
    for (const name of ['from', 'to', 'direction', 'nationality', 'sex', 'ageGroup', 'transport', 'point', 'route', 'region', 'groupBy', 'format']) {
      expect(params).toContain(`query:${name}`);
    }
    const groupBy = doc.paths['/api/v1/returns'].get.parameters.find((p: { name: string }) => p.name === 'groupBy');
    expect(groupBy.schema.items.enum).toEqual(['destination', 'centre', 'month', 'year']);
    expect(doc.paths['/api/v1/flows'].get.responses['400']).toBeDefined();
  });
});
