/** The policy table (pure): its shape against the shared contract, its invariants, and query decisions. */
import { describe, expect, it } from 'vitest';
import { assistanceQuery, flowsQuery, hotspotsQuery, returnsQuery } from '../../src/shared/api';
import { coverageQuery } from '../../src/shared/api-coverage';
import { pathwayQuery } from '../../src/shared/api-pathway';
import { ACCOUNT_ROLES, ASSISTANCE_GROUP_BY, EXTERNAL_ROLES, FLOW_GROUP_BY, PLACE_KINDS, RETURNS_GROUP_BY, ROLES, type Role } from '../../src/shared/enums';
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
  routes: ROLES, // geography is public
  regions: ROLES,
  flows: ROLES,
  assistance: ROLES,
  returns: ROLES,
  hotspots: ['government', 'programme', 'admin'],
  coverage: ROLES, // whether counting happened, not how many people
  pathway: ROLES, // flows, assistance and returns answers side by side
  pressure: ROLES, // outside roles get `locked`, no number (routes/pressure.ts)
  openapi: ROLES,
  health: ROLES,
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
      ['coverage', [], coverageQuery.shape],
      ['pathway', [], pathwayQuery.shape],
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
          for (const t of pub.time) expect(other.time, `${r} ${e} time`).toContain(t);
          expect(other.maxDimensions).toBeGreaterThanOrEqual(pub.maxDimensions);
          // absent = not capped
          if (other.maxBreakdowns !== undefined) expect(other.maxBreakdowns).toBeGreaterThanOrEqual(pub.maxBreakdowns ?? Infinity);
          if (other.maxAttributes !== undefined) expect(other.maxAttributes).toBeGreaterThanOrEqual(pub.maxAttributes ?? Infinity);
          if (!pub.singleValues) expect(other.singleValues).toBeFalsy();
          if (!pub.disclosure) expect(other.disclosure).toBe(false);
        }
        if (pub.kind === 'places' && other.kind === 'places') for (const k of pub.placeKinds) expect(other.placeKinds).toContain(k);
      }
    }
  });

  it('outside roles: points, routes, centres and regions by whole month, published cells, one breakdown at a time', () => {
    for (const e of ['flows', 'assistance', 'returns'] as const) {
      for (const r of EXTERNAL_ROLES) {
        const a = agg(e, r);
        expect(a.disclosure).toBe(true);
        expect(a.time).toEqual(['month', 'year']);
        expect(a.spatial).toEqual(['point', 'facility', 'admin1']);
        expect(a.maxDimensions).toBe(3);
        expect(a.maxBreakdowns).toBe(2);
        expect(a.maxAttributes).toBe(1);
        expect(a.singleValues).toBe(true);
        expect(a.groupBy).not.toContain('week');
        for (const g of ['month', 'year']) expect(a.groupBy).toContain(g);
      }
      for (const r of ['programme', 'admin'] as const) {
        const a = agg(e, r);
        expect(a.disclosure).toBe(false);
        expect(a.time).toEqual(['day', 'week', 'month', 'year']);
        expect(a.groupBy).toEqual(Object.keys(AGGREGATE_SHAPES[e].groupBy));
        expect(a.filters).toEqual(Object.keys(AGGREGATE_SHAPES[e].filters));
        expect([a.maxBreakdowns, a.maxAttributes, a.singleValues]).toEqual([undefined, undefined, undefined]);
      }
    }
    for (const r of EXTERNAL_ROLES) {
      for (const g of ['point', 'route', 'region']) expect(agg('flows', r).groupBy).toContain(g);
      for (const f of ['point', 'route', 'region']) expect(agg('flows', r).filters).toContain(f);
      expect(agg('assistance', r).groupBy).toEqual(expect.arrayContaining(['centre', 'region', 'service']));
      expect(agg('returns', r).groupBy).toContain('centre');
    }
    // the hotspots view: government from published months, programme and admin exact
    expect(agg('hotspots', 'government')).toMatchObject({ disclosure: true, time: ['month', 'year'] });
    expect(agg('hotspots', 'programme').disclosure).toBe(false);
  });

  it('government (and so the public) gets no assistance by nationality, sex or age group, and no returns by destination', () => {
    for (const r of ['government', 'public'] as const) {
      for (const d of ['nationality', 'sex', 'ageGroup']) {
        expect(agg('assistance', r).groupBy).not.toContain(d);
        expect(agg('assistance', r).filters).not.toContain(d);
      }
      expect(agg('returns', r).groupBy).not.toContain('destination');
      expect(agg('returns', r).filters).not.toContain('destination');
      expect(agg('flows', r).groupBy).toContain('nationality');
    }
    for (const d of ['nationality', 'sex', 'ageGroup']) expect(agg('assistance', 'donor').groupBy).toContain(d);
    expect(agg('returns', 'donor').groupBy).toContain('destination');
    expect(agg('assistance', 'donor').sensitive?.values).toEqual(['family_tracing', 'unhcr_referral']);
  });

  it('places: geography is public, every kind of place for every role', () => {
    for (const r of ROLES) {
      const p = POLICY.places[r];
      expect(p?.kind, r).toBe('places');
      expect(p?.kind === 'places' ? [...p.placeKinds].sort() : null, r).toEqual([...PLACE_KINDS].sort());
      expect(POLICY.routes[r], r).toEqual({ kind: 'open' });
    }
  });

  it('describeAccess lists exactly the allowed endpoints', () => {
    for (const r of ROLES) expect(Object.keys(describeAccess(r)).sort(), r).toEqual(ENDPOINTS.filter((e) => ALLOWED[e].includes(r)).sort());
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
    expect(
      Object.values(ENDPOINT_ROUTES)
        .flat()
        .every((r) => /^(GET|POST|DELETE) \//.test(r)),
    ).toBe(true);
  });

  it('unknown endpoints are closed to everyone; signed-out visitors are asked to sign in only where an account could see', () => {
    for (const r of ROLES) expect(decideEndpoint(undefined, r)).toMatchObject({ allow: false, status: 403 });
    for (const r of ROLES) expect(decideEndpoint('routes', r)).toMatchObject({ allow: true });
    expect(decideEndpoint('hotspots', 'public')).toMatchObject({ allow: false, status: 401 });
    expect(decideEndpoint('hotspots', 'donor')).toMatchObject({ allow: false, status: 403 });
    expect(decideEndpoint('hotspots', 'government')).toMatchObject({ allow: true });
    expect(decideEndpoint('imports', 'public')).toMatchObject({ allow: false, status: 401 });
    expect(decideEndpoint('imports', 'programme')).toMatchObject({ allow: false, status: 403 });
    expect(decideEndpoint('flows', 'public')).toMatchObject({ allow: true });
  });
});

describe('decideQuery', () => {
  it('points, routes, centres and regions are open to outside roles, one at a time', () => {
    for (const r of EXTERNAL_ROLES) {
      expect(decide('flows', r, { groupBy: ['point'] })).toEqual([]);
      expect(decide('flows', r, { groupBy: ['route', 'month'] })).toEqual([]);
      expect(decide('flows', r, { point: ['arlit-fmp'] })).toEqual([]);
      expect(decide('flows', r, { route: ['R3'], groupBy: ['month'] })).toEqual([]);
      expect(decide('assistance', r, { groupBy: ['centre', 'service'] })).toEqual([]);
      expect(decide('returns', r, { centre: ['agadez-tc'], groupBy: ['month'] })).toEqual([]);
    }
  });

  it('one value per filter for outside roles: a list is a union of cells, refused naming the filter', () => {
    for (const r of EXTERNAL_ROLES) {
      expect(fields('flows', r, { nationality: ['NGA', 'MLI'] })).toEqual(['nationality']);
      expect(fields('flows', r, { point: ['arlit-fmp', 'agadez-fmp'] })).toEqual(['point']);
      expect(fields('assistance', r, { service: ['health', 'shelter_food'] })).toEqual(['service']);
      expect(decide('flows', r, { nationality: ['NGA', 'MLI'] })[0]!.message).toMatch(/takes one value/);
    }
    expect(decide('flows', 'programme', { nationality: ['NGA', 'MLI'], point: ['a', 'b'] })).toEqual([]);
  });

  it('weeks and days are refused to outside roles; months and years are fine', () => {
    for (const r of EXTERNAL_ROLES) {
      expect(fields('flows', r, { groupBy: ['week'] })).toEqual(['groupBy']);
      expect(fields('assistance', r, { groupBy: ['week'] })).toEqual(['groupBy']);
      expect(decide('flows', r, { groupBy: ['week'] })[0]!.message).toMatch(/weekly figures are for programme staff/);
      expect(decide('flows', r, { groupBy: ['month', 'region'] })).toEqual([]);
      expect(decide('returns', r, { groupBy: ['year'] })).toEqual([]);
    }
    for (const r of ['programme', 'admin'] as const) {
      expect(decide('flows', r, { groupBy: ['point', 'route', 'week'], point: ['x'], route: ['R3'], from: '2019-01-03' })).toEqual([]);
    }
  });

  it('at most 2 breakdowns, narrowing filters counted; months are not a breakdown', () => {
    for (const r of EXTERNAL_ROLES) {
      expect(decide('flows', r, { groupBy: ['region', 'month', 'sex'] })).toEqual([]);
      expect(fields('flows', r, { groupBy: ['point', 'region', 'month'], route: ['R3'] })).toEqual(['route']);
      expect(fields('flows', r, { groupBy: ['point', 'region'], sex: 'f' })).toEqual(['sex']);
      expect(decide('flows', r, { groupBy: ['point', 'region'], sex: 'f' })[0]!.message).toMatch(/at most 2 breakdowns, narrowing filters included/);
    }
    expect(decide('flows', 'programme', { groupBy: ['point', 'region', 'sex'], direction: 'incoming', transport: 'bus' })).toEqual([]);
  });

  it('one breakdown of the people counted at a time', () => {
    for (const r of EXTERNAL_ROLES) {
      expect(fields('flows', r, { groupBy: ['sex'], direction: 'incoming' })).toEqual(['direction']);
      expect(fields('flows', r, { groupBy: ['sex', 'nationality'] })).toEqual(['groupBy']);
    }
  });

  it('refuses the 7-way table of issue 11 to every outside role', () => {
    const q = { groupBy: ['nationality', 'month'], region: ['NE001'], sex: 'f', ageGroup: 'minor', direction: 'incoming', transport: 'bus' };
    for (const r of EXTERNAL_ROLES) expect(decide('flows', r, q).length, r).toBeGreaterThan(0);
    expect(decide('flows', 'programme', q)).toEqual([]);
  });

  it('government and public: no assistance by nationality, sex or age group, no returns by destination, as grouping or filter', () => {
    for (const r of ['government', 'public'] as const) {
      for (const d of ['nationality', 'sex', 'ageGroup']) expect(fields('assistance', r, { groupBy: [d] })).toEqual(['groupBy']);
      expect(fields('assistance', r, { nationality: ['NGA'] })).toEqual(['nationality']);
      expect(fields('assistance', r, { sex: 'f' })).toEqual(['sex']);
      expect(fields('returns', r, { groupBy: ['destination'] })).toEqual(['groupBy']);
      expect(fields('returns', r, { destination: ['NGA'] })).toEqual(['destination']);
      expect(decide('returns', r, { groupBy: ['destination'] })[0]!.message).toMatch(/'destination' is not available to/);
      expect(decide('assistance', r, { groupBy: ['service', 'region'] })).toEqual([]);
    }
    expect(decide('assistance', 'donor', { groupBy: ['nationality', 'centre'] })).toEqual([]);
    expect(decide('returns', 'donor', { groupBy: ['destination', 'month'], centre: ['agadez-tc'] })).toEqual([]);
  });

  it('donors: protection-sensitive services are never broken down by nationality, sex or age group', () => {
    // With one breakdown at a time, the shape rule already refuses every such combination…
    expect(fields('assistance', 'donor', { groupBy: ['nationality'], service: ['family_tracing'] })).toContain('service');
    expect(fields('assistance', 'donor', { groupBy: ['service', 'sex'] })).toContain('groupBy');
    // …and the sensitive rule holds on its own, should the cap ever be raised: checked on the breakdown actually present.
    const raised: AggregateAccess = { ...agg('assistance', 'donor'), maxBreakdowns: 3, maxAttributes: 3 };
    const decideRaised = (q: Record<string, unknown>) => decideQuery('assistance', raised, 'donor', { format: 'json', ...q }, DATA);
    expect(decideRaised({ groupBy: ['nationality'], service: ['family_tracing'] }).map((e) => e.field)).toEqual(['groupBy']);
    expect(decideRaised({ groupBy: ['nationality'], service: ['family_tracing'] })[0]!.message).toMatch(
      /family_tracing and unhcr_referral are never broken down/,
    );
    expect(decideRaised({ sex: 'f', service: ['unhcr_referral'] }).map((e) => e.field)).toEqual(['sex']);
    expect(decideRaised({ groupBy: ['service', 'ageGroup'] }).map((e) => e.field)).toEqual(['groupBy']);
    // a breakdown that cannot single a sensitive service out is fine: another service, or every service mixed
    expect(decideRaised({ groupBy: ['nationality'], service: ['health'] })).toEqual([]);
    expect(decideRaised({ groupBy: ['nationality', 'sex'] })).toEqual([]);
    // programme staff are not limited
    expect(decide('assistance', 'programme', { groupBy: ['nationality', 'sex', 'ageGroup'], service: ['family_tracing'] })).toEqual([]);
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
    }
    expect(decide('hotspots', 'government', { from: '2019-01-01', to: '2019-12-31' })).toEqual([]);
    expect(fields('hotspots', 'government', { from: '2019-01-14' })).toEqual(['from']);
    expect(decide('flows', 'programme', { from: '2019-01-07', to: '2019-01-13' })).toEqual([]);
    expect(decide('hotspots', 'programme', { from: '2019-01-07', to: '2019-01-13' })).toEqual([]);
    expect(decide('flows', 'public', { from: '2019-01-02' })[0]!.message).toMatch(/first day of a month.*whole months/);
  });

  it('csv is a format, allowed to every role', () => {
    for (const r of ROLES) expect(decide('returns', r, { format: 'csv' })).toEqual([]);
  });
});
