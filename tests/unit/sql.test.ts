/** The SQL builders are pure: query in → SQL text and an exact parameter list out. Input only ever lands in params. */
import { describe, expect, it } from 'vitest';
import { assistanceQuery, flowsQuery, returnsQuery } from '../../src/shared/api';
import { ASSISTANCE_GROUP_BY, FLOW_GROUP_BY, RETURNS_GROUP_BY } from '../../src/shared/enums';
import {
  ASSISTANCE_DIMENSIONS,
  buildAssistanceSql,
  buildFlowsSql,
  buildFlowsSqlWithTotal,
  buildReturnsSql,
  FLOW_DIMENSIONS,
  groupingDuplicatesRows,
  RETURNS_DIMENSIONS,
} from '../../src/server/store/sql';
import { buildCellsSql, CELL_METRICS, CELL_SOURCES } from '../../src/server/store/cells-sql';

const D = { from: '2015-01-01', to: '2019-12-31' };
const norm = (s: string) => s.replace(/\s+/g, ' ');
const flows = (q: Record<string, unknown>) => buildFlowsSql(flowsQuery.parse(q), D);
const assistance = (q: Record<string, unknown>) => buildAssistanceSql(assistanceQuery.parse(q), D);
const returns = (q: Record<string, unknown>) => buildReturnsSql(returnsQuery.parse(q), D);

describe('buildFlowsSql', () => {
  it('without groupBy: one total row over the default period', () => {
    const { sql, params } = flows({});
    expect(norm(sql)).toBe(
      'SELECT CAST(COALESCE(SUM(f.count), 0) AS BIGINT) AS "count" FROM flow_daily_point f ' +
        'WHERE f.date >= CAST($1 AS DATE) AND f.date <= CAST($2 AS DATE)',
    );
    expect(params).toEqual(['2015-01-01', '2019-12-31']);
    expect(sql).not.toMatch(/GROUP BY/);
  });

  it.each<[string, Record<string, unknown>, string[], unknown[]]>([
    ['from only', { from: '2016-01-01' }, [], ['2016-01-01', '2019-12-31']],
    ['to only', { to: '2016-06-30' }, [], ['2015-01-01', '2016-06-30']],
    ['direction', { direction: 'incoming' }, ['f.direction = $3'], ['2015-01-01', '2019-12-31', 'incoming']],
    ['nationality list', { nationality: 'NGA,MLI' }, ['f.nationality_iso3 IN ($3, $4)'], ['2015-01-01', '2019-12-31', 'NGA', 'MLI']],
    ['sex', { sex: 'f' }, ['f.sex = $3'], ['2015-01-01', '2019-12-31', 'f']],
    ['ageGroup', { ageGroup: 'minor' }, ['f.age_group = $3'], ['2015-01-01', '2019-12-31', 'minor']],
    ['transport', { transport: 'truck' }, ['f.transport = $3'], ['2015-01-01', '2019-12-31', 'truck']],
    ['point list', { point: ['arlit-fmp', 'agadez-fmp'] }, ['f.point_id IN ($3, $4)'], ['2015-01-01', '2019-12-31', 'arlit-fmp', 'agadez-fmp']],
    [
      'route (semi-join, no duplicates)',
      { route: 'R3,R3b' },
      ['f.point_id IN (SELECT rp.point_id FROM point_routes rp WHERE rp.route_id IN ($3, $4))'],
      ['2015-01-01', '2019-12-31', 'R3', 'R3b'],
    ],
    ['region', { region: 'NE001' }, ['f.region IN ($3)'], ['2015-01-01', '2019-12-31', 'NE001']],
    [
      'everything at once, in a fixed order',
      {
        from: '2016-01-01',
        to: '2016-12-31',
        direction: 'outgoing',
        nationality: 'NGA',
        sex: 'm',
        ageGroup: 'adult',
        transport: 'bus',
        point: 'arlit-fmp',
        route: 'R4',
        region: 'NE001',
      },
      [
        'f.direction = $3',
        'f.nationality_iso3 IN ($4)',
        'f.sex = $5',
        'f.age_group = $6',
        'f.transport = $7',
        'f.point_id IN ($8)',
        'rp.route_id IN ($9)',
        'f.region IN ($10)',
      ],
      ['2016-01-01', '2016-12-31', 'outgoing', 'NGA', 'm', 'adult', 'bus', 'arlit-fmp', 'R4', 'NE001'],
    ],
  ])('filter: %s', (_name, q, whereParts, params) => {
    const built = flows(q);
    for (const w of whereParts) expect(norm(built.sql)).toContain(w);
    expect(built.params).toEqual(params);
    // One total row: no outer GROUP BY (a route filter sums per point in a subquery first).
    expect(built.sql).not.toMatch(/\nGROUP BY/);
  });

  it.each<[string, string]>([
    ['point', 'f.point_id AS "point"'],
    ['route', 'pr.route_id AS "route"'],
    ['region', 'f.region AS "region"'],
    ['week', `CAST(CAST(date_trunc('week', f.date) AS DATE) AS VARCHAR) AS "week"`],
    ['month', `CAST(CAST(date_trunc('month', f.date) AS DATE) AS VARCHAR) AS "month"`],
    ['year', `CAST(CAST(date_trunc('year', f.date) AS DATE) AS VARCHAR) AS "year"`],
    ['direction', 'f.direction AS "direction"'],
    ['nationality', 'f.nationality_iso3 AS "nationality"'],
    ['sex', 'f.sex AS "sex"'],
    ['ageGroup', 'f.age_group AS "ageGroup"'],
    ['transport', 'f.transport AS "transport"'],
  ])('groupBy=%s selects %s and groups by it', (g, select) => {
    const { sql, params } = flows({ groupBy: g });
    expect(norm(sql)).toContain(`SELECT ${select}, CAST(COALESCE(SUM(f.count), 0) AS BIGINT) AS "count"`);
    expect(sql).toMatch(/\nGROUP BY 1\nORDER BY 1$/);
    expect(params).toEqual(['2015-01-01', '2019-12-31']);
    if (g === 'route') expect(sql).toContain('JOIN point_routes pr ON pr.point_id = f.point_id');
    else expect(sql).not.toContain('JOIN');
  });

  it('covers every groupBy value of the contract', () => {
    expect(Object.keys(FLOW_DIMENSIONS).sort()).toEqual([...FLOW_GROUP_BY].sort());
    expect(Object.keys(ASSISTANCE_DIMENSIONS).sort()).toEqual([...ASSISTANCE_GROUP_BY].sort());
    expect(Object.keys(RETURNS_DIMENSIONS).sort()).toEqual([...RETURNS_GROUP_BY].sort());
  });

  it('three dimensions keep their order', () => {
    const { sql } = flows({ groupBy: 'month,point,sex' });
    expect(norm(sql)).toMatch(/SELECT .*AS "month", f\.point_id AS "point", f\.sex AS "sex", CAST/);
    expect(sql).toContain('GROUP BY 1, 2, 3\nORDER BY 1, 2, 3');
  });

  it('groupBy=route with a route filter restricts the joined routes instead of a semi-join', () => {
    const { sql, params } = flows({ groupBy: 'route', route: 'R3' });
    expect(norm(sql)).toContain('pr.route_id IN ($3)');
    expect(sql).not.toContain('rp.route_id');
    expect(params).toEqual(['2015-01-01', '2019-12-31', 'R3']);
    expect(groupingDuplicatesRows(['route'])).toBe(true);
    expect(groupingDuplicatesRows(['point', 'month'])).toBe(false);
    expect(groupingDuplicatesRows(undefined)).toBe(false);
  });

  it('groupBy=route with its total: one statement, the per-point sums computed once, the total row first', () => {
    const withTotal = (q: Record<string, unknown>) => buildFlowsSqlWithTotal(flowsQuery.parse(q), D);
    const { sql, params, totalRow } = withTotal({ groupBy: 'route,direction', nationality: 'NGA', direction: 'incoming' });
    expect(totalRow).toBe(true);
    expect(sql.match(/\bFROM flow_daily f\b/g)).toHaveLength(1);
    expect(norm(sql)).toMatch(
      /^WITH pts AS MATERIALIZED \(SELECT f\.point_id AS point_id, f\.direction AS "direction", SUM\(f\.count\) AS count FROM flow_daily f WHERE .* GROUP BY 1, 2\)/,
    );
    expect(norm(sql)).toContain('SELECT 1 AS __total, NULL AS "route", NULL AS "direction"');
    expect(norm(sql)).toContain('WHERE pr.route_id IN (SELECT r.id FROM routes r)');
    expect(norm(sql)).toContain('SELECT 0 AS __total, pr.route_id AS "route", pts."direction" AS "direction"');
    expect(sql).toMatch(/ORDER BY 1 DESC, 2, 3$/);
    expect(params).toEqual(['2015-01-01', '2019-12-31', 'incoming', 'NGA']);
    // Same shape, other values: the same text (one prepared statement per shape).
    expect(withTotal({ groupBy: 'route,direction', nationality: 'MLI', direction: 'outgoing', from: '2016-01-01' }).sql).toBe(sql);
    // A route filter restricts both the rows and the total, with the same placeholders.
    const filtered = withTotal({ groupBy: 'route', route: 'R3,R4' });
    expect(norm(filtered.sql)).toContain('JOIN point_routes pr ON pr.point_id = pts.point_id WHERE pr.route_id IN ($3, $4) GROUP BY 2');
    expect(norm(filtered.sql)).toContain('(SELECT pr.point_id FROM point_routes pr WHERE pr.route_id IN ($3, $4))');
    expect(filtered.params).toEqual(['2015-01-01', '2019-12-31', 'R3', 'R4']);
    expect(() => withTotal({ groupBy: 'point' })).toThrow(/groupBy=route/);
  });

  it('hostile strings only ever appear in params', () => {
    const hostile = ["x'); DROP TABLE flow_observations; --", '" OR 1=1 --', '$1', 'a\nb'];
    // Bypass the schema on purpose: the builder alone must not interpolate values.
    const built = buildFlowsSql(
      {
        from: hostile[0],
        to: hostile[1],
        nationality: hostile,
        point: hostile,
        route: hostile,
        region: hostile,
        direction: hostile[2] as never,
      },
      D,
    );
    for (const h of hostile.filter((x) => x !== '$1')) expect(built.sql).not.toContain(h);
    expect(built.sql).not.toMatch(/DROP|OR 1=1|'x'/);
    expect(built.params.filter((p) => hostile.includes(String(p))).length).toBe(2 + 4 * 4 + 1);
    const placeholders = built.sql.match(/\$\d+/g) ?? [];
    expect(placeholders.length).toBe(built.params.length);
  });

  it('refuses a groupBy name outside the whitelist', () => {
    expect(() => buildFlowsSql({ groupBy: ['point; DROP TABLE x' as never] }, D)).toThrow(/Unknown groupBy/);
  });
});

describe('buildAssistanceSql', () => {
  it.each<[string, Record<string, unknown>, string, unknown[]]>([
    ['default', {}, 'FROM assistance a WHERE a.date >= CAST($1 AS DATE) AND a.date <= CAST($2 AS DATE)', ['2015-01-01', '2019-12-31']],
    ['centre', { centre: 'agadez-tc,arlit-tc' }, 'a.centre_id IN ($3, $4)', ['2015-01-01', '2019-12-31', 'agadez-tc', 'arlit-tc']],
    ['service', { service: 'health' }, 'a.service IN ($3)', ['2015-01-01', '2019-12-31', 'health']],
    ['nationality', { nationality: 'GIN' }, 'a.nationality_iso3 IN ($3)', ['2015-01-01', '2019-12-31', 'GIN']],
    ['sex + ageGroup', { sex: 'f', ageGroup: 'minor' }, 'a.sex = $3 AND a.age_group = $4', ['2015-01-01', '2019-12-31', 'f', 'minor']],
    ['period', { from: '2017-01-01', to: '2017-12-31' }, 'a.date >= CAST($1 AS DATE)', ['2017-01-01', '2017-12-31']],
  ])('filter: %s', (_n, q, where, params) => {
    const built = assistance(q);
    expect(norm(built.sql)).toContain(where);
    expect(built.params).toEqual(params);
  });

  it.each<[string, string]>([
    ['centre', 'a.centre_id AS "centre"'],
    ['region', 'a.region AS "region"'],
    ['service', 'a.service AS "service"'],
    ['week', `date_trunc('week', a.date)`],
    ['month', `date_trunc('month', a.date)`],
    ['year', `date_trunc('year', a.date)`],
    ['nationality', 'a.nationality_iso3 AS "nationality"'],
    ['sex', 'a.sex AS "sex"'],
    ['ageGroup', 'a.age_group AS "ageGroup"'],
  ])('groupBy=%s', (g, select) => {
    const { sql } = assistance({ groupBy: g });
    expect(sql).toContain(select);
    expect(sql).toContain('GROUP BY 1');
  });
});

describe('buildReturnsSql', () => {
  it.each<[string, Record<string, unknown>, string, unknown[]]>([
    ['default', {}, 'FROM returns r WHERE r.date >= CAST($1 AS DATE) AND r.date <= CAST($2 AS DATE)', ['2015-01-01', '2019-12-31']],
    ['centre', { centre: 'niamey-tc' }, 'r.centre_id IN ($3)', ['2015-01-01', '2019-12-31', 'niamey-tc']],
    ['destination', { destination: 'NGA,MLI,SEN' }, 'r.destination_iso3 IN ($3, $4, $5)', ['2015-01-01', '2019-12-31', 'NGA', 'MLI', 'SEN']],
  ])('filter: %s', (_n, q, where, params) => {
    const built = returns(q);
    expect(norm(built.sql)).toContain(where);
    expect(built.params).toEqual(params);
  });

  it.each<[string, string]>([
    ['destination', 'r.destination_iso3 AS "destination"'],
    ['centre', 'r.centre_id AS "centre"'],
    ['month', `date_trunc('month', r.date)`],
    ['year', `date_trunc('year', r.date)`],
  ])('groupBy=%s', (g, select) => {
    const { sql } = returns({ groupBy: g });
    expect(sql).toContain(select);
    expect(sql).toContain('GROUP BY 1\nORDER BY 1');
  });
});

describe('buildCellsSql (the published cells of outside roles)', () => {
  const SECRET = 'the-secret-0123456789abcdef0123456789';

  it.each(CELL_METRICS)('%s: the secret travels as $1 only, never in the SQL text', (metric) => {
    const q = buildCellsSql(metric, SECRET);
    expect(q.params).toEqual([SECRET]);
    expect(q.sql).not.toContain(SECRET);
    expect(q.sql).not.toContain('the-secret');
    expect(q.sql).toContain('$1');
    expect(q.sql.match(/\$\d+/g)!.every((p) => p === '$1')).toBe(true);
  });

  it.each(CELL_METRICS)('%s: one grouping set per grain × (margin, each breakdown), from the metric’s own table', (metric) => {
    const src = CELL_SOURCES[metric];
    const { sql } = buildCellsSql(metric, SECRET);
    const n = norm(sql);
    expect(n).toContain(`FROM ${src.table} WHERE count > 0`);
    const sets = n.slice(n.indexOf('GROUPING SETS'));
    for (const grain of ['month', 'year']) {
      expect(sets).toContain(`(${grain}, place, region)`);
      for (const col of Object.values(src.attributes)) expect(sets).toContain(`(${grain}, place, region, ${col})`);
    }
    expect(sets.match(/\(/g)!.length - 1).toBe(2 * (1 + Object.keys(src.attributes).length));
    // each breakdown is named as the API names it (attr), the margin as ''
    for (const [name, col] of Object.entries(src.attributes)) expect(n).toContain(`WHEN GROUPING(${col}) = 0 THEN '${name}'`);
    expect(n).toContain(`ELSE '' END AS attr`);
    // record keys of the month's micro-records (month, place and every breakdown column), summed modulo 2^32
    expect(n).toContain(
      `concat_ws('|', CAST(month AS VARCHAR), place, ${Object.values(src.attributes)
        .map((c) => `CAST(${c} AS VARCHAR)`)
        .join(', ')})`,
    );
    expect(n).toContain('SUM(rkey) % 4294967296');
  });

  it('the breakdowns are exactly those the API publishes for each metric', () => {
    expect(Object.keys(CELL_SOURCES.flows.attributes).sort()).toEqual(['ageGroup', 'direction', 'nationality', 'sex', 'transport']);
    expect(Object.keys(CELL_SOURCES.assistance.attributes).sort()).toEqual(['ageGroup', 'nationality', 'service', 'sex']);
    expect(Object.keys(CELL_SOURCES.returns.attributes)).toEqual(['destination']);
  });

  it('takes the record key expression as a parameter (portable to another engine)', () => {
    const { sql } = buildCellsSql('returns', SECRET, (text, secret) => `my_hash(${secret}, ${text})`);
    expect(sql).toContain('my_hash($1, concat_ws(');
    expect(sql).not.toContain('md5_number');
    expect(buildCellsSql('returns', SECRET).sql).toContain(`md5_number($1 || '|' || concat_ws(`);
  });
});
