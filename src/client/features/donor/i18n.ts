/**
 * The donor view's own words (namespace `donor`), English and French with the same keys: the centre × service
 * matrix, the voluntary-returns map and bars, and the printed brief. The older donor words stay in the common
 * catalogue (`donor.*`). Importing this module registers the catalogue.
 */
import { registerCatalogue, type CatalogueOf } from '../../i18n/i18n';

export const en = {
  matrix: {
    caption: 'People assisted per service and transit centre, {{period}}',
    service: 'Service',
    allCentres: 'All centres',
    allServices: 'All services (services delivered)',
    changeLegend: 'Small figures: change on the same months a year earlier ({{from}} – {{to}}), worked out from the numbers shown.',
    noPrevious: 'No data a year earlier: no change shown.',
    peopleNote:
      '“Shelter and food” is the number of people assisted: everyone hosted gets it. The other services are subsets of the same people; one person can get several, so services are not added up into people.',
    totalsNote:
      'Totals are the API’s own: “All centres” adds each service’s published cells over the centres on the server (it equals the sum of the column shown); “All services” counts service deliveries (one person once per service), from each centre’s own published total, perturbed on its own, so it can differ by a few from the sum of its column.',
    totalsNoteExact: 'Totals are the API’s own: “All centres” adds the centres; “All services” counts service deliveries (one person once per service).',
    notApplied: 'Filters not applied to this table (one breakdown at a time for your role): {{filters}}.',
  },
  returns: {
    title: 'Voluntary returns by country of origin',
    from: 'Returns from',
    allCentres: 'All transit centres',
    total: 'All countries',
    mapHint: 'On the map: a circle at each capital, sized and labelled by the people returned. Choose a centre to draw its returns as arcs.',
    legendCapital: 'Capital of origin — size = people returned',
    legendArc: 'Return from the chosen centre — width = people returned',
  },
  brief: {
    title: 'Donor brief',
    chart: 'Voluntary returns, top countries',
  },
};

export const fr: CatalogueOf<typeof en> = {
  matrix: {
    caption: 'Personnes assistées par service et centre de transit, {{period}}',
    service: 'Prestation',
    allCentres: 'Tous les centres',
    allServices: 'Tous les services (services rendus)',
    changeLegend: 'Petits chiffres : évolution par rapport aux mêmes mois un an plus tôt ({{from}} – {{to}}), calculée à partir des nombres affichés.',
    noPrevious: 'Pas de données un an plus tôt : pas d’évolution affichée.',
    peopleNote:
      '« Hébergement et repas » est le nombre de personnes assistées : toute personne hébergée en bénéficie. Les autres services concernent une partie de ces mêmes personnes ; une personne peut en recevoir plusieurs, les services ne s’additionnent donc pas en personnes.',
    totalsNote:
      'Les totaux sont ceux de l’API : « Tous les centres » additionne sur le serveur les cellules publiées de chaque service sur les centres (égal à la somme de la colonne affichée) ; « Tous les services » compte les services rendus (une personne une fois par service), d’après le total publié de chaque centre, perturbé à part, qui peut donc différer de quelques unités de la somme de sa colonne.',
    totalsNoteExact:
      'Les totaux sont ceux de l’API : « Tous les centres » additionne les centres ; « Tous les services » compte les services rendus (une personne une fois par service).',
    notApplied: 'Filtres non appliqués à ce tableau (une seule ventilation à la fois pour votre rôle) : {{filters}}.',
  },
  returns: {
    title: 'Retours volontaires par pays d’origine',
    from: 'Retours depuis',
    allCentres: 'Tous les centres de transit',
    total: 'Tous les pays',
    mapHint:
      'Sur la carte : un cercle sur chaque capitale, dimensionné et étiqueté selon les personnes retournées. Choisissez un centre pour tracer ses retours en arcs.',
    legendCapital: 'Capitale d’origine — taille = personnes retournées',
    legendArc: 'Retour depuis le centre choisi — épaisseur = personnes retournées',
  },
  brief: {
    title: 'Note aux bailleurs',
    chart: 'Retours volontaires, principaux pays',
  },
};

registerCatalogue('donor', { en, fr });
