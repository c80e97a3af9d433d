/**
 * HXL imports (issue 16): a file's columns found by its hashtag row (src/shared/hxl.ts matchHxlColumns, reading the
 * same HXL_COLUMN_TAGS table the exports write), in the three layouts people bring — header then hashtags, hashtags
 * then header, hashtags alone — and `#loc+name` values turned into place ids by the places' names.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { columnNames } from '../../src/shared/dataset-schema';
import { HXL_CORE_HASHTAGS, hxlTagOf, matchHxlColumns, parseHxlTag } from '../../src/shared/hxl';
import { validateCsv } from '../../src/server/import/validate-csv';
import type { ImportLookups } from '../../src/server/import/types';

const lookups: ImportLookups = {
  places: new Map([
    ['arlit-fmp', { kind: 'monitoring_point', region: 'NE001', name: 'Arlit (FMP)' }],
    ['seguedine-fmp', { kind: 'monitoring_point', region: 'NE001', name: 'Séguédine (FMP)' }],
    ['arlit-tc', { kind: 'transit_centre', region: 'NE001', name: 'Arlit transit centre' }],
    ['agadez-tc', { kind: 'transit_centre', region: 'NE001', name: 'Agadez transit centre' }],
  ]),
  countries: new Set(['NGA', 'NER', 'MLI']),
  routes: new Set(['R4']),
  regions: new Set(['NE001']),
};

const dir = mkdtempSync(join(tmpdir(), 'hxl-import-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;
async function stage(dataset: 'flows' | 'assistance' | 'returns', text: string) {
  const path = join(dir, `${n++}.csv`);
  const v = await validateCsv(dataset, [text], lookups, { stagePath: path });
  return { v, staged: v.staged ? readFileSync(path, 'utf8') : null };
}

describe('matchHxlColumns', () => {
  const flows = columnNames('flows');

  it('finds every flows column of a DTM-style row in any order, case and attribute order; other columns are ignored', () => {
    const row = ['#Affected +Num', '#adm1+name', '#indicator+AGE', '#date', '', '#loc+name', '#indicator+SEX', '#country+origin+code', '#indicator+direction'];
    const m = matchHxlColumns(flows, 'affected', row, ['transport']);
    expect(m.problems).toEqual([]);
    const at = Object.fromEntries(flows.map((c, i) => [c, m.source[i]]));
    expect(at).toEqual({ date: 3, point: 5, direction: 8, nationality: 7, sex: 6, age_group: 2, transport: -1, count: 0 });
    expect(m.byName[flows.indexOf('point')]).toBe(true);
    expect(m.byName[flows.indexOf('nationality')]).toBe(false);
  });

  it('names the hashtag of a missing column and two columns that both match one', () => {
    const missing = matchHxlColumns(flows, 'affected', ['#date', '#loc+code', '#country', '#indicator+sex', '#indicator+age', '#affected'], ['transport']);
    expect(missing.problems).toEqual(['no column tagged #indicator+direction (direction)']);
    const twice = matchHxlColumns(columnNames('returns'), 'affected', ['#date', '#loc+code', '#loc+code+centre', '#country', '#affected']);
    expect(twice.problems).toEqual([]); // the one sharing more attributes with #loc+code+centre wins
    expect(twice.source[1]).toBe(2);
    const tie = matchHxlColumns(columnNames('returns'), 'affected', ['#date', '#loc+code', '#loc+code', '#country', '#affected']);
    expect(tie.problems[0]).toMatch(/columns 2 and 3 .* both match #loc \(centre\)/);
  });

  it('a code wins over a name; the count of assistance is #reached', () => {
    const m = matchHxlColumns(columnNames('assistance'), 'reached', [
      '#loc+name',
      '#loc+code',
      '#date',
      '#service',
      '#country',
      '#indicator+sex',
      '#indicator+age',
      '#reached',
    ]);
    expect(m.problems).toEqual([]);
    expect(m.source[1]).toBe(1);
    expect(m.byName[1]).toBe(false);
    expect(
      matchHxlColumns(columnNames('assistance'), 'reached', ['#date', '#loc', '#service', '#country', '#indicator+sex', '#indicator+age', '#affected'])
        .problems,
    ).toEqual(['no column tagged #reached (count)']);
  });

  it('every column of every dataset has a core hashtag, and its own export tag matches it back', () => {
    for (const d of ['flows', 'assistance', 'returns'] as const) {
      const cols = columnNames(d);
      const tags = cols.map((c) => hxlTagOf(c, d === 'assistance' ? 'reached' : 'affected'));
      for (const t of tags) expect(HXL_CORE_HASHTAGS as readonly string[], t).toContain(parseHxlTag(t)!.tag);
      const m = matchHxlColumns(cols, d === 'assistance' ? 'reached' : 'affected', [...tags].reverse());
      expect(m.problems, d).toEqual([]);
      expect(m.source, d).toEqual(cols.map((_, i) => cols.length - 1 - i));
    }
  });
});

describe('validateCsv with an HXL hashtag row', () => {
  const canonical =
    'date,point,direction,nationality,sex,age_group,count\n2019-01-07,arlit-fmp,incoming,NGA,f,adult,12\n2019-01-07,seguedine-fmp,outgoing,MLI,m,minor,3\n';
  const tags = '#date,#adm1+name,#loc+name,#indicator+direction,#country+code+origin,#indicator+sex,#indicator+age,#affected+num';
  const human = 'Date,Admin 1,Location,Direction,Nationality,Sex,Age,Individuals';
  const data = 'Date\n2019-01-07,Agadez,Arlit,incoming,NGA,f,adult,12\n2019-01-07,Agadez,SEGUEDINE,outgoing,MLI,m,minor,3\n'.replace('Date\n', '');

  it('header then hashtags, hashtags then header, and hashtags alone stage the same rows as our own header', async () => {
    const ours = await stage('flows', canonical);
    expect(ours.v.errors).toEqual([]);
    for (const [layout, text] of [
      ['header, hashtags', `${human}\n${tags}\n${data}`],
      ['hashtags, header', `${tags}\n${human}\n${data}`],
      ['hashtags alone', `${tags}\n${data}`],
    ] as const) {
      const got = await stage('flows', text);
      expect(got.v.errors, layout).toEqual([]);
      expect(got.v, layout).toMatchObject({ rows: 2, hxl: true });
      expect(got.staged, layout).toBe(ours.staged);
    }
  });

  it('an unknown place name gets "did you mean" by name; a row error names the canonical column', async () => {
    const { v } = await stage('flows', `${tags}\n2019-01-07,Agadez,Arlitt,incoming,NGA,f,adult,12\n2019-01-07,Agadez,Arlit,inward,NGA,f,adult,1\n`);
    expect(v.errors).toEqual([
      { line: 2, field: 'point', message: "'Arlitt' is not the name of a monitoring point: did you mean 'Arlit' (arlit-fmp)?" },
      { line: 3, field: 'direction', message: expect.stringMatching(/'inward' is not one of/) },
    ]);
  });

  it('a name is looked up among places of the column kind only (Arlit is the monitoring point in flows, the transit centre in returns)', async () => {
    const { v, staged } = await stage('returns', '#date,#loc+name,#country+dest,#affected+num\n2019-01-01,Arlit,NGA,4\n');
    expect(v.errors).toEqual([]);
    expect(staged).toBe('date,centre,destination,count\n2019-01-01,arlit-tc,NGA,4\n');
  });

  it('a hashtag row that lacks a column is one error naming the hashtag; our own header with old hashtags still reads', async () => {
    const { v } = await stage('flows', '#date,#loc+name,#country,#indicator+sex,#indicator+age,#affected\n2019-01-07,Arlit,NGA,f,adult,1\n');
    expect(v.errors).toEqual([{ line: 1, field: 'hxl', message: expect.stringMatching(/no column tagged #indicator\+direction \(direction\)/) }]);
    const old = await stage(
      'flows',
      `${canonical.split('\n')[0]}\n#date,#loc+code,#direction,#country+code,#sex,#age,#affected\n${canonical.split('\n').slice(1).join('\n')}`,
    );
    expect(old.v.errors).toEqual([]);
    expect(old.v.rows).toBe(2);
  });
});
