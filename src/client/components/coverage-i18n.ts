/**
 * The words of coverage notes (namespace `coverage`): data-as-of and the share of the period counted, on cards, panels,
 * tables and the pathway (lib/coverage.ts monitoringText picks the key). English and French with the same keys.
 * Importing this module registers the catalogue.
 */
import { registerCatalogue, type CatalogueOf } from '../i18n/i18n';

export const en = {
  dataAsOf: 'Data as of {{date}}',
  counting_weeks: 'counting {{share}} of weeks',
  counting_months: 'counting {{share}} of months',
  partly_weeks: 'partly monitored: counting {{share}} of weeks',
  partly_months: 'partly monitored: counting {{share}} of months',
  spanFull: 'monitoring points active all period (reporting gaps not published)',
  spanPartly: 'partly monitored: points active {{share}} of the period (reporting gaps not published)',
  notMonitored: 'not monitored in this period',
  assistance: 'assistance records (not counted by monitoring points)',
  partlyShort: 'partly monitored ({{share}})',
  notMonitoredShort: 'not monitored',
  windows: 'Anomaly windows (baseline and recent): {{monitoring}}; read the score with care.',
  title: 'Share of the period the monitoring points were counting: reported weeks (months for outside roles) ÷ weeks inside their active dates.',
};

export const fr: CatalogueOf<typeof en> = {
  dataAsOf: 'Données au {{date}}',
  counting_weeks: 'comptage {{share}} des semaines',
  counting_months: 'comptage {{share}} des mois',
  partly_weeks: 'suivi partiel : comptage {{share}} des semaines',
  partly_months: 'suivi partiel : comptage {{share}} des mois',
  spanFull: 'points de suivi actifs toute la période (lacunes de rapport non publiées)',
  spanPartly: 'suivi partiel : points actifs {{share}} de la période (lacunes de rapport non publiées)',
  notMonitored: 'non suivi sur cette période',
  assistance: 'registres d’assistance (non comptés par les points de suivi)',
  partlyShort: 'suivi partiel ({{share}})',
  notMonitoredShort: 'non suivi',
  windows: 'Fenêtres de l’anomalie (référence et récente) : {{monitoring}} ; score à lire avec prudence.',
  title: 'Part de la période où les points de suivi comptaient : semaines rapportées (mois pour les rôles extérieurs) ÷ semaines dans leurs dates d’activité.',
};

registerCatalogue('coverage', { en, fr });
