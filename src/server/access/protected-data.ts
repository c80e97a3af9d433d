/**
 * Builds the published cells (published-tables.ts) from the store once per data version, and hands out the current
 * tables. An import changes the data version: the next outside-role query rebuilds them (one at a time).
 */
import type { Service } from '../../shared/enums';
import type { Store } from '../store/types';
import type { CellMetric } from '../store/cells-sql';
import type { CellKeyParams } from './cell-key';
import { Perturbation } from './cell-key';
import { PublishedTables, type CellRecord, type Geography } from './published-tables';

export class ProtectedData {
  private current: { version: string; tables: Promise<PublishedTables> } | null = null;
  readonly perturbation: Perturbation;

  constructor(
    private readonly store: Store,
    private readonly secret: string,
    params: CellKeyParams,
  ) {
    this.perturbation = new Perturbation(params);
  }

  get params(): CellKeyParams {
    return this.perturbation.params;
  }

  tables(): Promise<PublishedTables> {
    const version = this.store.info().dataVersion;
    if (this.current?.version === version) return this.current.tables;
    const tables = this.build();
    this.current = { version, tables };
    tables.catch(() => {
      if (this.current?.tables === tables) this.current = null;
    });
    return tables;
  }

  private async build(): Promise<PublishedTables> {
    const metrics: CellMetric[] = ['flows', 'assistance', 'returns'];
    const [records, places] = await Promise.all([Promise.all(metrics.map((m) => this.store.cellRecords(m, this.secret))), this.store.places()]);
    const geo: Geography = {
      pointRoutes: new Map(places.features.map((f) => [f.properties.id, f.properties.routes])),
      placeRegion: new Map(places.features.map((f) => [f.properties.id, f.properties.admin1Pcode])),
    };
    const byMetric = Object.fromEntries(metrics.map((m, i) => [m, records[i]!])) as Record<CellMetric, CellRecord[]>;
    byMetric.returns = twinReturnsMargins(byMetric.returns, byMetric.assistance);
    return new PublishedTables(byMetric, this.perturbation, geo);
  }
}

/**
 * Assisted voluntary returns ARE the people assisted with the voluntary_return service (data/README.md): a centre's
 * returns in a month and its voluntary-return assistance that month are one count published by two tables. With a key
 * of their own, each would get its own noise, and intersecting the two ±D intervals pins the count (the attack suite
 * found it: tests/api/attack/margins.test.ts). So a returns margin cell takes the key of its twin assistance cell:
 * the same count then gets the same noise, and both tables publish one value. Where imported data makes the two
 * counts differ, they differ by their true difference, which reveals neither.
 */
export function twinReturnsMargins(returns: readonly CellRecord[], assistance: readonly CellRecord[]): CellRecord[] {
  const twin = new Map<string, CellRecord>();
  for (const a of assistance) {
    if (a.attr === 'service' && a.value === PROTECTED_TWIN_SERVICE) twin.set(`${a.grain}|${a.start}|${a.place}`, a);
  }
  return returns.map((r) => {
    if (r.attr !== '') return r;
    const a = twin.get(`${r.grain}|${r.start}|${r.place}`);
    return a ? { ...r, keySum: a.keySum } : r;
  });
}

/** The assistance service whose cells are the returns' twins. */
const PROTECTED_TWIN_SERVICE: Service = 'voluntary_return';
