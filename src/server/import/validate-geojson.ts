/**
 * Checks a places import: a GeoJSON FeatureCollection (RFC 7946) of Point features whose properties follow the shared
 * placeProperties schema. Places are points, so polygons are refused; coordinates must be WGS 84 longitude/latitude
 * in range (RFC 7946 §4: no other CRS), ids unique in the file and, for places already stored, the kind unchanged
 * (stored counts refer to them by kind).
 *
 * As GDAL and QGIS write it: a `crs` member naming CRS84 or EPSG:4326 is accepted (both are read as longitude,
 * latitude, as GDAL writes them), any other CRS refused by name; a feature's `id` stands for a missing
 * `properties.id` (ogr2ogr -lco ID_FIELD=id). A property problem shared by many features is one error listing them.
 */
import { writeFile } from 'node:fs/promises';
import { placeProperties, type PlaceProperties } from '../../shared/api';
import { ISO3_PATTERN, PLACE_ID_PATTERN, type PlaceKind } from '../../shared/enums';
import { MAX_REPORTED_ERRORS } from './validate-csv';
import { TEXT_LIMITS, tooLong } from './limits';
import type { ImportError, ImportLookups, StagedImport } from './types';

/** Kinds whose place must lie in a Niger region (counts are mapped by region). */
export const KINDS_NEEDING_REGION: readonly PlaceKind[] = ['monitoring_point', 'transit_centre', 'office'];
export const MAX_PLACES = 10_000;

export interface PlaceFeature {
  type: 'Feature';
  id: string;
  properties: PlaceProperties;
  geometry: { type: 'Point'; coordinates: [number, number] };
}

export interface GeoJsonValidation {
  rows: number;
  errorCount: number;
  errors: ImportError[];
  features: PlaceFeature[];
}

const clip = (s: string, max = 40) => (s.length > max ? `${s.slice(0, max)}…` : s);

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** CRS names that mean WGS 84 longitude, latitude in a GeoJSON file (EPSG:4326 as GDAL writes it: axes lon, lat). */
const WGS84_CRS = [
  /^urn:ogc:def:crs:OGC:(1\.3)?:CRS84$/i,
  /^urn:ogc:def:crs:EPSG:[\d.]*:4326$/i,
  /^EPSG:4326$/i,
  /^CRS84$/i,
  /^https?:\/\/www\.opengis\.net\/def\/crs\/OGC\/1\.3\/CRS84$/i,
  /^https?:\/\/www\.opengis\.net\/def\/crs\/EPSG\/0\/4326$/i,
];

/** Why a `crs` member is refused, or null when it names WGS 84 longitude/latitude. */
export function crsProblem(crs: unknown): string | null {
  const name = isObject(crs) && isObject(crs.properties) ? crs.properties.name : undefined;
  if (typeof name !== 'string') return 'must name a CRS ({"type": "name", "properties": {"name": "urn:ogc:def:crs:OGC:1.3:CRS84"}}) or be left out';
  if (WGS84_CRS.some((re) => re.test(name.trim()))) return null;
  return `names ${clip(name, 80)}; places must be WGS 84 longitude, latitude (CRS84 or EPSG:4326): reproject the file, e.g. ogr2ogr -t_srs EPSG:4326 out.geojson in.geojson`;
}

/** A zod issue of the place properties in words (zod's own "Invalid input: expected string, received undefined" says less). */
function propertyMessage(issue: { code: string; path: PropertyKey[]; message: string; expected?: unknown; values?: unknown[] }, props: unknown): string {
  const key = issue.path[0];
  const value = isObject(props) && typeof key === 'string' ? props[key] : undefined;
  if (issue.path.length === 1 && value === undefined) return key === 'id' ? "is missing (give it in properties.id or as the feature's id)" : 'is missing';
  if (issue.code === 'invalid_type')
    return `must be ${issue.expected === 'nonoptional' ? 'given' : `a${/^[aeiou]/.test(String(issue.expected)) ? 'n' : ''} ${String(issue.expected)}`}, not ${JSON.stringify(value)?.slice(0, 40) ?? 'undefined'}`;
  if (issue.code === 'invalid_value' && issue.values) return `must be one of ${issue.values.join(', ')}, not ${JSON.stringify(value)?.slice(0, 40)}`;
  return issue.message;
}

export function validatePlacesGeoJson(text: string, lookups: ImportLookups): GeoJsonValidation {
  const errors: ImportError[] = [];
  let errorCount = 0;
  const report = (field: string, message: string) => {
    errorCount++;
    if (errors.length < MAX_REPORTED_ERRORS) errors.push({ field, message });
  };
  const done = (features: PlaceFeature[] = [], rows = 0): GeoJsonValidation => ({ rows, errorCount, errors, features: errorCount ? [] : features });

  let doc: unknown;
  try {
    doc = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    report('(root)', `is not valid JSON: ${(e as Error).message}`);
    return done();
  }
  if (!isObject(doc) || doc.type !== 'FeatureCollection') {
    report('type', 'must be "FeatureCollection"');
    return done();
  }
  if (doc.crs !== undefined && doc.crs !== null) {
    const problem = crsProblem(doc.crs);
    if (problem) {
      report('crs', problem);
      return done();
    }
  }
  if (!Array.isArray(doc.features)) {
    report('features', 'must be an array of Feature objects');
    return done();
  }
  if (doc.features.length === 0) report('features', 'is empty');
  if (doc.features.length > MAX_PLACES) {
    report('features', `has ${doc.features.length} features; at most ${MAX_PLACES} may be imported at once`);
    return done();
  }
  const seen = new Map<string, number>();
  const out: PlaceFeature[] = [];
  /** A property problem met in several features: one error, naming them (field → message → the error and its features). */
  const grouped = new Map<string, { error: ImportError; features: number[] }>();
  const shared = (field: string, message: string, i: number) => {
    const key = `${field}\u0000${message}`;
    const g = grouped.get(key);
    if (!g) {
      const error: ImportError = { field: `features[${i}].${field}`, message };
      grouped.set(key, { error, features: [i] });
      errorCount++;
      if (errors.length < MAX_REPORTED_ERRORS) errors.push(error);
      return;
    }
    g.features.push(i);
    const more = g.features.slice(1);
    g.error.message = `${message} — also in ${more.length} more feature${more.length === 1 ? '' : 's'} (${more
      .slice(0, 5)
      .map((n) => `features[${n}]`)
      .join(', ')}${more.length > 5 ? ', …' : ''})`;
  };
  doc.features.forEach((f: unknown, i: number) => {
    const at = `features[${i}]`;
    if (!isObject(f) || f.type !== 'Feature') return report(`${at}.type`, 'must be "Feature"');
    const g = f.geometry;
    let coords: [number, number] | null = null;
    if (!isObject(g)) report(`${at}.geometry`, 'must be a Point geometry');
    else if (g.type !== 'Point') report(`${at}.geometry.type`, `must be "Point" (places are points), not ${JSON.stringify(g.type)}`);
    else if (
      !Array.isArray(g.coordinates) ||
      g.coordinates.length < 2 ||
      g.coordinates.length > 3 ||
      !g.coordinates.every((c) => typeof c === 'number' && Number.isFinite(c))
    ) {
      report(`${at}.geometry.coordinates`, 'must be [longitude, latitude] (optionally with an altitude) as numbers');
    } else {
      const [lon, lat] = g.coordinates as number[];
      if (lon! < -180 || lon! > 180) report(`${at}.geometry.coordinates[0]`, `longitude ${lon} is outside −180…180`);
      else if (lat! < -90 || lat! > 90) report(`${at}.geometry.coordinates[1]`, `latitude ${lat} is outside −90…90`);
      else coords = [lon!, lat!];
    }
    // ogr2ogr's ID_FIELD=id moves the id out of the properties to the feature's own `id`.
    const props =
      isObject(f.properties) && f.properties.id === undefined && (typeof f.id === 'string' || typeof f.id === 'number')
        ? { ...f.properties, id: String(f.id) }
        : f.properties;
    const parsed = placeProperties.safeParse(props);
    if (!parsed.success) {
      for (const issue of parsed.error.issues.slice(0, 5)) {
        const path = issue.path.map(String).join('.');
        shared(`properties${path ? `.${path}` : ''}`, propertyMessage(issue as Parameters<typeof propertyMessage>[0], props), i);
      }
      return;
    }
    const p = parsed.data;
    const pre = `${at}.properties`;
    let ok = coords !== null;
    const bad = (field: string, message: string) => {
      ok = false;
      report(`${pre}.${field}`, message);
    };
    // Lengths first: a 1,000,000-character name is refused, not stored and served (TEXT_LIMITS).
    const longer = (field: keyof PlaceProperties, value: string | null, max: number) => {
      if (value !== null && value.length > max) {
        bad(field, tooLong(value.length, max));
        return true;
      }
      return false;
    };
    if (!longer('id', p.id, TEXT_LIMITS.placeId) && !PLACE_ID_PATTERN.test(p.id))
      bad('id', `'${clip(p.id)}' is not a place id (lowercase letters, digits, hyphens)`);
    if (f.id !== undefined && String(f.id) !== p.id) report(`${at}.id`, `must equal properties.id ('${clip(p.id)}') when given`);
    const dup = seen.get(p.id);
    if (dup !== undefined) bad('id', `'${clip(p.id)}' is also the id of features[${dup}]`);
    seen.set(p.id, i);
    if (!longer('name', p.name, TEXT_LIMITS.placeName) && p.name.trim() === '') bad('name', 'is empty');
    longer('source', p.source, TEXT_LIMITS.placeSource);
    if (!longer('countryIso3', p.countryIso3, TEXT_LIMITS.placeCode) && !ISO3_PATTERN.test(p.countryIso3)) {
      bad('countryIso3', `'${clip(p.countryIso3, 10)}' is not an ISO 3166-1 alpha-3 code in capitals`);
    }
    if (!longer('admin1Pcode', p.admin1Pcode, TEXT_LIMITS.placeCode) && p.admin1Pcode !== null && !lookups.regions.has(p.admin1Pcode)) {
      bad('admin1Pcode', `'${clip(p.admin1Pcode, 20)}' is not a Niger region pcode`);
    }
    if (p.admin1Pcode === null && KINDS_NEEDING_REGION.includes(p.kind))
      bad('admin1Pcode', `is required for a ${p.kind.replace('_', ' ')} (its counts are mapped by region)`);
    if (p.capacity !== null && p.capacity < 0) bad('capacity', 'must not be negative');
    if (p.activeFrom && p.activeTo && p.activeTo < p.activeFrom) bad('activeTo', 'must not be before activeFrom');
    const unknownRoutes = p.routes.filter((r) => !lookups.routes.has(r));
    if (p.routes.length > TEXT_LIMITS.placeRoutes) bad('routes', `lists ${p.routes.length} routes; at most ${TEXT_LIMITS.placeRoutes} are accepted`);
    else if (unknownRoutes.length)
      bad(
        'routes',
        `names unknown route${unknownRoutes.length > 1 ? 's' : ''} ${unknownRoutes
          .slice(0, 5)
          .map((r) => clip(r, 20))
          .join(', ')}`,
      );
    if (p.routes.length > 0 && p.kind !== 'monitoring_point') bad('routes', 'only monitoring points observe routes');
    const stored = lookups.places.get(p.id);
    if (stored && stored.kind !== p.kind) bad('kind', `cannot change from ${stored.kind} to ${p.kind}: stored counts refer to this place`);
    if (ok && coords) out.push({ type: 'Feature', id: p.id, properties: p, geometry: { type: 'Point', coordinates: coords } });
  });
  return done(out, doc.features.length);
}

/** Writes the validated features as the staged (and journaled) FeatureCollection. */
export async function stagePlaces(path: string, features: PlaceFeature[]): Promise<StagedImport> {
  await writeFile(path, `${JSON.stringify({ type: 'FeatureCollection', features })}\n`);
  return { dataset: 'places', path, rows: features.length, hasTransport: false, maxDate: null };
}
