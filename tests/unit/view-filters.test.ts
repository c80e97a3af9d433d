/**
 * Which breakdown filters each view applies for each role (src/client/api/view-filters.ts), checked against the
 * server's own policy: for every role × view × combination of filter values, every query the map builds from the
 * applied filters is one the server answers (decideQuery finds nothing), and a filter is offered exactly when adding
 * it keeps every query of the view answerable.
 */
import { describe, expect, it } from 'vitest';
import { sessionResponse } from '../../src/shared/api';
import { ROLES, type Role } from '../../src/shared/enums';
import { VIEWS, viewsFor } from '../../src/shared/views';
import { accessSummary } from '../../src/server/access/guard';
import { DEFAULT_CELL_KEY } from '../../src/server/access/cell-key';
import { decideQuery, describeAccess, type AggregateEndpoint } from '../../src/server/access/policy';
import {
  BREAKDOWN_FILTERS,
  CENTRES_QUERY,
  MAP_QUERIES,
  fitFilters,
  mayQuery,
  monthsOnly,
  viewFilters,
  wholeMonthsFor,
  type Access,
  type BreakdownFilter,
} from '../../src/client/api/view-filters';
import { INITIAL_FILTERS, type FilterValues } from '../../src/client/state/filters';

const DATA = { min: '2015-01-01', max: '2019-12-31' };
const access = (role: Role): Access => sessionResponse.parse({ username: null, role, access: accessSummary(role, DEFAULT_CELL_KEY) }).access;
const VALUE: Record<BreakdownFilter, string> = { direction: 'incoming', nationality: 'NGA', sex: 'f', ageGroup: 'minor' };

/** What the server says of this query for this role (empty: answered). */
function serverErrors(role: Role, endpoint: AggregateEndpoint, query: Record<string, unknown>) {
  const entry = describeAccess(role)[endpoint];
  if (!entry || entry.kind !== 'aggregate') return [{ field: endpoint, message: 'denied' }];
  return decideQuery(endpoint, entry, role, query, DATA);
}

/** Every subset of the breakdown filters, set to a value. */
function subsets(): Array<Partial<FilterValues>> {
  const out: Array<Partial<FilterValues>> = [];
  for (let mask = 0; mask < 1 << BREAKDOWN_FILTERS.length; mask++) {
    const f: Record<string, string> = {};
    BREAKDOWN_FILTERS.forEach((k, i) => {
      if (mask & (1 << i)) f[k] = VALUE[k];
    });
    out.push(f);
  }
  return out;
}

const period = { from: '2016-01-01', to: '2016-12-31' };

describe('view filters agree with the server', () => {
  it('for every role, view and combination of filters, the map queries built from the applied filters are answered', () => {
    let checked = 0;
    for (const role of ROLES) {
      const a = access(role);
      for (const view of viewsFor(a!)) {
        for (const set of subsets()) {
          const filters: FilterValues = { ...INITIAL_FILTERS, ...period, ...set };
          const { applied, conflicting, notApplied } = viewFilters(view, a, filters);
          for (const q of MAP_QUERIES[view]) {
            const query = {
              ...q.base,
              from: applied.from,
              to: applied.to,
              ...Object.fromEntries(q.takes.filter((k) => applied[k]).map((k) => [k, applied[k]])),
            };
            expect(serverErrors(role, q.endpoint, query), `${role} ${view} ${JSON.stringify(set)}`).toEqual([]);
            checked++;
          }
          // The centres (in every view that draws them) carry what they can, and that is answered too.
          const centres = fitFilters(a, CENTRES_QUERY, applied).kept;
          expect(serverErrors(role, 'assistance', { ...CENTRES_QUERY.base, ...period, ...centres }), `${role} centres ${JSON.stringify(set)}`).toEqual([]);
          // Every set filter is applied, or said not to be (kept for another view, or dropped as a conflict).
          for (const k of BREAKDOWN_FILTERS) if (set[k]) expect(!!applied[k] || conflicting.includes(k) || notApplied.includes(k)).toBe(true);
        }
      }
    }
    expect(checked).toBeGreaterThan(100);
  });

  it('a filter is offered exactly when adding it keeps every query of the view answered', () => {
    for (const role of ROLES) {
      const a = access(role);
      for (const view of viewsFor(a!)) {
        for (const set of subsets()) {
          const { status, applied } = viewFilters(view, a, { ...INITIAL_FILTERS, ...period, ...set });
          for (const k of BREAKDOWN_FILTERS) {
            if (applied[k]) continue;
            const queries = MAP_QUERIES[view].filter((q) => q.takes.includes(k));
            const serverOk =
              queries.length > 0 &&
              queries.every(
                (q) =>
                  serverErrors(role, q.endpoint, {
                    ...q.base,
                    ...period,
                    ...Object.fromEntries(q.takes.filter((j) => applied[j]).map((j) => [j, applied[j]])),
                    [k]: VALUE[k],
                  }).length === 0,
              );
            expect(status[k].kind === 'ok', `${role} ${view} ${JSON.stringify(set)} → ${k}`).toBe(serverOk);
          }
        }
      }
    }
  });
});

describe('what each role is offered', () => {
  it('signed out, Flows: any one breakdown; with one set, the others conflict with it', () => {
    const a = access('public');
    const none = viewFilters('flows', a, { ...INITIAL_FILTERS, ...period });
    for (const k of BREAKDOWN_FILTERS) expect(none.status[k]).toEqual({ kind: 'ok' });
    const one = viewFilters('flows', a, { ...INITIAL_FILTERS, ...period, nationality: 'NGA' });
    expect(one.status.nationality).toEqual({ kind: 'ok' });
    for (const k of ['direction', 'sex', 'ageGroup'] as const) expect(one.status[k]).toEqual({ kind: 'conflict', with: ['nationality'] });
    // Two set (a typed link): the first applies, the second is dropped.
    const two = viewFilters('flows', a, { ...INITIAL_FILTERS, ...period, nationality: 'NGA', sex: 'f' });
    expect(two.applied).toMatchObject({ nationality: 'NGA', sex: null });
    expect(two.conflicting).toEqual(['sex']);
  });

  it('Hotspots takes no breakdown filter; Donor impact never direction, and nothing else for outside roles', () => {
    for (const k of BREAKDOWN_FILTERS)
      expect(viewFilters('hotspots', access('government'), { ...INITIAL_FILTERS, ...period }).status[k]).toEqual({ kind: 'view' });
    const donor = viewFilters('donor', access('donor'), { ...INITIAL_FILTERS, ...period, nationality: 'NGA' });
    expect(donor.status.direction).toEqual({ kind: 'view' });
    for (const k of ['nationality', 'sex', 'ageGroup'] as const) expect(donor.status[k]).toEqual({ kind: 'audience' });
    expect(donor.applied.nationality).toBeNull();
    expect(donor.notApplied).toEqual(['nationality']);
    const programme = viewFilters('donor', access('programme'), { ...INITIAL_FILTERS, ...period, nationality: 'NGA', sex: 'f' });
    expect(programme.applied).toMatchObject({ nationality: 'NGA', sex: 'f' });
    expect(programme.status.direction).toEqual({ kind: 'view' });
  });

  it('programme staff combine every filter in Flows', () => {
    const all = viewFilters('flows', access('programme'), {
      ...INITIAL_FILTERS,
      ...period,
      direction: 'incoming',
      nationality: 'NGA',
      sex: 'f',
      ageGroup: 'minor',
    });
    expect(all.conflicting).toEqual([]);
    for (const k of BREAKDOWN_FILTERS) expect(all.status[k]).toEqual({ kind: 'ok' });
  });

  it('an unknown session holds nothing back (the server decides)', () => {
    for (const view of VIEWS.filter((v) => v !== 'hotspots')) {
      const s = viewFilters(view, undefined, { ...INITIAL_FILTERS, ...period, nationality: 'NGA', sex: 'f' });
      expect(s.applied).toMatchObject({ nationality: 'NGA', sex: 'f' });
    }
    expect(mayQuery(undefined, 'flows', { groupBy: ['point', 'week'] })).toBe(true);
  });

  it('the centres carry for the Flows view what the role may ask of them', () => {
    const f = { ...INITIAL_FILTERS, direction: 'incoming' as const, nationality: 'NGA' };
    expect(fitFilters(access('public'), CENTRES_QUERY, f)).toEqual({ kept: {}, dropped: ['direction', 'nationality'] });
    expect(fitFilters(access('donor'), CENTRES_QUERY, f)).toEqual({ kept: {}, dropped: ['direction', 'nationality'] });
    expect(fitFilters(access('programme'), CENTRES_QUERY, f)).toEqual({ kept: { nationality: 'NGA' }, dropped: ['direction'] });
  });
});

describe('periods', () => {
  it('whole months for roles that see months only, within the data; any day for the others', () => {
    expect(monthsOnly(access('public'))).toBe(true);
    expect(monthsOnly(access('government'))).toBe(true);
    expect(monthsOnly(access('donor'))).toBe(true);
    expect(monthsOnly(access('programme'))).toBe(false);
    expect(monthsOnly(undefined)).toBe(false);
    const p = { from: '2016-01-15', to: '2016-02-10' };
    expect(wholeMonthsFor(access('public'), p, DATA)).toEqual({ from: '2016-01-01', to: '2016-02-29' });
    expect(wholeMonthsFor(access('programme'), p, DATA)).toEqual(p);
    // The data's own ends are taken as they are (the server accepts them as the ends of whole months).
    expect(wholeMonthsFor(access('public'), { from: '2015-01-03', to: '2019-12-20' }, { min: '2015-01-03', max: '2019-12-20' })).toEqual({
      from: '2015-01-03',
      to: '2019-12-20',
    });
    for (const role of ['public', 'government', 'donor'] as const) {
      const q = { groupBy: ['route'], ...wholeMonthsFor(access(role), p, DATA) };
      expect(serverErrors(role, 'flows', q)).toEqual([]);
      expect(serverErrors(role, 'flows', { groupBy: ['route'], ...p }).length).toBeGreaterThan(0);
    }
  });
});
