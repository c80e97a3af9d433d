/**
 * Attack: centre pressure for outside roles. The weekly estimate and forecast are functions of exact weekly counts,
 * so outside roles get the capability locked: the answer must be the same constant for every query, every outside
 * role and every dataset (so it is a function of no count at all, a fortiori of published cells), and hold no number.
 * Two datasets that differ only in a protected weekly count (one person more at Dirkou in one week) must give outside
 * roles byte-identical answers, while programme staff see the difference.
 */
import { appendFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pressureLocked } from '../../../src/shared/api-pressure';
import { copyFixture, startTestApp, type TestServer } from '../helpers';
import { OUTSIDE_ROLES, SECRET } from './attacker';

let t: TestServer;
let plusOne: TestServer;
beforeAll(async () => {
  t = await startTestApp({ app: { cellKeySecret: SECRET } });
  const dir = copyFixture();
  // The mini fixture's last week, with one more person at Dirkou: a protected weekly count changes.
  appendFileSync(join(dir, 'assistance.csv'), '2019-02-25,dirkou-tc,shelter_food,NER,m,adult,1\n');
  plusOne = await startTestApp({ dataDir: dir, app: { cellKeySecret: SECRET } });
});
afterAll(async () => {
  await t?.close();
  await plusOne?.close();
});

const QUERIES = ['', '?stayDays=60', '?horizon=8', '?threshold=0.1', '?stayDays=1&horizon=4&threshold=2'];

/** Every number anywhere in a JSON value. */
function numbersIn(v: unknown): number[] {
  if (typeof v === 'number') return [v];
  if (Array.isArray(v)) return v.flatMap(numbersIn);
  if (v && typeof v === 'object') return Object.values(v).flatMap(numbersIn);
  return [];
}

describe('outside roles: pressure is locked, a constant that depends on no count', () => {
  it('the same body for every outside role and query, on both datasets; no number in it', async () => {
    const bodies = new Set<string>();
    for (const server of [t, plusOne]) {
      for (const role of OUTSIDE_ROLES) {
        for (const q of QUERIES) {
          const res = await server.inject(`/api/v1/pressure${q}`, role);
          expect(res.statusCode, res.body).toBe(200);
          const body = pressureLocked.parse(res.json());
          expect(Object.keys(res.json() as object).sort()).toEqual(['locked', 'method', 'reason']);
          expect(numbersIn(body)).toEqual([]);
          bodies.add(res.body);
        }
      }
    }
    expect(bodies.size).toBe(1);
  });

  it('programme staff do see the one-person difference (the lock hides something real)', async () => {
    const dirkou = async (s: TestServer) => {
      const res = await s.inject('/api/v1/pressure', 'programme');
      const body = res.json() as { centres: { id: string; recent: { week: string; assisted: number }[] }[] };
      return body.centres.find((c) => c.id === 'dirkou-tc')!.recent.find((r) => r.week === '2019-02-25')!.assisted;
    };
    expect((await dirkou(plusOne)) - (await dirkou(t))).toBe(1);
  });

  it('answers for programme staff are never stored by a browser', async () => {
    const res = await t.inject('/api/v1/pressure', 'programme');
    expect(res.headers['cache-control']).toMatch(/no-store/);
  });
});
