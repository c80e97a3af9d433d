/**
 * Careless imports (issue 12): a far-future or far-past date is refused with the line and field named (one row dated
 * 2091-01-07 moved "data as of" for every visitor before); the dry run says what the import would change (rows added
 * and replaced, the extent, "data as of") and warns when the extent jumps; text has a length cap (a
 * 1,000,000-character place name is refused). Over a real DuckDB file built from the mini fixture (data
 * 2018-12-01 … 2019-02-28, data as of 2019-03-01).
 */
import { CSV_HEADERS } from '../../src/server/store/duckdb/seed';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, today } from '../../src/shared/calendar';
import { aggregateResponse, importProblem, importResponse, metaResponse, placesResponse } from '../../src/shared/api';
import { flows, PROBLEM_JSON, startTestApp, type TestServer, testEngine } from './helpers';

const FLOWS_HEADER = CSV_HEADERS.flows;
const RETURNS_HEADER = CSV_HEADERS.returns;
const csv = (...lines: string[]) => `${lines.join('\n')}\n`;

let t: TestServer;
beforeAll(async () => {
  t = await startTestApp({ role: 'admin' });
});
afterAll(async () => {
  await t?.close();
});

const post = (dataset: string, payload: string, opts: { dryRun?: boolean; inject?: TestServer['inject'] } = {}) =>
  (opts.inject ?? t.inject)({
    method: 'POST',
    url: `/api/v1/imports/${dataset}${opts.dryRun ? '?dryRun=true' : ''}`,
    headers: { 'content-type': dataset === 'places' ? 'application/geo+json' : 'text/csv' },
    payload,
  });
const meta = async () => metaResponse.parse((await t.inject('/api/v1/meta')).json());
const total = async (url: string) => aggregateResponse.parse((await t.inject(url)).json()).total;
const totals = () => Promise.all(['flows', 'assistance', 'returns'].map((d) => total(`/api/v1/${d}`)));

/** Posts a file that must be refused: 400, these errors, and nothing written (data version, meta, totals, journal). */
async function expectRefused(dataset: string, file: string, expected: Array<{ line?: number; field: string; message: RegExp }>) {
  const before = { meta: await meta(), totals: await totals() };
  const res = await post(dataset, file);
  expect(res.statusCode, res.body).toBe(400);
  expect(res.headers['content-type']).toMatch(PROBLEM_JSON);
  const p = importProblem.parse(res.json());
  expect(p.detail).toMatch(/nothing was written/);
  expect(p.errors).toHaveLength(expected.length);
  expected.forEach((e, i) => {
    expect(p.errors![i]).toMatchObject({ field: e.field, ...(e.line !== undefined ? { line: e.line } : {}) });
    expect(p.errors![i]!.message).toMatch(e.message);
  });
  const after = await meta();
  expect(after.dataVersion).toBe(before.meta.dataVersion);
  expect(after.dataAsOf).toBe(before.meta.dataAsOf);
  expect(after.dateRange).toEqual(before.meta.dateRange);
  expect(await totals()).toEqual(before.totals);
  if (testEngine() === 'duckdb') expect(readdirSync(join(t.tmp, 'imports')).filter((f) => !f.startsWith('.'))).toEqual([]);
  expect(await t.store.imports!.importHistory()).toEqual([]);
  return p;
}

describe('dates outside the plausible window are refused', () => {
  it('a row dated 2091-01-07 (a typo for 2019) or 9999-12-31: 400 naming the line and the date field; nothing written', async () => {
    const latest = addDays(today(), 31);
    const p = await expectRefused(
      'flows',
      csv(
        FLOWS_HEADER,
        '2019-01-07,arlit-fmp,incoming,NGA,f,adult,car,5', // fine
        '2091-01-07,arlit-fmp,incoming,NGA,f,adult,car,5',
        '9999-12-31,arlit-fmp,incoming,NGA,m,adult,car,5',
        `${addDays(latest, 1)},arlit-fmp,incoming,NGA,f,minor,car,5`,
      ),
      [
        { line: 3, field: 'date', message: new RegExp(`'2091-01-07' is after ${latest}, the latest date accepted \\(today .* \\+ 31 days\\)`) },
        { line: 4, field: 'date', message: /'9999-12-31' is after .* the latest date accepted/ },
        { line: 5, field: 'date', message: /is after .* the latest date accepted/ },
      ],
    );
    expect(p.errors![0]!.message).toMatch(/is the year right\?/);
  });

  it('a date more than a year before the data starts (2018-12-01) is refused too; a year before is accepted', async () => {
    await expectRefused('returns', csv(RETURNS_HEADER, '2017-11-30,agadez-tc,GIN,1', '1019-03-04,agadez-tc,GIN,1'), [
      { line: 2, field: 'date', message: /'2017-11-30' is before 2017-12-01, the earliest date accepted \(a year before the data's first date, 2018-12-01\)/ },
      { line: 3, field: 'date', message: /'1019-03-04' is before 2017-12-01/ },
    ]);
    const ok = await post('returns', csv(RETURNS_HEADER, '2017-12-01,agadez-tc,GIN,1'), { dryRun: true });
    expect(ok.statusCode, ok.body).toBe(200);
  });

  it('today + 31 days is the last date accepted', async () => {
    const res = await post('returns', csv(RETURNS_HEADER, `${addDays(today(), 31)},agadez-tc,GIN,1`), { dryRun: true });
    expect(res.statusCode, res.body).toBe(200);
  });

  it('the window is configurable (IMPORT_DATE_MIN, IMPORT_MAX_DAYS_AHEAD → imports.dates)', async () => {
    const strict = t.another({ imports: { dates: { earliest: '2019-01-01', maxDaysAhead: 0, today: '2019-03-10' } } });
    const res = await post('returns', csv(RETURNS_HEADER, '2018-12-31,agadez-tc,GIN,1', '2019-03-10,agadez-tc,GIN,1', '2019-03-11,agadez-tc,GIN,1'), {
      inject: strict.inject,
    });
    expect(res.statusCode).toBe(400);
    const p = importProblem.parse(res.json());
    expect(p.errors!.map((e) => [e.line, e.field])).toEqual([
      [2, 'date'],
      [4, 'date'],
    ]);
    expect(p.errors![0]!.message).toMatch(/earliest date set by IMPORT_DATE_MIN/);
    expect(p.errors![1]!.message).toMatch(/today \(2019-03-10\) \+ 0 days/);
  });
});

describe('the dry run says what the import would change', () => {
  it('rows added and replaced, the extent and "data as of" before and after; nothing written', async () => {
    const before = await meta();
    const stored = flows()[0]!;
    const key = `${stored.date},${stored.point},${stored.direction},${stored.nationality},${stored.sex},${stored.age_group},${stored.transport}`;
    const res = await post('flows', csv(FLOWS_HEADER, `${key},1234`, '2019-03-04,arlit-fmp,incoming,NGA,f,adult,car,5'), { dryRun: true });
    expect(res.statusCode, res.body).toBe(200);
    const r = importResponse.parse(res.json());
    expect(r).toMatchObject({
      dryRun: true,
      rows: 2,
      added: 1,
      replaced: 1,
      inserted: 2,
      fileDateRange: { min: stored.date, max: '2019-03-04' },
      before: { dateRange: before.dateRange, dataAsOf: before.dataAsOf },
      after: { dateRange: { min: before.dateRange.min, max: '2019-03-04' }, dataAsOf: '2019-03-04' },
      dataAsOfMoves: true,
      warnings: [],
      // unchanged: a dry run
      dataVersion: before.dataVersion,
      dataAsOf: before.dataAsOf,
      dateRange: before.dateRange,
    });
    expect(await meta()).toEqual(before);
  });

  it('warns when the extent jumps more than a year past its end, naming the new end and "data as of"', async () => {
    const before = await meta();
    const res = await post('returns', csv(RETURNS_HEADER, '2019-02-01,agadez-tc,GIN,3', '2021-01-07,agadez-tc,GIN,3'), { dryRun: true });
    expect(res.statusCode, res.body).toBe(200);
    const r = importResponse.parse(res.json());
    expect(r.after).toEqual({ dateRange: { min: before.dateRange.min, max: '2021-01-07' }, dataAsOf: '2021-01-07' });
    expect(r.warnings).toHaveLength(1);
    expect(r.warnings![0]!.code).toBe('extent-end-jump');
    expect(r.warnings![0]!.message).toMatch(
      new RegExp(
        `end on 2021-01-07, more than 1 year after its current end \\(${before.dateRange.max}\\).*"data as of" would move from ${before.dataAsOf} to 2021-01-07`,
      ),
    );
    expect(await meta()).toEqual(before);
  });

  it('warns when the data would start earlier', async () => {
    const res = await post('returns', csv(RETURNS_HEADER, '2018-06-01,agadez-tc,GIN,3'), { dryRun: true });
    const r = importResponse.parse(res.json());
    expect(r.warnings!.map((w) => w.code)).toEqual(['extent-start-earlier']);
    expect(r.warnings![0]!.message).toMatch(/start on 2018-06-01, before its current start \(2018-12-01\)/);
    expect(r.dataAsOfMoves).toBe(false);
  });

  it('no warning for a file inside the extent; places report ids added and replaced', async () => {
    const r = importResponse.parse((await post('returns', csv(RETURNS_HEADER, '2019-01-15,agadez-tc,GIN,3'), { dryRun: true })).json());
    expect(r.warnings).toEqual([]);
    expect(r.dataAsOfMoves).toBe(false);
    const places = placesResponse.parse((await t.inject('/api/v1/places')).json());
    const existing = places.features[0]!;
    const fresh = { ...existing, id: 'new-place', properties: { ...existing.properties, id: 'new-place' } };
    const p = importResponse.parse((await post('places', JSON.stringify({ type: 'FeatureCollection', features: [existing, fresh] }), { dryRun: true })).json());
    expect(p).toMatchObject({ rows: 2, added: 1, replaced: 1, fileDateRange: null, warnings: [] });
  });
});

describe('text length caps', () => {
  const place = (props: Record<string, unknown>) =>
    JSON.stringify({
      type: 'FeatureCollection',
      features: [
        {
          type: 'Feature',
          properties: {
            id: 'long-fmp',
            name: 'Long FMP',
            kind: 'monitoring_point',
            countryIso3: 'NER',
            admin1Pcode: 'NE001',
            capacity: null,
            activeFrom: null,
            activeTo: null,
            routes: [],
            source: 'test',
            ...props,
          },
          geometry: { type: 'Point', coordinates: [8, 17] },
        },
      ],
    });

  it('a 1,000,000-character place name is refused (and never served); so is a 1,001-character source', async () => {
    const res = await post('places', place({ name: 'x'.repeat(1_000_000), source: 's'.repeat(1001) }));
    expect(res.statusCode).toBe(400);
    const p = importProblem.parse(res.json());
    expect(p.errors).toEqual([
      { field: 'features[0].properties.name', message: 'is 1,000,000 characters long; at most 200 are accepted' },
      { field: 'features[0].properties.source', message: 'is 1,001 characters long; at most 1000 are accepted' },
    ]);
    expect(res.body.length).toBeLessThan(2000); // the name is not echoed back
    const places = placesResponse.parse((await t.inject('/api/v1/places')).json());
    expect(places.features.some((f) => f.properties.id === 'long-fmp')).toBe(false);
    // at the caps: accepted
    const ok = await post('places', place({ name: 'x'.repeat(200), source: 's'.repeat(1000) }), { dryRun: true });
    expect(ok.statusCode, ok.body).toBe(200);
  });

  it('a place id, or any CSV field, past its cap is refused with the field named and not echoed', async () => {
    const id = await post('places', place({ id: `a${'b'.repeat(100)}` }));
    expect(importProblem.parse(id.json()).errors).toEqual([{ field: 'features[0].properties.id', message: 'is 101 characters long; at most 64 are accepted' }]);
    const p = await expectRefused('returns', csv(RETURNS_HEADER, `2019-01-15,${'c'.repeat(1_000_000)},GIN,3`, '2019-01-15,agadez-tc,GIN,3'), [
      { line: 2, field: 'centre', message: /^is 1,000,000 characters long; at most 200 are accepted$/ },
    ]);
    expect(JSON.stringify(p).length).toBeLessThan(2000);
  });
});
