/**
 * Attack: does the pathway tell an outside role anything its flows, assistance and returns answers do not? For each
 * outside role, every route the centres serve and every month of the shipped data, every number of GET
 * /api/v1/pathway must equal (marks included) what that role gets from /flows, /assistance or /returns for the same
 * cell; withheld cells stay withheld, a ratio over a withheld count is withheld, and a breakdown the role may not ask
 * there (returns by destination, signed out and government) is absent here too.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestServer } from '../helpers';
import { expectSameAsEndpoints, pathwayOf } from '../pathway-expect';
import { DATA_DIR, OUTSIDE_ROLES, startAtlas } from './attacker';

let t: TestServer;
beforeAll(async () => {
  t = await startAtlas({ dataDir: DATA_DIR });
});
afterAll(async () => {
  await t?.close();
});

describe('pathway for outside roles = post-processing of published answers', () => {
  for (const role of OUTSIDE_ROLES) {
    it(`${role}: every number equals the flows / assistance / returns answer for the same cell (2017)`, async () => {
      const body = await pathwayOf(t.inject, '/api/v1/pathway?from=2017-01-01&to=2017-12-31', role);
      expect(body.protected).toBe(true);
      expect(body.routes.length).toBeGreaterThan(3);
      const compared = await expectSameAsEndpoints(t.inject, body, role);
      expect(compared).toBeGreaterThan(100);
      // Withheld cells are there to be checked (the small centres' rare services), and stay withheld.
      const counts = body.routes.flatMap((r) => r.months.flatMap((m) => [m.observed, ...m.centres.flatMap((c) => [c.assisted, c.returns, ...c.services])]));
      expect(counts.some((c) => c.suppressed === true && c.count === null)).toBe(true);
      expect(counts.every((c) => c.count === null || c.perturbed === true || c.count === 0)).toBe(true);
    });
  }

  it('a week or a part of a month is refused, as on /flows', async () => {
    for (const role of OUTSIDE_ROLES) {
      const res = await t.inject('/api/v1/pathway?route=R5&from=2017-03-06&to=2017-03-12', role);
      expect([401, 403]).toContain(res.statusCode);
    }
  });
});
