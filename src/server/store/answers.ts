/**
 * What every engine answers the same way from the rows of the portable builders (sql.ts, hotspots-sql.ts,
 * cells-sql.ts): aggregates, hotspot counts, published-cell records, and the import side's lookups and outcome. An
 * engine runs the builder's query its own way (`RunQuery`: prepared statements on its pool) and hands the rows here.
 */
import type { PlacesResponse } from '../../shared/api';
import type { CellRecord } from '../access/published-tables';
import { extentWarnings } from '../import/limits';
import type { DataState, ImportLookups, ImportOutcome, StagedImport } from '../import/types';
import { buildHotspotAssistedSql, buildHotspotFlowsSql, buildHotspotWeeklySql } from './hotspots-sql';
import type { MergeCounts } from './merge';
import { buildFlowsSql, buildFlowsSqlWithTotal, groupingDuplicatesRows, type PeriodDefaults, type SqlQuery, type SqlQueryWithTotal } from './sql';
import type { AggregateCell, AggregateResult, HotspotCounts, HotspotPeriods, StoreInfo } from './types';
import { num, str, strOrNull, type Row } from './values';

/** Runs one builder's query (SQL with parameters) and returns its rows as objects. */
export type RunQuery = (query: SqlQuery) => Promise<Row[]>;

/**
 * An aggregate's answer: one cell per row, keyed by the grouping; the total from the statement's total row when it
 * has one (grouping by route counts a point once per route it observes: buildFlowsSqlWithTotal), else the sum.
 */
export async function aggregate(
  run: RunQuery,
  query: SqlQuery | SqlQueryWithTotal,
  q: { from?: string | undefined; to?: string | undefined; groupBy?: readonly string[] | undefined },
  defaults: PeriodDefaults,
): Promise<AggregateResult> {
  const groupBy = [...(q.groupBy ?? [])];
  let rows = await run(query);
  let total: number | null = null;
  if ('totalRow' in query) {
    total = num(rows.find((r) => num(r.__total) === 1)?.count ?? 0);
    rows = rows.filter((r) => num(r.__total) !== 1);
  }
  const cells: AggregateCell[] = rows.map((r) => {
    const cell: Record<string, string | number> = {};
    for (const g of groupBy) cell[g] = str(r[g]);
    cell.count = num(r.count);
    return cell as AggregateCell;
  });
  total ??= cells.reduce((s, c) => s + (c.count ?? 0), 0);
  return { groupBy, rows: cells, total, from: q.from ?? defaults.from, to: q.to ?? defaults.to };
}

/** The hotspot analytics' three counts (analytics/ ranks them), their queries run side by side. */
export async function hotspotCounts(run: RunQuery, periods: HotspotPeriods, weeklyFrom: string): Promise<HotspotCounts> {
  const [flowRows, weeklyRows, assistedRows] = await Promise.all([
    run(buildHotspotFlowsSql(periods)),
    run(buildHotspotWeeklySql(weeklyFrom, periods.to)),
    run(buildHotspotAssistedSql(periods)),
  ]);
  return {
    flows: flowRows.map((r) => ({ region: str(r.region), flows: num(r.flows), previous: num(r.previous) })),
    weekly: weeklyRows.map((r) => ({ region: str(r.region), week: str(r.week), count: num(r.count) })),
    assisted: assistedRows.map((r) => ({ region: str(r.region), count: num(r.count) })),
  };
}

/** The rows of buildCellsSql as published-cell records. */
export const cellRecordsOf = (rows: readonly Row[]): CellRecord[] =>
  rows.map((r) => ({
    grain: str(r.grain) === 'year' ? ('year' as const) : ('month' as const),
    start: str(r.start),
    place: str(r.place),
    region: strOrNull(r.region),
    attr: str(r.attr),
    value: str(r.value),
    count: num(r.count),
    keySum: num(r.key_sum),
  }));

/** What an import's validation needs to know of the stored data. */
export const importLookupsOf = (info: StoreInfo, places: PlacesResponse): ImportLookups => ({
  places: new Map(places.features.map((f) => [f.properties.id, { kind: f.properties.kind, region: f.properties.admin1Pcode, name: f.properties.name }])),
  countries: new Set(info.countries.map((c) => c.iso3)),
  routes: new Set(info.dictionaries.routes),
  regions: new Set(info.dictionaries.regions),
  dataExtent: info.dateRange,
});

/** The import's answer: its counts, the data before and after it (as it would be, for a dry run), and what to look at twice. */
export function importOutcomeOf(
  staged: StagedImport,
  counts: MergeCounts,
  info: StoreInfo,
  dryRun: boolean,
  before: DataState,
  after: DataState,
): ImportOutcome {
  return {
    dataset: staged.dataset,
    dryRun,
    rows: staged.rows,
    replaced: counts.replaced,
    inserted: counts.inserted,
    dataVersion: info.dataVersion,
    dataAsOf: info.dataset.dataAsOf,
    dateRange: info.dateRange,
    generation: info.generation,
    added: counts.added,
    fileDateRange: staged.maxDate ? { min: staged.minDate ?? staged.maxDate, max: staged.maxDate } : null,
    before,
    after,
    dataAsOfMoves: after.dataAsOf !== before.dataAsOf,
    warnings: extentWarnings(before, after),
  };
}

/**
 * The flows statement for a query: grouping by route counts a point once per route it observes, so the total then comes
 * from the same statement (its first row: buildFlowsSqlWithTotal) over the observations the rows cover.
 */
export function flowsQueryOf(q: Parameters<typeof buildFlowsSql>[0], defaults: PeriodDefaults): SqlQuery | SqlQueryWithTotal {
  return groupingDuplicatesRows(q.groupBy) ? buildFlowsSqlWithTotal(q, defaults) : buildFlowsSql(q, defaults);
}
