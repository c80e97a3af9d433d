/** The offline basemap style: valid, offline (no glyph or tile server), labels from local font files. */
import { describe, expect, it } from 'vitest';
import { featureFilter } from '@maplibre/maplibre-gl-style-spec';
import {
  COUNTRIES_SOURCE_ID,
  COUNTRY_LABELS_SOURCE_ID,
  LABEL_FONT,
  NIGER_FILL_LAYER_ID,
  REGIONS_SOURCE_ID,
  basemapStyle,
} from '../../src/client/map/basemap-style';
import { COUNTRY_LABEL_POINTS } from '../../src/client/map/country-labels';
import { styleErrors } from './client-style-helpers';

const style = basemapStyle({
  countriesUrl: 'http://127.0.0.1:8080/basemap/countries.geojson',
  regionsUrl: 'http://127.0.0.1:8080/api/v1/regions',
  fonts: { latin: 'http://127.0.0.1:8080/assets/noto-latin.woff2', latinExt: 'http://127.0.0.1:8080/assets/noto-latin-ext.woff2' },
});

describe('basemap style', () => {
  it('validates against the MapLibre style spec', () => {
    expect(styleErrors(style)).toEqual([]);
  });

  it('starts with a water background, then countries, Niger highlighted, regions', () => {
    expect(style.layers[0]).toMatchObject({ type: 'background' });
    const sources = style.layers.map((l) => (l as { source?: string }).source).filter(Boolean);
    expect(sources).toContain(COUNTRIES_SOURCE_ID);
    expect(sources).toContain(REGIONS_SOURCE_ID);
    const niger = style.layers.find((l) => l.id === NIGER_FILL_LAYER_ID)!;
    const f = featureFilter((niger as { filter?: never }).filter, 'filter');
    expect(f.filter({ zoom: 4 }, { type: 3, properties: { isoN3: '562', name: 'Niger' } })).toBe(true);
    expect(f.filter({ zoom: 4 }, { type: 3, properties: { isoN3: '566', name: 'Nigeria' } })).toBe(false);
  });

  it('loads geometry by URL (parsed in the worker), never inline megabytes', () => {
    expect(style.sources[COUNTRIES_SOURCE_ID]).toMatchObject({ type: 'geojson', data: 'http://127.0.0.1:8080/basemap/countries.geojson' });
    expect(style.sources[REGIONS_SOURCE_ID]).toMatchObject({ type: 'geojson', data: 'http://127.0.0.1:8080/api/v1/regions' });
    // The only inline data is ~30 label points.
    expect(JSON.stringify(style.sources[COUNTRY_LABELS_SOURCE_ID]).length).toBeLessThan(10_000);
  });

  it('needs no glyph server, sprite or tiles: text is drawn from font-faces', () => {
    expect(style.glyphs).toBeUndefined();
    expect(style.sprite).toBeUndefined();
    const faces = style['font-faces']?.[LABEL_FONT];
    expect(Array.isArray(faces)).toBe(true);
    const urls = (faces as Array<{ url: string; 'unicode-range'?: string[] }>).map((f) => f.url);
    expect(urls).toEqual(['http://127.0.0.1:8080/assets/noto-latin.woff2', 'http://127.0.0.1:8080/assets/noto-latin-ext.woff2']);
    // é (U+00E9, "Séguédine") is in the latin file's range; ï ("Ghardaïa") too.
    expect((faces as Array<{ 'unicode-range'?: string[] }>)[0]!['unicode-range']).toContain('U+0000-00FF');
    for (const layer of style.layers) {
      const font = (layer as { layout?: Record<string, unknown> }).layout?.['text-font'];
      if (font) expect(font).toEqual([LABEL_FONT]);
    }
  });

  it('every URL in the style is the one given (nothing external)', () => {
    const urls = JSON.stringify(style).match(/https?:\/\/[^"]+/g) ?? [];
    for (const u of urls) expect(new URL(u).host).toBe('127.0.0.1:8080');
  });

  it('one label point per country', () => {
    const ids = COUNTRY_LABEL_POINTS.map((c) => c[0]);
    expect(new Set(ids).size).toBe(ids.length);
    for (const [, , , lon, lat] of COUNTRY_LABEL_POINTS) {
      expect(lon).toBeGreaterThanOrEqual(-180);
      expect(lon).toBeLessThanOrEqual(180);
      expect(Math.abs(lat)).toBeLessThanOrEqual(85);
    }
  });
});
