/**
 * The shape rule (src/shared/query-shape.ts): how many breakdowns a query combines, narrowing filters included,
 * one breakdown of the people counted at a time, one value per filter. The server's policy enforces it and the client
 * reads it to disable what would be refused, so both must agree with the limits the session answer carries.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { accessSummary } from '../../src/server/access/guard';
import { DEFAULT_CELL_KEY } from '../../src/server/access/cell-key';
import { decideQuery, POLICY, type AggregateAccess } from '../../src/server/access/policy';
import { assistanceQuery, flowsQuery, hotspotsQuery, returnsQuery } from '../../src/shared/api';
import { coverageQuery } from '../../src/shared/api-coverage';
import { pathwayQuery } from '../../src/shared/api-pathway';
import { ASSISTANCE_GROUP_BY, EXTERNAL_ROLES, FLOW_GROUP_BY, RETURNS_GROUP_BY } from '../../src/shared/enums';
import { AGGREGATE_ENDPOINTS, AGGREGATE_SHAPES, kindOf, shapeErrors, type AggregateEndpoint, type ShapeLimits } from '../../src/shared/query-shape';

/** What outside roles get (src/server/access/policy.ts OUTSIDE), written out. */
const OUTSIDE: ShapeLimits = { maxDimensions: 3, maxBreakdowns: 2, maxAttributes: 1, singleValues: true };
/** Programme staff: only the number of groupBy dimensions is capped. */
const INTERNAL: ShapeLimits = { maxDimensions: 3 };
const WHO = 'signed-out visitors';
const fields = (e: AggregateEndpoint, limits: ShapeLimits, q: Record<string, unknown>) => shapeErrors(e, limits, q, WHO).map((x) => x.field);

describe('AGGREGATE_SHAPES', () => {
  it('lists every groupBy value and query key of the shared schemas', () => {
    const schemas: Array<[AggregateEndpoint, readonly string[], object]> = [
      ['flows', FLOW_GROUP_BY, flowsQuery.shape],
      ['assistance', ASSISTANCE_GROUP_BY, assistanceQuery.shape],
      ['returns', RETURNS_GROUP_BY, returnsQuery.shape],
      ['hotspots', [], hotspotsQuery.shape],
      ['coverage', [], coverageQuery.shape],
      ['pathway', [], pathwayQuery.shape],
    ];
    expect(schemas.map(([e]) => e).sort()).toEqual([...AGGREGATE_ENDPOINTS].sort());
    for (const [e, groupBy, shape] of schemas) {
      expect(Object.keys(AGGREGATE_SHAPES[e].groupBy).sort(), e).toEqual([...groupBy].sort());
      expect(Object.keys(AGGREGATE_SHAPES[e].filters).sort(), e).toEqual(
        Object.keys(shape)
          .filter((k) => k !== 'groupBy')
          .sort(),
      );
    }
  });

  it('classifies places, time, the attributes of the people counted, and the rest', () => {
    const kinds = (e: AggregateEndpoint, part: 'groupBy' | 'filters') =>
      Object.fromEntries(Object.entries(AGGREGATE_SHAPES[e][part]).map(([k, level]) => [k, kindOf(level)]));
    expect(kinds('flows', 'groupBy')).toEqual({
      point: 'place',
      route: 'place',
      region: 'place',
      week: 'time',
      month: 'time',
      year: 'time',
      direction: 'attribute',
      nationality: 'attribute',
      sex: 'attribute',
      ageGroup: 'attribute',
      transport: 'attribute',
    });
    expect(kinds('flows', 'filters')).toMatchObject({ from: 'other', to: 'other', format: 'other', point: 'place', route: 'place', region: 'place' });
    expect(kinds('assistance', 'groupBy')).toMatchObject({ centre: 'place', region: 'place', service: 'attribute', nationality: 'attribute' });
    expect(kinds('returns', 'groupBy')).toEqual({ destination: 'attribute', centre: 'place', month: 'time', year: 'time' });
    expect(kinds('hotspots', 'filters')).toEqual({ from: 'other', to: 'other', format: 'other' });
    expect(kindOf(undefined)).toBe('other');
    // a route's flow is its points' flow: the same spatial level as a point
    expect(AGGREGATE_SHAPES.flows.groupBy.route).toEqual(AGGREGATE_SHAPES.flows.groupBy.point);
  });
});

describe('shapeErrors', () => {
  it('caps the groupBy dimensions for everyone', () => {
    expect(fields('flows', INTERNAL, { groupBy: ['point', 'month', 'sex', 'direction'] })).toEqual(['groupBy']);
    expect(shapeErrors('flows', INTERNAL, { groupBy: ['point', 'month', 'sex', 'direction'] }, WHO)[0]!.message).toMatch(/at most 3 dimensions/);
    expect(fields('flows', INTERNAL, { groupBy: ['point', 'month', 'sex'] })).toEqual([]);
  });

  it('one value per filter: a list is refused, naming the filter; a single value (as a one-item list too) is fine', () => {
    expect(fields('flows', OUTSIDE, { nationality: ['NGA', 'MLI'] })).toEqual(['nationality']);
    expect(shapeErrors('flows', OUTSIDE, { nationality: ['NGA', 'MLI'] }, WHO)[0]!.message).toMatch(/takes one value for signed-out visitors/);
    expect(fields('flows', OUTSIDE, { point: ['arlit-fmp', 'agadez-fmp'], region: ['NE001'] })).toEqual(['point']);
    expect(fields('flows', OUTSIDE, { nationality: ['NGA'] })).toEqual([]);
    expect(fields('flows', OUTSIDE, { sex: 'f' })).toEqual([]);
    // groupBy is a list of dimensions, not of values
    expect(fields('flows', OUTSIDE, { groupBy: ['month', 'point'] })).toEqual([]);
    // lists are fine without the limit
    expect(fields('flows', INTERNAL, { nationality: ['NGA', 'MLI'], point: ['a', 'b'] })).toEqual([]);
  });

  it('narrowing filters count toward the breakdowns, as groupBy places and attributes do; time and the period do not', () => {
    // month × point × sex: two breakdowns (point, sex), months are the cells' own axis
    expect(fields('flows', OUTSIDE, { groupBy: ['month', 'point', 'sex'] })).toEqual([]);
    expect(fields('flows', OUTSIDE, { groupBy: ['region'], sex: 'f' })).toEqual([]);
    expect(fields('flows', OUTSIDE, { from: '2019-01-01', to: '2019-01-31', format: 'csv', groupBy: ['point', 'direction'] })).toEqual([]);
    // three: the third named (groupBy first, then filters in query order)
    expect(fields('flows', OUTSIDE, { groupBy: ['point', 'region'], route: ['R3'] })).toEqual(['route']);
    expect(fields('flows', OUTSIDE, { groupBy: ['point', 'route', 'region'] })).toEqual(['groupBy']);
    expect(fields('flows', OUTSIDE, { point: ['arlit-fmp'], region: ['NE001'], route: ['R4'] })).toEqual(['route']);
    const msg = shapeErrors('flows', OUTSIDE, { groupBy: ['point', 'region'], route: ['R3'] }, WHO)[0]!.message;
    expect(msg).toMatch(/combines point × region × route: signed-out visitors may combine at most 2 breakdowns, narrowing filters included/);
  });

  it('one breakdown of the people counted at a time, as groupBy or filter', () => {
    expect(fields('flows', OUTSIDE, { groupBy: ['sex'], direction: 'incoming' })).toEqual(['direction']);
    expect(fields('flows', OUTSIDE, { groupBy: ['sex', 'nationality'] })).toEqual(['groupBy']);
    expect(fields('assistance', OUTSIDE, { service: ['family_tracing'], groupBy: ['nationality'] })).toEqual(['service']);
    expect(fields('returns', OUTSIDE, { groupBy: ['destination', 'centre'] })).toEqual([]);
    const msg = shapeErrors('flows', OUTSIDE, { groupBy: ['sex'], direction: 'incoming' }, WHO)[0]!.message;
    expect(msg).toMatch(/one breakdown of the people counted at a time \(by sex or by direction, not both\)/);
    // a place and an attribute are two breakdowns, allowed
    expect(fields('assistance', OUTSIDE, { groupBy: ['centre'], service: ['health'] })).toEqual([]);
  });

  it('refuses the 7-way table of issue 11 (2 groupBy, 5 narrowing filters), naming where each limit is crossed', () => {
    const q = {
      groupBy: ['nationality', 'month'],
      region: ['NE001'],
      sex: 'f',
      ageGroup: 'minor',
      direction: 'incoming',
      transport: 'bus',
    };
    const errors = shapeErrors('flows', OUTSIDE, q, WHO);
    expect(errors.map((e) => e.field)).toEqual(['sex', 'sex']);
    expect(errors[0]!.message).toMatch(/nationality × region × sex × ageGroup × direction × transport/);
    // programme staff may ask it
    expect(fields('flows', INTERNAL, q)).toEqual([]);
  });

  it('ignores absent values: undefined, null and empty lists', () => {
    expect(fields('flows', OUTSIDE, { groupBy: ['sex'], nationality: [], direction: undefined, transport: null })).toEqual([]);
    expect(fields('flows', OUTSIDE, { groupBy: [] })).toEqual([]);
    expect(fields('flows', OUTSIDE, {})).toEqual([]);
  });
});

describe('the limits the session answer carries', () => {
  // The client checks shapeErrors against the session's access summary; the server checks decideQuery against the
  // policy. For queries that only use parameters the role may use, over whole months, the two must agree.
  const DATA = { min: '2018-12-01', max: '2019-02-28' };
  const values: Record<string, string[]> = {
    point: ['arlit-fmp'],
    route: ['R3'],
    region: ['NE001'],
    centre: ['agadez-tc', 'arlit-tc'],
    direction: ['incoming'],
    nationality: ['NGA', 'MLI'],
    sex: ['f'],
    ageGroup: ['minor'],
    transport: ['bus'],
    service: ['health', 'shelter_food'],
    destination: ['GIN'],
  };
  const SCALAR = new Set(['direction', 'sex', 'ageGroup', 'transport']);

  const cases = EXTERNAL_ROLES.flatMap((role) => (['flows', 'assistance', 'returns'] as const).map((e) => [role, e] as const));
  it.each(cases)('%s × %s: shapeErrors over the summary finds what the server refuses', (role, endpoint) => {
    const summary = accessSummary(role, DEFAULT_CELL_KEY)[endpoint]!;
    const access = POLICY[endpoint][role] as AggregateAccess;
    const limits: ShapeLimits = {
      maxDimensions: summary.maxDimensions!,
      ...(summary.maxBreakdowns !== undefined ? { maxBreakdowns: summary.maxBreakdowns } : {}),
      ...(summary.maxAttributes !== undefined ? { maxAttributes: summary.maxAttributes } : {}),
      ...(summary.singleValues ? { singleValues: true } : {}),
    };
    expect(limits).toEqual(OUTSIDE);
    const filterNames = summary.filters!.filter((f) => f in values);
    const query = fc.record({
      groupBy: fc.shuffledSubarray(summary.groupBy!, { maxLength: 3 }),
      filters: fc
        .subarray(filterNames)
        .chain((names) =>
          fc.tuple(
            ...names.map((n) =>
              SCALAR.has(n) ? fc.constant([n, values[n]![0]!] as const) : fc.subarray(values[n]!, { minLength: 1 }).map((vs) => [n, vs] as const),
            ),
          ),
        ),
    });
    let refused = 0;
    fc.assert(
      fc.property(query, ({ groupBy, filters }) => {
        const q: Record<string, unknown> = { format: 'json', ...(groupBy.length ? { groupBy } : {}), ...Object.fromEntries(filters) };
        const server = decideQuery(endpoint, access, role, q, DATA);
        const client = shapeErrors(endpoint, limits, q, 'x');
        if (server.length > 0) refused++;
        expect(client.length > 0, JSON.stringify(q)).toBe(server.length > 0);
        // Every field the client names, the server names too (the donor's sensitive-services rule may add one more:
        // with one attribute at a time it never refuses a query the shape rule allows, see policy.test.ts).
        for (const e of client)
          expect(
            server.map((x) => x.field),
            JSON.stringify(q),
          ).toContain(e.field);
      }),
      { seed: 11, numRuns: 300 },
    );
    expect(refused).toBeGreaterThan(10);
  });
});
