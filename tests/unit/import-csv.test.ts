/** The streaming CSV parser (RFC 4180) and the row validator of imports, without a database. */
import { describe, expect, it } from 'vitest';
import { CsvParser, parseCsv } from '../../src/server/import/csv-parser';
import { validateCsv } from '../../src/server/import/validate-csv';
import { validatePlacesGeoJson } from '../../src/server/import/validate-geojson';
import type { ImportLookups } from '../../src/server/import/types';

const records = (text: string) => parseCsv(text).records.map((r) => [r.line, ...r.fields]);

describe('CsvParser', () => {
  it('reads plain, quoted, escaped and multi-line fields with the line each record starts on', () => {
    const text = 'a,b,c\r\n1,"x,y",3\n"he said ""hi""",,\n"two\nlines",q,"r"\n\nlast,row,here';
    expect(records(text)).toEqual([
      [1, 'a', 'b', 'c'],
      [2, '1', 'x,y', '3'],
      [3, 'he said "hi"', '', ''],
      [4, 'two\nlines', 'q', 'r'],
      [7, 'last', 'row', 'here'],
    ]);
    expect(parseCsv(text).errors).toEqual([]);
  });

  it('gives the same records whatever the chunking (every split point, CRLF and "" across chunks)', () => {
    const text = '\uFEFFh1,h2\r\n"a""b","c\r\nd"\r\ne,f\r\n"",g\r\n';
    const whole = parseCsv(text);
    for (let i = 0; i <= text.length; i++) {
      for (let j = i; j <= text.length; j += 3) {
        const p = new CsvParser();
        const got = [...p.push(text.slice(0, i)), ...p.push(text.slice(i, j)), ...p.push(text.slice(j)), ...p.end()];
        expect(got, `split at ${i}, ${j}`).toEqual(whole.records);
        expect(p.takeErrors()).toEqual([]);
      }
    }
    expect(whole.records.map((r) => r.line)).toEqual([1, 2, 4, 5]);
    expect(whole.records[0]!.fields).toEqual(['h1', 'h2']); // BOM dropped
  });

  it('reports a stray quote, text after a closing quote and an unclosed quote, with their lines', () => {
    expect(parseCsv('a,b\nx"y,z\n"ok",1\n').errors).toEqual([{ line: 2, message: expect.stringMatching(/quote .* inside unquoted field 1/) }]);
    expect(parseCsv('a,b\n"x"y,z\n').errors).toEqual([{ line: 2, message: expect.stringMatching(/after the closing quote of field 1/) }]);
    const open = parseCsv('a,b\n1,2\n"never\nclosed,3\n');
    expect(open.errors).toEqual([{ line: 3, message: expect.stringMatching(/not closed/) }]);
    expect(open.records.map((r) => r.line)).toEqual([1, 2]);
  });
});

const lookups: ImportLookups = {
  places: new Map([
    ['arlit-fmp', { kind: 'monitoring_point', region: 'NE001' }],
    ['agadez-tc', { kind: 'transit_centre', region: 'NE001' }],
    ['gao', { kind: 'hub', region: null }],
  ]),
  countries: new Set(['NGA', 'NER', 'MLI']),
  routes: new Set(['R4']),
  regions: new Set(['NE001']),
};

describe('validateCsv', () => {
  it('accepts a flows file without transport (and an HXL row) in chunks of any size', async () => {
    const text =
      'date,point,direction,nationality,sex,age_group,count\n#date,#loc+code,#direction,#country+code,#sex,#age,#affected\n2019-01-07,arlit-fmp,incoming,NGA,f,adult,12\n';
    const chunks = text.match(/[\s\S]{1,7}/g)!.map((c) => new TextEncoder().encode(c));
    const v = await validateCsv('flows', chunks, lookups, { stagePath: null });
    expect(v).toMatchObject({ rows: 1, errorCount: 0, hxl: true });
  });

  it('splits a multi-byte character across chunks without complaint, refuses bytes that are not UTF-8', async () => {
    const bytes = new TextEncoder().encode('date,centre,destination,count\n2019-01-07,agadez-tc,NGA,3\n');
    const ok = await validateCsv('returns', [bytes.subarray(0, 10), bytes.subarray(10)], lookups, { stagePath: null });
    expect(ok.errorCount).toBe(0);
    const latin1 = Buffer.from('date,centre,destination,count\n2019-01-07,agadez-tc,NGA,3\n"caf\xe9",x,y,z\n', 'latin1');
    const bad = await validateCsv('returns', [latin1], lookups, { stagePath: null });
    expect(bad.errors[0]).toMatchObject({ field: 'file', message: expect.stringMatching(/not UTF-8/) });
  });

  it('a place of the wrong kind, and one without a Niger region', async () => {
    const v = await validateCsv('returns', ['date,centre,destination,count\n2019-01-07,arlit-fmp,NGA,3\n2019-01-07,gao,NGA,3\n'], lookups, { stagePath: null });
    expect(v.errors).toEqual([
      { line: 2, field: 'centre', message: "'arlit-fmp' is a monitoring point, not a transit centre or an office" },
      { line: 3, field: 'centre', message: "'gao' is a hub, not a transit centre or an office" },
    ]);
  });
});

describe('import messages name the column and the fix', () => {
  const v = (dataset: 'flows' | 'returns', text: string) => validateCsv(dataset, [text], lookups, { stagePath: null });

  it('a header names the unknown column (with the one it likely meant) and the missing ones', async () => {
    const r = await v('returns', 'date,centre,destinaton,count\n2019-01-07,agadez-tc,NGA,3\n');
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0]!.message).toMatch(/unknown column 'destinaton' \(did you mean 'destination'\?\)/);
    const missing = await v('returns', 'date,centre,count\n2019-01-07,agadez-tc,3\n');
    expect(missing.errors[0]!.message).toMatch(/missing 'destination'/);
    // flows' transport is optional: never reported missing
    const flows = await v('flows', 'date,point,direction,nationality,sex,age,count\n');
    expect(flows.errors[0]!.message).toMatch(/unknown column 'age' \(did you mean 'age_group'\?\); missing 'age_group'$/);
  });

  it('the right columns in another order are said to be out of place', async () => {
    const r = await v('returns', 'centre,date,destination,count\nagadez-tc,2019-01-07,NGA,3\n');
    expect(r.errors[0]!.message).toMatch(/columns out of place: write them in the order date,centre,destination,count/);
  });

  it('a file separated by semicolons or tabs is told so', async () => {
    expect((await v('returns', 'date;centre;destination;count\n2019-01-07;agadez-tc;NGA;3\n')).errors[0]!.message).toMatch(/separated by semicolons/);
    expect((await v('returns', 'date\tcentre\tdestination\tcount\n')).errors[0]!.message).toMatch(/separated by tabs/);
  });

  it('rows of empty cells that Excel leaves after the data are skipped like blank lines', async () => {
    const r = await v('returns', 'date,centre,destination,count\n2019-01-07,agadez-tc,NGA,3\n,,,\n , , ,\n');
    expect(r).toMatchObject({ rows: 1, errorCount: 0 });
  });

  it('a file that is not UTF-8 gets one error, not also "empty"', async () => {
    const r = await validateCsv('returns', [Buffer.from('d\xe9te,centre\n', 'latin1')], lookups, { stagePath: null });
    expect(r.errors).toEqual([expect.objectContaining({ field: 'file', message: expect.stringMatching(/not UTF-8/) })]);
  });

  it('a place or a value written carelessly gets a "did you mean"', async () => {
    const r = await v('flows', 'date,point,direction,nationality,sex,age_group,count\n2019-01-07,Arlit,incomming,NGA,f,adult,3\n');
    expect(r.errors).toEqual([
      { line: 2, field: 'point', message: "'Arlit' is not a known place id: did you mean 'arlit-fmp'?" },
      { line: 2, field: 'direction', message: "'incomming' is not one of incoming, outgoing (did you mean 'incoming'?)" },
    ]);
    // nothing close: no guess
    expect((await v('returns', 'date,centre,destination,count\n2019-01-07,timbuktu,NGA,3\n')).errors[0]!.message).toMatch(/not a known place id \(import it/);
  });
});

describe('validatePlacesGeoJson', () => {
  const feature = (props: Record<string, unknown>, geometry: unknown = { type: 'Point', coordinates: [7, 17, 450] }) => ({
    type: 'Feature',
    properties: {
      id: 'p',
      name: 'P',
      kind: 'hub',
      countryIso3: 'NER',
      admin1Pcode: null,
      capacity: null,
      activeFrom: null,
      activeTo: null,
      routes: [],
      source: 's',
      ...props,
    },
    geometry,
  });
  const check = (...features: unknown[]) => validatePlacesGeoJson(JSON.stringify({ type: 'FeatureCollection', features }), lookups);

  it('accepts points (an altitude is dropped) and refuses the rest, naming the path', () => {
    expect(check(feature({})).features[0]!.geometry.coordinates).toEqual([7, 17]);
    const v = check(
      feature({ id: 'a' }, { type: 'Point', coordinates: [7, 95] }),
      feature({ id: 'b' }, null),
      feature({ id: 'c', kind: 'transit_centre' }),
      feature({ id: 'd', activeFrom: '2019-02-01', activeTo: '2019-01-01' }),
      feature({ id: 'e', routes: ['R4'] }),
      feature({ id: 'f', activeFrom: '2019-02-30' }),
    );
    expect(v.errors.map((e) => `${e.field}: ${e.message}`)).toEqual([
      'features[0].geometry.coordinates[1]: latitude 95 is outside −90…90',
      'features[1].geometry: must be a Point geometry',
      'features[2].properties.admin1Pcode: is required for a transit centre (its counts are mapped by region)',
      'features[3].properties.activeTo: must not be before activeFrom',
      'features[4].properties.routes: only monitoring points observe routes',
      'features[5].properties.activeFrom: is not a real calendar date',
    ]);
    expect(v.features).toEqual([]);
  });
});
