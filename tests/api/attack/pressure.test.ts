/**
 * Attack: centre pressure for outside roles. Their answer is months of the people assisted PUBLISHED to them, put
 * through the occupancy formula: the attacker must get nothing from it that their own /assistance answers do not
 * already give.
 * - Every month's people assisted is exactly the role's /assistance?service=shelter_food&groupBy=centre,month cell
 *   (withheld there ↔ withheld here, with no estimate); residents and share are that number × stay ÷ days, ÷ capacity.
 * - Asking again with any stay, threshold or horizon gives the same people assisted (the same fixed noise: averaging
 *   many answers gains nothing), and residents × days ÷ stay gives back only that published number.
 * - Nothing weekly: no week, forecast or warning, every period a whole month.
 * - A dataset with one more person at Dirkou in one week: programme staff see the one; the outside answer is again
 *   exactly that dataset's own published cells.
 * Over data/ (five years, the suite's fixed cell-key secret) and the mini fixture; on both engines.
 */
import { appendFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pressureMonthly, pressureOpen, type PressureMonthly } from '../../../src/shared/api-pressure';
import { monthEnd } from '../../../src/shared/calendar';
import { daysInclusive } from '../../../src/shared/occupancy';
import { copyFixture, FIXTURE_DIR, startTestApp, type TestServer } from '../helpers';
import { answer, OUTSIDE_ROLES, SECRET, startAtlas, type OutsideRole } from './attacker';

let atlas: TestServer;
let t: TestServer;
let plusOne: TestServer;
beforeAll(async () => {
  atlas = await startAtlas();
  t = await startTestApp({ app: { dataDir: FIXTURE_DIR, cellKeySecret: SECRET } });
  const dir = copyFixture();
  // The mini fixture's last week, with one more person at Dirkou: a protected weekly count changes.
  appendFileSync(join(dir, 'assistance.csv'), '2019-02-25,dirkou-tc,shelter_food,NER,m,adult,1\n');
  plusOne = await startTestApp({ dataDir: dir, app: { dataDir: dir, cellKeySecret: SECRET } });
});
afterAll(async () => {
  await atlas?.close();
  await t?.close();
  await plusOne?.close();
});

const QUERIES = ['', '?stayDays=60', '?stayDays=1&threshold=0.1', '?horizon=8&threshold=2', '?stayDays=13&horizon=5&threshold=0.35'];

async function pressure(s: TestServer, role: OutsideRole, q = ''): Promise<PressureMonthly> {
  const res = await s.inject(`/api/v1/pressure${q}`, role);
  expect(res.statusCode, res.body).toBe(200);
  return pressureMonthly.parse(res.json());
}

/** The role's own published people assisted per centre and month over the answer's months: `centre|month` → count or null. */
async function publishedCells(s: TestServer, role: OutsideRole, body: PressureMonthly): Promise<Map<string, number | null>> {
  const months = body.centres[0]!.months.map((m) => m.month);
  const a = await answer(s.inject, `/api/v1/assistance?service=shelter_food&groupBy=centre,month&from=${months[0]}&to=${monthEnd(body.lastMonth)}`, role);
  return new Map(a.rows.map((r) => [`${String(r['centre'])}|${String(r['month'])}`, r.count]));
}

/** Every key anywhere in a JSON value. */
function keysIn(v: unknown): string[] {
  if (Array.isArray(v)) return v.flatMap(keysIn);
  if (v && typeof v === 'object') return Object.entries(v).flatMap(([k, x]) => [k, ...keysIn(x)]);
  return [];
}

describe('outside roles: pressure is a function of their own published cells, nothing more', () => {
  it('every month is the role’s /assistance cell, the same under every stay, threshold and horizon, and no finer than a month', async () => {
    const { dateRange } = (await atlas.inject('/api/v1/meta', 'public')).json() as { dateRange: { min: string; max: string } };
    let withheld = 0;
    let cells = 0;
    for (const role of OUTSIDE_ROLES) {
      const first = await pressure(atlas, role);
      const published = await publishedCells(atlas, role, first);
      for (const q of QUERIES) {
        const body = await pressure(atlas, role, q);
        const raw = (await atlas.inject(`/api/v1/pressure${q}`, role)).json();
        // `forecastLocked` is the sentence saying why there is no forecast.
        expect(keysIn(raw).filter((k) => k !== 'forecastLocked' && /week|forecast|warning|recent|interval|mase|backtest/i.test(k))).toEqual([]);
        for (const c of body.centres) {
          for (const m of c.months) {
            expect(m.month).toMatch(/^\d{4}-\d{2}-01$/);
            const key = `${c.id}|${m.month}`;
            const cell = published.has(key) ? published.get(key)! : 0;
            expect(m.assisted, `${role}${q} ${key}`).toBe(cell);
            expect(m.withheld).toBe(cell === null);
            if (cell === null) {
              expect(m.residents).toBeNull();
              expect(m.share).toBeNull();
              withheld++;
              continue;
            }
            // Inverting the formula gives back the published cell and nothing else.
            const from = m.month < dateRange.min ? dateRange.min : m.month;
            const to = monthEnd(m.month) > dateRange.max ? dateRange.max : monthEnd(m.month);
            // (residents are rounded to 0.1: the inversion is within 0.05 × days ÷ stay of the cell)
            const days = daysInclusive(from, to);
            expect(Math.abs((m.residents! * days) / body.stayDays - cell)).toBeLessThanOrEqual((0.05 * days) / body.stayDays + 1e-9);
            cells++;
          }
        }
      }
    }
    expect(cells).toBeGreaterThan(0);
    // data/'s shelter-and-food cells per centre and month are large: none withheld (the mini fixture test covers one).
    expect(withheld).toBe(0);
  });

  it('one more person at Dirkou in one week: programme staff see it; outside roles see exactly their own published cells of each dataset', async () => {
    const dirkou = async (s: TestServer) => {
      const body = pressureOpen.parse((await s.inject('/api/v1/pressure', 'programme')).json());
      return body.centres.find((c) => c.id === 'dirkou-tc')!.recent.find((r) => r.week === '2019-02-25')!.assisted;
    };
    expect((await dirkou(plusOne)) - (await dirkou(t))).toBe(1);
    for (const server of [t, plusOne]) {
      for (const role of OUTSIDE_ROLES) {
        const body = await pressure(server, role);
        const published = await publishedCells(server, role, body);
        for (const c of body.centres)
          for (const m of c.months) expect(m.assisted).toBe(published.has(`${c.id}|${m.month}`) ? published.get(`${c.id}|${m.month}`)! : 0);
      }
    }
  });

  it('answers for programme staff are never stored by a browser', async () => {
    const res = await t.inject('/api/v1/pressure', 'programme');
    expect(res.headers['cache-control']).toMatch(/no-store/);
  });
});
