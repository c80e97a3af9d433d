/**
 * The map's own words (namespace `map`): its controls, the legend's direction and change classes, and the route
 * tooltip's directions. English and French with the same keys; importing this module registers the catalogue.
 */
import { registerCatalogue, type CatalogueOf } from '../i18n/i18n';

export const en = {
  fitNiger: 'Fit map to Niger',
  fitNigerShort: 'Niger',
  controls: 'Map controls',
  legendOpen: 'Legend',
  incoming: 'In',
  outgoing: 'Out',
  net: 'Net (in − out)',
  bothSides: 'Both directions side by side: incoming on the right of the route, outgoing on its left',
  widthPerDirection: 'Routes — width = people observed in each direction',
  stable: 'stable',
  notMonitoredPeriod: 'not monitored in this period',
  notMonitoredUntil: 'not monitored in this period (its monitoring point opened on {{date}})',
  notMonitoredLegend: 'not monitored (no active monitoring point in the period)',
  noReportPeriod: 'no report in this period: a gap in counting, not 0 people',
};

export const fr: CatalogueOf<typeof en> = {
  fitNiger: 'Cadrer la carte sur le Niger',
  fitNigerShort: 'Niger',
  controls: 'Commandes de la carte',
  legendOpen: 'Légende',
  incoming: 'Entrants',
  outgoing: 'Sortants',
  net: 'Solde (entrants − sortants)',
  bothSides: 'Les deux sens côte à côte : entrants à droite de la route, sortants à sa gauche',
  widthPerDirection: 'Routes — largeur = personnes observées dans chaque sens',
  stable: 'stable',
  notMonitoredPeriod: 'non suivie sur cette période',
  notMonitoredUntil: 'non suivie sur cette période (son point de suivi a ouvert le {{date}})',
  notMonitoredLegend: 'non suivie (aucun point de suivi actif sur la période)',
  noReportPeriod: 'aucun rapport sur cette période : une lacune du comptage, pas 0 personne',
};

registerCatalogue('map', { en, fr });
