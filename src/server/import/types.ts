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
  places: ReadonlyMap<string, { kind: PlaceKind; region: string | null }>;
  /** ISO 3166-1 alpha-3 codes of the countries table (data/countries.csv): the nationalities and destinations known to the map. */
  countries: ReadonlySet<string>;
  routes: ReadonlySet<string>;
  /** Niger admin-1 pcodes. */
  regions: ReadonlySet<string>;
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

export function isImportTarget(x: unknown): x is ImportTarget {
  const t = x as Partial<ImportTarget> | null;
  return !!t && typeof t.applyImport === 'function' && typeof t.importLookups === 'function' && typeof t.stagingPath === 'function';
}

export type { PlaceProperties };
