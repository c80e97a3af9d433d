/**
 * The protected answers of month-resolution audiences (signed out, donor, government), in the manner of the flexible
 * table builders of statistical agencies: a FIXED set of published cells — a month × a base place (monitoring point or
 * transit centre) × at most one breakdown value, and each month × place margin — each perturbed ONCE by the cell-key
 * method (cell-key.ts). Every answer is a sum of published cells: a longer period is a sum of months, a route or region
 * a sum of its points or centres, a total a sum over the places asked. So no phrasing of a question — a list, a
 * difference of periods, a region holding one point — reaches anything but published cells, and averaging many
 * phrasings only averages the same fixed noise.
 *
 * Pure: the cells come from the store (exact counts and record-key sums), the place geography from the reference data.
 */
import type { AggregateRow } from '../../shared/api';
import { monthStart, monthStarts, yearEnd, yearStart, type Period } from '../../shared/calendar';
import { AGGREGATE_SHAPES, kindOf, type AggregateEndpoint, type AggregateShape } from '../../shared/query-shape';
import { cellKeyFraction, Perturbation } from './cell-key';

export type Metric = 'flows' | 'assistance' | 'returns';

/** A published cell's time: a calendar month or a calendar year. */
export type Grain = 'month' | 'year';

/** One cell as the store reads it: exact count and the sum of its records' keys. `attr` '' is the place's margin. */
export interface CellRecord {
  grain: Grain;
  /** First day of the month or year (YYYY-MM-01, YYYY-01-01). */
  start: string;
  place: string;
  region: string | null;
  attr: string;
  value: string;
  count: number;
  keySum: number | bigint;
}

/** A published cell: its perturbed count, or null when withheld (true count 1…k−1). */
interface PublishedCell {
  grain: Grain;
  start: string;
  place: string;
  region: string | null;
  value: string;
  published: number | null;
}

export interface Geography {
  /** Monitoring point → the routes it observes. */
  pointRoutes: ReadonlyMap<string, readonly string[]>;
  /** Place (point or centre) → its admin-1 region, for places whose cells carry none. */
  placeRegion: ReadonlyMap<string, string | null>;
}

/** A sum of published cells. */
export interface ProtectedSum {
  /** Sum of the published cells' counts; null when every cell in it is withheld. */
  count: number | null;
  /** Some cell in it is withheld (not in the sum). */
  partial: boolean;
  /** Cells in it, published non-zero or withheld (0: nothing was counted, or only zeros were published). */
  cells: number;
}

export interface ProtectedAnswer {
  groupBy: string[];
  rows: AggregateRow[];
  total: number | null;
  totalPartial: boolean;
}

class Sum {
  value = 0;
  published = 0;
  withheld = 0;
  add(c: PublishedCell) {
    if (c.published === null) this.withheld++;
    else if (c.published > 0) {
      // A published 0 adds nothing and counts as no cell: it must look exactly like a true zero (no cell at all), or
      // its presence would say "10 to 12".
      this.published++;
      this.value += c.published;
    }
  }
  result(): ProtectedSum {
    const cells = this.published + this.withheld;
    if (this.published === 0) return { count: this.withheld > 0 ? null : 0, partial: false, cells };
    return { count: this.value, partial: this.withheld > 0, cells };
  }
}

/** The place parameters of each metric: which filter names a base place, a route or a region. */
const PLACE_PARAM: Record<Metric, string> = { flows: 'point', assistance: 'centre', returns: 'centre' };

const first = (v: unknown): string | undefined => (Array.isArray(v) ? (v.length > 0 ? String(v[0]) : undefined) : v === undefined ? undefined : String(v));

export class PublishedTables {
  /** metric → attr → `grain:start` → cells. */
  private readonly cells = new Map<Metric, Map<string, Map<string, PublishedCell[]>>>();

  constructor(
    records: Readonly<Record<Metric, readonly CellRecord[]>>,
    readonly perturbation: Perturbation,
    private readonly geo: Geography,
  ) {
    for (const metric of Object.keys(records) as Metric[]) {
      const byAttr = new Map<string, Map<string, PublishedCell[]>>();
      for (const r of records[metric]) {
        let byMonth = byAttr.get(r.attr);
        if (!byMonth) byAttr.set(r.attr, (byMonth = new Map()));
        const at = `${r.grain}:${r.start}`;
        let list = byMonth.get(at);
        if (!list) byMonth.set(at, (list = []));
        list.push({
          grain: r.grain,
          start: r.start,
          place: r.place,
          region: r.region ?? geo.placeRegion.get(r.place) ?? null,
          value: r.value,
          published: perturbation.publish(r.count, cellKeyFraction(r.keySum)),
        });
      }
      this.cells.set(metric, byAttr);
    }
  }

  /**
   * The published cells of one breakdown ('' = margins) over a period of whole months, in time order: each calendar
   * year the period covers whole (within the data's extent `data`) as its year cells when `years` is allowed, the
   * other months as month cells. Both are fixed published cells; a year cell is not the sum of its months' (each is
   * perturbed once on its own), but it leaves out no withheld month.
   */
  cellsOf(metric: Metric, attr: string, period: Period, opts: { years: boolean; data: Period }): PublishedCell[] {
    const byTime = this.cells.get(metric)?.get(attr);
    if (!byTime) return [];
    const out: PublishedCell[] = [];
    const months = monthStarts(period);
    for (let i = 0; i < months.length;) {
      const m = months[i]!;
      const year = m.slice(0, 4);
      const yearFrom = yearStart(m) < opts.data.from ? opts.data.from : yearStart(m);
      const yearTo = yearEnd(m) > opts.data.to ? opts.data.to : yearEnd(m);
      if (opts.years && period.from <= yearFrom && period.to >= yearTo && m === monthStart(yearFrom)) {
        out.push(...(byTime.get(`year:${yearStart(m)}`) ?? []));
        while (i < months.length && months[i]!.startsWith(year)) i++;
        continue;
      }
      out.push(...(byTime.get(`month:${m}`) ?? []));
      i++;
    }
    return out;
  }

  /**
   * Answers an aggregate query of an outside role. The query has passed the policy (one value per filter, at most one
   * breakdown of the people counted, no week); `period` is whole months clamped to `data`, the data's extent in
   * whole months. Grouped by month, every month is a month cell; otherwise whole calendar years are year cells.
   */
  answer(metric: Metric, query: Record<string, unknown>, period: Period, data: Period): ProtectedAnswer {
    const endpoint: AggregateEndpoint = metric;
    const shape = AGGREGATE_SHAPES[endpoint];
    const groupBy = Array.isArray(query.groupBy) ? (query.groupBy as unknown[]).map(String) : [];
    // The one breakdown: grouped by, or narrowed to one value. Without one, the places' margins.
    const levels: AggregateShape = shape;
    const attrGroup = groupBy.find((g) => kindOf(levels.groupBy[g]) === 'attribute');
    const attrFilter = Object.keys(levels.filters).find((f) => kindOf(levels.filters[f]) === 'attribute' && first(query[f]) !== undefined);
    const attr = attrGroup ?? attrFilter ?? '';
    const value = attrFilter !== undefined ? first(query[attrFilter]) : undefined;

    const placeFilter = first(query[PLACE_PARAM[metric]]);
    const routeFilter = metric === 'flows' ? first(query.route) : undefined;
    const regionFilter = metric === 'flows' ? first(query.region) : undefined;
    const byRoute = groupBy.includes('route');
    const routesOf = (place: string) => this.geo.pointRoutes.get(place) ?? [];

    const keep = (c: PublishedCell) =>
      (value === undefined || c.value === value) &&
      (placeFilter === undefined || c.place === placeFilter) &&
      (regionFilter === undefined || c.region === regionFilter) &&
      (routeFilter === undefined || routesOf(c.place).includes(routeFilter)) &&
      // Grouped by route: the observations of points on some route (the total counts each once).
      (!byRoute || routesOf(c.place).length > 0);

    /** The values of each groupBy dimension one cell adds to (a point observing two routes adds to both). */
    const dimValues = (c: PublishedCell, g: string): string[] => {
      switch (g) {
        case 'month':
          return [c.start];
        case 'year':
          return [yearStart(c.start)];
        case 'point':
        case 'centre':
          return [c.place];
        case 'route':
          return routeFilter !== undefined ? [routeFilter] : [...routesOf(c.place)];
        case 'region':
          return c.region === null ? [] : [c.region];
        default:
          return [c.value];
      }
    };

    const groups = new Map<string, { dims: string[]; sum: Sum }>();
    const total = new Sum();
    for (const c of this.cellsOf(metric, attr, period, { years: !groupBy.includes('month'), data })) {
      if (!keep(c)) continue;
      total.add(c);
      let keys: string[][] = [[]];
      for (const g of groupBy) keys = keys.flatMap((k) => dimValues(c, g).map((v) => [...k, v]));
      for (const dims of keys) {
        const id = dims.join('\u0000');
        let group = groups.get(id);
        if (!group) groups.set(id, (group = { dims, sum: new Sum() }));
        group.sum.add(c);
      }
    }
    const rows = [...groups.values()]
      .filter(({ sum }) => sum.published > 0 || sum.withheld > 0) // nothing but published zeros: like no row at all
      .sort((a, b) => compareDims(a.dims, b.dims))
      .map(({ dims, sum }) => publishRow(groupBy, dims, sum.result()));
    const t = total.result();
    return { groupBy, rows, total: t.count, totalPartial: t.partial };
  }

  /** Sum of the published cells of `attr` = `value` ('' = margins) over the places and the period (whole months, years as year cells). */
  sum(metric: Metric, attr: string, value: string, period: Period, data: Period, places: (place: string, region: string | null) => boolean): ProtectedSum {
    const s = new Sum();
    for (const c of this.cellsOf(metric, attr, period, { years: true, data })) if (c.value === value && places(c.place, c.region)) s.add(c);
    return s.result();
  }
}

const compareDims = (a: readonly string[], b: readonly string[]) => {
  for (let i = 0; i < a.length; i++) {
    if (a[i]! < b[i]!) return -1;
    if (a[i]! > b[i]!) return 1;
  }
  return 0;
};

function publishRow(groupBy: readonly string[], dims: readonly string[], s: ProtectedSum): AggregateRow {
  const row: Record<string, string | number | boolean | null> = {};
  groupBy.forEach((g, i) => (row[g] = dims[i]!));
  if (s.count === null) {
    row.count = null;
    row.suppressed = true;
  } else {
    row.count = s.count;
    row.perturbed = true;
    if (s.partial) row.partial = true;
  }
  return row as AggregateRow;
}
