/**
 * Where to write country names: one point per country (the centroid of its largest polygon in
 * Natural Earth 50m, nudged off hub cities), so multi-part countries get one label, not one per island.
 */
import type { FeatureCollection, Point } from 'geojson';

/** [ISO numeric, name, lon, lat] */
export const COUNTRY_LABEL_POINTS: ReadonlyArray<readonly [string, string, number, number]> = [
  ['562', 'Niger', 11.3, 15.7],
  ['012', 'Algeria', 2.6, 28.2],
  ['434', 'Libya', 18.0, 27.0],
  ['466', 'Mali', -3.5, 17.3],
  ['148', 'Chad', 18.6, 15.3],
  ['566', 'Nigeria', 8.1, 9.6],
  ['854', 'Burkina Faso', -1.7, 13.5],
  ['204', 'Benin', 2.3, 9.6],
  ['768', 'Togo', 1.0, 8.5],
  ['288', 'Ghana', -1.2, 8.0],
  ['384', "Côte d'Ivoire", -5.6, 7.6],
  ['324', 'Guinea', -10.9, 10.4],
  ['686', 'Senegal', -14.5, 14.9],
  ['624', 'Guinea-Bissau', -14.9, 12.1],
  ['694', 'Sierra Leone', -11.8, 8.6],
  ['430', 'Liberia', -9.3, 6.5],
  ['478', 'Mauritania', -10.3, 20.3],
  ['732', 'W. Sahara', -12.2, 24.2],
  ['504', 'Morocco', -6.5, 31.5],
  ['788', 'Tunisia', 9.5, 34.1],
  ['818', 'Egypt', 29.9, 26.5],
  ['729', 'Sudan', 29.9, 16.0],
  ['140', 'Central African Rep.', 20.5, 6.6],
  ['120', 'Cameroon', 12.7, 5.7],
  ['728', 'S. Sudan', 30.2, 7.3],
  ['724', 'Spain', -3.6, 40.4],
  ['380', 'Italy', 12.1, 43.5],
  ['300', 'Greece', 22.6, 39.5],
  ['620', 'Portugal', -8.0, 39.7],
  ['682', 'Saudi Arabia', 44.5, 24.1],
];

export function countryLabelsData(): FeatureCollection<Point, { isoN3: string; name: string }> {
  return {
    type: 'FeatureCollection',
    features: COUNTRY_LABEL_POINTS.map(([isoN3, name, lon, lat]) => ({
      type: 'Feature',
      properties: { isoN3, name },
      geometry: { type: 'Point', coordinates: [lon, lat] },
    })),
  };
}
