/**
 * The words of the hotspots region panel, the "two comparisons" note and the table's flag heading (namespace
 * `hotspotsPanel`), English and French with the same keys. Apart from `hotspots` (./i18n.ts), which the map's legend
 * and tooltips load with the first map, so that these load with the side column only. Importing registers them.
 */
import { registerCatalogue, type CatalogueOf } from '../../i18n/i18n';

export const en = {
  /** Column heading of the flag: what it compares (the table says both comparisons, the map's colour is the change). */
  anomalyWindow_week: 'Flag: last {{recent}} weeks vs {{baseline}} before',
  anomalyWindow_month: 'Flag: last month vs {{baseline}} before',
  /** The two comparisons, said once above the table (and in the panel): the change (map colour) and the flag. */
  baselines: {
    title: 'Two comparisons',
    change: 'Change and map colour: the period against the previous period ({{from}} – {{to}}).',
    flag_week:
      'Anomaly flag (dashed outline): the last {{recent}} weeks ({{recentFrom}} – {{recentTo}}) against the median week of the {{baseline}} weeks before ({{baselineFrom}} – {{baselineTo}}).',
    flag_month:
      'Anomaly flag (dashed outline): the last month ({{recentFrom}} – {{recentTo}}) against the median month of the {{baseline}} months before ({{baselineFrom}} – {{baselineTo}}).',
    why: 'So a region can rise a lot on the previous period without being flagged (its recent level is usual), and the other way round.',
  },
  latest_week: 'Show the latest {{n}} weeks',
  latest_month: 'Show the latest month',
  scoreShort: 'z {{z}}',
  panel: {
    kind: 'Region',
    noScore: 'no score',
    close: 'Close the region panel',
    loading: 'Loading the region…',
    notFound: 'This region is not in the answer for the period.',
    notMonitored: 'No flow monitoring point in this region reported in the period or the one before: there is no count, hence no score.',
    why: 'Why this flag?',
    whyNot: 'Why no flag?',
    reason_week:
      'Last {{recent}} weeks ({{from}} – {{to}}): {{level}} people a week on average, {{ratio}}× the median week of the {{baseline}} weeks before ({{median}} a week).',
    reason_month: '{{month}}: {{level}} people, {{ratio}}× the median month of the {{baseline}} months before ({{median}} a month).',
    reasonNoRatio_week:
      'Last {{recent}} weeks ({{from}} – {{to}}): {{level}} people a week on average, against a median of {{median}} a week in the {{baseline}} weeks before.',
    reasonNoRatio_month: '{{month}}: {{level}} people, against a median of {{median}} a month in the {{baseline}} months before.',
    reasonWithheld: 'A count in the windows the score compares is withheld to protect individuals: no level is worked out.',
    verdictRise: 'Flagged as an unusual rise: robust z-score {{z}}, beyond ±{{threshold}}.',
    verdictFall: 'Flagged as an unusual fall: robust z-score {{z}}, beyond ±{{threshold}}.',
    verdictNone: 'Not flagged: robust z-score {{z}} is within ±{{threshold}}.',
    verdictLow_week: 'Not flagged: robust z-score {{z}}, but neither level reaches {{minLevel}} people a week.',
    verdictLow_month: 'Not flagged: robust z-score {{z}}, but neither level reaches {{minLevel}} people a month.',
    verdictNoScore_week: 'No score: fewer than {{min}} baseline weeks in the data, or the period’s count is withheld.',
    verdictNoScore_month: 'No score: fewer than {{min}} baseline months in the data, or a month’s count is withheld.',
    score: 'Anomaly score',
    scoreValue: '{{z}} (flag beyond ±{{threshold}})',
    change: 'Change on the previous period (map colour)',
    changeValue: '{{change}} against {{from}} – {{to}}',
    flows: 'People counted in the period',
    chartTitle_week: 'People counted per week: the baseline weeks and the last {{recent}} weeks',
    chartTitle_month: 'People counted per month (published): the baseline months and the last month',
    baselineWindow: 'baseline',
    recentWindow: 'recent',
    median: 'median {{value}}',
    level: 'level {{value}}',
    seriesTable: 'The series as a table',
    start_week: 'Week of',
    start_month: 'Month',
    window: 'Window',
    count: 'People counted',
    points: 'Monitoring points in the region',
    pointsCaption_week: 'People counted at each point over the last {{recent}} weeks',
    pointsCaption_month: 'People counted at each point in the last month (published)',
    pointInactive: 'not active',
    noPoints: 'No flow monitoring point in this region.',
  },
};

export const fr: CatalogueOf<typeof en> = {
  anomalyWindow_week: 'Signal : {{recent}} dernières semaines / {{baseline}} précédentes',
  anomalyWindow_month: 'Signal : dernier mois / {{baseline}} précédents',
  baselines: {
    title: 'Deux comparaisons',
    change: 'Évolution et couleur de la carte : la période comparée à la période précédente ({{from}} – {{to}}).',
    flag_week:
      'Signal d’anomalie (contour en tirets) : les {{recent}} dernières semaines ({{recentFrom}} – {{recentTo}}) comparées à la semaine médiane des {{baseline}} semaines précédentes ({{baselineFrom}} – {{baselineTo}}).',
    flag_month:
      'Signal d’anomalie (contour en tirets) : le dernier mois ({{recentFrom}} – {{recentTo}}) comparé au mois médian des {{baseline}} mois précédents ({{baselineFrom}} – {{baselineTo}}).',
    why: 'Une région peut donc beaucoup augmenter par rapport à la période précédente sans être signalée (son niveau récent est habituel), et inversement.',
  },
  latest_week: 'Afficher les {{n}} dernières semaines',
  latest_month: 'Afficher le dernier mois',
  scoreShort: 'score z {{z}}',
  panel: {
    kind: 'Région',
    noScore: 'pas de score',
    close: 'Fermer le panneau de la région',
    loading: 'Chargement de la région…',
    notFound: 'Cette région n’est pas dans la réponse pour la période.',
    notMonitored: 'Aucun point de suivi des flux de cette région n’a compté sur la période ni sur la précédente : pas de comptage, donc pas de score.',
    why: 'Pourquoi ce signal ?',
    whyNot: 'Pourquoi pas de signal ?',
    reason_week:
      '{{recent}} dernières semaines ({{from}} – {{to}}) : {{level}} personnes par semaine en moyenne, {{ratio}} × la semaine médiane des {{baseline}} semaines précédentes ({{median}} par semaine).',
    reason_month: '{{month}} : {{level}} personnes, {{ratio}} × le mois médian des {{baseline}} mois précédents ({{median}} par mois).',
    reasonNoRatio_week:
      '{{recent}} dernières semaines ({{from}} – {{to}}) : {{level}} personnes par semaine en moyenne, pour une médiane de {{median}} par semaine sur les {{baseline}} semaines précédentes.',
    reasonNoRatio_month: '{{month}} : {{level}} personnes, pour une médiane de {{median}} par mois sur les {{baseline}} mois précédents.',
    reasonWithheld: 'Un effectif des fenêtres comparées est masqué pour protéger les personnes : aucun niveau n’est calculé.',
    verdictRise: 'Signalée comme hausse inhabituelle : score z robuste {{z}}, au-delà de ±{{threshold}}.',
    verdictFall: 'Signalée comme baisse inhabituelle : score z robuste {{z}}, au-delà de ±{{threshold}}.',
    verdictNone: 'Non signalée : le score z robuste {{z}} reste dans ±{{threshold}}.',
    verdictLow_week: 'Non signalée : score z robuste {{z}}, mais aucun des deux niveaux n’atteint {{minLevel}} personnes par semaine.',
    verdictLow_month: 'Non signalée : score z robuste {{z}}, mais aucun des deux niveaux n’atteint {{minLevel}} personnes par mois.',
    verdictNoScore_week: 'Pas de score : moins de {{min}} semaines de référence dans les données, ou l’effectif de la période est masqué.',
    verdictNoScore_month: 'Pas de score : moins de {{min}} mois de référence dans les données, ou l’effectif d’un mois est masqué.',
    score: 'Score d’anomalie',
    scoreValue: '{{z}} (signal au-delà de ±{{threshold}})',
    change: 'Évolution sur la période précédente (couleur de la carte)',
    changeValue: '{{change}} par rapport à {{from}} – {{to}}',
    flows: 'Personnes comptées sur la période',
    chartTitle_week: 'Personnes comptées par semaine : les semaines de référence et les {{recent}} dernières semaines',
    chartTitle_month: 'Personnes comptées par mois (publiées) : les mois de référence et le dernier mois',
    baselineWindow: 'référence',
    recentWindow: 'récent',
    median: 'médiane {{value}}',
    level: 'niveau {{value}}',
    seriesTable: 'La série sous forme de tableau',
    start_week: 'Semaine du',
    start_month: 'Mois',
    window: 'Fenêtre',
    count: 'Personnes comptées',
    points: 'Points de suivi de la région',
    pointsCaption_week: 'Personnes comptées à chaque point sur les {{recent}} dernières semaines',
    pointsCaption_month: 'Personnes comptées à chaque point le dernier mois (publiées)',
    pointInactive: 'inactif',
    noPoints: 'Aucun point de suivi des flux dans cette région.',
  },
};

registerCatalogue('hotspotsPanel', { en, fr });
