/** The pressure rings on the map (features/pressure/rings.ts): where, now and forecast, for both resolutions. */
import { describe, expect, it } from 'vitest';
import type { PlacesResponse } from '../../src/shared/api';
import type { PressureMonthly, PressureOpen } from '../../src/shared/api-pressure';
import { peakForecast, ringsOf } from '../../src/client/features/pressure/rings';

const places = {
  type: 'FeatureCollection',
  features: [
    {
      type: 'Feature',
      geometry: { type: 'Point', coordinates: [7.99, 16.97] },
      properties: { id: 'agadez-tc', kind: 'transit_centre', name: 'Agadez transit centre' },
    },
    {
      type: 'Feature',
      geometry: { type: 'Point', coordinates: [12.7, 18.99] },
      properties: { id: 'dirkou-tc', kind: 'transit_centre', name: 'Dirkou transit centre' },
    },
    { type: 'Feature', geometry: { type: 'Point', coordinates: [8, 17] }, properties: { id: 'agadez-office', kind: 'iom_office', name: 'IOM office Agadez' } },
  ],
} as unknown as PlacesResponse;

const fw = (week: string, h: number, share: number | null) => ({ week, h, assisted: 1, residents: 1, share, shareLow: null, shareHigh: null });

const weekly = {
  locked: false,
  resolution: 'week',
  lastWeek: '2019-12-23',
  threshold: 0.5,
  centres: [
    {
      id: 'agadez-tc',
      name: 'Agadez transit centre',
      recent: [{ week: '2019-12-23', assisted: 1, residents: 1, share: 0.2 }],
      forecast: [fw('2019-12-30', 1, 0.3), fw('2020-01-06', 2, 0.6), fw('2020-01-13', 3, 0.4)],
    },
    {
      id: 'dirkou-tc',
      name: 'Dirkou transit centre',
      recent: [{ week: '2019-12-23', assisted: 1, residents: 1, share: null }],
      forecast: [fw('2019-12-30', 1, null)],
    },
    { id: 'nowhere-tc', name: 'Not on the map', recent: [], forecast: [] },
  ],
} as unknown as PressureOpen;

const monthly = {
  locked: false,
  resolution: 'month',
  lastMonth: '2019-12-01',
  threshold: 0.5,
  centres: [
    {
      id: 'agadez-tc',
      name: 'Agadez transit centre',
      capacity: 1000,
      months: [{ month: '2019-12-01', assisted: 10, withheld: false, residents: 2, share: 0.6, above: true }],
    },
    {
      id: 'dirkou-tc',
      name: 'Dirkou transit centre',
      capacity: 150,
      months: [{ month: '2019-12-01', assisted: null, withheld: true, residents: null, share: null, above: false }],
    },
  ],
} as unknown as PressureMonthly;

describe('ringsOf', () => {
  it('weekly: the last week now, the highest forecast week, at the centre; centres without a place are left out', () => {
    const rings = ringsOf(weekly, places);
    expect(rings.map((r) => r.id)).toEqual(['agadez-tc', 'dirkou-tc']);
    expect(rings[0]).toMatchObject({
      lngLat: [7.99, 16.97],
      now: 0.2,
      forecast: 0.6,
      forecastWeek: '2020-01-06',
      nowPeriod: '2019-12-23',
      resolution: 'week',
      above: true,
    });
    // Unknown share: null, never 0.
    expect(rings[1]).toMatchObject({ now: null, forecast: null, above: false });
  });

  it('monthly: the last month now, no forecast; a withheld month has no share', () => {
    const rings = ringsOf(monthly, places);
    expect(rings[0]).toMatchObject({ now: 0.6, forecast: null, nowPeriod: '2019-12-01', resolution: 'month', above: true });
    expect(rings[1]).toMatchObject({ now: null, above: false });
  });

  it('nothing while loading, locked, or without places', () => {
    expect(ringsOf(undefined, places)).toEqual([]);
    expect(ringsOf({ locked: true, reason: 'x', method: 'y' }, places)).toEqual([]);
    expect(ringsOf(weekly, undefined)).toEqual([]);
  });

  it('peakForecast skips weeks without a share', () => {
    expect(peakForecast({ forecast: [fw('a', 1, null), fw('b', 2, 0.1), fw('c', 3, null)] })?.week).toBe('b');
    expect(peakForecast({ forecast: [fw('a', 1, null)] })).toBeNull();
  });
});
