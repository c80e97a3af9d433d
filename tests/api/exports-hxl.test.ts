/**
 * HXL exports: `format=hxl` on every CSV export answers the same CSV with an HXL hashtag row under the header. Read
 * back here by the rules of the HXL standard as src/shared/hxl.ts writes them down (no HXL library runs in this CI:
 * libhxl is Python, and only npm and Debian packages are reachable): row 2 is a hashtag row, every tag is a core
 * hashtag, the count column is tagged, and the data rows are the CSV export's rows.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HXL_CORE_HASHTAGS, isHashtagRow, parseHxlTag } from '../../src/shared/hxl';
import { parseCsv } from '../../src/server/import/csv-parser';
import { startTestApp, type TestServer } from './helpers';
import type { Role } from '../../src/shared/enums';

let t: TestServer;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t?.close();
});

const rowsOf = (text: string) => parseCsv(text).records.map((r) => r.fields);

const EXPORTS: Array<{ url: string; role: Role; count: string }> = [
  { url: '/api/v1/flows?groupBy=route', role: 'programme', count: '#affected+num' },
  { url: '/api/v1/flows?groupBy=week,direction', role: 'programme', count: '#affected+num' },
  { url: '/api/v1/flows?groupBy=point,nationality', role: 'programme', count: '#affected+num' },
  { url: '/api/v1/flows?groupBy=point&from=2019-01-01&to=2019-02-28', role: 'public', count: '#affected+num' },
  { url: '/api/v1/assistance?groupBy=centre,service', role: 'programme', count: '#reached+num' },
  { url: '/api/v1/assistance?groupBy=month,sex', role: 'programme', count: '#reached+num' },
  { url: '/api/v1/returns?groupBy=destination', role: 'programme', count: '#affected+num' },
  { url: '/api/v1/returns?groupBy=centre,destination', role: 'donor', count: '#affected+num' },
  { url: '/api/v1/hotspots', role: 'programme', count: '' },
  { url: '/api/v1/hotspots?from=2019-01-01&to=2019-02-28', role: 'government', count: '' },
];

describe('format=hxl', () => {
  for (const e of EXPORTS) {
    it(`${e.url} (${e.role}) parses as HXL and carries the CSV's rows`, async () => {
      const sep = e.url.includes('?') ? '&' : '?';
      const hxlRes = await t.inject(`${e.url}${sep}format=hxl`, e.role);
      expect(hxlRes.statusCode, hxlRes.body).toBe(200);
      expect(hxlRes.headers['content-type']).toBe('text/csv; charset=utf-8');
      expect(hxlRes.headers['content-disposition']).toMatch(/_hxl\.csv"$/);
      const csvRes = await t.inject(`${e.url}${sep}format=csv`, e.role);
      const hxl = rowsOf(hxlRes.body);
      const csv = rowsOf(csvRes.body);
      const [header, tags, ...data] = hxl;
      expect(header).toEqual(csv[0]);
      expect(isHashtagRow(tags!)).toBe(true);
      expect(isHashtagRow(csv[1] ?? [])).toBe(false);
      for (const cell of tags!.filter((c) => c !== '')) {
        const tag = parseHxlTag(cell);
        expect(tag, cell).not.toBeNull();
        expect(HXL_CORE_HASHTAGS as readonly string[], cell).toContain(tag!.tag);
      }
      // Every column of this export is tagged.
      expect(
        tags!.every((c) => c !== ''),
        `${header!.join(',')}\n${tags!.join(',')}`,
      ).toBe(true);
      if (e.count) expect(tags![header!.indexOf('count')]).toBe(e.count);
      expect(data).toEqual(csv.slice(1));
      expect(data.length).toBeGreaterThan(0);
    });
  }

  it('refuses other formats by name', async () => {
    const res = await t.inject('/api/v1/flows?format=xlsx');
    expect(res.statusCode).toBe(400);
    expect(res.body).toMatch(/format/);
  });
});
