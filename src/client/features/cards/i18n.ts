/**
 * The headline cards' words (namespace `cards`), English and French with the same keys. Each figure says how it is
 * counted. Importing this module registers the catalogue.
 */
import { registerCatalogue, type CatalogueOf } from '../../i18n/i18n';

export const en = {
  title: 'Headline figures',
  whole: 'All monitoring points',
  wholeCentres: 'All transit centres',
  period: '{{from}} – {{to}}',
  filters: 'Filters: {{filters}}',
  protectedNote: 'Protected counts: ≈ perturbed, † some cells withheld; shares worked out from them are approximate.',
  total: 'People counted',
  totalAssisted: 'People assisted',
  totalHow: 'People counted at monitoring points, each crossing once (someone crossing twice counts twice).',
  totalHowAssisted: 'People hosted with shelter and food at transit centres, each person once per stay.',
  minors: 'Minors',
  minorsHow: 'Share of the same people who were under 18 ({{count}} of {{total}}).',
  women: 'Women and girls',
  womenHow: 'Share of the same people who were female, all ages ({{count}} of {{total}}).',
  nationalities: 'Top nationalities',
  nationalitiesHow: 'Nationality as declared; share of the same people.',
  change: 'Change',
  changeHow: 'Against {{from}} – {{to}}, same place and filters.',
  changeNone: 'No earlier period in the data to compare with.',
  withheld: 'withheld',
  withheldTitle: 'Worked out from a withheld count: not shown, to protect individuals.',
  loading: 'Loading…',
};

export const fr: CatalogueOf<typeof en> = {
  title: 'Chiffres clés',
  whole: 'Tous les points de suivi',
  wholeCentres: 'Tous les centres de transit',
  period: '{{from}} – {{to}}',
  filters: 'Filtres : {{filters}}',
  protectedNote: 'Comptes protégés : ≈ perturbé, † des cellules masquées ; les parts calculées à partir d’eux sont approximatives.',
  total: 'Personnes comptées',
  totalAssisted: 'Personnes assistées',
  totalHow: 'Personnes comptées aux points de suivi, une fois par passage (une personne passée deux fois compte deux fois).',
  totalHowAssisted: 'Personnes hébergées et nourries dans les centres de transit, une fois par séjour.',
  minors: 'Mineurs',
  minorsHow: 'Part de ces personnes âgées de moins de 18 ans ({{count}} sur {{total}}).',
  women: 'Femmes et filles',
  womenHow: 'Part de ces personnes de sexe féminin, tous âges ({{count}} sur {{total}}).',
  nationalities: 'Principales nationalités',
  nationalitiesHow: 'Nationalité déclarée ; part de ces personnes.',
  change: 'Évolution',
  changeHow: 'Par rapport au {{from}} – {{to}}, même lieu et mêmes filtres.',
  changeNone: 'Pas de période antérieure dans les données pour comparer.',
  withheld: 'masqué',
  withheldTitle: 'Calculé à partir d’un compte masqué : non affiché, pour protéger les personnes.',
  loading: 'Chargement…',
};

registerCatalogue('cards', { en, fr });
