/** One way to write a place row, for every engine: the database build, the places import and the PostgreSQL load. */
import type { PlacesResponse } from '../../shared/api';

/** One place as a row of the places table (the build and an import of places insert it alike). */
export const INSERT_PLACE = `INSERT INTO places (id, name, kind, country_iso3, admin1_pcode, lon, lat, capacity, active_from, active_to, source, ord)
  VALUES ($1, $2, $3, $4, $5, $6, $7, $8, CAST($9 AS DATE), CAST($10 AS DATE), $11, $12)`;

export function placeValues(f: PlacesResponse['features'][number], ord: number): Array<string | number | null> {
  const p = f.properties;
  const [lon, lat] = f.geometry.coordinates;
  return [p.id, p.name, p.kind, p.countryIso3, p.admin1Pcode ?? null, lon!, lat!, p.capacity ?? null, p.activeFrom ?? null, p.activeTo ?? null, p.source, ord];
}
