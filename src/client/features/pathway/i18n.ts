/**
 * The pathway view's words (namespace `pathway`), English and French with the same keys. Counts and dates come
 * formatted by the caller; service and country names from the common catalogue and the dataset. Importing this module
 * registers the catalogue.
 */
import { registerCatalogue, type CatalogueOf } from '../../i18n/i18n';

export const en = {
  title: 'Pathway: from the corridor to the help',
  intro: 'People observed coming back on this corridor, helped at the transit centres that serve it, and returned home.',
  route: 'Corridor',
  month: 'Month',
  observed: 'Observed incoming',
  observedAt: 'counted incoming at {{points}}',
  noPoint: 'no monitoring point',
  assistedAt: 'Assisted at {{centre}}',
  step: 'step {{step}}',
  services: 'Services (one person can get several; not added up)',
  returns: 'Assisted voluntary returns from {{centre}}',
  returnsShort: 'Returns',
  destinations: 'By country of destination',
  destinationsLocked: 'Returns by destination are published to donors and programme staff only.',
  noReturns: 'No return from this centre this month.',
  notMonitored: 'not monitored',
  notMonitoredTitle: 'No monitoring point on this corridor was counting this month: there is no count (not zero people).',
  partly: 'partly monitored ({{share}} of the weeks)',
  partlyTitle: 'Some monitoring points on this corridor did not report every week of the month: the count is lower than the people who passed.',
  reach: 'Reach ratio',
  reachValue: '{{ratio}} people assisted at the first centre for each person observed',
  reachNone: 'no ratio',
  reachWithheld: 'withheld (a count it divides is withheld)',
  method: 'How the reach ratio is made, and its limits',
  methodP1:
    'Reach ratio = people given shelter and food at the first transit centre on the way back, divided by the people counted incoming at the corridor’s monitoring points, in the same month.',
  methodP2:
    'It is a ratio, not a rate: the same person is not followed from the monitoring point to the centre. Some people helped came by another road or in another month, and a person seen at two points of the corridor is counted twice.',
  methodP3:
    'A centre serving several corridors is shown whole on each (its help is not split). Centres further on are shown but not added to the ratio, so nobody is counted twice. Which centre serves which corridor is reasoned from the roads (data/centre-routes.json).',
  unserved: 'No transit centre serves this corridor: {{reason}}',
  chain: 'Pathway diagram',
  table: 'Table of the same numbers',
  centre: 'Centre',
  monitoring: 'Monitoring',
  monitored: 'monitored',
  choose: 'Choose a corridor',
  outsideNote: 'Protected values: the same published monthly counts as the rest of the atlas.',
  empty: 'No month in the period.',
  chooseRoute: 'Select a corridor on the map or choose one here to see its pathway.',
};

export const fr: CatalogueOf<typeof en> = {
  title: 'Parcours : du corridor à l’aide',
  intro: 'Personnes observées en retour sur ce corridor, aidées dans les centres de transit qui le desservent, puis rentrées chez elles.',
  route: 'Corridor',
  month: 'Mois',
  observed: 'Entrées observées',
  observedAt: 'comptées en entrée à {{points}}',
  noPoint: 'aucun point de suivi',
  assistedAt: 'Aidées à {{centre}}',
  step: 'étape {{step}}',
  services: 'Services (une personne peut en recevoir plusieurs ; non additionnés)',
  returns: 'Retours volontaires assistés depuis {{centre}}',
  returnsShort: 'Retours',
  destinations: 'Par pays de destination',
  destinationsLocked: 'Les retours par destination sont publiés aux bailleurs et aux équipes du programme seulement.',
  noReturns: 'Aucun retour depuis ce centre ce mois-ci.',
  notMonitored: 'non suivi',
  notMonitoredTitle: 'Aucun point de suivi de ce corridor ne comptait ce mois-ci : il n’y a pas de comptage (et non zéro personne).',
  partly: 'suivi partiel ({{share}} des semaines)',
  partlyTitle: 'Certains points de suivi de ce corridor n’ont pas rendu compte chaque semaine du mois : le comptage est inférieur aux passages.',
  reach: 'Rapport de portée',
  reachValue: '{{ratio}} personne aidée au premier centre pour chaque personne observée',
  reachNone: 'pas de rapport',
  reachWithheld: 'masqué (un comptage qu’il divise est masqué)',
  method: 'Comment ce rapport est calculé, et ses limites',
  methodP1:
    'Rapport = personnes hébergées et nourries au premier centre de transit sur le chemin du retour, divisées par les personnes comptées en entrée aux points de suivi du corridor, le même mois.',
  methodP2:
    'C’est un rapport, pas un taux : la même personne n’est pas suivie du point de suivi au centre. Certaines personnes aidées sont venues par une autre route ou un autre mois, et une personne vue à deux points du corridor est comptée deux fois.',
  methodP3:
    'Un centre qui dessert plusieurs corridors est montré en entier sur chacun (son aide n’est pas partagée). Les centres suivants sont montrés mais pas ajoutés au rapport, pour ne compter personne deux fois. Le lien entre centres et corridors est raisonné à partir des routes (data/centre-routes.json).',
  unserved: 'Aucun centre de transit ne dessert ce corridor : {{reason}}',
  chain: 'Schéma du parcours',
  table: 'Tableau des mêmes chiffres',
  centre: 'Centre',
  monitoring: 'Suivi',
  monitored: 'suivi',
  choose: 'Choisir un corridor',
  outsideNote: 'Valeurs protégées : les mêmes comptages mensuels publiés que dans le reste de l’atlas.',
  empty: 'Aucun mois dans la période.',
  chooseRoute: 'Sélectionnez un corridor sur la carte ou choisissez-en un ici pour voir son parcours.',
};

registerCatalogue('pathway', { en, fr });
