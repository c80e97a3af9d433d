/**
 * Turns the store's exact per-region counts into the published hotspots answer (pure, no I/O):
 * disclosure control (for the roles the policy marks), change against the previous period, anomaly score, ranking.
 */
import type { AggregateRow, HotspotRegion, HotspotsResponse } from '../../shared/api';
import { protectTable, type DisclosureParams } from '../access/disclosure';
import type { HotspotsData } from '../db/store';
import { toCsv } from '../lib/csv';
import { ANOMALY_METHOD, anomalyWindows, weeklyAnomaly } from './anomaly';

interface Published {
  value: number | null;
  suppressed: boolean;
}

/** One column of region counts as published: exact, or through protectTable (one line: the regions against their total). */
function publishColumn(counts: readonly number[], disclosure: DisclosureParams | null): Published[] {
  if (!disclosure) return counts.map((value) => ({ value, suppressed: false }));
  const rows = counts.map((count, i) => ({ region: String(i), count }) as unknown as AggregateRow);
  const total = counts.reduce((s, c) => s + c, 0);
  return protectTable(['region'], rows, total, disclosure).rows.map((r) => ({ value: r.count, suppressed: r.suppressed === true }));
}

/** (flows − previous) / previous from published counts, rounded to 4 decimals; null when previous is 0 or either is withheld. */
export function relativeChange(flows: number | null, previous: number | null): number | null {
  if (flows === null || previous === null || previous === 0) return null;
  return Math.round(((flows - previous) / previous) * 10_000) / 10_000;
}

/** Ranked by published flows (descending; then withheld, then not monitored), then by name. */
export function rankRegions(regions: HotspotRegion[]): HotspotRegion[] {
  const rankValue = (r: HotspotRegion) => r.flows ?? (r.monitored ? -1 : -2);
  return [...regions].sort((a, b) => {
    const fa = rankValue(a);
    const fb = rankValue(b);
    if (fa !== fb) return fb - fa;
    return a.name.localeCompare(b.name, 'en');
  });
}

export function publishHotspots(
  data: HotspotsData,
  opts: { dataRange: { min: string; max: string }; dataVersion: string; disclosure: DisclosureParams | null },
): HotspotsResponse {
  const { disclosure } = opts;
  const flows = publishColumn(data.regions.map((r) => r.flows), disclosure);
  const previous = publishColumn(data.regions.map((r) => r.previousFlows), disclosure);
  const assisted = publishColumn(data.regions.map((r) => r.assisted), disclosure);
  const windows = anomalyWindows(data.to, opts.dataRange);
  const regions = data.regions.map((r, i): HotspotRegion => {
    const f = flows[i]!;
    const p = previous[i]!;
    const a = assisted[i]!;
    // No monitoring point reported: no count at all (not zero people), hence no change and no score.
    if (!r.monitored) {
      const out: HotspotRegion = {
        pcode: r.pcode,
        name: r.name,
        monitored: false,
        flows: null,
        previousFlows: null,
        change: null,
        assisted: a.value,
        anomaly: { score: null, flag: false },
      };
      if (a.suppressed) out.assistedSuppressed = true;
      return out;
    }
    const anomaly = f.suppressed ? { score: null, flag: false } : weeklyAnomaly(r.weekly, windows);
    const out: HotspotRegion = {
      pcode: r.pcode,
      name: r.name,
      monitored: true,
      flows: f.value,
      previousFlows: p.value,
      change: relativeChange(f.value, p.value),
      assisted: a.value,
      anomaly,
    };
    if (f.suppressed) out.flowsSuppressed = true;
    if (p.suppressed) out.previousFlowsSuppressed = true;
    if (a.suppressed) out.assistedSuppressed = true;
    return out;
  });
  const body: HotspotsResponse = {
    from: data.from,
    to: data.to,
    previousFrom: data.previousFrom,
    previousTo: data.previousTo,
    dataVersion: opts.dataVersion,
    method: ANOMALY_METHOD,
    regions: rankRegions(regions),
  };
  if (disclosure) body.disclosure = { k: disclosure.k, rounding: disclosure.rounding };
  return body;
}

/** The ranked table as RFC 4180 CSV. With disclosure control, `…Suppressed` columns say which empty counts were withheld. */
export function hotspotsToCsv(res: HotspotsResponse): string {
  const withheld = res.disclosure !== undefined;
  const header = ['rank', 'pcode', 'name', 'monitored', 'flows', 'previousFlows', 'change', 'assisted', 'anomalyScore', 'anomalyFlag'];
  if (withheld) header.push('flowsSuppressed', 'previousFlowsSuppressed', 'assistedSuppressed');
  return toCsv(
    header,
    res.regions.map((r, i) => {
      const row: unknown[] = [i + 1, r.pcode, r.name, r.monitored, r.flows, r.previousFlows, r.change, r.assisted, r.anomaly.score, r.anomaly.flag];
      if (withheld) row.push(r.flowsSuppressed === true, r.previousFlowsSuppressed === true, r.assistedSuppressed === true);
      return row;
    }),
  );
}

export function hotspotsFilename(res: Pick<HotspotsResponse, 'from' | 'to'>): string {
  return `transit-atlas_hotspots_${res.from}_${res.to}.csv`;
}
