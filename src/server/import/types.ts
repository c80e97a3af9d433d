/** Shared types of the import pipeline: validation (this folder) → the store's atomic merge (db/duckdb-import.ts). */
import type { PlaceKind } from '../../shared/enums';
import type { PlaceProperties } from '../../shared/api';

import { IMPORT_DATASETS, type ImportDatasetName } from '../../shared/api';

export { IMPORT_DATASETS };
export type ImportDataset = ImportDatasetName;
export type MetricDataset = Exclude<ImportDataset, 'places'>;

/** One problem found in an import file. `line` is the 1-based line of a CSV file (absent for GeoJSON, whose `field` is a path). */
export interface ImportError {
  line?: number;
  field: string;
  message: string;
}

/** What validation needs to know about the data already stored. */
export interface ImportLookups {
  /** By id; `name` lets an HXL `#loc+name` column name places by name (validate-csv.ts). */
  places: ReadonlyMap<string, { kind: PlaceKind; region: string | null; name?: string }>;
  /** ISO 3166-1 alpha-3 codes of the countries table (data/countries.csv): the nationalities and destinations known to the map. */
  countries: ReadonlySet<string>;
  routes: ReadonlySet<string>;
  /** Niger admin-1 pcodes. */
  regions: ReadonlySet<string>;
  /** The stored data's date extent (earliest and latest date of any metric row), for the plausible-date window. */
  dataExtent?: { min: string; max: string };
  /**
   * Dates a metric row may carry (import/limits.ts importDateWindow); absent: any real date (a journal replay: its
   * dates were checked when it was imported).
   */
  dateWindow?: DateWindow;
}

/** The plausible dates of an import, both ends included, with why each end is where it is (for the messages). */
export interface DateWindow {
  min: string;
  max: string;
  /** e.g. "a year before the data's first date, 2015-01-01" or "IMPORT_DATE_MIN". */
  minReason: string;
  /** e.g. "today + 31 days". */
  maxReason: string;
}

/** A validated file, normalised and written to `path` (CSV with the canonical header, or a GeoJSON FeatureCollection). */
export interface StagedImport {
  dataset: ImportDataset;
  path: string;
  rows: number;
  /** Flows: whether the file had a transport column (without one, a row replaces every transport of its key). */
  hasTransport: boolean;
  /** Latest date of the file's rows (metric datasets). */
  maxDate: string | null;
  /** Earliest date of the file's rows (metric datasets). */
  minDate?: string | null;
}

/** Dates and "data as of" of the stored data. */
export interface DataState {
  dateRange: { min: string; max: string };
  dataAsOf: string;
}

/** Something the import would change that deserves a second look (the dry run reports it; the import goes ahead). */
export interface ImportWarning {
  code: 'extent-end-jump' | 'extent-start-earlier';
  message: string;
}

export interface ImportOutcome {
  dataset: ImportDataset;
  dryRun: boolean;
  /** Rows in the file (HXL row and header excluded). */
  rows: number;
  /** Stored rows removed because a row of the file has the same natural key (places: places with the same id). */
  replaced: number;
  /** Rows written. */
  inserted: number;
  /** After the import (unchanged for a dry run). */
  dataVersion: string;
  dataAsOf: string;
  dateRange: { min: string; max: string };
  /** Imports committed to this database so far (0 before any). */
  generation: number;
  /** Rows of the file whose natural key was not stored (places: new ids). */
  added?: number;
  /** The dates of the file's rows (null for places). */
  fileDateRange?: { min: string; max: string } | null;
  /** The data before the import, and after it (for a dry run: as it would be). */
  before?: DataState;
  after?: DataState;
  /** Whether "data as of" moves (would move). */
  dataAsOfMoves?: boolean;
  warnings?: ImportWarning[];
}

/** One committed import, as the history lists it. */
export interface ImportHistoryEntry {
  /** The journal sequence number. */
  id: number;
  dataset: ImportDataset;
  /** The journal file (var/imports/NNNNNN-dataset.csv, or undone/ once undone). */
  journal: string;
  importedAt: string;
  rows: number;
  replaced: number;
  inserted: number | null;
  /** Dates of its rows (null for places, or when not recorded). */
  dateRange: { min: string; max: string } | null;
  undone: boolean;
  undoneAt: string | null;
}

/** What an undo did. */
export interface UndoOutcome {
  id: number;
  dataset: ImportDataset;
  journal: string;
  dataVersion: string;
  dataAsOf: string;
  dateRange: { min: string; max: string };
  generation: number;
}

/** Why an import cannot be undone: 404 (no such import), 409 (already undone, or the rest of the journal would not stand). */
export class UndoRefusedError extends Error {
  override name = 'UndoRefusedError';
  constructor(
    readonly status: 404 | 409,
    message: string,
  ) {
    super(message);
  }
}

/** A journal entry's file name: `NNNNNN-dataset.csv` (or `.geojson` for places). */
export const JOURNAL_NAME = /^(\d{6})-(flows|assistance|returns|places)\.(csv|geojson)$/;

/** The store cannot do this (opened read-only, or an engine without undo): 503 naming why. */
export class ImportsUnavailableError extends Error {
  override name = 'ImportsUnavailableError';
}

/** A store that can take imports (DuckDbStore opened read-write). */
export interface ImportTarget {
  importLookups(): Promise<ImportLookups>;
  /** A fresh path for a staged file, on the same file system as the import journal. */
  stagingPath(dataset: ImportDataset): string;
  /**
   * Merges a staged file in one transaction (rolled back for a dry run). On commit the staged file becomes the
   * journal entry; otherwise it is removed.
   */
  applyImport(staged: StagedImport, opts: { dryRun: boolean }): Promise<ImportOutcome>;
}

/** A store that keeps a history of its imports and can undo any of them (DuckDbStore opened read-write). */
export interface UndoTarget extends ImportTarget {
  /** Committed imports, newest first, undone ones included. */
  importHistory(): Promise<ImportHistoryEntry[]>;
  /** Reverts import `id` atomically: the data is then as if it had never been made. Throws UndoRefusedError. */
  undoImport(id: number): Promise<UndoOutcome>;
}

export type { PlaceProperties };
