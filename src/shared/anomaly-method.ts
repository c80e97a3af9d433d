/**
 * The hotspots anomaly method's parameters and its one-paragraph description, in the app's two languages. The server
 * computes with these numbers (src/server/analytics/anomaly.ts) and sends the English text as `method`; the UI shows
 * the text in the reader's language. Both texts are built from the same numbers, so they cannot drift apart.
 */

export const RECENT_WEEKS = 4;
export const BASELINE_WEEKS = 26;
export const MIN_BASELINE_WEEKS = 8;
/** 1.4826 · MAD estimates the standard deviation of normally distributed data. */
export const MAD_SCALE = 1.4826;
/** The MAD is never taken below this share of the baseline median… */
export const MAD_FLOOR_SHARE = 0.05;
/** …nor below this many people a week (a flat or empty baseline would otherwise divide by ~0). */
export const MAD_FLOOR = 1;
/** Iglewicz & Hoaglin (1993): modified z-scores beyond ±3.5 are potential outliers. */
export const Z_THRESHOLD = 3.5;
/** A rise or fall is only flagged when the recent or the baseline level reaches this many people a week. */
export const MIN_LEVEL = 10;

/**
 * The same method on months, for audiences that see whole months only (government liaisons): the published
 * (perturbed) monthly counts of the region, recent = the month holding 'to', baseline = the months before it.
 */
export const RECENT_MONTHS = 1;
export const BASELINE_MONTHS = 6;
export const MIN_BASELINE_MONTHS = 4;
/** The level floor in people a month (≈ MIN_LEVEL a week). */
export const MIN_LEVEL_MONTH = 40;

/** French decimals take a comma. */
const fr = (n: number) => String(n).replace('.', ',');

export type AnomalyUnit = 'week' | 'month';

export function anomalyMethod(lang: 'en' | 'fr', unit: AnomalyUnit = 'week'): string {
  if (unit === 'month') {
    if (lang === 'fr') {
      return (
        `Score z robuste sur les mois publiés (perturbés) : z = (flux du mois qui contient « au » − médiane des ${BASELINE_MONTHS} mois précédents) / ` +
        `(${fr(MAD_SCALE)} × max(MAD, ${fr(MAD_FLOOR_SHARE)} × médiane, ${MAD_FLOOR})) ; signalé quand |z| ≥ ${fr(Z_THRESHOLD)} (Iglewicz–Hoaglin) et que le niveau récent ` +
        `ou de référence atteint au moins ${MIN_LEVEL_MONTH} personnes par mois ; pas de score avec moins de ${MIN_BASELINE_MONTHS} mois de référence dans les données.`
      );
    }
    return (
      `Robust z-score on published (perturbed) months: z = (flows of the month holding 'to' − median of the ${BASELINE_MONTHS} months before) / ` +
      `(${MAD_SCALE} × max(MAD, ${MAD_FLOOR_SHARE} × median, ${MAD_FLOOR})); flagged when |z| ≥ ${Z_THRESHOLD} (Iglewicz–Hoaglin) and the recent ` +
      `or baseline level is at least ${MIN_LEVEL_MONTH} people a month; no score with fewer than ${MIN_BASELINE_MONTHS} baseline months inside the data.`
    );
  }
  if (lang === 'fr') {
    return (
      `Score z robuste : z = (moyenne des flux hebdomadaires des ${RECENT_WEEKS} dernières semaines ISO jusqu’à « au » − médiane des ${BASELINE_WEEKS} semaines précédentes) / ` +
      `(${fr(MAD_SCALE)} × max(MAD, ${fr(MAD_FLOOR_SHARE)} × médiane, ${MAD_FLOOR})) ; signalé quand |z| ≥ ${fr(Z_THRESHOLD)} (Iglewicz–Hoaglin) et que le niveau récent ` +
      `ou de référence atteint au moins ${MIN_LEVEL} personnes par semaine ; pas de score avec moins de ${MIN_BASELINE_WEEKS} semaines de référence dans les données.`
    );
  }
  return (
    `Robust z-score: z = (mean weekly flows of the last ${RECENT_WEEKS} ISO weeks up to 'to' − median of the ${BASELINE_WEEKS} weeks before) / ` +
    `(${MAD_SCALE} × max(MAD, ${MAD_FLOOR_SHARE} × median, ${MAD_FLOOR})); flagged when |z| ≥ ${Z_THRESHOLD} (Iglewicz–Hoaglin) and the recent ` +
    `or baseline level is at least ${MIN_LEVEL} people a week; no score with fewer than ${MIN_BASELINE_WEEKS} baseline weeks inside the data.`
  );
}
