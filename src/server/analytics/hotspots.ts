/**
 * Turns the store's exact per-region counts into the published hotspots answer (pure, no I/O):
 * disclosure control (for the roles the policy marks), change against the previous period, anomaly score, ranking.
 */
import type { HotspotDetail, HotspotRegion, HotspotsResponse, HotspotWindows } from '../../shared/api';
import { addDays, addMonths, clampToMonths, monthEnd, monthExtent, monthStart, monthStarts, previousPeriod, type Period } from '../../shared/calendar';
import { BASELINE_MONTHS } from '../../shared/anomaly-method';
import { PEOPLE_ASSISTED_SERVICE } from '../../shared/enums';
import { disclosureInfo } from '../access/cell-key';
import type { ProtectedSum, PublishedTables } from '../access/published-tables';
import type { HotspotsData } from '../store/types';
import { toCsv } from '../lib/csv';
import {
  ANOMALY_METHOD,
  ANOMALY_METHOD_MONTHLY,
  anomalyWindows,
  median,
  MIN_BASELINE_WEEKS,
  MONTHLY_ANOMALY_OPTIONS,
  robustAnomaly,
  weeklyAnomaly,
} from './anomaly';

interface Published {
  value: number | null;
  suppressed: boolean;
  partial?: boolean;
}

const exact = (value: number): Published => ({ value, suppressed: false });
const fromSum = (s: ProtectedSum): Published => ({ value: s.count, suppressed: s.count === null, partial: s.partial });

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

/** The exact answer (programme staff, admins): weekly anomaly windows, exact counts. */
export function publishHotspots(
  data: HotspotsData,
  opts: { dataRange: { min: string; max: string }; dataVersion: string },
  points: ReadonlyArray<RegionPoint> = [],
  pointFlows: ReadonlyMap<string, number> = new Map(),
): HotspotsResponse {
  const windows = anomalyWindows(data.to, opts.dataRange);
  const regions = data.regions.map((r): HotspotRegion => {
    const region = regionOf(r, exact(r.flows), exact(r.previousFlows), exact(r.assisted), () => weeklyAnomaly(r.weekly, windows));
    if (!r.monitored) return region;
    const step = (m: string) => ({ count: r.weekly.get(m) ?? 0, suppressed: false });
    const recentFrom = windows.recent[0] ?? data.to;
    region.detail = detailOf(
      'week',
      windows.baseline.map(step),
      windows.baseline,
      windows.recent.map(step),
      windows.recent,
      points
        .filter((p) => p.region === r.pcode)
        .map((p) => {
          const active = isActive(p, recentFrom, data.to);
          return { id: p.id, name: p.name, active, count: active ? (pointFlows.get(p.id) ?? 0) : null, suppressed: false };
        }),
    );
    return region;
  });
  return {
    from: data.from,
    to: data.to,
    previousFrom: data.previousFrom,
    previousTo: data.previousTo,
    dataVersion: opts.dataVersion,
    method: ANOMALY_METHOD,
    regions: rankRegions(regions),
    windows: {
      unit: 'week',
      recentFrom: windows.recent[0] ?? data.to,
      recentTo: data.to,
      baselineFrom: windows.baseline[0] ?? null,
      baselineTo: windows.baseline.length > 0 ? addDays(windows.baseline[windows.baseline.length - 1]!, 6) : null,
    },
  };
}

/** A flow monitoring point and its region (geography, public), for the region panel's list of contributing points. */
export interface RegionPoint {
  id: string;
  name: string;
  region: string;
  activeFrom: string | null;
  activeTo: string | null;
}

/** The point was active (by its declared dates) on some day of [from, to]. */
const isActive = (p: RegionPoint, from: string, to: string) => (p.activeFrom === null || p.activeFrom <= to) && (p.activeTo === null || p.activeTo >= from);

const round1 = (n: number) => Math.round(n * 10) / 10;
const mean = (v: readonly number[]) => v.reduce((a, b) => a + b, 0) / v.length;

interface Step {
  count: number | null;
  suppressed: boolean;
  partial?: boolean | undefined;
}

/**
 * The region panel's detail from the same steps the score compares: the series (baseline then recent), the recent
 * mean, the baseline median and their ratio (one decimal), and the contributing points.
 */
export function detailOf(
  unit: 'week' | 'month',
  baseline: readonly Step[],
  baselineStarts: readonly string[],
  recent: readonly Step[],
  recentStarts: readonly string[],
  points: HotspotDetail['points'],
): HotspotDetail {
  const known = (steps: readonly Step[]) => (steps.every((s) => s.count !== null) ? steps.map((s) => s.count!) : null);
  const r = known(recent);
  const b = known(baseline);
  const recentLevel = r && r.length > 0 ? round1(mean(r)) : null;
  const minBaseline = unit === 'month' ? MONTHLY_ANOMALY_OPTIONS.minBaseline : MIN_BASELINE_WEEKS;
  const baselineMedian = b && b.length >= minBaseline ? median(b) : null;
  const ratio = recentLevel !== null && baselineMedian !== null && baselineMedian > 0 ? round1(recentLevel / baselineMedian) : null;
  const entry = (window: 'baseline' | 'recent') => (s: Step, i: number) => {
    const starts = window === 'baseline' ? baselineStarts : recentStarts;
    const out: HotspotDetail['series'][number] = { start: starts[i]!, window, count: s.count };
    if (s.suppressed) out.suppressed = true;
    if (s.partial) out.partial = true;
    return out;
  };
  return {
    unit,
    series: [...baseline.map(entry('baseline')), ...recent.map(entry('recent'))],
    recentLevel,
    baselineMedian,
    ratio,
    points: points.map((p) => {
      const out = { ...p };
      if (!out.suppressed) delete out.suppressed;
      if (!out.partial) delete out.partial;
      return out;
    }),
  };
}

/**
 * The answer of month-resolution audiences, from published cells only (published-tables.ts): a region's flows are the
 * sum of its monitoring points' published month cells, people assisted the sum of its centres' published
 * shelter-and-food cells; the previous period is the same number of whole months before, and is left out (null) where
 * it reaches before the data; the anomaly score compares the published month holding `to` with the months before.
 * Nothing here reaches an exact count, so no combination of hotspots answers reveals more than the cells themselves.
 */
export function publishProtectedHotspots(
  tables: PublishedTables,
  regionsRef: ReadonlyArray<{ pcode: string; name: string }>,
  asked: Period,
  opts: { dataRange: { min: string; max: string }; dataVersion: string },
  points: ReadonlyArray<RegionPoint> = [],
): HotspotsResponse {
  const data = { from: opts.dataRange.min, to: opts.dataRange.max };
  const extent = monthExtent(data);
  const period = clampToMonths(asked, data) ?? { from: monthStart(data.to), to: extent.to };
  const prev = previousPeriod(period);
  const prevInData = prev.from >= monthStart(data.from);
  const last = monthStart(period.to);
  const baselineMonths = monthStarts({ from: addMonths(last, -BASELINE_MONTHS), to: addMonths(last, -1) }).filter((m) => m >= monthStart(data.from));
  const regions = regionsRef.map(({ pcode, name }): HotspotRegion => {
    const inRegion = (_place: string, region: string | null) => region === pcode;
    const flows = tables.sum('flows', '', '', period, extent, inRegion);
    const previous = prevInData ? tables.sum('flows', '', '', prev, extent, inRegion) : null;
    const assisted = tables.sum('assistance', 'service', PEOPLE_ASSISTED_SERVICE, period, extent, inRegion);
    const monitored = flows.cells > 0 || (previous?.cells ?? 0) > 0;
    const monthly = (m: string) => tables.sum('flows', '', '', { from: m, to: m }, extent, inRegion).count;
    const anomaly = () => {
      const recent = monthly(last);
      const baseline = baselineMonths.map(monthly);
      if (recent === null || baseline.some((b) => b === null)) return { score: null, flag: false };
      return robustAnomaly(baseline as number[], [recent], MONTHLY_ANOMALY_OPTIONS);
    };
    const region = regionOf(
      { pcode, name, monitored },
      fromSum(flows),
      previous ? fromSum(previous) : { value: null, suppressed: false },
      fromSum(assisted),
      anomaly,
    );
    if (!monitored) return region;
    // The panel's detail: the same published months the score compares, and each point's published cell of the recent month.
    const monthStep = (m: string): Step => {
      const s = tables.sum('flows', '', '', { from: m, to: m }, extent, inRegion);
      return { count: s.count, suppressed: s.count === null, partial: s.partial };
    };
    region.detail = detailOf(
      'month',
      baselineMonths.map(monthStep),
      baselineMonths,
      [monthStep(last)],
      [last],
      points
        .filter((p) => p.region === pcode)
        .map((p) => {
          const active = isActive(p, last, monthEnd(last));
          if (!active) return { id: p.id, name: p.name, active, count: null };
          const s = tables.sum('flows', '', '', { from: last, to: last }, extent, (place) => place === p.id);
          const out: HotspotDetail['points'][number] = { id: p.id, name: p.name, active, count: s.count };
          if (s.count === null) out.suppressed = true;
          if (s.partial) out.partial = true;
          return out;
        }),
    );
    return region;
  });
  const windows: HotspotWindows = {
    unit: 'month',
    recentFrom: last,
    recentTo: monthEnd(last),
    baselineFrom: baselineMonths[0] ?? null,
    baselineTo: baselineMonths.length > 0 ? addDays(last, -1) : null,
  };
  return {
    from: period.from,
    to: period.to,
    previousFrom: prev.from,
    previousTo: prev.to,
    dataVersion: opts.dataVersion,
    method: ANOMALY_METHOD_MONTHLY,
    regions: rankRegions(regions),
    windows,
    disclosure: disclosureInfo(tables.perturbation.params),
  };
}

function regionOf(
  r: { pcode: string; name: string; monitored: boolean },
  f: Published,
  p: Published,
  a: Published,
  score: () => { score: number | null; flag: boolean },
): HotspotRegion {
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
    if (a.partial) out.assistedPartial = true;
    return out;
  }
  const anomaly = f.suppressed ? { score: null, flag: false } : score();
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
  if (f.partial) out.flowsPartial = true;
  if (p.suppressed) out.previousFlowsSuppressed = true;
  if (p.partial) out.previousFlowsPartial = true;
  if (a.suppressed) out.assistedSuppressed = true;
  if (a.partial) out.assistedPartial = true;
  return out;
}

/** The ranked table as RFC 4180 CSV. With disclosure control, `…Suppressed` columns say which empty counts were withheld. */
export function hotspotsToCsv(res: HotspotsResponse, hxl = false): string {
  const withheld = res.disclosure !== undefined;
  const header = ['rank', 'pcode', 'name', 'monitored', 'flows', 'previousFlows', 'change', 'assisted', 'anomalyScore', 'anomalyFlag'];
  if (withheld)
    header.push('flowsSuppressed', 'previousFlowsSuppressed', 'assistedSuppressed', 'perturbed', 'flowsPartial', 'previousFlowsPartial', 'assistedPartial');
  return toCsv(
    header,
    res.regions.map((r, i) => {
      const row: unknown[] = [i + 1, r.pcode, r.name, r.monitored, r.flows, r.previousFlows, r.change, r.assisted, r.anomaly.score, r.anomaly.flag];
      if (withheld) {
        row.push(r.flowsSuppressed === true, r.previousFlowsSuppressed === true, r.assistedSuppressed === true, true);
        row.push(r.flowsPartial === true, r.previousFlowsPartial === true, r.assistedPartial === true);
      }
      return row;
    }),
    hxl ? 'affected' : undefined,
  );
}

export function hotspotsFilename(res: Pick<HotspotsResponse, 'from' | 'to'>, hxl = false): string {
  return `transit-atlas_hotspots_${res.from}_${res.to}${hxl ? '_hxl' : ''}.csv`;
}
