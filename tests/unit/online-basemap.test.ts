/** The optional online basemap: the online style under the app's thematic layers (pure), checked with the style spec. */
import { describe, expect, it } from 'vitest';
import type { StyleSpecification } from '@maplibre/maplibre-gl-style-spec';
import { basemapStyle, NIGER_OUTLINE_LAYER_ID, REGIONS_LABEL_LAYER_ID, REGIONS_OUTLINE_LAYER_ID, REGIONS_SOURCE_ID } from '../../src/client/map/basemap-style';
import { isStyleJson, resolveStyleUrl, THEMATIC_LAYER_IDS, withOnlineBasemap } from '../../src/client/map/online-basemap';
import { styleErrors } from './client-style-helpers';

const offline = basemapStyle({
  countriesUrl: 'http://127.0.0.1/basemap/countries.geojson',
  regionsUrl: 'http://127.0.0.1/api/v1/regions',
  fonts: { latin: 'http://127.0.0.1/latin.woff2', latinExt: 'http://127.0.0.1/latin-ext.woff2' },
});

const STYLE_URL = 'https://tiles.example.org/styles/liberty/style.json';

const online: StyleSpecification = {
  version: 8,
  name: 'Liberty',
  sprite: 'sprites/liberty',
  glyphs: '../fonts/{fontstack}/{range}.pbf',
  sources: {
    openmaptiles: { type: 'vector', url: '/planet.json' },
    relief: { type: 'raster', tiles: ['https://relief.example.net/{z}/{x}/{y}.png', 'relief/{z}/{x}/{y}.png'], tileSize: 256 },
    // Takes an id the app's regions layers need: the app's source wins, and layers drawing the online one go.
    [REGIONS_SOURCE_ID]: { type: 'vector', url: 'https://other.example.org/regions.json' },
  },
  layers: [
    { id: 'water', type: 'background', paint: { 'background-color': '#aad3df' } },
    { id: 'landcover', type: 'fill', source: 'openmaptiles', 'source-layer': 'landcover', paint: { 'fill-color': '#eee' } },
    { id: 'their-regions', type: 'line', source: REGIONS_SOURCE_ID, 'source-layer': 'r' },
    // Takes the id of one of the app's layers: the app's layer wins.
    { id: REGIONS_OUTLINE_LAYER_ID, type: 'line', source: 'openmaptiles', 'source-layer': 'boundary' },
  ],
};

describe('withOnlineBasemap', () => {
  const style = withOnlineBasemap(online, offline, STYLE_URL);

  it('is a valid style: the online layers under the app’s Niger outline, regions and their labels', () => {
    expect(styleErrors(style)).toEqual([]);
    expect(style.layers.map((l) => l.id)).toEqual(['water', 'landcover', REGIONS_OUTLINE_LAYER_ID, NIGER_OUTLINE_LAYER_ID, REGIONS_LABEL_LAYER_ID]);
    expect([...THEMATIC_LAYER_IDS].sort()).toEqual([NIGER_OUTLINE_LAYER_ID, REGIONS_OUTLINE_LAYER_ID, REGIONS_LABEL_LAYER_ID].sort());
    for (const id of THEMATIC_LAYER_IDS) expect(style.layers.find((l) => l.id === id)).toEqual(offline.layers.find((l) => l.id === id));
  });

  it('keeps the app’s sources for its layers, and its label font', () => {
    expect(style.sources[REGIONS_SOURCE_ID]).toEqual(offline.sources[REGIONS_SOURCE_ID]);
    expect(style.sources['countries']).toEqual(offline.sources['countries']);
    expect(style['font-faces']).toEqual(offline['font-faces']);
    // The offline cartography (water, land fill, country labels) is the online style's job now.
    expect(style.sources['country-labels']).toBeUndefined();
  });

  it('makes the online style’s URLs absolute against the style URL, keeping {placeholders}', () => {
    expect(style.sprite).toBe('https://tiles.example.org/styles/liberty/sprites/liberty');
    expect(style.glyphs).toBe('https://tiles.example.org/styles/fonts/{fontstack}/{range}.pbf');
    expect(style.sources['openmaptiles']).toEqual({ type: 'vector', url: 'https://tiles.example.org/planet.json' });
    expect((style.sources['relief'] as { tiles: string[] }).tiles).toEqual([
      'https://relief.example.net/{z}/{x}/{y}.png',
      'https://tiles.example.org/styles/liberty/relief/{z}/{x}/{y}.png',
    ]);
    expect(resolveStyleUrl('mapbox://styles/x', STYLE_URL)).toBe('mapbox://styles/x');
  });
});

describe('isStyleJson', () => {
  it.each([
    [online, true],
    [{ version: 8, sources: {}, layers: [] }, true],
    [{ version: 7, sources: {}, layers: [] }, false],
    [{ version: 8, layers: [] }, false],
    [{ version: 8, sources: {}, layers: {} }, false],
    ['<html>', false],
    [null, false],
  ])('%#: %s', (x, ok) => {
    expect(isStyleJson(x)).toBe(ok);
  });
});
