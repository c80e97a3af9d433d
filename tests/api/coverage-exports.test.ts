/**
 * Exports state what they rest on: every CSV/HXL answer of /flows, /assistance carries the data-as-of date
 * (`Data-As-Of`), and flows the share of the period counted by the monitoring points behind it (`Period-Coverage`),
 * the same as GET /api/v1/coverage tells the same role (one rule), on the mini fixture with its gaps, on both engines.
 * The file itself is unchanged, so an exported HXL file still re-imports (tests/api/exports-hxl.test.ts).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CoverageResponse, CoverageShare } from '../../src/shared/api-coverage';
import { FIXTURE_DIR, startTestApp, type TestServer } from './helpers';

let t: TestServer;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t?.close();
});

const DATASET = JSON.parse(readFileSync(join(FIXTURE_DIR, 'dataset.json'), 'utf8')) as { dataAsOf: string; dateRange: { min: string; max: string } };
const FROM = DATASET.dateRange.min;
const TO = DATASET.dateRange.max;
type Role = Parameters<TestServer['inject']>[1];

async function coverage(role: Role): Promise<CoverageResponse> {
  const res = await t.inject(`/api/v1/coverage?from=${FROM}&to=${TO}`, role);
  expect(res.statusCode).toBe(200);
  return res.json<CoverageResponse>();
}

/** The header a share should read as, worked out from the /coverage answer's point shares. */
function expected(cov: CoverageResponse, ids: string[]): string {
  const mine = cov.points.filter((p) => ids.includes(p.id)).map((p) => p.period);
  const active = mine.reduce((s, p) => s + p.active, 0);
  const reported = mine.reduce((s, p) => s + p.reported, 0);
  const share: CoverageShare['share'] = active === 0 ? null : Math.round((reported / active) * 1000) / 1000;
  return `${share === null ? 'not-monitored' : share}; reporting=${cov.reporting}; reported=${reported}; active=${active}`;
}

describe.each(['programme', 'donor'] as const)('flows exports as %s', (role) => {
  it.each(['csv', 'hxl'] as const)('%s: data-as-of and the share of the period, per filter, as /coverage says', async (format) => {
    const cov = await coverage(role);
    const cases: Array<{ q: string; ids: string[] }> = [
      { q: '', ids: cov.points.map((p) => p.id) },
      ...cov.points.map((p) => ({ q: `&point=${p.id}`, ids: [p.id] })),
      ...cov.routes.map((r) => ({ q: `&route=${r.id}`, ids: r.points })),
    ];
    const seen = new Set<string>();
    for (const c of cases) {
      const res = await t.inject(`/api/v1/flows?from=${FROM}&to=${TO}&format=${format}${c.q}`, role);
      expect(res.statusCode, c.q).toBe(200);
      expect(res.headers['data-as-of']).toBe(DATASET.dataAsOf);
      expect(res.headers['period-coverage'], c.q).toBe(expected(cov, c.ids));
      seen.add(String(res.headers['period-coverage']).split(';')[0]!);
    }
    // The fixture has gaps: some exports are partly covered, and a point that never reported is not "0 people" but 0 %.
    expect([...seen].some((s) => s !== '1' && s !== 'not-monitored')).toBe(true);
  });
});

it('a route without any monitoring point is not monitored, not 0 %', async () => {
  const cov = await coverage('programme');
  const bare = cov.routes.find((r) => r.points.length === 0);
  if (!bare) return expect(cov.routes.every((r) => r.points.length > 0)).toBe(true);
  const res = await t.inject(`/api/v1/flows?from=${FROM}&to=${TO}&format=csv&route=${bare.id}`);
  expect(String(res.headers['period-coverage'])).toMatch(/^not-monitored; /);
});

it('assistance exports state the data-as-of date (assistance is not counted by monitoring points: no share)', async () => {
  const res = await t.inject(`/api/v1/assistance?from=${FROM}&to=${TO}&format=csv`);
  expect(res.statusCode).toBe(200);
  expect(res.headers['data-as-of']).toBe(DATASET.dataAsOf);
  expect(res.headers['period-coverage']).toBeUndefined();
});

it('JSON answers are unchanged (no coverage headers)', async () => {
  const res = await t.inject(`/api/v1/flows?from=${FROM}&to=${TO}`);
  expect(res.headers['period-coverage']).toBeUndefined();
});
