/** Pure helpers of the region panel and the hotspots table: colours, a region's bounds, the answer's windows in words. */
import { BASELINE_MONTHS, BASELINE_WEEKS, RECENT_WEEKS } from '../../../shared/anomaly-method';
import type { HotspotWindows, RegionsResponse } from '../../../shared/api';
import { formatDate } from '../../i18n/format';
import type { Language } from '../../i18n/i18n';

/** Baseline bars blue, recent bars orange: a colour-blind-safe pair (Okabe–Ito), told apart by the band and labels too. */
export const BASELINE_COLOUR = '#0072b2';
export const RECENT_COLOUR = '#e69f00';

type Geometry = RegionsResponse['features'][number]['geometry'];

/** [[west, south], [east, north]] of a (multi)polygon; null when it has no coordinates. */
export function regionBounds(geometry: Geometry): [[number, number], [number, number]] | null {
  let w = Infinity;
  let s = Infinity;
  let e = -Infinity;
  let n = -Infinity;
  const visit = (c: unknown): void => {
    if (Array.isArray(c) && typeof c[0] === 'number' && typeof c[1] === 'number') {
      w = Math.min(w, c[0]);
      e = Math.max(e, c[0]);
      s = Math.min(s, c[1]);
      n = Math.max(n, c[1]);
    } else if (Array.isArray(c)) c.forEach(visit);
  };
  visit((geometry as { coordinates?: unknown }).coordinates);
  return Number.isFinite(w)
    ? [
        [w, s],
        [e, n],
      ]
    : null;
}

/** The answer's windows as the words of `hotspotsPanel:baselines.flag` (context week or month). */
export function windowParams(w: HotspotWindows, lang: Language) {
  return {
    context: w.unit,
    recent: RECENT_WEEKS,
    baseline: w.unit === 'week' ? BASELINE_WEEKS : BASELINE_MONTHS,
    recentFrom: formatDate(w.recentFrom, lang),
    recentTo: formatDate(w.recentTo, lang),
    baselineFrom: w.baselineFrom ? formatDate(w.baselineFrom, lang) : '—',
    baselineTo: w.baselineTo ? formatDate(w.baselineTo, lang) : '—',
  };
}

/**
 * The region whose panel was just closed: the hotspots table (back in its place) gives the focus to that region's
 * button, so a keyboard user goes on from where they were instead of from the top of the page.
 */
export const focusReturn: { pcode: string | null } = { pcode: null };
