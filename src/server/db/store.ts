/**
 * The store: exactly the queries the routes need. Routes depend on this interface only, so a
 * PostgreSQL implementation can be added later (chosen by configuration) without touching them.
 */
import type { AggregateRow, AssistanceQuery, FlowsQuery, HotspotsQuery, PlacesResponse, RegionsResponse, ReturnsQuery, RoutesResponse } from '../../shared/api';
import type { CellRecord } from '../access/published-tables';
import type { CellMetric } from './cells-sql';

/** data/dataset.json as recorded in the database. */
export interface DatasetInfo {
  title: string;
  illustrative: boolean;
  notice: string;
  noticeFr?: string;
  seed?: unknown;
  generator?: string;
  dataAsOf: string;
  dateRange?: { min: string; max: string };
  events: Array<{ date: string; label: string; labelFr?: string; source: string }>;
}

export interface Country {
  iso3: string;
  name: string;
  nameFr: string;
  capital: string;
  lon: number;
  lat: number;
}

/** Valid values of each filter, used to reject unknown ids with a 400 naming the field. */
export interface Dictionaries {
  points: ReadonlySet<string>;
  centres: ReadonlySet<string>;
  routes: ReadonlySet<string>;
  regions: ReadonlySet<string>;
  nationalities: ReadonlySet<string>;
  destinations: ReadonlySet<string>;
}

export interface StoreInfo {
  dataset: DatasetInfo;
  /** SHA-256 (hex) of the data files the database was built from. */
  fingerprint: string;
  /** Short form of the fingerprint, sent to clients as `dataVersion` (with `-N` after N committed imports). */
  dataVersion: string;
  /** Imports committed to the database (0 when it holds data/ only). */
  generation: number;
  /** Extent of the data: the earliest and latest date of any metric row (widened by dataset.json's dateRange). */
  dateRange: { min: string; max: string };
  countries: Country[];
  dictionaries: Dictionaries;
  /** Whether opening the store (re)built the database file. */
  built: boolean;
}

/** One aggregated cell: dimension values (strings) keyed by groupBy name, plus `count`. */
export type AggregateCell = AggregateRow;

export interface AggregateResult {
  groupBy: string[];
  rows: AggregateCell[];
  total: number;
  /** The period actually queried (the request's, or the whole data range by default). */
  from: string;
  to: string;
}

/** Exact counts of one Niger region for the hotspots endpoint. */
export interface HotspotRegionData {
  pcode: string;
  name: string;
  flows: number;
  previousFlows: number;
  assisted: number;
  /** A flow monitoring point in the region reported in the period or the previous one (its flows, zeros included, are counts; otherwise there are none). */
  monitored: boolean;
  /** Weekly flows (ISO Monday → count) over the anomaly windows; weeks absent had no count. */
  weekly: Map<string, number>;
}

export interface HotspotsData {
  from: string;
  to: string;
  previousFrom: string;
  previousTo: string;
  /** Every region of the regions table, in its order. */
  regions: HotspotRegionData[];
}

export interface Store {
  info(): StoreInfo;
  places(): Promise<PlacesResponse>;
  routes(): Promise<RoutesResponse>;
  regions(): Promise<RegionsResponse>;
  aggregateFlows(query: FlowsQuery): Promise<AggregateResult>;
  aggregateAssistance(query: AssistanceQuery): Promise<AggregateResult>;
  aggregateReturns(query: ReturnsQuery): Promise<AggregateResult>;
  /**
   * The published cells' raw material (src/server/access/published-tables.ts): every month × base place × at most one
   * breakdown, exact count and the sum of its records' keys under `secret` (src/server/db/cells-sql.ts).
   */
  cellRecords(metric: CellMetric, secret: string): Promise<CellRecord[]>;
  /** Exact per-region counts for the hotspots endpoint (all regions, zeros included); disclosure control is applied by the route. */
  hotspots(query: HotspotsQuery): Promise<HotspotsData>;
  close(): Promise<void>;
}
