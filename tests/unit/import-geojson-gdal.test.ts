/**
 * Places GeoJSON as GDAL and QGIS write it (issue 16): a `crs` member naming CRS84 or EPSG:4326 is read as WGS 84
 * longitude/latitude, any other CRS refused naming it; `feature.id` stands for a missing `properties.id` (ogr2ogr
 * ID_FIELD=id); a property problem shared by many features is one clear error, not zod's raw message per feature.
 */
import { describe, expect, it } from 'vitest';
import { crsProblem, validatePlacesGeoJson } from '../../src/server/import/validate-geojson';
import type { ImportLookups } from '../../src/server/import/types';

const lookups: ImportLookups = {
  places: new Map(),
  countries: new Set(['NER']),
  routes: new Set(['R4']),
  regions: new Set(['NE001']),
};

const props = (id: string) => ({
  name: `Place ${id}`,
  kind: 'hub',
  countryIso3: 'NER',
  admin1Pcode: null,
  capacity: null,
  activeFrom: null,
  activeTo: null,
  routes: [],
  source: 's',
});
const named = (name: string) => ({ type: 'name', properties: { name } });
const collection = (features: unknown[], crs?: unknown) => JSON.stringify({ type: 'FeatureCollection', ...(crs !== undefined ? { crs } : {}), features });
/** A feature as ogr2ogr -lco ID_FIELD=id writes it: the id outside the properties. */
const gdalFeature = (id: string, lon = 7.1, lat = 17.2) => ({
  type: 'Feature',
  id,
  properties: props(id),
  geometry: { type: 'Point', coordinates: [lon, lat] },
});

describe('crs', () => {
  it('accepts CRS84 and EPSG:4326 in the forms GDAL, QGIS and OGC write', () => {
    for (const name of [
      'urn:ogc:def:crs:OGC:1.3:CRS84',
      'urn:ogc:def:crs:OGC::CRS84',
      'urn:ogc:def:crs:EPSG::4326',
      'EPSG:4326',
      'http://www.opengis.net/def/crs/OGC/1.3/CRS84',
      'http://www.opengis.net/def/crs/EPSG/0/4326',
    ])
      expect(crsProblem(named(name)), name).toBeNull();
  });

  it('a file in CRS84 imports with its coordinates read as longitude, latitude', () => {
    const v = validatePlacesGeoJson(collection([gdalFeature('a', 7.1, 17.2)], named('urn:ogc:def:crs:OGC:1.3:CRS84')), lookups);
    expect(v.errors).toEqual([]);
    expect(v.features[0]!.geometry.coordinates).toEqual([7.1, 17.2]);
    expect(validatePlacesGeoJson(collection([gdalFeature('a')], named('EPSG:4326')), lookups).errors).toEqual([]);
  });

  it('refuses another CRS with one error naming it (and nothing about the features)', () => {
    const v = validatePlacesGeoJson(collection([gdalFeature('a', 300000, 1900000)], named('urn:ogc:def:crs:EPSG::32632')), lookups);
    expect(v.errors).toEqual([
      { field: 'crs', message: expect.stringMatching(/^names urn:ogc:def:crs:EPSG::32632; places must be WGS 84 .*ogr2ogr -t_srs EPSG:4326/) },
    ]);
    expect(validatePlacesGeoJson(collection([gdalFeature('a')], {}), lookups).errors).toEqual([
      { field: 'crs', message: expect.stringMatching(/must name a CRS/) },
    ]);
  });
});

describe('feature.id', () => {
  it('stands for a missing properties.id (ID_FIELD=id); a different one alongside is refused', () => {
    const v = validatePlacesGeoJson(collection([gdalFeature('arlit-new'), gdalFeature('gao-new')]), lookups);
    expect(v.errors).toEqual([]);
    expect(v.features.map((f) => f.properties.id)).toEqual(['arlit-new', 'gao-new']);
    const both = { ...gdalFeature('x'), properties: { ...props('y'), id: 'y' } };
    expect(validatePlacesGeoJson(collection([both]), lookups).errors).toEqual([
      { field: 'features[0].id', message: "must equal properties.id ('y') when given" },
    ]);
  });

  it('29 features without any id are one error naming the fix, not 29 raw messages', () => {
    const features = Array.from({ length: 29 }, (_, i) => ({ type: 'Feature', properties: props(`p${i}`), geometry: { type: 'Point', coordinates: [7, 17] } }));
    const v = validatePlacesGeoJson(collection(features), lookups);
    expect(v.errorCount).toBe(1);
    expect(v.errors).toEqual([
      {
        field: 'features[0].properties.id',
        message:
          "is missing (give it in properties.id or as the feature's id) — also in 28 more features (features[1], features[2], features[3], features[4], features[5], …)",
      },
    ]);
  });

  it('a property of the wrong type says what it must be', () => {
    const bad = { ...gdalFeature('a'), properties: { ...props('a'), capacity: 'large', kind: 'camp' } };
    const v = validatePlacesGeoJson(collection([bad]), lookups);
    expect(v.errors.map((e) => `${e.field}: ${e.message}`)).toEqual([
      expect.stringMatching(/^features\[0\]\.properties\.kind: must be one of office, .*, not "camp"$/),
      expect.stringMatching(/^features\[0\]\.properties\.capacity: must be a number, not "large"$/),
    ]);
  });
});
