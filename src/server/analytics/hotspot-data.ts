/**
 * The hotspots analysis over any store: the periods (by the shared calendar), the anomaly windows, and the store's
 * exact per-region counts assembled per region of the regions table. Engine-neutral: the store answers three counting
 * queries (Store.hotspotCounts); everything else happens here.
 */
import { defaultPeriod, previousPeriod } from '../../shared/calendar';
import type { HotspotPeriods, HotspotsData, Store } from '../store/types';
import { anomalyWindows } from './anomaly';

/**
 * The period asked (default: /meta's defaultPeriod of the data's extent `data`) and its previous equal period, both
 * by the shared calendar (src/shared/calendar.ts).
 */
export function hotspotPeriods(q: { from?: string | undefined; to?: string | undefined }, data: { min: string; max: string }): HotspotPeriods {
  const defaults = defaultPeriod({ from: data.min, to: data.max });
  const from = q.from ?? defaults.from;
  const to = q.to ?? defaults.to;
  const previous = previousPeriod({ from, to });
  return { from, to, previousFrom: previous.from, previousTo: previous.to };
}

/** Exact counts of every region (zeros included) for the period asked. */
export async function hotspotsData(store: Store, q: { from?: string | undefined; to?: string | undefined }): Promise<HotspotsData> {
  const info = store.info();
  const periods = hotspotPeriods(q, info.dateRange);
  const windows = anomalyWindows(periods.to, info.dateRange);
  const [counts, regions] = await Promise.all([store.hotspotCounts(periods, windows.start), store.regions()]);
  const flows = new Map(counts.flows.map((r) => [r.region, r]));
  const assisted = new Map(counts.assisted.map((r) => [r.region, r.count]));
  const weekly = new Map<string, Map<string, number>>();
  for (const r of counts.weekly) {
    const m = weekly.get(r.region) ?? new Map<string, number>();
    m.set(r.week, r.count);
    weekly.set(r.region, m);
  }
  return {
    ...periods,
    regions: regions.features.map((f) => {
      const pcode = f.properties.pcode;
      return {
        pcode,
        name: f.properties.name,
        flows: flows.get(pcode)?.flows ?? 0,
        previousFlows: flows.get(pcode)?.previous ?? 0,
        assisted: assisted.get(pcode) ?? 0,
        monitored: flows.has(pcode),
        weekly: weekly.get(pcode) ?? new Map<string, number>(),
      };
    }),
  };
}
