/** Metric rows → feature-state joins, activity in a period, town labels, tooltip text. */
import { describe, expect, it } from 'vitest';
import type { AggregateResponse, PlaceProperties, RouteProperties } from '../../src/shared/api';
import { isActiveInPeriod, placeStates, routeStates, townLabels, townName, unmonitoredRouteIds } from '../../src/client/map/metrics';
import { describePlace, describeRoute } from '../../src/client/map/describe-features';
import { diamondSdf, squareSdf } from '../../src/client/map/icons';
import { routeWidthScale } from '../../src/client/map/scales';
import { placeProps } from './place-fixture';

const agg = (groupBy: string[], rows: Array<Record<string, unknown> & { count: number | null }>): AggregateResponse => ({
  groupBy,
  rows: rows as AggregateResponse['rows'],
  total: rows.reduce((s, r) => s + (r.count ?? 0), 0),
  from: '2016-01-01',
  to: '2016-12-31',
  dataVersion: 'test',
});

const place = (p: Partial<PlaceProperties> & Pick<PlaceProperties, 'id' | 'kind' | 'name'>): PlaceProperties => placeProps(p);

const route = (id: string, monitoredBy: string[]): RouteProperties => ({ id, name: id, corridor: 'c', waypoints: [], lengthKm: 1, monitoredBy });

describe('routeStates', () => {
  const routes = [route('R4', ['arlit-fmp']), route('R5', ['seguedine-fmp']), route('R1', [])];

  it('joins counts by route id; missing rows are 0; withheld counts are flagged', () => {
    const res = agg(
      ['route'],
      [
        { route: 'R4', count: 1200 },
        { route: 'R5', count: null, suppressed: true },
      ],
    );
    const s = routeStates(routes, res, 1200);
    expect(s.get('R4')).toEqual({ flow: 1200, width: 14, suppressed: false, monitored: true });
    expect(s.get('R5')).toEqual({ flow: 0, width: 1.5, suppressed: true, monitored: true });
    expect(s.get('R1')).toEqual({ flow: 0, width: 1.5, suppressed: false, monitored: false });
  });

  it("widths follow the legend's scale, topped by the largest flow given", () => {
    const res = agg(
      ['route'],
      [
        { route: 'R4', count: 300 },
        { route: 'R5', count: 1200 },
      ],
    );
    for (const max of [1200, 4800]) {
      const s = routeStates(routes, res, max);
      expect(s.get('R4')!.width).toBeCloseTo(routeWidthScale(max)(300), 9);
      expect(s.get('R5')!.width).toBeCloseTo(routeWidthScale(max)(1200), 9);
    }
  });

  it('perturbed and partial counts (disclosure control) keep their flags; exact ones add none', () => {
    const res = agg(
      ['route'],
      [
        { route: 'R4', count: 1200, perturbed: true },
        { route: 'R5', count: 40, perturbed: true, partial: true },
      ],
    );
    const s = routeStates(routes, res, 1200);
    expect(s.get('R4')).toEqual({ flow: 1200, width: 14, suppressed: false, perturbed: true, monitored: true });
    expect(s.get('R5')).toMatchObject({ flow: 40, perturbed: true, partial: true });
    expect(s.get('R1')!.perturbed).toBeUndefined();
    const p = placeStates(
      [place({ id: 'agadez-tc', kind: 'transit_centre', name: 'Agadez transit centre' })],
      undefined,
      agg(['centre'], [{ centre: 'agadez-tc', count: 300, perturbed: true }]),
      { from: null, to: null },
    );
    expect(p.get('agadez-tc')).toMatchObject({ assisted: 300, suppressed: false, perturbed: true });
  });

  it('without an answer yet, every route gets 0', () => {
    expect([...routeStates(routes, undefined).values()].map((s) => s.flow)).toEqual([0, 0, 0]);
  });

  it('unmonitoredRouteIds', () => {
    expect(unmonitoredRouteIds(routes)).toEqual(['R1']);
  });
});

describe('placeStates', () => {
  const places = [
    place({ id: 'arlit-fmp', kind: 'monitoring_point', name: 'Arlit (FMP)', activeFrom: '2016-02-01' }),
    place({ id: 'madama-fmp', kind: 'monitoring_point', name: 'Madama (FMP)', activeFrom: '2019-01-01' }),
    place({ id: 'agadez-tc', kind: 'transit_centre', name: 'Agadez transit centre', capacity: 1000 }),
    place({ id: 'kano', kind: 'hub', name: 'Kano' }),
  ];
  const points = agg(['point'], [{ point: 'arlit-fmp', count: 5000 }]);
  const centres = agg(['centre'], [{ centre: 'agadez-tc', count: 8644 }]);

  it('monitoring points get flow and activity, centres people assisted, others nothing', () => {
    const s = placeStates(places, points, centres, { from: '2016-01-01', to: '2016-12-31' }, 8644);
    expect(s.get('arlit-fmp')).toEqual({ flow: 5000, suppressed: false, active: true });
    expect(s.get('madama-fmp')).toEqual({ flow: 0, suppressed: false, active: false });
    expect(s.get('agadez-tc')).toEqual({ assisted: 8644, radius: 20, suppressed: false });
    expect(s.has('kano')).toBe(false);
  });

  it.each([
    [{ activeFrom: null, activeTo: null }, '2015-01-01', '2015-12-31', true],
    [{ activeFrom: '2016-02-01', activeTo: null }, '2015-01-01', '2015-12-31', false],
    [{ activeFrom: '2016-02-01', activeTo: null }, '2015-01-01', '2016-02-01', true],
    [{ activeFrom: '2016-02-01', activeTo: '2017-01-01' }, '2018-01-01', '2018-12-31', false],
    [{ activeFrom: '2016-02-01', activeTo: '2017-01-01' }, '2016-12-31', '2018-12-31', true],
  ])('isActiveInPeriod(%j, %s, %s) = %s', (p, from, to, expected) => {
    expect(isActiveInPeriod(p, from, to)).toBe(expected);
  });
});

describe('town labels', () => {
  it.each([
    ['IOM Agadez office', 'Agadez'],
    ['Agadez transit centre', 'Agadez'],
    ['Agadez bus station (FMP)', 'Agadez'],
    ['Niamey transit centres', 'Niamey'],
    ['Séguédine (FMP)', 'Séguédine'],
    ['Tummo / Toummo (Tumu)', 'Tummo'],
    ['Dan Barto (FMP)', 'Dan Barto'],
    ['Kano', 'Kano'],
  ])('townName(%s) = %s', (name, town) => expect(townName(name)).toBe(town));

  it('one label per town', () => {
    const f = (id: string, name: string, kind: PlaceProperties['kind'], c: [number, number]) => ({
      properties: place({ id, name, kind }),
      geometry: { coordinates: c },
    });
    const labels = townLabels([
      f('agadez-office', 'IOM Agadez office', 'office', [7.99, 16.97]),
      f('agadez-tc', 'Agadez transit centre', 'transit_centre', [7.99, 16.97]),
      f('agadez-fmp', 'Agadez bus station (FMP)', 'monitoring_point', [7.99, 16.97]),
      f('kano', 'Kano', 'hub', [8.5, 12]),
    ]);
    expect(labels.map((l) => l.label)).toEqual(['Agadez', 'Kano']);
    expect(labels[0]).toMatchObject({ lon: 7.99, lat: 16.97, rank: 0 });
    expect(labels[1]!.rank).toBeGreaterThan(labels[0]!.rank);
  });
});

describe('tooltip text', () => {
  it('monitoring point: people observed', () => {
    const p = place({ id: 'arlit-fmp', kind: 'monitoring_point', name: 'Arlit (FMP)', activeFrom: '2016-02-01' });
    expect(describePlace(p, { flow: 12345, active: true })).toEqual({
      title: 'Arlit (FMP)',
      kind: 'Flow monitoring point',
      detail: '12,345 people observed',
    });
    expect(describePlace(p, { flow: 0, active: false }).detail).toMatch(/not active/);
  });

  it('transit centre: people assisted; withheld counts say so', () => {
    const p = place({ id: 'agadez-tc', kind: 'transit_centre', name: 'Agadez transit centre' });
    expect(describePlace(p, { assisted: 9585 }).detail).toBe('9,585 people assisted');
    expect(describePlace(p, { assisted: 0, suppressed: true })).toEqual({
      title: 'Agadez transit centre',
      kind: 'Transit centre',
      detail: 'people assisted: withheld',
      note: 'Withheld to protect individuals: not published',
    });
  });

  it('perturbed and partial counts are marked, with a note saying why', () => {
    const p = place({ id: 'agadez-tc', kind: 'transit_centre', name: 'Agadez transit centre' });
    expect(describePlace(p, { assisted: 9585, suppressed: false, perturbed: true })).toEqual({
      title: 'Agadez transit centre',
      kind: 'Transit centre',
      detail: '≈9,585 people assisted',
      note: '≈ perturbed to protect individuals',
    });
    const r = describeRoute(route('R5', ['seguedine-fmp']), { flow: 288706, width: 14, suppressed: false, perturbed: true, partial: true, monitored: true });
    expect(r.detail).toBe('≈288,706† people observed');
    expect(r.note).toBe('≈ perturbed to protect individuals · † some cells withheld');
    // Exact counts (programme staff): no mark, no note.
    expect(describePlace(p, { assisted: 9585, suppressed: false }).note).toBeUndefined();
  });

  it('routes: observed, or not monitored', () => {
    expect(describeRoute(route('R5', ['seguedine-fmp']), { flow: 288706, width: 14, suppressed: false, monitored: true }).detail).toBe(
      '288,706 people observed',
    );
    expect(describeRoute(route('R1', []), undefined).detail).toMatch(/not monitored/);
  });
});

describe('SDF icons', () => {
  it.each([
    ['square', squareSdf()],
    ['diamond', diamondSdf()],
  ])('%s: inside opaque, edge at 0.75, corners transparent', (_, img) => {
    expect(img.data.length).toBe(img.width * img.height * 4);
    const alpha = (x: number, y: number) => img.data[(y * img.width + x) * 4 + 3]!;
    const c = Math.floor(img.width / 2);
    expect(alpha(c, c)).toBe(255);
    expect(alpha(0, 0)).toBe(0);
  });
});
