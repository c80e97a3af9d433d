/**
 * The offline basemap, as a style object built in code: water background, Natural Earth countries
 * (a static GeoJSON in public/basemap, loaded by URL so MapLibre parses it in its worker) with Niger
 * highlighted, Niger's admin-1 regions from /api/v1/regions, and labels drawn from a local font file
 * declared in `font-faces` — no glyph server, no tiles, nothing leaves the machine.
 */
import type {
  ExpressionSpecification,
  FontFacesSpecification,
  GeoJSONSourceSpecification,
  LayerSpecification,
  StyleSpecification,
} from '@maplibre/maplibre-gl-style-spec';
import { BASEMAP_COLOURS } from './colours';
import { countryLabelsData } from './country-labels';
import { regionLabelsData } from './region-labels';

export const LABEL_FONT = 'Noto Sans Regular';

export const COUNTRIES_SOURCE_ID = 'countries';
export const REGIONS_SOURCE_ID = 'regions';
export const COUNTRY_LABELS_SOURCE_ID = 'country-labels';
/** One point per region for its name (region-labels.ts). */
export const REGION_LABELS_SOURCE_ID = 'region-labels';
export const BACKGROUND_LAYER_ID = 'background';
export const COUNTRIES_FILL_LAYER_ID = 'countries-fill';
export const NIGER_FILL_LAYER_ID = 'niger-fill';
export const COUNTRIES_OUTLINE_LAYER_ID = 'countries-outline';
export const NIGER_OUTLINE_LAYER_ID = 'niger-outline';
export const REGIONS_OUTLINE_LAYER_ID = 'regions-outline';
export const REGIONS_LABEL_LAYER_ID = 'regions-label';
export const COUNTRIES_LABEL_LAYER_ID = 'countries-label';

/** The style's global state property holding the interface language ('en' | 'fr'; map/useMapLanguage.ts sets it). */
export const LANG_STATE = 'lang';

/** A country label in the interface language: the point's `name_<lang>` (e.g. `name_fr`), else its English `name`. */
const countryName = (): ExpressionSpecification => ['coalesce', ['get', ['concat', 'name_', ['global-state', LANG_STATE]]], ['get', 'name']];

/** ISO 3166-1 numeric code of Niger in world-atlas (Natural Earth). */
export const NIGER_ISO_N3 = '562';

export interface BasemapOptions {
  countriesUrl: string;
  regionsUrl: string;
  /** URLs of the Noto Sans woff2 files (latin, latin-ext). */
  fonts: { latin: string; latinExt: string };
}

/** Unicode ranges as @fontsource declares them for its latin and latin-ext subsets. */
export const LATIN_RANGES = [
  'U+0000-00FF',
  'U+0131',
  'U+0152-0153',
  'U+02BB-02BC',
  'U+02C6',
  'U+02DA',
  'U+02DC',
  'U+0304',
  'U+0308',
  'U+0329',
  'U+2000-206F',
  'U+20AC',
  'U+2122',
  'U+2191',
  'U+2193',
  'U+2212',
  'U+2215',
  'U+FEFF',
  'U+FFFD',
];
export const LATIN_EXT_RANGES = [
  'U+0100-02BA',
  'U+02BD-02C5',
  'U+02C7-02CC',
  'U+02CE-02D7',
  'U+02DD-02FF',
  'U+1D00-1DBF',
  'U+1E00-1E9F',
  'U+1EF2-1EFF',
  'U+2020',
  'U+20A0-20AB',
  'U+20AD-20C0',
  'U+2113',
  'U+2C60-2C7F',
  'U+A720-A7FF',
];

export function fontFaces(fonts: BasemapOptions['fonts']): FontFacesSpecification {
  return {
    [LABEL_FONT]: [
      { url: fonts.latin, 'unicode-range': LATIN_RANGES },
      { url: fonts.latinExt, 'unicode-range': LATIN_EXT_RANGES },
    ],
  };
}

const isNiger = (): ExpressionSpecification => ['==', ['get', 'isoN3'], NIGER_ISO_N3];

export function basemapLayers(): LayerSpecification[] {
  const c = BASEMAP_COLOURS;
  return [
    { id: BACKGROUND_LAYER_ID, type: 'background', paint: { 'background-color': c.water } },
    {
      id: COUNTRIES_FILL_LAYER_ID,
      type: 'fill',
      source: COUNTRIES_SOURCE_ID,
      paint: { 'fill-color': c.land },
    },
    {
      id: NIGER_FILL_LAYER_ID,
      type: 'fill',
      source: COUNTRIES_SOURCE_ID,
      filter: isNiger(),
      paint: { 'fill-color': c.niger },
    },
    {
      id: REGIONS_OUTLINE_LAYER_ID,
      type: 'line',
      source: REGIONS_SOURCE_ID,
      paint: { 'line-color': c.regionOutline, 'line-width': 0.8, 'line-dasharray': [4, 2] },
    },
    {
      id: COUNTRIES_OUTLINE_LAYER_ID,
      type: 'line',
      source: COUNTRIES_SOURCE_ID,
      paint: { 'line-color': c.countryOutline, 'line-width': 0.8 },
    },
    {
      id: NIGER_OUTLINE_LAYER_ID,
      type: 'line',
      source: COUNTRIES_SOURCE_ID,
      filter: isNiger(),
      paint: { 'line-color': c.nigerOutline, 'line-width': 1.6 },
    },
    {
      id: COUNTRIES_LABEL_LAYER_ID,
      type: 'symbol',
      source: COUNTRY_LABELS_SOURCE_ID,
      layout: {
        'text-field': countryName(),
        'text-font': [LABEL_FONT],
        'text-size': ['case', isNiger(), 15, 13],
        'text-transform': 'uppercase',
        'text-letter-spacing': 0.12,
        'text-max-width': 8,
        'text-padding': 4,
      },
      paint: {
        'text-color': ['case', isNiger(), c.nigerOutline, c.countryLabel],
        'text-halo-color': c.labelHalo,
        'text-halo-width': 1,
        'text-opacity': 0.85,
      },
    },
    {
      id: REGIONS_LABEL_LAYER_ID,
      type: 'symbol',
      source: REGION_LABELS_SOURCE_ID,
      // Zoomed far out the eight names would pile up on each other; from the phone's first view in, all eight show, whole
      // (allowed to overlap, not to push other labels away: their points are chosen off the other labels).
      minzoom: 3.6,
      layout: {
        'text-field': ['get', 'name'],
        'text-font': [LABEL_FONT],
        'text-size': ['interpolate', ['linear'], ['zoom'], 3.6, 9, 5, 11],
        'text-transform': 'uppercase',
        'text-letter-spacing': 0.1,
        'text-padding': 2,
        'text-allow-overlap': true,
        'text-ignore-placement': true,
      },
      paint: { 'text-color': c.regionLabel, 'text-halo-color': c.labelHalo, 'text-halo-width': 1 },
    },
  ];
}

export function basemapStyle(o: BasemapOptions): StyleSpecification {
  return {
    version: 8,
    name: 'Transit Atlas offline basemap',
    // The interface language, for the country labels (English until the map is told otherwise).
    state: { [LANG_STATE]: { default: 'en' } },
    'font-faces': fontFaces(o.fonts),
    sources: {
      [COUNTRIES_SOURCE_ID]: {
        type: 'geojson',
        data: o.countriesUrl,
        attribution: 'Natural Earth (public domain)',
      },
      [REGIONS_SOURCE_ID]: {
        type: 'geojson',
        data: o.regionsUrl,
        promoteId: 'pcode',
      },
      [COUNTRY_LABELS_SOURCE_ID]: {
        type: 'geojson',
        data: countryLabelsData() as GeoJSONSourceSpecification['data'],
      },
      [REGION_LABELS_SOURCE_ID]: {
        type: 'geojson',
        data: regionLabelsData() as GeoJSONSourceSpecification['data'],
      },
    },
    layers: basemapLayers(),
  };
}
