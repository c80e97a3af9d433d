/** The pressure feature's words (namespace `pressure`), English and French with the same keys. Importing registers them. */
import { registerCatalogue, type CatalogueOf } from '../../i18n/i18n';

export const en = {
  title: 'Early warning: centre pressure',
  show: 'Early warning',
  hide: 'Hide early warning',
  threshold: 'Warn above (share of capacity)',
  horizon: 'Weeks ahead',
  stayDays: 'Average stay (days)',
  none: 'No centre is forecast above {{threshold}} of capacity in the next {{weeks}} weeks.',
  warning: '{{name}}: {{share}} of capacity forecast for the week of {{week}} (80 % interval {{low}} – {{high}}); backtest error MASE {{mase}}',
  warningNoInterval: '{{name}}: {{share}} of capacity forecast for the week of {{week}} (no interval: too short a backtest)',
  notShipped: 'forecast not shipped: does not beat the seasonal-naive baseline (same week last year); the baseline is shown',
  model: 'model',
  baseline: 'seasonal-naive baseline',
  tableCaption: 'Transit centres: estimated residents now and forecast (share of capacity)',
  centre: 'Centre',
  capacity: 'Capacity',
  now: 'Week of {{week}}',
  forecastMax: 'Highest forecast week',
  interval: '80 % interval',
  method: 'Method',
  mase: 'Backtest MASE (model / baseline)',
  coverage: 'Interval coverage in backtest',
  locked: 'Centre pressure is for programme staff',
  lockedText:
    'Centre pressure is estimated week by week from exact counts of people assisted and of people counted upstream. Signed-out visitors, donors and government liaisons see months and protected values only, so the weekly estimate and forecast are shown to programme staff.',
  methodTitle: 'How this is estimated',
  methodText:
    'Residents ≈ people assisted in a week × average stay ÷ 7. The forecast uses the last week, the same week last year and the people counted coming back upstream on the corridors the centre serves. It is shown only where it beat the seasonal-naive baseline in a rolling backtest; the interval comes from the backtest’s own errors.',
  loading: 'Loading the forecast…',
  error: 'The forecast could not be loaded.',
};

export const fr: CatalogueOf<typeof en> = {
  title: 'Alerte précoce : pression sur les centres',
  show: 'Alerte précoce',
  hide: 'Masquer l’alerte précoce',
  threshold: 'Alerter au-delà de (part de la capacité)',
  horizon: 'Semaines à venir',
  stayDays: 'Séjour moyen (jours)',
  none: 'Aucun centre n’est prévu au-delà de {{threshold}} de sa capacité dans les {{weeks}} prochaines semaines.',
  warning: '{{name}} : {{share}} de la capacité prévue pour la semaine du {{week}} (intervalle à 80 % {{low}} – {{high}}) ; erreur en rétro-test MASE {{mase}}',
  warningNoInterval: '{{name}} : {{share}} de la capacité prévue pour la semaine du {{week}} (pas d’intervalle : rétro-test trop court)',
  notShipped: 'prévision non retenue : elle ne fait pas mieux que la référence saisonnière naïve (même semaine l’an dernier) ; la référence est affichée',
  model: 'modèle',
  baseline: 'référence saisonnière naïve',
  tableCaption: 'Centres de transit : résidents estimés maintenant et prévus (part de la capacité)',
  centre: 'Centre',
  capacity: 'Capacité',
  now: 'Semaine du {{week}}',
  forecastMax: 'Semaine prévue la plus haute',
  interval: 'Intervalle à 80 %',
  method: 'Méthode',
  mase: 'MASE en rétro-test (modèle / référence)',
  coverage: 'Couverture de l’intervalle en rétro-test',
  locked: 'La pression sur les centres est réservée au personnel du programme',
  lockedText:
    'La pression sur les centres est estimée semaine par semaine à partir des nombres exacts de personnes aidées et de personnes comptées en amont. Les visiteurs non connectés, les bailleurs et les agents de liaison gouvernementaux ne voient que des mois et des valeurs protégées : l’estimation hebdomadaire et la prévision sont donc réservées au personnel du programme.',
  methodTitle: 'Comment c’est estimé',
  methodText:
    'Résidents ≈ personnes aidées dans la semaine × séjour moyen ÷ 7. La prévision utilise la dernière semaine, la même semaine l’an dernier et les personnes comptées en retour en amont sur les corridors que dessert le centre. Elle n’est affichée que là où elle a fait mieux que la référence saisonnière naïve dans un rétro-test glissant ; l’intervalle vient des erreurs de ce rétro-test.',
  loading: 'Chargement de la prévision…',
  error: 'La prévision n’a pas pu être chargée.',
};

registerCatalogue('pressure', { en, fr });
