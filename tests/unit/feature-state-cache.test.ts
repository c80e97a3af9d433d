/** Only changed feature states are set again (each setFeatureState costs MapLibre a frame). */
import { describe, expect, it } from 'vitest';
import { FeatureStateCache } from '../../src/client/map/feature-state-cache';
import { sourcesReplaced } from '../../src/client/map/overlay-style';

describe('FeatureStateCache', () => {
  it('returns every state the first time, then only those whose values changed', () => {
    const cache = new FeatureStateCache();
    const first = cache.changed('routes', [
      ['R1', { flow: 10, width: 2 }],
      ['R2', { flow: 20, width: 3 }],
    ]);
    expect(first.map(([id]) => id)).toEqual(['R1', 'R2']);
    expect(
      cache.changed('routes', [
        ['R1', { flow: 10, width: 2 }],
        ['R2', { flow: 20, width: 3 }],
      ]),
    ).toEqual([]);
    expect(
      cache.changed('routes', [
        ['R1', { flow: 10, width: 2 }],
        ['R2', { flow: 30, width: 4 }],
      ]),
    ).toEqual([['R2', { flow: 30, width: 4 }]]);
    // A value going back to null is a change too.
    expect(cache.changed('routes', [['R1', { flow: null, width: 2 }]])).toEqual([['R1', { flow: null, width: 2 }]]);
  });

  it('keeps sources apart, and starts again for a source it is told to forget', () => {
    const cache = new FeatureStateCache();
    cache.changed('routes', [['a', { v: 1 }]]);
    expect(cache.changed('places', [['a', { v: 1 }]])).toEqual([['a', { v: 1 }]]);
    cache.forget('routes');
    expect(cache.changed('routes', [['a', { v: 1 }]])).toEqual([['a', { v: 1 }]]);
    expect(cache.changed('places', [['a', { v: 1 }]])).toEqual([]);
  });
});

describe('sourcesReplaced', () => {
  it('names the sources whose features a diff adds, removes or replaces, and no other', () => {
    expect(
      sourcesReplaced([
        { command: 'addSource', args: ['routes', { type: 'geojson', data: { type: 'FeatureCollection', features: [] } }] },
        { command: 'setGeoJSONSourceData', args: ['places', { type: 'FeatureCollection', features: [] }] },
        { command: 'removeSource', args: ['place-labels'] },
        { command: 'setPaintProperty', args: ['routes-line', 'line-color', '#000'] },
        { command: 'removeLayer', args: ['routes-line'] },
      ] as never),
    ).toEqual(['routes', 'places', 'place-labels']);
    expect(sourcesReplaced([{ command: 'setFilter', args: ['routes-line', ['==', 'a', 1]] }] as never)).toEqual([]);
  });
});
