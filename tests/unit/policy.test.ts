/** The policy table (pure): its shape against the shared contract, its invariants, and query decisions. */
import { describe, expect, it } from 'vitest';
import { assistanceQuery, flowsQuery, hotspotsQuery, returnsQuery } from '../../src/shared/api';
import { ACCOUNT_ROLES, ASSISTANCE_GROUP_BY, EXTERNAL_ROLES, FLOW_GROUP_BY, RETURNS_GROUP_BY, ROLES, type Role } from '../../src/shared/enums';
import {
  AGGREGATE_SHAPES,
  decideEndpoint,
  decideQuery,
  describeAccess,
  endpointOf,
  ENDPOINT_ROUTES,
  ENDPOINTS,
  POLICY,
  type AggregateAccess,
  type AggregateEndpoint,
  type Endpoint,
} from '../../src/server/access/policy';

const DATA = { min: '2015-01-05', max: '2019-12-30' };
const agg = (e: AggregateEndpoint, r: Role) => POLICY[e][r] as AggregateAccess;
const decide = (e: AggregateEndpoint, r: Role, q: Record<string, unknown>) => decideQuery(e, agg(e, r), r, { format: 'json', ...q }, DATA);
const fields = (e: AggregateEndpoint, r: Role, q: Record<string, unknown>) => decide(e, r, q).map((x) => x.field);

/** The intended matrix, written out: endpoint → roles allowed. A change to the table must change this too. */
const ALLOWED: Record<Endpoint, readonly Role[]> = {
  meta: ROLES,
  places: ROLES,
  routes: ['programme', 'admin'],
  regions: ROLES,
  flows: ROLES,
  assistance: ROLES,
  returns: ROLES,
  hotspots: ROLES,
  openapi: ROLES,
  session: ROLES,
  setup: ROLES,
  imports: ['admin'],
  spa: ROLES,
};

describe('the table', () => {
  it('has exactly the intended role × endpoint matrix', () => {
    expect(Object.keys(ALLOWED).sort()).toEqual([...ENDPOINTS].sort());
    for (const e of ENDPOINTS) {
      for (const r of ROLES) expect(POLICY[e][r] !== undefined, `${r} × ${e}`).toBe(ALLOWED[e].includes(r));
    }
  });

  it('classifies every groupBy value and query key of the shared schemas', () => {
    const shapes: Array<[AggregateEndpoint, readonly string[], object]> = [
      ['flows', FLOW_GROUP_BY, flowsQuery.shape],
      ['assistance', ASSISTANCE_GROUP_BY, assistanceQuery.shape],
      ['returns', RETURNS_GROUP_BY, returnsQuery.shape],
      ['hotspots', [], hotspotsQuery.shape],
    ];
    for (const [e, groupBy, shape] of shapes) {
      expect(Object.keys(AGGREGATE_SHAPES[e].groupBy).sort(), e).toEqual([...groupBy].sort());
      const keys = Object.keys(shape).filter((k) => k !== 'groupBy');
      expect(Object.keys(AGGREGATE_SHAPES[e].filters).sort(), e).toEqual(keys.sort());
    }
  });

  it('signed out sees nothing an account cannot: public ⊆ every other role, entry by entry', () => {
    for (const e of ENDPOINTS) {
      const pub = POLICY[e].public;
      if (!pub) continue;
      for (const r of ACCOUNT_ROLES) {
        const other = POLICY[e][r]!;
        expect(other.kind).toBe(pub.kind);
        if (pub.kind === 'aggregate' && other.kind === 'aggregate') {
          for (const g of pub.groupBy) expect(other.groupBy, `${r} ${e} groupBy`).toContain(g);
          for (const f of pub.filters) expect(other.filters, `${r} ${e} filters`).toContain(f);
          expect(other.maxDimensions).toBeGreaterThanOrEqual(pub.maxDimensions);
        }
        if (pub.kind === 'places' && other.kind === 'places') for (const k of pub.placeKinds) expect(other.placeKinds).toContain(k);
      }
    }
  });

  it('external roles: admin-1 (donors also facilities), whole months, at most 2 dimensions, disclosure control', () => {
    for (const e of Object.keys(AGGREGATE_SHAPES) as AggregateEndpoint[]) {
      for (const r of EXTERNAL_ROLES) {
        const a = agg(e, r);
        expect(a.disclosure).toBe(true);
        expect(a.maxDimensions).toBe(2);
        expect(a.time).toEqual(['month', 'year']);
        expect(a.spatial).not.toContain('point');
        expect(a.spatial).toEqual(r === 'donor' ? ['facility', 'admin1'] : ['admin1']);
        for (const g of ['point', 'route', 'week']) expect(a.groupBy).not.toContain(g);
        for (const f of ['point', 'route']) expect(a.filters).not.toContain(f);
        if (r !== 'donor') expect(a.groupBy).not.toContain('centre');
      }
      for (const r of ['programme', 'admin'] as const) {
        expect(agg(e, r).disclosure).toBe(false);
        expect(agg(e, r).groupBy).toEqual(Object.keys(AGGREGATE_SHAPES[e].groupBy));
        expect(agg(e, r).filters).toEqual(Object.keys(AGGREGATE_SHAPES[e].filters));
      }
    }
  });

  it('government (and so the public) gets no assistance by nationality, sex or age group', () => {
    for (const r of ['government', 'public'] as const) {
      for (const d of ['nationality', 'sex', 'ageGroup']) {
        expect(agg('assistance', r).groupBy).not.toContain(d);
        expect(agg('assistance', r).filters).not.toContain(d);
      }
      expect(agg('flows', r).groupBy).toContain('nationality');
    }
    expect(agg('assistance', 'donor').groupBy).toContain('nationality');
    expect(agg('assistance', 'donor').sensitive?.values).toEqual(['family_tracing', 'unhcr_referral']);
  });

  it('places: programme and admin every kind; donors facilities and context; others context only', () => {
    const kinds = (r: Role) => {
      const p = POLICY.places[r];
      return p?.kind === 'places' ? [...p.placeKinds].sort() : null;
    };
    expect(kinds('programme')).toEqual(['border_crossing', 'hub', 'monitoring_point', 'office', 'transit_centre']);
    expect(kinds('donor')).toEqual(['border_crossing', 'hub', 'office', 'transit_centre']);
    expect(kinds('government')).toEqual(['border_crossing', 'hub']);
    expect(kinds('public')).toEqual(['border_crossing', 'hub']);
  });

  it('describeAccess lists exactly the allowed endpoints', () => {
    expect(Object.keys(describeAccess('donor')).sort()).toEqual(ENDPOINTS.filter((e) => ALLOWED[e].includes('donor')).sort());
  });
});

describe('endpointOf and decideEndpoint', () => {
  it('maps registered routes (HEAD as GET) and nothing else', () => {
    expect(endpointOf('GET', '/api/v1/flows')).toBe('flows');
    expect(endpointOf('HEAD', '/api/v1/flows')).toBe('flows');
    expect(endpointOf('POST', '/api/v1/session')).toBe('session');
    expect(endpointOf('POST', '/api/v1/flows')).toBeUndefined();
    expect(endpointOf('GET', '/api/v1/nope')).toBeUndefined();
    expect(endpointOf('GET', undefined)).toBeUndefined();
    expect(Object.values(ENDPOINT_ROUTES).flat().every((r) => /^(GET|POST|DELETE) \//.test(r))).toBe(true);
  });

  it('unknown endpoints are closed to everyone; signed-out visitors are asked to sign in only where an account could see', () => {
    for (const r of ROLES) expect(decideEndpoint(undefined, r)).toMatchObject({ allow: false, status: 403 });
    expect(decideEndpoint('routes', 'public')).toMatchObject({ allow: false, status: 401 });
    expect(decideEndpoint('routes', 'donor')).toMatchObject({ allow: false, status: 403 });
    expect(decideEndpoint('routes', 'government')).toMatchObject({ allow: false, status: 403 });
    expect(decideEndpoint('routes', 'programme')).toMatchObject({ allow: true });
    expect(decideEndpoint('flows', 'public')).toMatchObject({ allow: true });
  });
});

describe('decideQuery', () => {
  it('point-level groupings and filters are refused below the programme, naming the parameter', () => {
    for (const r of EXTERNAL_ROLES) {
      expect(fields('flows', r, { groupBy: ['point'] })).toEqual(['groupBy']);
      expect(fields('flows', r, { groupBy: ['route'] })).toEqual(['groupBy']);
      expect(fields('flows', r, { point: ['arlit-fmp'] })).toEqual(['point']);
      expect(fields('flows', r, { route: ['R3'] })).toEqual(['route']);
      expect(decide('flows', r, { groupBy: ['point'] })[0]!.message).toMatch(/'point' is not available .*programme/);
    }
    for (const r of ['programme', 'admin'] as const) {
      expect(decide('flows', r, { groupBy: ['point', 'route', 'week'], point: ['x'], route: ['R3'], from: '2019-01-03' })).toEqual([]);
    }
  });

  it('weeks are refused to external roles; months and years are fine', () => {
    for (const r of EXTERNAL_ROLES) {
      expect(fields('flows', r, { groupBy: ['week'] })).toEqual(['groupBy']);
      expect(fields('assistance', r, { groupBy: ['week'] })).toEqual(['groupBy']);
      expect(decide('flows', r, { groupBy: ['month', 'region'] })).toEqual([]);
      expect(decide('returns', r, { groupBy: ['year'] })).toEqual([]);
    }
  });

  it('external roles group by at most 2 dimensions', () => {
    expect(fields('flows', 'public', { groupBy: ['region', 'month', 'sex'] })).toEqual(['groupBy']);
    expect(decide('flows', 'public', { groupBy: ['region', 'month', 'sex'] })[0]!.message).toMatch(/at most 2/);
    expect(decide('flows', 'programme', { groupBy: ['region', 'month', 'sex'] })).toEqual([]);
  });

  it('facility-level data is for donors and programme staff', () => {
    expect(fields('assistance', 'government', { groupBy: ['centre'] })).toEqual(['groupBy']);
    expect(fields('returns', 'public', { centre: ['agadez-tc'] })).toEqual(['centre']);
    expect(decide('assistance', 'donor', { groupBy: ['centre', 'service'], centre: ['agadez-tc'] })).toEqual([]);
  });

  it('government and public: no assistance by nationality, sex or age group, as grouping or filter', () => {
    for (const r of ['government', 'public'] as const) {
      for (const d of ['nationality', 'sex', 'ageGroup']) expect(fields('assistance', r, { groupBy: [d] })).toEqual(['groupBy']);
      expect(fields('assistance', r, { nationality: ['NGA'] })).toEqual(['nationality']);
      expect(fields('assistance', r, { sex: 'f', ageGroup: 'minor' })).toEqual(['sex', 'ageGroup']);
      expect(decide('assistance', r, { groupBy: ['service', 'region'], service: ['health'] })).toEqual([]);
    }
  });

  it('donors: protection-sensitive services never by nationality × sex × age group', () => {
    // two demographic dimensions are fine
    expect(decide('assistance', 'donor', { groupBy: ['nationality', 'sex'] })).toEqual([]);
    // three, counting filters, while sensitive services are in scope: refused
    expect(fields('assistance', 'donor', { groupBy: ['nationality', 'sex'], ageGroup: 'minor' })).toEqual(['ageGroup']);
    expect(fields('assistance', 'donor', { groupBy: ['nationality', 'ageGroup'], sex: 'f' })).toEqual(['groupBy']);
    expect(fields('assistance', 'donor', { groupBy: ['service'], nationality: ['NGA'], sex: 'f', ageGroup: 'minor' })).toEqual(['ageGroup']);
    expect(fields('assistance', 'donor', { groupBy: ['nationality', 'sex'], ageGroup: 'minor', service: ['health', 'family_tracing'] })).toEqual(['ageGroup']);
    expect(decide('assistance', 'donor', { groupBy: ['nationality', 'sex'], ageGroup: 'minor' })[0]!.message).toMatch(/family_tracing and unhcr_referral/);
    // …unless the answer cannot include them
    expect(decide('assistance', 'donor', { groupBy: ['nationality', 'sex'], ageGroup: 'minor', service: ['health', 'shelter_food'] })).toEqual([]);
    // programme staff are not limited
    expect(decide('assistance', 'programme', { groupBy: ['nationality', 'sex', 'ageGroup'] })).toEqual([]);
  });

  it('month-resolution roles ask for whole months (a period reaching past the data counts as whole)', () => {
    for (const r of EXTERNAL_ROLES) {
      expect(decide('flows', r, { from: '2019-01-01', to: '2019-03-31' })).toEqual([]);
      expect(decide('flows', r, { from: '2016-02-01', to: '2016-02-29' })).toEqual([]);
      expect(fields('flows', r, { from: '2019-01-02' })).toEqual(['from']);
      expect(fields('flows', r, { to: '2019-03-30' })).toEqual(['to']);
      expect(fields('flows', r, { from: '2019-01-07', to: '2019-01-13' })).toEqual(['from', 'to']);
      expect(decide('flows', r, { from: '2014-06-15', to: '2020-01-15' })).toEqual([]);
      expect(decide('flows', r, { from: DATA.min, to: DATA.max })).toEqual([]);
      expect(decide('hotspots', r, { from: '2019-01-01', to: '2019-12-31' })).toEqual([]);
      expect(fields('hotspots', r, { from: '2019-01-14' })).toEqual(['from']);
    }
    expect(decide('flows', 'programme', { from: '2019-01-07', to: '2019-01-13' })).toEqual([]);
    expect(decide('flows', 'public', { from: '2019-01-02' })[0]!.message).toMatch(/first day of a month.*whole months/);
  });

  it('csv is a format, allowed to every role', () => {
    for (const r of ROLES) expect(decide('returns', r, { format: 'csv' })).toEqual([]);
  });
});
