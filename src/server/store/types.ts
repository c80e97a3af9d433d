/**
 * The store: the engine-neutral seam between the API and a database. Routes, access control and analytics depend on
 * this interface only; an engine lives in its own folder (duckdb/, postgres/) and is chosen once, by openStore
 * (open-store.ts). A lint rule keeps routes from importing an engine (eslint.config.js).
 *
 * Queries are domain queries: a period, filters and a grouping, never an HTTP query object or an output format.
 * Capabilities an engine may lack are declared (`imports`, `imports.canUndo`), never discovered by duck typing.
 */
import type { AggregateRow, AssistanceQuery, FlowsQuery, PlacesResponse, RegionsResponse, ReturnsQuery, RoutesResponse } from '../../shared/api';
import type { CellRecord } from '../access/published-tables';
import type { UndoTarget } from '../import/types';
import type { SharedState } from '../access/shared-state';
import type { LimiterOptions } from '../access/rate-limit';
import type { SessionOptions } from '../access/sessions';
import type { UserStoreOptions } from '../access/users';
import type { CellMetric } from './cells-sql';

/** A query without its output format: what to count, over which period, grouped how. */
export type FlowsFilter = Omit<FlowsQuery, 'format'>;
export type AssistanceFilter = Omit<AssistanceQuery, 'format'>;
export type ReturnsFilter = Omit<ReturnsQuery, 'format'>;

/** The engines a store can run on. */
export type StoreEngine = 'duckdb' | 'postgres';

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

/** A period and its previous equal period (analytics/hotspot-data.ts hotspotPeriods). */
export interface HotspotPeriods {
  from: string;
  to: string;
  previousFrom: string;
  previousTo: string;
}

/** Exact per-region counts, as rows (regions without any row are absent). */
export interface HotspotCounts {
  /** Flows per region over the period and the previous period (regions where no monitoring point reported in either are absent). */
  flows: Array<{ region: string; flows: number; previous: number }>;
  /** Weekly flows per region (week = ISO Monday) from the weekly start to the period's end. */
  weekly: Array<{ region: string; week: string; count: number }>;
  /** People assisted (shelter and food) per region of the transit centre, over the period. */
  assisted: Array<{ region: string; count: number }>;
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

/** Imports, for an engine opened writable: apply (with dry runs), history, and undo where `canUndo`. */
export interface StoreImports extends UndoTarget {
  /** Whether undoImport works here; when false it throws ImportsUnavailableError saying why. */
  readonly canUndo: boolean;
}

export interface Store {
  readonly engine: StoreEngine;
  /** Imports, or null when this store cannot take them (e.g. opened read-only). */
  readonly imports: StoreImports | null;
  info(): StoreInfo;
  /** Resolves when the database answers a trivial query (GET /readyz). */
  ping(): Promise<void>;
  places(): Promise<PlacesResponse>;
  routes(): Promise<RoutesResponse>;
  regions(): Promise<RegionsResponse>;
  aggregateFlows(query: FlowsFilter): Promise<AggregateResult>;
  aggregateAssistance(query: AssistanceFilter): Promise<AggregateResult>;
  aggregateReturns(query: ReturnsFilter): Promise<AggregateResult>;
  /**
   * The published cells' raw material (src/server/access/published-tables.ts): every month × base place × at most one
   * breakdown, exact count and the sum of its records' keys under `secret` (src/server/db/cells-sql.ts).
   */
  cellRecords(metric: CellMetric, secret: string): Promise<CellRecord[]>;
  /** Exact per-region counts for the hotspots analysis (analytics/hotspot-data.ts); disclosure control is applied by the route. */
  hotspotCounts(periods: HotspotPeriods, weeklyFrom: string): Promise<HotspotCounts>;
  /**
   * Accounts, sessions, sign-in back-off and setup tokens kept in the database, shared by every API process (PostgreSQL);
   * absent: they live in the process (the embedded default).
   */
  sharedState?(opts: { sessions?: SessionOptions; signInLimit?: LimiterOptions; users?: UserStoreOptions }): SharedState;
  close(): Promise<void>;
}
