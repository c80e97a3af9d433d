/**
 * HXL imports through the endpoint (issue 16): a DTM-style file — human headers, core HXL hashtags, a `#loc+name`
 * column of place names, columns in its own order and one we do not read (`#adm1+name`) — imports without editing, in
 * the three layouts (header then hashtags, hashtags then header, hashtags alone); a `format=hxl` export read back
 * (dry run) is accepted; the templates (admin) are header + hashtags + an example row that imports as it is.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCsv } from '../../src/server/import/csv-parser';
import { columnNames } from '../../src/shared/dataset-schema';
import { aggregateResponse, importProblem, importResponse } from '../../src/shared/api';
import { isHashtagRow, parseHxlTag } from '../../src/shared/hxl';
import { startTestApp, type TestServer } from './helpers';

let t: TestServer;
beforeAll(async () => {
  t = await startTestApp({ role: 'admin' });
});
afterAll(async () => {
  await t?.close();
});

const post = (dataset: string, payload: string, dryRun = true) =>
  t.inject({ method: 'POST', url: `/api/v1/imports/${dataset}${dryRun ? '?dryRun=true' : ''}`, headers: { 'content-type': 'text/csv' }, payload });

const DTM_TAGS = '#date,#adm1+name,#loc+name,#indicator+direction,#country+code+origin,#indicator+sex,#indicator+age,#indicator+transport,#affected+num';
const DTM_HEADER = 'Date,Admin 1,Location,Direction,Nationality,Sex,Age,Transport,Individuals';
const DTM_ROWS = [
  '2019-01-07,Agadez,Arlit,incoming,NGA,f,adult,car,11',
  '2019-01-07,Agadez,Séguédine,outgoing,MLI,m,minor,truck,7',
  '2019-01-14,Agadez,seguedine,outgoing,MLI,m,minor,truck,5',
];
const file = (...lines: string[]) => `${lines.join('\r\n')}\r\n`;

describe('a DTM-style HXL file', () => {
  it('imports without editing in each layout: header then hashtags, hashtags then header, hashtags alone (dry run)', async () => {
    for (const [layout, text] of [
      ['header, hashtags', file(DTM_HEADER, DTM_TAGS, ...DTM_ROWS)],
      ['hashtags, header', file(DTM_TAGS, DTM_HEADER, ...DTM_ROWS)],
      ['hashtags alone', file(DTM_TAGS, ...DTM_ROWS)],
    ]) {
      const res = await post('flows', text!);
      expect(res.statusCode, `${layout}: ${res.body}`).toBe(200);
      const out = importResponse.parse(res.json());
      expect(out, layout).toMatchObject({ dryRun: true, rows: DTM_ROWS.length });
      expect(out.inserted + out.replaced, layout).toBeGreaterThanOrEqual(DTM_ROWS.length);
    }
  });

  it('is stored under the places the names stand for (Arlit → arlit-fmp, Séguédine → seguedine-fmp)', async () => {
    const byPoint = async () =>
      Object.fromEntries(
        aggregateResponse.parse((await t.inject('/api/v1/flows?groupBy=point&from=2019-01-07&to=2019-01-20')).json()).rows.map((r) => [r.point, r.count ?? 0]),
      );
    const count = async (point: string) => (await byPoint())[point] ?? 0;
    const before = { arlit: await count('arlit-fmp'), seguedine: await count('seguedine-fmp') };
    const res = await post('flows', file(DTM_TAGS, DTM_HEADER, ...DTM_ROWS), false);
    expect(res.statusCode, res.body).toBe(200);
    const out = importResponse.parse(res.json());
    // Each row adds its count, or replaces a stored row of the same key (then the stored count goes).
    const after = { arlit: await count('arlit-fmp'), seguedine: await count('seguedine-fmp') };
    if (out.replaced === 0) {
      expect(after.arlit - before.arlit).toBe(11);
      expect(after.seguedine - before.seguedine).toBe(12);
    } else {
      expect(after.arlit).toBeGreaterThanOrEqual(11);
      expect(after.seguedine).toBeGreaterThanOrEqual(12);
    }
    const history = (await t.inject('/api/v1/imports')).json() as { imports: Array<{ dataset: string }> };
    expect(history.imports[0]!.dataset).toBe('flows');
  });

  it('an unknown name gets "did you mean" with the id; a missing hashtag is one error naming it', async () => {
    const bad = await post('flows', file(DTM_TAGS, '2019-01-07,Agadez,Arlitt,incoming,NGA,f,adult,car,11'));
    expect(bad.statusCode).toBe(400);
    expect(importProblem.parse(bad.json()).errors).toEqual([
      { line: 2, field: 'point', message: "'Arlitt' is not the name of a monitoring point: did you mean 'Arlit' (arlit-fmp)?" },
    ]);
    const noDirection = await post('flows', file(DTM_TAGS.replace('#indicator+direction', '#indicator'), ...DTM_ROWS));
    expect(noDirection.statusCode).toBe(400);
    const p = importProblem.parse(noDirection.json());
    expect(p.errors).toHaveLength(1);
    expect(p.errors![0]).toMatchObject({ line: 1, field: 'hxl' });
    expect(p.errors![0]!.message).toMatch(/no column tagged #indicator\+direction \(direction\)/);
  });
});

describe('round trip', () => {
  it('a returns export with format=hxl (month, centre, destination) re-imports as it is (dry run)', async () => {
    const exp = await t.inject('/api/v1/returns?groupBy=month,centre,destination&format=hxl', 'programme');
    expect(exp.statusCode).toBe(200);
    const rows = parseCsv(exp.body).records;
    expect(rows[0]!.fields).toEqual(['month', 'centre', 'destination', 'count']);
    expect(isHashtagRow(rows[1]!.fields)).toBe(true);
    const res = await post('returns', exp.body);
    expect(res.statusCode, res.body).toBe(200);
    const out = importResponse.parse(res.json());
    expect(out.rows).toBe(rows.length - 2);
    // Every row of the export is written (the rows it replaces are the stored rows of its keys).
    expect(out.inserted).toBe(rows.length - 2);
  });
});

describe('import templates', () => {
  for (const dataset of ['flows', 'assistance', 'returns'] as const) {
    it(`${dataset}: header, HXL hashtags, an example row that imports as it is`, async () => {
      const res = await t.inject(`/api/v1/imports/templates/${dataset}.csv`);
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
      expect(res.headers['content-disposition']).toBe(`attachment; filename="transit-atlas_${dataset}_import-template.csv"`);
      const [header, tags, example, ...more] = parseCsv(res.body).records.map((r) => r.fields);
      expect(header).toEqual(columnNames(dataset));
      expect(isHashtagRow(tags!)).toBe(true);
      expect(tags!.every((c) => parseHxlTag(c) !== null)).toBe(true);
      expect(tags![header!.indexOf('count')]).toBe(dataset === 'assistance' ? '#reached+num' : '#affected+num');
      expect(example!.every((c) => c !== '')).toBe(true);
      expect(more).toEqual([]);
      const imported = await post(dataset, res.body);
      expect(imported.statusCode, imported.body).toBe(200);
      expect(importResponse.parse(imported.json()).rows).toBe(1);
    });
  }

  it('is for admins, like the imports (signed out 401, programme 403)', async () => {
    expect((await t.inject('/api/v1/imports/templates/flows.csv', 'public')).statusCode).toBe(401);
    expect((await t.inject('/api/v1/imports/templates/flows.csv', 'programme')).statusCode).toBe(403);
  });
});

describe('places GeoJSON as GDAL writes it', () => {
  const gdal = (crs: string, ids: string[]) =>
    JSON.stringify({
      type: 'FeatureCollection',
      name: 'places',
      crs: { type: 'name', properties: { name: crs } },
      features: ids.map((id, i) => ({
        type: 'Feature',
        id,
        properties: {
          name: `Hub ${i}`,
          kind: 'hub',
          countryIso3: 'NER',
          admin1Pcode: null,
          capacity: null,
          activeFrom: null,
          activeTo: null,
          routes: [],
          source: 'GDAL',
        },
        geometry: { type: 'Point', coordinates: [8 + i / 10, 16] },
      })),
    });
  const postPlaces = (text: string) =>
    t.inject({ method: 'POST', url: '/api/v1/imports/places?dryRun=true', headers: { 'content-type': 'application/geo+json' }, payload: text });

  it('CRS84 or EPSG:4326 with the ids in feature.id: accepted (dry run)', async () => {
    for (const crs of ['urn:ogc:def:crs:OGC:1.3:CRS84', 'urn:ogc:def:crs:EPSG::4326']) {
      const res = await postPlaces(gdal(crs, ['hub-a', 'hub-b', 'hub-c']));
      expect(res.statusCode, `${crs}: ${res.body}`).toBe(200);
      expect(importResponse.parse(res.json())).toMatchObject({ dataset: 'places', rows: 3, inserted: 3 });
    }
  });

  it('another CRS: one error naming it', async () => {
    const res = await postPlaces(gdal('urn:ogc:def:crs:EPSG::32632', ['hub-a']));
    expect(res.statusCode).toBe(400);
    expect(importProblem.parse(res.json()).errors).toEqual([
      { field: 'crs', message: expect.stringMatching(/^names urn:ogc:def:crs:EPSG::32632; places must be WGS 84/) },
    ]);
  });
});
