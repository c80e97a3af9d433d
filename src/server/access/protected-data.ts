/**
 * Builds the published cells (published-tables.ts) from the store once per data version, and hands out the current
 * tables. An import changes the data version: the next outside-role query rebuilds them (one at a time).
 */
import type { Store } from '../db/store';
import type { CellMetric } from '../db/cells-sql';
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
    const [records, places] = await Promise.all([
      Promise.all(metrics.map((m) => this.store.cellRecords(m, this.secret))),
      this.store.places(),
    ]);
    const geo: Geography = {
      pointRoutes: new Map(places.features.map((f) => [f.properties.id, f.properties.routes])),
      placeRegion: new Map(places.features.map((f) => [f.properties.id, f.properties.admin1Pcode])),
    };
    const byMetric = Object.fromEntries(metrics.map((m, i) => [m, records[i]!])) as Record<CellMetric, CellRecord[]>;
    return new PublishedTables(byMetric, this.perturbation, geo);
  }
}
