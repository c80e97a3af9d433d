/**
 * Every user-facing string of the client: an English and a French dictionary with the same keys
 * (the type checker enforces it). `t` is the current one; setLanguage switches it, the Intl formatters
 * and `<html lang>`. Components read `t` while rendering, and the app re-renders on a language change.
 */
import type { AgeGroup, Direction, PlaceKind, Service, Sex, Transport } from '../../shared/enums';
import { setFormatLocale } from './format';

/** "1–9" for threshold k = 10: the true counts a cell withholds. */
function smallRange(k: number): string {
  return k <= 2 ? '1' : `1–${k - 1}`;
}

export const en = {
  appTitle: 'Transit Atlas',
  appSubtitle: 'Migrant flows and IOM assistance through Niger',
  illustrativeBadge: 'Illustrative data',
  illustrativeFallback: 'Illustrative data — synthetic, not IOM data',
  dataAsOf: (date: string) => `Data as of ${date}`,
  loading: 'Loading…',
  updating: 'Updating…',
  basemapFallback: 'The online basemap could not be loaded: showing the offline map.',
  retry: 'Retry',
  close: 'Close',
  empty: 'No observations for this period and filter',
  errorTitle: 'Something went wrong',
  suppressed: 'withheld',
  suppressedTitle: 'Withheld to protect individuals: not published',
  forbiddenTitle: 'Not available without signing in',
  forbidden: 'This level of detail needs a signed-in account. Regional (admin-1) figures remain available.',
  staleAsOf: (time: string) => `Could not refresh — showing data as of ${time}`,

  /** How counts of outside roles are protected (cell-key perturbation): markers, footnotes and the methodology note. */
  protection: {
    perturbedLabel: 'perturbed to protect individuals',
    perturbedTitle: (maxNoise: number) => `Perturbed to protect individuals: each published cell is within ±${maxNoise} of the true count`,
    partialLabel: 'some cells withheld',
    partialTitle: 'Some cells were withheld to protect individuals and are not in this count',
    withheld: 'withheld',
    withheldTitle: 'Withheld to protect individuals: not published',
    approximateLabel: 'approximate: worked out from perturbed counts',
    footnote: (k: number, maxNoise: number) =>
      `Counts are perturbed by up to ±${maxNoise} and counts of ${smallRange(k)} are withheld to protect individuals; totals add up published cells.`,
    footnotePartial: 'some cells withheld: they are not in this count.',
    footnoteWithheld: 'not published, to protect individuals.',
    methodTitle: 'How counts are protected',
    method: (k: number, maxNoise: number) => [
      `These numbers are protected by the cell-key method, as in the Australian Bureau of Statistics’ TableBuilder and the UK’s 2021 Census flexible tables. The published cells are a calendar month (or year) × a monitoring point or transit centre × at most one breakdown (such as nationality, or sex and age group).`,
      `Each published cell gets a fixed amount of noise, between −${maxNoise} and +${maxNoise}, derived from a secret key: the same cell always gets the same noise however it is asked for, so asking again, or another way, reveals nothing new. A cell whose true count is ${smallRange(k)} is withheld (“withheld”); a count from ${k} to ${k + maxNoise - 1} may be published as 0. Every other number (a longer period, a route, a region, a total) is the sum of the published cells it covers.`,
      `Accuracy: each published cell is within ±${maxNoise} of the true count, and a sum of n cells within ±n × ${maxNoise} (the noise is unbiased, so it mostly cancels out and sums are usually much closer). A count marked † leaves out cells that were withheld, so it is lower than the true count (by at most ${k - 1} per withheld cell). Each cell is perturbed on its own, so the rows of a breakdown need not add up to the total beside them. Shares, changes and occupancy worked out from these counts are approximate too (≈).`,
      `Programme staff, signed in with a programme account, see exact counts by day and week.`,
    ],
    parameters: (k: number, maxNoise: number) => `Parameters of this answer: threshold k = ${k}, largest noise ±${maxNoise}, published cells by month.`,
    imageNote: (maxNoise: number) => `≈ perturbed counts (each cell within ±${maxNoise}); small counts withheld`,
  },

  views: {
    label: 'View',
    flows: 'Flows',
    donor: 'Donor impact',
    hotspots: 'Hotspots',
  },
  language: { label: 'Language', en: 'English', fr: 'Français' },
  hotspots: {
    placeholder: 'The hotspot regions view is being built: the regional choropleth and ranked table will appear here.',
    region: 'Region (admin-1)',
    title: 'Hotspot regions',
  },
  donor: {
    returns: 'Voluntary returns — width = people returned',
    returnsTable: 'Voluntary returns by destination',
    destination: 'Country of origin',
    returned: 'People returned',
    centres: 'Transit centres — people assisted',
    occupancy: 'Occupancy against capacity',
    occupancyFormula: (stay: number) =>
      `Estimated average nightly residents = people assisted × ${stay} days average stay ÷ days in the period, as a share of capacity (the ${stay}-day stay is an assumption).`,
    monthly: 'People assisted per month',
    print: 'Print brief',
  },
  time: {
    flowsTitle: 'People observed over the whole data range — drag to choose the period',
    assistedTitle: 'People assisted over the whole data range — drag to choose the period',
    play: 'Play',
    pause: 'Pause',
    snap: 'Snap to',
    week: 'weeks',
    month: 'months',
    brushLabel: 'Weekly totals over the whole data range with the chosen period highlighted; use the date fields to type a period.',
    scale: 'Scale',
    scaleAuto: 'fitted to this period',
    scaleFixed: 'fixed over all years (comparable while playing)',
  },
  compare: {
    change: 'Change',
    against: (from: string, to: string) => `Change against the previous equal period, ${from} – ${to}`,
    colourBy: 'Colour routes by',
    byDirection: 'Direction',
    byChange: 'Change vs previous period',
    legendTitle: 'Change in people observed vs previous period',
    noChange: 'No base to compare with',
    search: 'Find a place or route',
    searchHint: 'Type a name, then choose it to select it on the map',
  },
  exports: {
    label: 'Download',
    csv: 'CSV',
    geojson: 'GeoJSON',
    png: 'PNG image',
  },

  filters: {
    label: 'Filters',
    from: 'From',
    to: 'To',
    presets: 'Year',
    wholeRange: 'All',
    direction: 'Direction',
    nationality: 'Nationality',
    sex: 'Sex',
    ageGroup: 'Age group',
    any: 'All',
    reset: 'Reset filters',
    invalidDate: (min: string, max: string) => `Pick a date between ${min} and ${max}`,
  },

  direction: { incoming: 'Incoming', outgoing: 'Outgoing' } satisfies Record<Direction, string>,
  directionHint: {
    incoming: 'heading further into Niger',
    outgoing: 'heading towards Niger’s borders',
  } satisfies Record<Direction, string>,
  sex: { f: 'Women and girls', m: 'Men and boys' } satisfies Record<Sex, string>,
  transport: { car: 'Car', bus: 'Bus', truck: 'Truck', motorbike: 'Motorbike', other: 'Other' } satisfies Record<Transport, string>,
  ageGroup: { adult: 'Adults', minor: 'Minors' } satisfies Record<AgeGroup, string>,
  sexAge: {
    'f|adult': 'Women',
    'm|adult': 'Men',
    'f|minor': 'Girls',
    'm|minor': 'Boys',
  } as Record<string, string>,

  placeKind: {
    office: 'IOM office',
    transit_centre: 'Transit centre',
    monitoring_point: 'Flow monitoring point',
    hub: 'Hub city',
    border_crossing: 'Border crossing',
  } satisfies Record<PlaceKind, string>,

  service: {
    health: 'Health care',
    shelter_food: 'Shelter and food',
    family_tracing: 'Family tracing',
    unhcr_referral: 'Referral to UNHCR',
    voluntary_return: 'Assisted voluntary return',
    counselling: 'Counselling',
    reintegration: 'Reintegration',
  } satisfies Record<Service, string>,

  metric: {
    observed: 'people observed',
    assisted: 'people assisted',
    notMonitored: 'not monitored — no flow monitoring point on this route',
    inactive: (date: string) => `not active in this period (from ${date})`,
    withheld: (what: string) => `${what}: withheld`,
  },

  legend: {
    title: 'Legend',
    show: 'Show legend',
    hide: 'Hide legend',
    routes: 'Routes — width = people observed',
    routeColour: 'Colour',
    bothDirections: 'Both directions',
    notMonitored: 'not monitored',
    places: 'Places',
    centreSize: 'Transit centres — size = people assisted',
    centreEmpty: 'faint: nobody assisted in the period',
    inactivePoint: 'Monitoring point not active in period',
    sideBySide: 'Places in the same town are drawn side by side.',
  },

  panel: {
    region: 'Panel',
    peopleAssisted: 'People assisted',
    peopleObserved: 'People observed',
    capacity: 'Capacity',
    places: (n: string) => `${n} places`,
    byDirection: 'By direction',
    services: 'Services delivered',
    weekly: 'Per week',
    weeklyAssisted: 'People assisted per week',
    weeklyObserved: 'People observed per week',
    monthlyObserved: 'People observed per month',
    bySex: 'By sex',
    byAge: 'By age group',
    byNationality: 'By nationality',
    bySexAge: 'By sex and age group',
    byTransport: 'By means of transport',
    activeFrom: 'Active from',
    observes: 'Observes routes',
    monitoredBy: 'Monitored by',
    corridor: 'Corridor',
    length: 'Length',
    km: (n: string) => `${n} km`,
    onRoutes: 'On routes',
    noFigures: 'No figures are recorded for this place.',
    notMonitored: 'No flow monitoring point observes this route, so there are no counts for it.',
    country: 'Country',
    source: 'Source',
    period: (from: string, to: string) => `${from} – ${to}`,
    shareOfTotal: 'share',
    other: 'Other',
  },

  overview: {
    title: 'In this period',
    hint: 'The map as tables. Choose a name to see its details.',
    show: 'Tables',
    hide: 'Hide tables',
    name: 'Name',
    routes: 'Routes',
    points: 'Flow monitoring points',
    centres: 'Transit centres',
    observed: 'People observed',
    assisted: 'People assisted',
    inactive: 'not active',
  },

  chart: {
    timeSeriesDesc: (label: string, from: string, to: string, max: string) =>
      `${label} from ${from} to ${to}; highest week ${max}.`,
    tableCaption: (label: string) => `${label} (table)`,
    week: 'Week starting',
    month: 'Month',
    count: 'Count',
    noData: 'No data',
    perturbedNote: 'Counts perturbed to protect individuals.',
    partialNote: '† Some points leave out withheld cells.',
    withheldNote: (n: number) =>
      n === 1 ? 'Gap (○): 1 point withheld to protect individuals.' : `Gaps (○): ${n} points withheld to protect individuals.`,
  },
};

export type Strings = typeof en;

export const fr: Strings = {
  appTitle: 'Transit Atlas',
  appSubtitle: 'Flux migratoires et assistance de l’OIM à travers le Niger',
  illustrativeBadge: 'Données illustratives',
  illustrativeFallback: 'Données illustratives — synthétiques, pas des données de l’OIM',
  dataAsOf: (date: string) => `Données au ${date}`,
  loading: 'Chargement…',
  updating: 'Mise à jour…',
  basemapFallback: 'Le fond de carte en ligne n’a pas pu être chargé : carte hors ligne affichée.',
  retry: 'Réessayer',
  close: 'Fermer',
  empty: 'Aucune observation pour cette période et ce filtre',
  errorTitle: 'Une erreur est survenue',
  suppressed: 'masqué',
  suppressedTitle: 'Masqué pour protéger les personnes : non publié',
  forbiddenTitle: 'Non disponible sans connexion',
  forbidden: 'Ce niveau de détail nécessite un compte connecté. Les chiffres régionaux (admin-1) restent disponibles.',
  staleAsOf: (time: string) => `Actualisation impossible — données affichées au ${time}`,

  protection: {
    perturbedLabel: 'perturbé pour protéger les personnes',
    perturbedTitle: (maxNoise: number) => `Perturbé pour protéger les personnes : chaque cellule publiée est à ±${maxNoise} près de l’effectif réel`,
    partialLabel: 'cellules masquées non comptées',
    partialTitle: 'Des cellules ont été masquées pour protéger les personnes et ne sont pas comptées ici',
    withheld: 'masqué',
    withheldTitle: 'Masqué pour protéger les personnes : non publié',
    approximateLabel: 'approximatif : calculé à partir d’effectifs perturbés',
    footnote: (k: number, maxNoise: number) =>
      `Les effectifs sont perturbés de ±${maxNoise} au plus et les effectifs de ${smallRange(k)} sont masqués pour protéger les personnes ; les totaux additionnent les cellules publiées.`,
    footnotePartial: 'des cellules masquées ne sont pas comptées dans cet effectif.',
    footnoteWithheld: 'non publié, pour protéger les personnes.',
    methodTitle: 'Comment les effectifs sont protégés',
    method: (k: number, maxNoise: number) => [
      `Ces chiffres sont protégés par la méthode de la clé de cellule (cell-key), comme dans TableBuilder du Bureau australien des statistiques et les tableaux à la demande du recensement britannique de 2021. Les cellules publiées sont un mois civil (ou une année) × un point de suivi des flux ou un centre de transit × au plus une ventilation (par exemple la nationalité, ou le sexe et le groupe d’âge).`,
      `Chaque cellule publiée reçoit un bruit fixe, entre −${maxNoise} et +${maxNoise}, tiré d’une clé secrète : la même cellule reçoit toujours le même bruit, quelle que soit la façon de la demander ; la redemander, ou autrement, n’apprend rien de plus. Une cellule dont l’effectif réel est de ${smallRange(k)} est masquée (« masqué ») ; un effectif de ${k} à ${k + maxNoise - 1} peut être publié comme 0. Tout autre chiffre (une période plus longue, une route, une région, un total) est la somme des cellules publiées qu’il couvre.`,
      `Précision : chaque cellule publiée est à ±${maxNoise} près de l’effectif réel, une somme de n cellules à ±n × ${maxNoise} près (le bruit est sans biais : il se compense en grande partie et les sommes sont en général bien plus proches). Un effectif marqué † ne compte pas les cellules masquées : il est inférieur à l’effectif réel (de ${k - 1} au plus par cellule masquée). Chaque cellule est perturbée séparément : les lignes d’une ventilation ne s’additionnent pas forcément au total affiché à côté. Les parts, évolutions et taux d’occupation calculés à partir de ces effectifs sont eux aussi approximatifs (≈).`,
      `Le personnel des programmes, connecté avec un compte « programme », voit les effectifs exacts par jour et par semaine.`,
    ],
    parameters: (k: number, maxNoise: number) => `Paramètres de cette réponse : seuil k = ${k}, bruit maximal ±${maxNoise}, cellules publiées par mois.`,
    imageNote: (maxNoise: number) => `≈ effectifs perturbés (chaque cellule à ±${maxNoise} près) ; petits effectifs masqués`,
  },

  views: {
    label: 'Vue',
    flows: 'Flux',
    donor: 'Impact pour les bailleurs',
    hotspots: 'Points chauds',
  },
  language: { label: 'Langue', en: 'English', fr: 'Français' },
  hotspots: {
    placeholder: 'La vue des régions « points chauds » est en préparation : la carte choroplèthe régionale et le classement apparaîtront ici.',
    region: 'Région (admin-1)',
    title: 'Régions points chauds',
  },
  donor: {
    returns: 'Retours volontaires — épaisseur = personnes retournées',
    returnsTable: 'Retours volontaires par destination',
    destination: 'Pays d’origine',
    returned: 'Personnes retournées',
    centres: 'Centres de transit — personnes assistées',
    occupancy: 'Occupation par rapport à la capacité',
    occupancyFormula: (stay: number) =>
      `Résidents moyens par nuit estimés = personnes assistées × séjour moyen de ${stay} jours ÷ jours de la période, en part de la capacité (le séjour de ${stay} jours est une hypothèse).`,
    monthly: 'Personnes assistées par mois',
    print: 'Imprimer la fiche',
  },
  time: {
    flowsTitle: 'Personnes observées sur toute la période des données — faites glisser pour choisir la période',
    assistedTitle: 'Personnes assistées sur toute la période des données — faites glisser pour choisir la période',
    play: 'Lecture',
    pause: 'Pause',
    snap: 'Caler sur',
    week: 'semaines',
    month: 'mois',
    brushLabel: 'Totaux hebdomadaires sur toute la période des données, période choisie en surbrillance ; utilisez les champs de date pour saisir une période.',
    scale: 'Échelle',
    scaleAuto: 'ajustée à cette période',
    scaleFixed: 'fixe sur toutes les années (comparable pendant la lecture)',
  },
  compare: {
    change: 'Évolution',
    against: (from: string, to: string) => `Évolution par rapport à la période précédente de même durée, ${from} – ${to}`,
    colourBy: 'Couleur des routes selon',
    byDirection: 'Sens',
    byChange: 'Évolution vs période précédente',
    legendTitle: 'Évolution des personnes observées vs période précédente',
    noChange: 'Pas de base de comparaison',
    search: 'Trouver un lieu ou une route',
    searchHint: 'Saisissez un nom puis choisissez-le pour le sélectionner sur la carte',
  },
  exports: {
    label: 'Télécharger',
    csv: 'CSV',
    geojson: 'GeoJSON',
    png: 'Image PNG',
  },

  filters: {
    label: 'Filtres',
    from: 'Du',
    to: 'Au',
    presets: 'Année',
    wholeRange: 'Tout',
    direction: 'Sens',
    nationality: 'Nationalité',
    sex: 'Sexe',
    ageGroup: 'Groupe d’âge',
    any: 'Tous',
    reset: 'Réinitialiser les filtres',
    invalidDate: (min: string, max: string) => `Choisissez une date entre le ${min} et le ${max}`,
  },

  direction: { incoming: 'Entrants', outgoing: 'Sortants' },
  directionHint: {
    incoming: 'vers l’intérieur du Niger',
    outgoing: 'vers les frontières du Niger',
  },
  sex: { f: 'Femmes et filles', m: 'Hommes et garçons' },
  transport: { car: 'Voiture', bus: 'Bus', truck: 'Camion', motorbike: 'Moto', other: 'Autre' },
  ageGroup: { adult: 'Adultes', minor: 'Mineurs' },
  sexAge: {
    'f|adult': 'Femmes',
    'm|adult': 'Hommes',
    'f|minor': 'Filles',
    'm|minor': 'Garçons',
  },

  placeKind: {
    office: 'Bureau de l’OIM',
    transit_centre: 'Centre de transit',
    monitoring_point: 'Point de suivi des flux',
    hub: 'Ville carrefour',
    border_crossing: 'Poste frontière',
  },

  service: {
    health: 'Soins de santé',
    shelter_food: 'Hébergement et alimentation',
    family_tracing: 'Recherche familiale',
    unhcr_referral: 'Orientation vers le HCR',
    voluntary_return: 'Retour volontaire assisté',
    counselling: 'Conseil',
    reintegration: 'Réintégration',
  },

  metric: {
    observed: 'personnes observées',
    assisted: 'personnes assistées',
    notMonitored: 'non suivie — aucun point de suivi des flux sur cette route',
    inactive: (date: string) => `inactif sur cette période (à partir du ${date})`,
    withheld: (what: string) => `${what} : masqué`,
  },

  legend: {
    title: 'Légende',
    show: 'Afficher la légende',
    hide: 'Masquer la légende',
    routes: 'Routes — épaisseur = personnes observées',
    routeColour: 'Couleur',
    bothDirections: 'Les deux sens',
    notMonitored: 'non suivie',
    places: 'Lieux',
    centreSize: 'Centres de transit — taille = personnes assistées',
    centreEmpty: 'pâle : personne assistée sur la période',
    inactivePoint: 'Point de suivi inactif sur la période',
    sideBySide: 'Les lieux d’une même ville sont dessinés côte à côte.',
  },

  panel: {
    region: 'Panneau',
    peopleAssisted: 'Personnes assistées',
    peopleObserved: 'Personnes observées',
    capacity: 'Capacité',
    places: (n: string) => `${n} places`,
    byDirection: 'Par sens',
    services: 'Services fournis',
    weekly: 'Par semaine',
    weeklyAssisted: 'Personnes assistées par semaine',
    weeklyObserved: 'Personnes observées par semaine',
    monthlyObserved: 'Personnes observées par mois',
    bySex: 'Par sexe',
    byAge: 'Par groupe d’âge',
    byNationality: 'Par nationalité',
    bySexAge: 'Par sexe et groupe d’âge',
    byTransport: 'Par moyen de transport',
    activeFrom: 'Actif depuis',
    observes: 'Routes observées',
    monitoredBy: 'Suivie par',
    corridor: 'Corridor',
    length: 'Longueur',
    km: (n: string) => `${n} km`,
    onRoutes: 'Sur les routes',
    noFigures: 'Aucun chiffre n’est enregistré pour ce lieu.',
    notMonitored: 'Aucun point de suivi des flux n’observe cette route : il n’y a pas de comptage.',
    country: 'Pays',
    source: 'Source',
    period: (from: string, to: string) => `${from} – ${to}`,
    shareOfTotal: 'part',
    other: 'Autres',
  },

  overview: {
    title: 'Sur cette période',
    hint: 'La carte sous forme de tableaux. Choisissez un nom pour voir le détail.',
    show: 'Tableaux',
    hide: 'Masquer les tableaux',
    name: 'Nom',
    routes: 'Routes',
    points: 'Points de suivi des flux',
    centres: 'Centres de transit',
    observed: 'Personnes observées',
    assisted: 'Personnes assistées',
    inactive: 'inactif',
  },

  chart: {
    timeSeriesDesc: (label: string, from: string, to: string, max: string) =>
      `${label} du ${from} au ${to} ; semaine la plus haute ${max}.`,
    tableCaption: (label: string) => `${label} (tableau)`,
    week: 'Semaine du',
    month: 'Mois',
    count: 'Effectif',
    noData: 'Aucune donnée',
    perturbedNote: 'Effectifs perturbés pour protéger les personnes.',
    partialNote: '† Certains points ne comptent pas des cellules masquées.',
    withheldNote: (n: number) =>
      n === 1 ? 'Trou (○) : 1 point masqué pour protéger les personnes.' : `Trous (○) : ${n} points masqués pour protéger les personnes.`,
  },
};

export const DICTIONARIES = { en, fr } as const;
export type Language = keyof typeof DICTIONARIES;

/** The current dictionary (a live binding: importers see the switch). */
export let t: Strings = en;
export let language: Language = 'en';

/** Switches the words, the Intl number/date formats and `<html lang>`. */
export function setLanguage(lang: Language): void {
  language = lang;
  t = DICTIONARIES[lang];
  setFormatLocale(lang);
  if (typeof document !== 'undefined') document.documentElement.lang = lang;
}
