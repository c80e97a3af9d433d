/**
 * What every engine reads the same way: the dataset's description, extent, data version and dictionaries (StoreInfo)
 * and the geography (places, routes, regions), through portable SQL on a `Query` function the engine provides.
 */
import { createHash } from 'node:crypto';
import type { PlacesResponse, RegionsResponse, RoutesResponse } from '../../shared/api';
import type { PlaceKind } from '../../shared/enums';
import type { DataState } from '../import/types';
import { datasetFile } from './dataset-file';
import { FLOW_ROLLUPS } from './sql';
import type { Country, DatasetInfo, StoreInfo } from './types';
import { num, str, strOrNull } from './values';

/** Runs one SQL statement (no parameters) and returns its rows as objects. */
export type Query = (sql: string) => Promise<Record<string, unknown>[]>;

/** The data's extent and "data as of" (with dataset.json and the imports applied), and the imports applied. */
async function loadDataState(c: Query, hasImportLog: boolean): Promise<{ dataset: DatasetInfo; dateRange: { min: string; max: string }; seqs: number[] }> {
  const meta = new Map((await c(`SELECT key, value FROM dataset_meta`)).map((r) => [str(r.key), str(r.value)]));
  const dataset = datasetFile.parse(JSON.parse(meta.get('dataset_json') ?? '{}'));
  // Imports (duckdb-import.ts): each committed one changes the data version; data-as-of moves to the latest imported date.
  const hasLog = hasImportLog;
  const seqs = hasLog ? (await c(`SELECT seq FROM import_log ORDER BY seq`)).map((r) => num(r.seq)) : [];
  const imports = hasLog ? (await c(`SELECT CAST(MAX(max_date) AS VARCHAR) AS latest FROM import_log`))[0] : undefined;
  const latestImported = strOrNull(imports?.latest ?? null);
  if (latestImported && latestImported > dataset.dataAsOf) dataset.dataAsOf = latestImported;
  const extent = (
    await c(
      `SELECT CAST(MIN(d) AS VARCHAR) AS lo, CAST(MAX(d) AS VARCHAR) AS hi FROM (
         SELECT MIN(date) AS d FROM flow_observations UNION ALL SELECT MAX(date) FROM flow_observations
         UNION ALL SELECT MIN(date) FROM assistance UNION ALL SELECT MAX(date) FROM assistance
         UNION ALL SELECT MIN(date) FROM returns UNION ALL SELECT MAX(date) FROM returns) t`,
    )
  )[0];
  const candidatesMin = [strOrNull(extent?.lo ?? null), dataset.dateRange?.min].filter((x): x is string => !!x);
  const candidatesMax = [strOrNull(extent?.hi ?? null), dataset.dateRange?.max].filter((x): x is string => !!x);
  const fallback = dataset.dataAsOf;
  const dateRange = {
    min: candidatesMin.length ? candidatesMin.reduce((a, b) => (a < b ? a : b)) : fallback,
    max: candidatesMax.length ? candidatesMax.reduce((a, b) => (a > b ? a : b)) : fallback,
  };
  return { dataset, dateRange, seqs };
}

/** Dates and data-as-of only (a dry run's look at the data as the import would leave it). */
export async function loadState(c: Query, hasImportLog: boolean): Promise<DataState> {
  const s = await loadDataState(c, hasImportLog);
  return { dateRange: s.dateRange, dataAsOf: s.dataset.dataAsOf };
}

/**
 * The data version: the data files' fingerprint and the imports applied. `<fingerprint>-<n>` after imports 1…n (as
 * before undo existed); once one is undone, `<fingerprint>-<n>-<hash of the numbers applied>`. One set of imports,
 * one version: undoing the latest import gives back the version before it, and no two different sets share one.
 */
/** The data version alone (the imports applied), without the dictionaries' scans: what an import NOTIFYs. */
export async function loadDataVersion(c: Query, fingerprint: string): Promise<string> {
  return dataVersionOf(
    fingerprint,
    (await c(`SELECT seq FROM import_log ORDER BY seq`)).map((r) => num(r.seq)),
  );
}

export function dataVersionOf(fingerprint: string, seqs: readonly number[]): string {
  const fp = fingerprint.slice(0, 12);
  if (seqs.length === 0) return fp;
  if (seqs.every((s, i) => s === i + 1)) return `${fp}-${seqs.length}`;
  return `${fp}-${seqs.length}-${createHash('sha256').update(seqs.join(',')).digest('hex').slice(0, 8)}`;
}

/** The smallest flow rollup (sql.ts FLOW_ROLLUPS, smallest first) that has a column. */
function rollupWith(column: string): string {
  const r = FLOW_ROLLUPS.find((x) => (x.columns as readonly string[]).includes(column));
  if (!r) throw new Error(`no flow rollup has ${column}`);
  return r.table;
}

export async function loadInfo(c: Query, fingerprint: string, hasImportLog: boolean): Promise<StoreInfo> {
  const { dataset, dateRange, seqs } = await loadDataState(c, hasImportLog);
  const generation = seqs.length;
  const countries: Country[] = (await c(`SELECT iso3, name, name_fr, capital, lon, lat FROM countries ORDER BY name`)).map((r) => ({
    iso3: str(r.iso3),
    name: str(r.name),
    nameFr: str(r.name_fr),
    capital: str(r.capital),
    lon: num(r.lon),
    lat: num(r.lat),
  }));
  const ids = async (sql: string) => new Set((await c(sql)).map((r) => str(r.v)));
  const countryCodes = countries.map((x) => x.iso3);
  return {
    dataset,
    fingerprint,
    dataVersion: dataVersionOf(fingerprint, seqs),
    generation,
    dateRange,
    countries,
    dictionaries: {
      // The codes in the flows are read from the smallest rollups holding them (kept in step with flow_observations
      // in every load, import and undo), not from the observations: at 100 M rows those scans took a minute a start.
      points: await ids(`SELECT id AS v FROM places WHERE kind = 'monitoring_point' UNION SELECT DISTINCT point_id AS v FROM ${rollupWith('point_id')}`),
      centres: await ids(
        `SELECT id AS v FROM places WHERE kind = 'transit_centre' UNION SELECT DISTINCT centre_id AS v FROM assistance UNION SELECT DISTINCT centre_id AS v FROM returns`,
      ),
      routes: await ids(`SELECT id AS v FROM routes`),
      regions: await ids(`SELECT pcode AS v FROM regions`),
      nationalities: new Set([
        ...countryCodes,
        ...(await ids(
          `SELECT DISTINCT nationality_iso3 AS v FROM ${rollupWith('nationality_iso3')} UNION SELECT DISTINCT nationality_iso3 AS v FROM assistance`,
        )),
      ]),
      destinations: new Set([...countryCodes, ...(await ids(`SELECT DISTINCT destination_iso3 AS v FROM returns`))]),
    },
  };
}

export async function loadPlaces(c: Query): Promise<PlacesResponse> {
  const routesByPoint = new Map<string, string[]>();
  for (const r of await c(`SELECT point_id, route_id FROM point_routes ORDER BY point_id, route_id`)) {
    const list = routesByPoint.get(str(r.point_id)) ?? [];
    list.push(str(r.route_id));
    routesByPoint.set(str(r.point_id), list);
  }
  const rows = await c(
    `SELECT id, name, kind, country_iso3, admin1_pcode, lon, lat, capacity,
            CAST(active_from AS VARCHAR) AS active_from, CAST(active_to AS VARCHAR) AS active_to, source
     FROM places ORDER BY ord`,
  );
  return {
    type: 'FeatureCollection',
    features: rows.map((r) => ({
      type: 'Feature' as const,
      id: str(r.id),
      properties: {
        id: str(r.id),
        name: str(r.name),
        kind: str(r.kind) as PlaceKind,
        countryIso3: str(r.country_iso3),
        admin1Pcode: strOrNull(r.admin1_pcode),
        capacity: r.capacity === null ? null : num(r.capacity),
        activeFrom: strOrNull(r.active_from),
        activeTo: strOrNull(r.active_to),
        routes: routesByPoint.get(str(r.id)) ?? [],
        source: str(r.source),
      },
      geometry: { type: 'Point' as const, coordinates: [num(r.lon), num(r.lat)] as [number, number] },
    })),
  };
}

export async function loadRoutes(c: Query): Promise<RoutesResponse> {
  const rows = await c(`SELECT id, name, corridor, waypoints_json, length_km, monitored_by_json, geometry_json FROM routes ORDER BY ord`);
  return {
    type: 'FeatureCollection',
    features: rows.map((r) => ({
      type: 'Feature' as const,
      id: str(r.id),
      properties: {
        id: str(r.id),
        name: str(r.name),
        corridor: str(r.corridor),
        waypoints: JSON.parse(str(r.waypoints_json)) as string[],
        lengthKm: num(r.length_km),
        monitoredBy: JSON.parse(str(r.monitored_by_json)) as string[],
      },
      geometry: JSON.parse(str(r.geometry_json)) as RoutesResponse['features'][number]['geometry'],
    })),
  };
}

export async function loadRegions(c: Query): Promise<RegionsResponse> {
  const rows = await c(`SELECT pcode, iso3166_2, name, geometry_json FROM regions ORDER BY ord`);
  return {
    type: 'FeatureCollection',
    features: rows.map((r) => ({
      type: 'Feature' as const,
      id: str(r.pcode),
      properties: { pcode: str(r.pcode), iso3166_2: str(r.iso3166_2), name: str(r.name) },
      geometry: JSON.parse(str(r.geometry_json)) as RegionsResponse['features'][number]['geometry'],
    })),
  };
}
