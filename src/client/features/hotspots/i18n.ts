/**
 * The hotspots view's words (namespace `hotspots`), English and French with the same keys (was ./strings.ts; the
 * withheld words are the common ones, `protection.withheld` / `protection.withheldTitle`). Numbers and dates come
 * formatted by the caller (src/client/i18n/format.ts). Importing this module registers the catalogue.
 */
import { registerCatalogue, type CatalogueOf } from '../../i18n/i18n';

export const en = {
  caption: 'Hotspot regions, {{from}} – {{to}}, ranked by people counted',
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
  legendPerturbed: 'Counts perturbed to protect individuals (≈)',
  notMonitored: 'not monitored',
  notMonitoredTitle: 'No flow monitoring point in this region reported in the period or the one before: there is no count (not zero people).',
  noScore: 'no score',
  selectRegion: 'Show {{name}} on the map',
  /** {{z}}: the score with one decimal and its sign. */
  score: 'robust z-score {{z}}',
  previousPeriod: 'Previous period: {{from}} – {{to}}',
  legendTitleChange: 'Change in people counted vs previous period',
  legendTitleFlows: 'People counted in the period',
  legendNoData: 'No data or withheld',
  legendBelow: 'below {{value}}',
  legendAbove: '{{value}} and above',
  legendRange: '{{low}} to {{high}}',
  legendAnomaly: 'Unusual recent level against its own baseline (dashed outline; see the table)',
  method: 'Method',
  /**
   * The anomaly method in one paragraph (was src/shared/anomaly-method.ts `anomalyMethod`, which the server still
   * uses for the English `method` of its answer): the parameters are that file's constants, decimals formatted in the
   * language ("1.4826" / "1,4826").
   */
  methodText: {
    week:
      "Robust z-score: z = (mean weekly flows of the last {{recentWeeks}} ISO weeks up to 'to' − median of the {{baselineWeeks}} weeks before) / " +
      '({{madScale}} × max(MAD, {{madFloorShare}} × median, {{madFloor}})); flagged when |z| ≥ {{zThreshold}} (Iglewicz–Hoaglin) and the recent ' +
      'or baseline level is at least {{minLevel}} people a week; no score with fewer than {{minBaselineWeeks}} baseline weeks inside the data.',
    month:
      "Robust z-score on published (perturbed) months: z = (flows of the month holding 'to' − median of the {{baselineMonths}} months before) / " +
      '({{madScale}} × max(MAD, {{madFloorShare}} × median, {{madFloor}})); flagged when |z| ≥ {{zThreshold}} (Iglewicz–Hoaglin) and the recent ' +
      'or baseline level is at least {{minLevelMonth}} people a month; no score with fewer than {{minBaselineMonths}} baseline months inside the data.',
  },
};

export const fr: CatalogueOf<typeof en> = {
  caption: 'Régions à surveiller, {{from}} – {{to}}, classées par personnes comptées',
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
  legendPerturbed: 'Effectifs perturbés pour protéger les personnes (≈)',
  notMonitored: 'non suivie',
  notMonitoredTitle:
    'Aucun point de suivi des flux de cette région n’a compté sur la période ni sur la précédente : il n’y a pas de comptage (et non zéro personne).',
  noScore: 'pas de score',
  selectRegion: 'Afficher {{name}} sur la carte',
  score: 'score z robuste {{z}}',
  previousPeriod: 'Période précédente : {{from}} – {{to}}',
  legendTitleChange: 'Évolution des personnes comptées par rapport à la période précédente',
  legendTitleFlows: 'Personnes comptées sur la période',
  legendNoData: 'Pas de donnée ou masqué',
  legendBelow: 'moins de {{value}}',
  legendAbove: '{{value}} et plus',
  legendRange: 'de {{low}} à {{high}}',
  legendAnomaly: 'Niveau récent inhabituel par rapport à sa propre référence (contour en tirets ; voir le tableau)',
  method: 'Méthode',
  methodText: {
    week:
      'Score z robuste : z = (moyenne des flux hebdomadaires des {{recentWeeks}} dernières semaines ISO jusqu’à « au » − médiane des {{baselineWeeks}} semaines précédentes) / ' +
      '({{madScale}} × max(MAD, {{madFloorShare}} × médiane, {{madFloor}})) ; signalé quand |z| ≥ {{zThreshold}} (Iglewicz–Hoaglin) et que le niveau récent ' +
      'ou de référence atteint au moins {{minLevel}} personnes par semaine ; pas de score avec moins de {{minBaselineWeeks}} semaines de référence dans les données.',
    month:
      'Score z robuste sur les mois publiés (perturbés) : z = (flux du mois qui contient « au » − médiane des {{baselineMonths}} mois précédents) / ' +
      '({{madScale}} × max(MAD, {{madFloorShare}} × médiane, {{madFloor}})) ; signalé quand |z| ≥ {{zThreshold}} (Iglewicz–Hoaglin) et que le niveau récent ' +
      'ou de référence atteint au moins {{minLevelMonth}} personnes par mois ; pas de score avec moins de {{minBaselineMonths}} mois de référence dans les données.',
  },
};

registerCatalogue('hotspots', { en, fr });
