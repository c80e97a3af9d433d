/**
 * Builds the geographic part of the embedded dataset from the reference files in ../shared/data
 * (real coordinates with sources) and from world-atlas (Natural Earth, public domain):
 *   data/places.geojson, data/routes.geojson, data/niger-admin1.geojson, public/basemap/countries.geojson
 * Run with `npm run data:geo`. Output is deterministic; the files are committed so the app never needs ../shared.
 */
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { feature } from 'topojson-client';
import booleanPointInPolygon from '@turf/boolean-point-in-polygon';
import type { Feature, FeatureCollection, LineString, MultiPolygon, Point, Polygon, Position } from 'geojson';
import type { PlaceProperties, RouteProperties } from '../src/shared/api';
import type { PlaceKind } from '../src/shared/enums';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const shared = process.env.SHARED_DATA_DIR ?? resolve(root, '../shared/data');
const require = createRequire(import.meta.url);

type RefPlace = Feature<Point, { id: string; name: string; iso3: string; type: string; source: string }>;
type RefRoute = Feature<LineString, { id: string; name: string; waypoints: string[]; great_circle_km: number }>;

const refPlaces = JSON.parse(readFileSync(resolve(shared, 'reference-places.geojson'), 'utf8')) as FeatureCollection<Point, RefPlace['properties']>;
const refRoutes = JSON.parse(readFileSync(resolve(shared, 'reference-routes.geojson'), 'utf8')) as FeatureCollection<LineString, RefRoute['properties']>;
const regions = JSON.parse(readFileSync(resolve(shared, 'niger-admin1.geojson'), 'utf8')) as FeatureCollection<
  Polygon | MultiPolygon,
  { name: string; iso_3166_2: string; pcode: string }
>;

const ref = new Map(refPlaces.features.map((f) => [f.properties.id, f]));
function refOf(id: string): RefPlace {
  const f = ref.get(id);
  if (!f) throw new Error(`reference place ${id} not found`);
  return f as RefPlace;
}

const round = (x: number, dp = 4) => Math.round(x * 10 ** dp) / 10 ** dp;

/** Region containing a point. The reference file uses RFC 7946 winding, which turf handles. */
function regionOf(lon: number, lat: number): string | null {
  for (const r of regions.features) {
    if (booleanPointInPolygon([lon, lat], r)) return r.properties.pcode;
  }
  return null;
}

interface PlaceSpec {
  id: string;
  name: string;
  kind: PlaceKind;
  /** reference place id for country (and coordinates unless given) */
  ref: string;
  lonLat?: [number, number];
  capacity?: number;
  activeFrom?: string;
  routes?: string[];
  source: string;
}

const NEWSLETTER = 'IOM Niger newsletter 2015 (coordinates as data-brief.md, GeoNames CC BY 4.0)';
const FMP = 'IOM flow monitoring point geocode published with Martínez Flores et al. 2024 (data-brief.md)';

const specs: PlaceSpec[] = [
  // IOM offices (2015 newsletter)
  { id: 'niamey-office', name: 'IOM Niamey office', kind: 'office', ref: 'niamey', lonLat: [2.1098, 13.5137], source: NEWSLETTER },
  { id: 'agadez-office', name: 'IOM Agadez office', kind: 'office', ref: 'agadez', lonLat: [7.9911, 16.9733], source: NEWSLETTER },
  { id: 'diffa-office', name: 'IOM Diffa office', kind: 'office', ref: 'diffa', lonLat: [12.6114, 13.3154], source: NEWSLETTER },
  { id: 'zinder-office', name: 'IOM Zinder office', kind: 'office', ref: 'zinder', lonLat: [8.9881, 13.8072], source: NEWSLETTER },
  // Transit centres, capacities as reported later (data-brief.md)
  { id: 'agadez-tc', name: 'Agadez transit centre', kind: 'transit_centre', ref: 'agadez', lonLat: [7.9911, 16.9733], capacity: 1000, source: NEWSLETTER },
  { id: 'arlit-tc', name: 'Arlit transit centre', kind: 'transit_centre', ref: 'arlit', lonLat: [7.3853, 18.7369], capacity: 300, source: NEWSLETTER },
  {
    id: 'dirkou-tc',
    name: 'Dirkou transit centre',
    kind: 'transit_centre',
    ref: 'dirkou',
    lonLat: [12.9033, 19.0333],
    capacity: 150,
    source: `${NEWSLETTER}; Wikipedia infobox`,
  },
  { id: 'niamey-tc', name: 'Niamey transit centres', kind: 'transit_centre', ref: 'niamey', lonLat: [2.1098, 13.5137], capacity: 300, source: NEWSLETTER },
  // Flow monitoring points (IOM-FMP)
  {
    id: 'agadez-fmp',
    name: 'Agadez bus station (FMP)',
    kind: 'monitoring_point',
    ref: 'agadez',
    lonLat: [7.9911, 16.9733],
    activeFrom: '2015-01-01',
    routes: ['R3'],
    source: 'GeoNames 2448085; illustrative: counts from 2015 stand for the newsletter figure "up to 2,500 a week through the Agadez region"',
  },
  {
    id: 'arlit-fmp',
    name: 'Arlit (FMP)',
    kind: 'monitoring_point',
    ref: 'arlit',
    lonLat: [7.3895, 18.739],
    activeFrom: '2016-02-01',
    routes: ['R4'],
    source: FMP,
  },
  {
    id: 'seguedine-fmp',
    name: 'Séguédine (FMP)',
    kind: 'monitoring_point',
    ref: 'seguedine',
    lonLat: [12.9833, 20.2],
    activeFrom: '2016-02-01',
    routes: ['R5'],
    source: `${FMP} (±5 km)`,
  },
  {
    id: 'tahoua-fmp',
    name: 'Tahoua (FMP)',
    kind: 'monitoring_point',
    ref: 'tahoua',
    lonLat: [5.2824, 14.8876],
    activeFrom: '2018-08-01',
    routes: ['R3', 'R3b'],
    source: FMP,
  },
  {
    id: 'danbarto-fmp',
    name: 'Dan Barto (FMP)',
    kind: 'monitoring_point',
    ref: 'danbarto',
    lonLat: [8.3209, 13.1979],
    activeFrom: '2018-08-01',
    routes: ['R2c'],
    source: FMP,
  },
  {
    id: 'magaria-fmp',
    name: 'Magaria (FMP)',
    kind: 'monitoring_point',
    ref: 'magaria',
    lonLat: [8.9127, 13.0043],
    activeFrom: '2018-08-01',
    routes: ['R2b'],
    source: FMP,
  },
  {
    id: 'danissa-fmp',
    name: 'Dan Issa (FMP)',
    kind: 'monitoring_point',
    ref: 'danissa',
    lonLat: [7.2581, 13.1335],
    activeFrom: '2018-09-01',
    routes: [],
    source: FMP,
  },
  {
    id: 'madama-fmp',
    name: 'Madama (FMP)',
    kind: 'monitoring_point',
    ref: 'madama',
    lonLat: [13.6515, 21.9494],
    activeFrom: '2019-01-01',
    routes: ['R5'],
    source: FMP,
  },
  // Hubs on the corridors
  ...(['bamako', 'ouagadougou', 'gao', 'lagos', 'kano', 'tamanrasset', 'algiers', 'sabha', 'tripoli'] as const).map((id): PlaceSpec => ({
    id,
    name: refOf(id).properties.name,
    kind: 'hub',
    ref: id,
    source: refOf(id).properties.source,
  })),
  // Border crossings
  ...(['assamaka', 'inguezzam', 'tummo', 'makalondi'] as const).map((id): PlaceSpec => ({
    id,
    name: refOf(id).properties.name,
    kind: 'border_crossing',
    ref: id,
    source: refOf(id).properties.source,
  })),
];

const places: FeatureCollection<Point, PlaceProperties> = {
  type: 'FeatureCollection',
  features: specs.map((s) => {
    const r = refOf(s.ref);
    const [lon, lat] = s.lonLat ?? (r.geometry.coordinates as [number, number]);
    const iso3 = r.properties.iso3;
    return {
      type: 'Feature',
      id: s.id,
      properties: {
        id: s.id,
        name: s.name,
        kind: s.kind,
        countryIso3: iso3,
        admin1Pcode: iso3 === 'NER' ? regionOf(lon, lat) : null,
        capacity: s.capacity ?? null,
        activeFrom: s.activeFrom ?? null,
        activeTo: null,
        routes: s.routes ?? [],
        source: s.source,
      },
      geometry: { type: 'Point', coordinates: [round(lon), round(lat)] },
    };
  }),
};

const CORRIDORS: Record<string, string> = {
  R1: 'West Africa to Niamey',
  R1b: 'West Africa to Niamey',
  R2a: 'Nigeria to Niger',
  R2b: 'Nigeria to Niger',
  R2c: 'Nigeria to Niger',
  R3: 'Niamey to Agadez',
  R3b: 'Niamey to Agadez',
  R4: 'Niger to Algeria',
  R4x: 'Niger to Algeria',
  R5: 'Niger to Libya',
  R5b: 'Niger to Libya',
};

function haversineKm([lon1, lat1]: Position, [lon2, lat2]: Position): number {
  const rad = Math.PI / 180;
  const dLat = (lat2! - lat1!) * rad;
  const dLon = (lon2! - lon1!) * rad;
  const a = Math.sin(dLat / 2) ** 2 + Math.cos(lat1! * rad) * Math.cos(lat2! * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * 6371.0088 * Math.asin(Math.sqrt(a));
}

const routes: FeatureCollection<LineString, RouteProperties> = {
  type: 'FeatureCollection',
  features: refRoutes.features.map((f) => {
    const coords = f.geometry.coordinates.map(([x, y]) => [round(x!), round(y!)]);
    let km = 0;
    for (let i = 1; i < coords.length; i++) km += haversineKm(coords[i - 1]!, coords[i]!);
    const id = f.properties.id;
    const corridor = CORRIDORS[id];
    if (!corridor) throw new Error(`no corridor for route ${id}`);
    return {
      type: 'Feature',
      id,
      properties: {
        id,
        name: f.properties.name,
        corridor,
        waypoints: f.properties.waypoints,
        lengthKm: Math.round(km),
        monitoredBy: places.features.filter((p) => p.properties.routes.includes(id)).map((p) => p.properties.id),
      },
      geometry: { type: 'LineString', coordinates: coords },
    };
  }),
};

const regionsOut = {
  type: 'FeatureCollection',
  features: regions.features.map((f) => ({
    type: 'Feature',
    id: f.properties.pcode,
    properties: { pcode: f.properties.pcode, iso3166_2: f.properties.iso_3166_2, name: f.properties.name },
    geometry: f.geometry,
  })),
};

// Basemap: countries of West, Central and North Africa (and the southern Mediterranean shore) from Natural Earth 1:50m.
const atlas = require('world-atlas/countries-50m.json');
const countries = feature(atlas, atlas.objects.countries) as unknown as FeatureCollection<Polygon | MultiPolygon, { name: string }>;
const BBOX = [-26, -2, 36, 42] as const;
function intersectsBbox(g: Polygon | MultiPolygon): boolean {
  const polys = g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
  return polys.some((p) => p[0]!.some(([x, y]) => x! >= BBOX[0] && x! <= BBOX[2] && y! >= BBOX[1] && y! <= BBOX[3]));
}
const roundGeom = (g: Polygon | MultiPolygon): Polygon | MultiPolygon =>
  g.type === 'Polygon'
    ? { type: 'Polygon', coordinates: g.coordinates.map((ring) => ring.map(([x, y]) => [round(x!, 3), round(y!, 3)])) }
    : { type: 'MultiPolygon', coordinates: g.coordinates.map((p) => p.map((ring) => ring.map(([x, y]) => [round(x!, 3), round(y!, 3)]))) };
const basemap = {
  type: 'FeatureCollection',
  features: countries.features
    .filter((f) => f.geometry && intersectsBbox(f.geometry))
    .sort((a, b) => String(a.id).localeCompare(String(b.id)))
    .map((f) => ({ type: 'Feature', id: Number(f.id), properties: { isoN3: String(f.id), name: f.properties.name }, geometry: roundGeom(f.geometry) })),
};

function write(rel: string, value: unknown) {
  const path = resolve(root, rel);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, `${JSON.stringify(value)}\n`);
  console.log(`wrote ${rel}`);
}
write('data/places.geojson', places);
write('data/routes.geojson', routes);
write('data/niger-admin1.geojson', regionsOut);
write('public/basemap/countries.geojson', basemap);
