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
import { monthStarts, type Period } from '../../shared/calendar';
import { AGGREGATE_SHAPES, kindOf, type AggregateEndpoint, type AggregateShape } from '../../shared/query-shape';
import { cellKeyFraction, Perturbation } from './cell-key';

export type Metric = 'flows' | 'assistance' | 'returns';

/** One cell as the store reads it: exact count and the sum of its records' keys. `attr` '' is the place's margin. */
export interface CellRecord {
  month: string;
  place: string;
  region: string | null;
  attr: string;
  value: string;
  count: number;
  keySum: number | bigint;
}

/** A published cell: its perturbed count, or null when withheld (true count 1…k−1). */
interface PublishedCell {
  month: string;
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
  /** Cells in it, published or withheld (0: nothing was counted at all). */
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
    else {
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
  /** metric → attr → month → cells. */
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
        let list = byMonth.get(r.month);
        if (!list) byMonth.set(r.month, (list = []));
        list.push({
          month: r.month,
          place: r.place,
          region: r.region ?? geo.placeRegion.get(r.place) ?? null,
          value: r.value,
          published: perturbation.publish(r.count, cellKeyFraction(r.keySum)),
        });
      }
      this.cells.set(metric, byAttr);
    }
  }

  /** The published cells of one breakdown ('' = margins) over whole months, in month order. */
  cellsOf(metric: Metric, attr: string, period: Period): PublishedCell[] {
    const byMonth = this.cells.get(metric)?.get(attr);
    if (!byMonth) return [];
    return monthStarts(period).flatMap((m) => byMonth.get(m) ?? []);
  }

  /**
   * Answers an aggregate query of an outside role. The query has passed the policy (one value per filter, at most one
   * breakdown of the people counted, no week); `period` is whole months clamped to the data.
   */
  answer(metric: Metric, query: Record<string, unknown>, period: Period): ProtectedAnswer {
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
          return [c.month];
        case 'year':
          return [`${c.month.slice(0, 4)}-01-01`];
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
    for (const c of this.cellsOf(metric, attr, period)) {
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
      .sort((a, b) => compareDims(a.dims, b.dims))
      .map(({ dims, sum }) => publishRow(groupBy, dims, sum.result()));
    const t = total.result();
    return { groupBy, rows, total: t.count, totalPartial: t.partial };
  }

  /** Sum of the published cells of `attr` = `value` ('' = margins) over the places and months given. */
  sum(metric: Metric, attr: string, value: string, period: Period, places: (place: string, region: string | null) => boolean): ProtectedSum {
    const s = new Sum();
    for (const c of this.cellsOf(metric, attr, period)) if (c.value === value && places(c.place, c.region)) s.add(c);
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
