/**
 * Checks a places import: a GeoJSON FeatureCollection (RFC 7946) of Point features whose properties follow the shared
 * placeProperties schema. Places are points, so polygons are refused; coordinates must be WGS 84 longitude/latitude
 * in range (RFC 7946 §4: no other CRS), ids unique in the file and, for places already stored, the kind unchanged
 * (stored counts refer to them by kind).
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
  if (doc.crs !== undefined) report('crs', 'is not allowed: RFC 7946 GeoJSON is always WGS 84 longitude, latitude');
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
    const parsed = placeProperties.safeParse(f.properties);
    if (!parsed.success) {
      for (const issue of parsed.error.issues.slice(0, 5)) report(`${at}.properties${issue.path.length ? `.${issue.path.join('.')}` : ''}`, issue.message);
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
    if (f.id !== undefined && f.id !== p.id) report(`${at}.id`, `must equal properties.id ('${clip(p.id)}') when given`);
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
