/**
 * The time strip's own words (namespace `time`): playback controls, the date stamp on the map, the events list.
 * English and French with the same keys. Importing this module registers the catalogue.
 */
import { registerCatalogue, type CatalogueOf } from '../../i18n/i18n';

export const en = {
  /** The strip's short visible title (the full one, with "drag to choose the period", is its tooltip and accessible name). */
  shortFlows_week: 'People observed per week',
  shortFlows_month: 'People observed per month',
  shortAssisted_week: 'People assisted per week',
  shortAssisted_month: 'People assisted per month',
  speed: 'Speed',
  speed_week_one: '{{count}} week/s',
  speed_week_other: '{{count}} weeks/s',
  speed_month_one: '{{count}} month/s',
  speed_month_other: '{{count}} months/s',
  window: 'Window',
  windowLength: {
    '1w': '1 week',
    '4w': '4 weeks',
    '3m': '3 months',
    '1m': '1 month',
  },
  loop: 'Loop',
  fixedScale: 'Fixed widths',
  fixedScaleTitle: 'Size routes and places on the largest week of all years, so that widths compare while playing (the legend has the same switch).',
  autoScaleNote: 'Widths fit each period',
  ended: 'End of the data: ▶ starts again from the beginning.',
  restarted: 'Started again from the beginning of the data.',
  startedAtBeginning: 'Playing from the beginning of the data.',
  stamp: 'Showing',
  events: 'Events ({{count}})',
  eventsTitle: 'Events on the time strip',
};

export const fr: CatalogueOf<typeof en> = {
  shortFlows_week: 'Personnes observées par semaine',
  shortFlows_month: 'Personnes observées par mois',
  shortAssisted_week: 'Personnes assistées par semaine',
  shortAssisted_month: 'Personnes assistées par mois',
  speed: 'Vitesse',
  speed_week_one: '{{count}} sem./s',
  speed_week_other: '{{count}} sem./s',
  speed_month_one: '{{count}} mois/s',
  speed_month_other: '{{count}} mois/s',
  window: 'Fenêtre',
  windowLength: {
    '1w': '1 semaine',
    '4w': '4 semaines',
    '3m': '3 mois',
    '1m': '1 mois',
  },
  loop: 'En boucle',
  fixedScale: 'Largeurs fixes',
  fixedScaleTitle:
    'Dimensionner routes et lieux sur la plus forte semaine de toutes les années, pour comparer les largeurs pendant la lecture (la légende a le même choix).',
  autoScaleNote: 'Largeurs ajustées à chaque période',
  ended: 'Fin des données : ▶ reprend depuis le début.',
  restarted: 'Reprise depuis le début des données.',
  startedAtBeginning: 'Lecture depuis le début des données.',
  stamp: 'Affiché',
  events: 'Événements ({{count}})',
  eventsTitle: 'Événements de la frise',
};

registerCatalogue('time', { en, fr });
