/**
 * THE dataset schema: the columns of each metric dataset (flows, assistance, returns), in order — the CSV header of
 * data/*.csv and of an import file, the stored table's columns, the record's key (what an import replaces), and
 * what each column may hold. The database build (server/db/seed.ts), the import validation
 * (server/import/validate-csv.ts), the import merge (server/db/duckdb-import.ts) and the data generator
 * (scripts/generate-data.ts) all read it here.
 *
 * Places, routes, regions and countries are reference data with their own shapes (GeoJSON checked by the API's zod
 * schemas; countries.csv by the database build).
 */
import { AGE_GROUPS, DIRECTIONS, SERVICES, SEXES, TRANSPORTS, type PlaceKind } from './enums';

export const METRIC_DATASETS = ['flows', 'assistance', 'returns'] as const;
export type MetricDatasetName = (typeof METRIC_DATASETS)[number];

/** date: a real date YYYY-MM-DD; integer: a whole number 0 … 2³¹−1; enum: one of `values`; text: anything else. */
export type ColumnType = 'date' | 'text' | 'integer' | 'enum';

export interface Column {
  /** Name in the CSV header. */
  readonly name: string;
  readonly type: ColumnType;
  /** Part of the record's key: a row with the same key replaces the stored one (every column but the count). */
  readonly key: boolean;
  /** Name of the stored column (default: `name`). */
  readonly stored?: string;
  /** enum: the allowed values (src/shared/enums.ts). */
  readonly values?: readonly string[];
  /** text: the id of a place of one of these kinds (the stored row also takes the place's region when the dataset has one). */
  readonly placeKinds?: readonly PlaceKind[];
  /** text: an ISO 3166-1 alpha-3 code of the countries table. */
  readonly country?: true;
  /** An import file may leave the column out; its rows then hold this value and stand for every value of it. */
  readonly absentValue?: string;
  readonly description: string;
}

export interface DatasetSchema {
  readonly file: string;
  /** The stored table. */
  readonly table: string;
  /** The stored table has a `region` column (the admin-1 pcode of the row's place), right after the place's column. */
  readonly region: boolean;
  readonly columns: readonly Column[];
}

// Literal types (as const): the generator's row types are checked against the column names.
const date = { name: 'date', type: 'date', key: true, description: 'Day of the count (weekly figures: the Monday of the week)' } as const;
const count = { name: 'count', type: 'integer', key: false, description: 'People counted' } as const;
const nationality = {
  name: 'nationality',
  type: 'text',
  key: true,
  stored: 'nationality_iso3',
  country: true,
  description: 'Nationality (ISO 3166-1 alpha-3)',
} as const;
const sex = { name: 'sex', type: 'enum', key: true, values: SEXES, description: 'Sex' } as const;
const ageGroup = { name: 'age_group', type: 'enum', key: true, values: AGE_GROUPS, description: 'Age group' } as const;
const centre = {
  name: 'centre',
  type: 'text',
  key: true,
  stored: 'centre_id',
  placeKinds: ['transit_centre', 'office'],
  description: 'Transit centre or office (place id)',
} as const;

export const DATASET_SCHEMA = {
  flows: {
    file: 'flows.csv',
    table: 'flow_observations',
    region: true,
    columns: [
      date,
      { name: 'point', type: 'text', key: true, stored: 'point_id', placeKinds: ['monitoring_point'], description: 'Flow monitoring point (place id)' },
      { name: 'direction', type: 'enum', key: true, values: DIRECTIONS, description: 'Direction of travel' },
      nationality,
      sex,
      ageGroup,
      { name: 'transport', type: 'enum', key: true, values: TRANSPORTS, absentValue: 'other', description: 'Means of transport' },
      count,
    ],
  },
  assistance: {
    file: 'assistance.csv',
    table: 'assistance',
    region: true,
    columns: [date, centre, { name: 'service', type: 'enum', key: true, values: SERVICES, description: 'Service given' }, nationality, sex, ageGroup, count],
  },
  returns: {
    file: 'returns.csv',
    table: 'returns',
    region: false,
    columns: [
      { ...date, description: 'First day of the month of departure' },
      centre,
      { name: 'destination', type: 'text', key: true, stored: 'destination_iso3', country: true, description: 'Country of return (ISO 3166-1 alpha-3)' },
      count,
    ],
  },
} as const satisfies Record<MetricDatasetName, DatasetSchema>;

export type ColumnName<D extends MetricDatasetName> = (typeof DATASET_SCHEMA)[D]['columns'][number]['name'];

/** A dataset's columns, in order. */
export const columnsOf = (d: MetricDatasetName): readonly Column[] => DATASET_SCHEMA[d].columns;
/** The column names, in order. */
export const columnNames = <D extends MetricDatasetName>(d: D): ColumnName<D>[] => columnsOf(d).map((c) => c.name as ColumnName<D>);
/** The CSV header line of data/*.csv (and the canonical header of an import file). */
export const csvHeader = (d: MetricDatasetName): string => columnNames(d).join(',');
export const storedName = (c: Column): string => c.stored ?? c.name;
export const keyColumns = (d: MetricDatasetName): Column[] => columnsOf(d).filter((c) => c.key);
/** The column naming the row's place (flows: point; assistance and returns: centre). */
export const placeColumn = (d: MetricDatasetName): Column => columnsOf(d).find((c) => c.placeKinds)!;

/**
 * A column type's SQL type on each engine: DuckDB's (the build, read_csv) and PostgreSQL's (an import's COPY stage:
 * integers as BIGINT, so that no value read is cut at 2³¹).
 */
const SQL_TYPES = {
  date: { duckdb: 'DATE', postgres: 'DATE' },
  integer: { duckdb: 'INTEGER', postgres: 'BIGINT' },
  text: { duckdb: 'VARCHAR', postgres: 'TEXT' },
  enum: { duckdb: 'VARCHAR', postgres: 'TEXT' },
} as const satisfies Record<ColumnType, { duckdb: string; postgres: string }>;

/** DuckDB type of a column. */
export const sqlType = (c: Column): 'DATE' | 'INTEGER' | 'VARCHAR' => SQL_TYPES[c.type].duckdb;
/** PostgreSQL type of a column. */
export const pgType = (c: Column): 'DATE' | 'BIGINT' | 'TEXT' => SQL_TYPES[c.type].postgres;
/** Column name → DuckDB type, in order: read_csv's `columns` of a dataset's CSV. */
export const csvColumnTypes = (d: MetricDatasetName): Record<string, string> => Object.fromEntries(columnsOf(d).map((c) => [c.name, sqlType(c)]));

/**
 * The stored table's columns, in order, each with the expression that fills it from a row `s` of the CSV (and `p`,
 * its place, for the region).
 */
export function storedColumns(d: MetricDatasetName): { name: string; from: string }[] {
  const schema: DatasetSchema = DATASET_SCHEMA[d];
  return schema.columns.flatMap((c) => [
    { name: storedName(c), from: `s.${c.name}` },
    ...(schema.region && c.placeKinds ? [{ name: 'region', from: 'p.admin1_pcode' }] : []),
  ]);
}

/** The headers an import file may have: the full one first, then without each optional column, then with it last. */
export function importHeaders(d: MetricDatasetName): string[][] {
  const full: string[] = columnNames(d);
  const optional = columnsOf(d)
    .filter((c) => c.absentValue !== undefined)
    .map((c) => c.name);
  return [
    full,
    ...optional.flatMap((name) => {
      const without = full.filter((n) => n !== name);
      return [without, [...without, name]];
    }),
  ];
}
