/**
 * Where to write country names: one point per country (the centroid of its largest polygon in
 * Natural Earth 50m, nudged off hub cities), so multi-part countries get one label, not one per island.
 */
import type { FeatureCollection, Point } from 'geojson';

/** [ISO numeric, English name, French name, lon, lat] (the English ones abbreviated where the label would be long). */
export const COUNTRY_LABEL_POINTS: ReadonlyArray<readonly [string, string, string, number, number]> = [
  ['562', 'Niger', 'Niger', 11.3, 15.7],
  ['012', 'Algeria', 'Algérie', 2.6, 28.2],
  ['434', 'Libya', 'Libye', 18.0, 27.0],
  ['466', 'Mali', 'Mali', -3.5, 17.3],
  ['148', 'Chad', 'Tchad', 18.6, 15.3],
  ['566', 'Nigeria', 'Nigeria', 8.1, 9.6],
  ['854', 'Burkina Faso', 'Burkina Faso', -1.7, 13.5],
  ['204', 'Benin', 'Bénin', 2.3, 9.6],
  ['768', 'Togo', 'Togo', 1.0, 8.5],
  ['288', 'Ghana', 'Ghana', -1.2, 8.0],
  ['384', "Côte d'Ivoire", "Côte d'Ivoire", -5.6, 7.6],
  ['324', 'Guinea', 'Guinée', -10.9, 10.4],
  ['686', 'Senegal', 'Sénégal', -14.5, 14.9],
  ['624', 'Guinea-Bissau', 'Guinée-Bissau', -14.9, 12.1],
  ['694', 'Sierra Leone', 'Sierra Leone', -11.8, 8.6],
  ['430', 'Liberia', 'Libéria', -9.3, 6.5],
  ['478', 'Mauritania', 'Mauritanie', -10.3, 20.3],
  ['732', 'W. Sahara', 'Sahara occidental', -12.2, 24.2],
  ['504', 'Morocco', 'Maroc', -6.5, 31.5],
  ['788', 'Tunisia', 'Tunisie', 9.5, 34.1],
  ['818', 'Egypt', 'Égypte', 29.9, 26.5],
  ['729', 'Sudan', 'Soudan', 29.9, 16.0],
  ['140', 'Central African Rep.', 'Rép. centrafricaine', 20.5, 6.6],
  ['120', 'Cameroon', 'Cameroun', 12.7, 5.7],
  ['728', 'S. Sudan', 'Soudan du Sud', 30.2, 7.3],
  ['724', 'Spain', 'Espagne', -3.6, 40.4],
  ['380', 'Italy', 'Italie', 12.1, 43.5],
  ['300', 'Greece', 'Grèce', 22.6, 39.5],
  ['620', 'Portugal', 'Portugal', -8.0, 39.7],
  ['682', 'Saudi Arabia', 'Arabie saoudite', 44.5, 24.1],
];

/**
 * The label points; `name` is English, `name_fr` French: the basemap's label layer picks `name_<lang>` by the style's
 * `lang` global state (basemap-style.ts), falling back to `name`.
 */
export function countryLabelsData(): FeatureCollection<Point, { isoN3: string; name: string; name_fr: string }> {
  return {
    type: 'FeatureCollection',
    features: COUNTRY_LABEL_POINTS.map(([isoN3, name, nameFr, lon, lat]) => ({
      type: 'Feature',
      properties: { isoN3, name, name_fr: nameFr },
      geometry: { type: 'Point', coordinates: [lon, lat] },
    })),
  };
}
