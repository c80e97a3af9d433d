/**
 * The client's access helpers read the session's `access` summary. Checked against the server's own policy: for
 * every role, aggregate endpoint and groupBy combination, `canUse` must agree with what the server would decide.
 */
import { describe, expect, it } from 'vitest';
import { ROLES, type Role } from '../../src/shared/enums';
import { sessionResponse } from '../../src/shared/api';
import { allowedGroupBy, canFilter, canUse, disclosureOf, timeResolution, type AccessSummary } from '../../src/client/features/session/api';
import { accessSummary } from '../../src/server/access/guard';
import { DEFAULT_CELL_KEY } from '../../src/server/access/cell-key';
import { AGGREGATE_SHAPES, decideQuery, describeAccess, type AggregateEndpoint } from '../../src/server/access/policy';
import { SESSIONS } from './handlers';

const summary = (role: Role): AccessSummary =>
  sessionResponse.parse({ username: role === 'public' ? null : 'x', role, access: accessSummary(role, DEFAULT_CELL_KEY) }).access;

function combinations<T>(items: readonly T[], max: number): T[][] {
  const out: T[][] = [[]];
  const walk = (start: number, acc: T[]) => {
    for (let i = start; i < items.length; i++) {
      const next = [...acc, items[i]!];
      out.push(next);
      if (next.length < max) walk(i + 1, next);
    }
  };
  walk(0, []);
  return out;
}

const DATA = { min: '2015-01-01', max: '2019-12-31' };

describe('access helpers', () => {
  it('agree with the server policy for every role × aggregate endpoint × groupBy (up to 3 dimensions)', () => {
    let checked = 0;
    for (const role of ROLES) {
      const access = summary(role);
      const resolved = describeAccess(role);
      for (const endpoint of Object.keys(AGGREGATE_SHAPES) as AggregateEndpoint[]) {
        const entry = resolved[endpoint];
        const dims = Object.keys(AGGREGATE_SHAPES[endpoint].groupBy);
        for (const groupBy of combinations(dims, 3)) {
          const serverAllows = entry?.kind === 'aggregate' && decideQuery(endpoint, entry, role, { groupBy }, DATA).length === 0;
          expect(canUse(access, endpoint, groupBy), `${role} ${endpoint} groupBy=${groupBy.join(',')}`).toBe(serverAllows);
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThan(1000);
  });

  it('agree with the server on which endpoints each role may use at all', () => {
    for (const role of ROLES) {
      const access = summary(role);
      const resolved = describeAccess(role);
      for (const endpoint of ['meta', 'places', 'routes', 'regions', 'flows', 'assistance', 'returns', 'hotspots']) {
        expect(canUse(access, endpoint), `${role} ${endpoint}`).toBe(endpoint in resolved);
      }
    }
  });

  it('the msw fixtures of the component tests answer what the server answers, for every role', () => {
    for (const role of ROLES) expect(SESSIONS[role].access, role).toEqual(summary(role));
  });

  it('public: every corridor, place and monitoring point; months; one breakdown at a time; cell-key protected', () => {
    const a = summary('public');
    expect(canUse(a, 'routes')).toBe(true);
    expect(canUse(a, 'flows', 'point')).toBe(true);
    expect(canUse(a, 'flows', 'route')).toBe(true);
    expect(canUse(a, 'flows', 'region')).toBe(true);
    expect(canUse(a, 'flows', 'week')).toBe(false);
    expect(canUse(a, 'flows', ['region', 'month'])).toBe(true);
    expect(canUse(a, 'flows', ['point', 'nationality'])).toBe(true);
    expect(canUse(a, 'flows', ['point', 'nationality', 'sex'])).toBe(false); // one breakdown of the people counted at a time
    expect(canUse(a, 'flows', ['point', 'region', 'month'])).toBe(true); // months do not count
    expect(canUse(a, 'flows', ['point', 'region', 'nationality'])).toBe(false); // at most 2 breakdowns
    expect(canUse(a, 'assistance', 'centre')).toBe(true);
    expect(canUse(a, 'assistance', 'nationality')).toBe(false);
    expect(canUse(a, 'returns', 'destination')).toBe(false);
    expect(canUse(a, 'hotspots')).toBe(false);
    expect(allowedGroupBy(a, 'flows')).toContain('point');
    expect(allowedGroupBy(a, 'meta')).toBeNull();
    expect(canFilter(a, 'flows', 'point')).toBe(true);
    expect(canFilter(a, 'flows', 'nationality')).toBe(true);
    expect(canFilter(a, 'assistance', 'nationality')).toBe(false);
    expect(timeResolution(a, 'flows')).toBe('month');
    expect(disclosureOf(a, 'flows')).toEqual({ method: 'cell-key', k: 10, maxNoise: 3, resolution: 'month' });
    expect(a.places?.placeKinds).toEqual(['office', 'transit_centre', 'monitoring_point', 'hub', 'border_crossing']);
  });

  it('government: the same as signed out, plus hotspots; no assistance by nationality, sex or age', () => {
    const a = summary('government');
    expect(canUse(a, 'flows', 'nationality')).toBe(true);
    expect(canUse(a, 'hotspots')).toBe(true);
    for (const d of ['nationality', 'sex', 'ageGroup']) expect(canUse(a, 'assistance', d)).toBe(false);
    expect(canUse(a, 'assistance', 'region')).toBe(true);
  });

  it('donor: the same as signed out, plus assistance by nationality, sex and age, and returns by destination; no hotspots', () => {
    const a = summary('donor');
    expect(canUse(a, 'assistance', ['centre', 'service'])).toBe(true);
    expect(canUse(a, 'assistance', 'nationality')).toBe(true);
    expect(canUse(a, 'returns', ['centre', 'destination'])).toBe(true);
    expect(canUse(a, 'flows', 'point')).toBe(true);
    expect(canUse(a, 'routes')).toBe(true);
    expect(canUse(a, 'hotspots')).toBe(false);
  });

  it('programme: everything, exact, by day', () => {
    const a = summary('programme');
    expect(canUse(a, 'routes')).toBe(true);
    expect(canUse(a, 'flows', ['point', 'week', 'nationality'])).toBe(true);
    expect(timeResolution(a, 'flows')).toBe('day');
    expect(disclosureOf(a, 'flows')).toBeUndefined();
  });

  it('an unknown session allows nothing; a summary without a groupBy list does not restrict it', () => {
    expect(canUse(undefined, 'meta')).toBe(false);
    expect(allowedGroupBy(undefined, 'flows')).toEqual([]);
    expect(canFilter(undefined, 'flows', 'from')).toBe(false);
    expect(canUse({ flows: {} }, 'flows', 'point')).toBe(true);
    expect(canUse({ flows: {} }, 'assistance')).toBe(false);
    // Inherited object keys are not endpoints.
    expect(canUse({}, 'toString')).toBe(false);
    expect(canUse({}, '__proto__')).toBe(false);
  });
});
