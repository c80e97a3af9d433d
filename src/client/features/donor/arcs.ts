/**
 * Voluntary returns as curved arcs from the transit centre to the capital of the country of origin.
 * Pure (tested apart from the map): rows of GET /returns?groupBy=centre,destination → a GeoJSON
 * FeatureCollection of LineStrings, one per (centre, destination), each a quadratic Bézier curve of
 * ARC_VERTICES vertices bowed to the left of its direction, carrying its count as a property.
 */
import { featureCollection, lineString } from '@turf/helpers';
import type { Feature, FeatureCollection, LineString, Point } from 'geojson';
import type { AggregateResponse, MetaResponse } from '../../../shared/api';
import { countryNames } from '../../i18n/dataset-text';
import { displayCount } from '../../lib/suppressed';

export const ARC_VERTICES = 24;
/** How far the curve bows out, as a share of the distance between its ends. */
export const ARC_BEND = 0.22;

export interface ArcProperties {
  id: string;
  centre: string;
  destination: string;
  /** People returned; null when withheld by disclosure control (then drawn at the thinnest width). */
  count: number | null;
  suppressed: boolean;
  /** The count is perturbed by disclosure control (cell-key method). */
  perturbed: boolean;
  /** The count adds up published cells, some withheld and left out. */
  partial: boolean;
}

type LonLat = readonly [number, number];

/** A quadratic Bézier from a to b with `n` vertices (ends included), its control point offset perpendicular to a→b. */
export function bezierArc(a: LonLat, b: LonLat, n = ARC_VERTICES, bend = ARC_BEND): Array<[number, number]> {
  const dx = b[0] - a[0];
  const dy = b[1] - a[1];
  // Control point: the midpoint pushed left of a→b by bend × length.
  const cx = (a[0] + b[0]) / 2 - dy * bend;
  const cy = (a[1] + b[1]) / 2 + dx * bend;
  const out: Array<[number, number]> = [];
  for (let i = 0; i < n; i++) {
    const t = i / (n - 1);
    const u = 1 - t;
    out.push([u * u * a[0] + 2 * u * t * cx + t * t * b[0], u * u * a[1] + 2 * u * t * cy + t * t * b[1]]);
  }
  return out;
}

export function returnArcs(
  res: AggregateResponse | undefined,
  centres: ReadonlyMap<string, LonLat>,
  capitals: ReadonlyMap<string, LonLat>,
): FeatureCollection<LineString, ArcProperties> {
  const features: Feature<LineString, ArcProperties>[] = [];
  for (const row of res?.rows ?? []) {
    const centre = row['centre'];
    const destination = row['destination'];
    if (typeof centre !== 'string' || typeof destination !== 'string') continue;
    if (row.count === 0) continue;
    const a = centres.get(centre);
    const b = capitals.get(destination);
    if (!a || !b || (a[0] === b[0] && a[1] === b[1])) continue;
    const id = `${centre}>${destination}`;
    features.push(
      lineString(
        bezierArc(a, b),
        {
          id,
          centre,
          destination,
          count: row.suppressed ? null : row.count,
          suppressed: row.count === null || row.suppressed === true,
          perturbed: row.count !== null && row.perturbed === true,
          partial: row.partial === true,
        },
        { id },
      ) as Feature<LineString, ArcProperties>,
    );
  }
  // Thin arcs on top of thick ones stay visible.
  features.sort((x, y) => (y.properties.count ?? 0) - (x.properties.count ?? 0));
  return featureCollection(features) as FeatureCollection<LineString, ArcProperties>;
}

export function capitalPositions(meta: MetaResponse | undefined): Map<string, readonly [number, number]> {
  return new Map((meta?.nationalities ?? []).map((n) => [n.id, [n.lon, n.lat] as const]));
}

export interface CapitalProperties {
  id: string;
  label: string;
  count: number | null;
  suppressed: boolean;
}

/** Capital points of the destinations with returns, labelled "Country ≈1,234" (marks as the API's flags say). */
export function capitalFeatures(
  rows: AggregateResponse['rows'],
  meta: MetaResponse | undefined,
  lang: 'en' | 'fr',
): FeatureCollection<Point, CapitalProperties> {
  const names = countryNames(meta, lang);
  const at = capitalPositions(meta);
  return {
    type: 'FeatureCollection',
    features: rows.flatMap((r) => {
      const id = r['destination'];
      const p = typeof id === 'string' ? at.get(id) : undefined;
      if (typeof id !== 'string' || !p || r.count === 0) return [];
      return [
        {
          type: 'Feature' as const,
          id,
          properties: {
            id,
            label: `${names.get(id) ?? id}\n${displayCount(r, lang)}`,
            count: r.suppressed ? null : r.count,
            suppressed: r.count === null || r.suppressed === true,
          },
          geometry: { type: 'Point' as const, coordinates: [p[0], p[1]] },
        },
      ];
    }),
  };
}
