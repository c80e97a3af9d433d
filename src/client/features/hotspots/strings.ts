/** Words and number formats of the hotspots view, in English and French (merged into the app's i18n by the views helper). */
import { en as appEn, fr as appFr } from '../../lib/strings';

export type HotspotsLang = 'en' | 'fr';

export const hotspotsStrings = {
  en: {
    caption: (from: string, to: string) => `Hotspot regions, ${from} – ${to}, ranked by people counted`,
    rank: 'Rank',
    region: 'Region',
    flows: 'People counted',
    change: 'Change vs previous period',
    assisted: 'People assisted',
    anomaly: 'Anomaly',
    unusualRise: 'Unusual rise',
    unusualFall: 'Unusual fall',
    noAnomaly: 'None',
    rise: 'up',
    fall: 'down',
    steady: 'no change',
    noChange: 'No previous flows to compare with',
    suppressed: appEn.protection.withheld,
    suppressedTitle: appEn.protection.withheldTitle,
    legendPerturbed: 'Counts perturbed to protect individuals (≈)',
    notMonitored: 'not monitored',
    notMonitoredTitle: 'No flow monitoring point in this region reported in the period or the one before: there is no count (not zero people).',
    noScore: 'no score',
    selectRegion: (name: string) => `Show ${name} on the map`,
    score: (z: string) => `robust z-score ${z}`,
    previousPeriod: (from: string, to: string) => `Previous period: ${from} – ${to}`,
    legendTitleChange: 'Change in people counted vs previous period',
    legendTitleFlows: 'People counted in the period',
    legendNoData: 'No data or withheld',
    legendBelow: (v: string) => `below ${v}`,
    legendAbove: (v: string) => `${v} and above`,
    legendRange: (a: string, b: string) => `${a} to ${b}`,
    legendAnomaly: 'Unusual change (dashed outline)',
    method: 'Method',
  },
  fr: {
    caption: (from: string, to: string) => `Régions à surveiller, ${from} – ${to}, classées par personnes comptées`,
    rank: 'Rang',
    region: 'Région',
    flows: 'Personnes comptées',
    change: 'Évolution',
    assisted: 'Personnes assistées',
    anomaly: 'Anomalie',
    unusualRise: 'Hausse inhabituelle',
    unusualFall: 'Baisse inhabituelle',
    noAnomaly: 'Aucune',
    rise: 'hausse',
    fall: 'baisse',
    steady: 'stable',
    noChange: 'Aucun flux précédent pour comparer',
    suppressed: appFr.protection.withheld,
    suppressedTitle: appFr.protection.withheldTitle,
    legendPerturbed: 'Effectifs perturbés pour protéger les personnes (≈)',
    notMonitored: 'non suivie',
    notMonitoredTitle: 'Aucun point de suivi des flux de cette région n’a compté sur la période ni sur la précédente : il n’y a pas de comptage (et non zéro personne).',
    noScore: 'pas de score',
    selectRegion: (name: string) => `Afficher ${name} sur la carte`,
    score: (z: string) => `score z robuste ${z}`,
    previousPeriod: (from: string, to: string) => `Période précédente : ${from} – ${to}`,
    legendTitleChange: 'Évolution des personnes comptées par rapport à la période précédente',
    legendTitleFlows: 'Personnes comptées sur la période',
    legendNoData: 'Pas de donnée ou masqué',
    legendBelow: (v: string) => `moins de ${v}`,
    legendAbove: (v: string) => `${v} et plus`,
    legendRange: (a: string, b: string) => `de ${a} à ${b}`,
    legendAnomaly: 'Évolution inhabituelle (contour en tirets)',
    method: 'Méthode',
  },
} as const satisfies Record<HotspotsLang, Record<string, unknown>>;

export type HotspotsStrings = (typeof hotspotsStrings)[HotspotsLang];

/** The document's language when no `lang` prop is given (the app sets `<html lang>`). */
export function currentLang(): HotspotsLang {
  return typeof document !== 'undefined' && document.documentElement.lang === 'fr' ? 'fr' : 'en';
}

export function formatters(lang: HotspotsLang) {
  const integer = new Intl.NumberFormat(lang, { maximumFractionDigits: 0 });
  const signedPercent = new Intl.NumberFormat(lang, { style: 'percent', maximumFractionDigits: 0, signDisplay: 'exceptZero' });
  const date = new Intl.DateTimeFormat(lang, { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
  const score = new Intl.NumberFormat(lang, { maximumFractionDigits: 1, signDisplay: 'exceptZero' });
  return {
    count: (n: number) => integer.format(n),
    change: (c: number) => signedPercent.format(c),
    date: (iso: string) => date.format(new Date(`${iso}T00:00:00Z`)),
    score: (z: number) => score.format(z),
  };
}
