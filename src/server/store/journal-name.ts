import type { ImportDataset } from '../import/types';

/** An import's name in the history (and, on DuckDB, its journal file): `NNNNNN-dataset.csv` (`.geojson` for places). */
export const journalName = (seq: number, dataset: ImportDataset) => `${String(seq).padStart(6, '0')}-${dataset}.${dataset === 'places' ? 'geojson' : 'csv'}`;
