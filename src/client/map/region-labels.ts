/**
 * Where to write Niger's eight admin-1 region names: one point per region, chosen inside it and off the towns,
 * routes and the country's own label. The regions layer used to label its polygons directly, and MapLibre placed
 * such a label per tile piece of the polygon: at the first view two were cut at a tile edge ("AHOUA", "ARADI") and
 * four (Zinder, the busiest region in 2019, among them) had no room. One point each gives one whole label each.
 */
import type { FeatureCollection, Point } from 'geojson';

/** [pcode, name, lon, lat]: the names are the regions' own (the same in English and French). */
export const REGION_LABEL_POINTS: ReadonlyArray<readonly [string, string, number, number]> = [
  ['NE001', 'Agadez', 10.3, 20.4],
  ['NE002', 'Diffa', 13.5, 16.7],
  ['NE003', 'Dosso', 3.6, 12.45],
  ['NE004', 'Maradi', 7.2, 14.45],
  ['NE005', 'Tahoua', 4.9, 17.0],
  ['NE006', 'Tillabéri', 1.25, 14.95],
  ['NE007', 'Zinder', 10.25, 14.45],
  ['NE008', 'Niamey', 1.5, 13.98],
];

export function regionLabelsData(): FeatureCollection<Point, { pcode: string; name: string }> {
  return {
    type: 'FeatureCollection',
    features: REGION_LABEL_POINTS.map(([pcode, name, lon, lat]) => ({
      type: 'Feature',
      properties: { pcode, name },
      geometry: { type: 'Point', coordinates: [lon, lat] },
    })),
  };
}
