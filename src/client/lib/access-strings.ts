/**
 * Words of "what this role can use" in English and French: the notice for a view a link asked for that the role
 * cannot use, the reasons a filter is disabled. Apart from the main dictionary (strings.ts) so that the shell and the
 * filter bar own their words; `accessStrings()` follows the current language.
 */
import type { Role } from '../../shared/enums';
import type { View } from '../../shared/views';
import { language, t } from './strings';

const list = (names: string[], and: string) => (names.length <= 1 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} ${and} ${names.at(-1)}`);

export const ACCESS_STRINGS = {
  en: {
    /** Who a role is, in "for …" phrases. */
    audience: {
      public: 'signed-out visitors',
      donor: 'donors',
      government: 'government liaisons',
      programme: 'programme staff',
      admin: 'administrators',
    } satisfies Record<Role, string>,
    /** The account a role signs in with ("your donor account"). */
    account: { public: '', donor: 'donor', government: 'government', programme: 'programme', admin: 'admin' } satisfies Record<Role, string>,
    /** Who a view is for (the roles whose access includes it). */
    viewFor: {
      flows: 'every visitor',
      donor: 'donors and programme staff',
      hotspots: 'government liaisons and programme staff',
    } satisfies Record<View, string>,
    viewNotice: (view: string, forWhom: string, signedOut: boolean, account: string) =>
      signedOut ? `${view} is for ${forWhom} — sign in to see it.` : `${view} is for ${forWhom}: your ${account} account does not include it.`,
    dismiss: 'Dismiss',
    /** Why a filter is disabled. */
    notInView: {
      flows: () => 'Not applied in this view.',
      donor: (filter: string) => `Not applied in ${t.views.donor}: assistance is not counted by ${filter.toLowerCase()}.`,
      hotspots: () => `Not applied in ${t.views.hotspots}: regions are ranked by everyone counted.`,
    } satisfies Record<View, (filter: string) => string>,
    notForAudience: (view: string, who: string, filter: string) => `Not applied in ${view} for ${who}: its counts are not published by ${filter.toLowerCase()}.`,
    oneAtATime: (who: string, set: string[]) => `One breakdown at a time for ${who}; clear ${list(set, 'and')} first.`,
    wholeMonths: (who: string) => `Whole months for ${who}: dates move to the 1st and the last day of their month.`,
    centresNotFiltered: (filters: string[]) => `Transit centres show people assisted, not filtered by ${list(filters.map((f) => f.toLowerCase()), 'or')}.`,
    /** The filter bar, when none of its breakdown filters applies in the view for the role. */
    noBreakdownApplies: (view: string, who: string) =>
      `Direction, nationality, sex and age group are not applied in ${view} for ${who} (hover over a filter for the reason).`,
    /** A panel breakdown asked without some filters (one breakdown at a time). */
    breakdownNotFiltered: (who: string, filters: string[]) =>
      `Not filtered by ${list(filters.map((f) => f.toLowerCase()), 'or')}: one breakdown at a time for ${who}.`,
    /** A panel breakdown the role cannot be sent at all. */
    breakdownLocked: (who: string) => `Not published for ${who}: one breakdown of the people counted at a time. Programme staff see it.`,
  },
  fr: {
    audience: {
      public: 'les visiteurs non connectés',
      donor: 'les bailleurs',
      government: 'les agents de liaison gouvernementaux',
      programme: 'le personnel des programmes',
      admin: 'les administrateurs',
    } satisfies Record<Role, string>,
    account: { public: '', donor: 'bailleur', government: 'gouvernement', programme: 'programme', admin: 'administrateur' } satisfies Record<Role, string>,
    viewFor: {
      flows: 'à tous les visiteurs',
      donor: 'aux bailleurs et au personnel des programmes',
      hotspots: 'aux agents de liaison gouvernementaux et au personnel des programmes',
    } satisfies Record<View, string>,
    viewNotice: (view: string, forWhom: string, signedOut: boolean, account: string) =>
      signedOut
        ? `La vue « ${view} » est réservée ${forWhom} — connectez-vous pour la voir.`
        : `La vue « ${view} » est réservée ${forWhom} : votre compte ${account} ne la comprend pas.`,
    dismiss: 'Fermer',
    notInView: {
      flows: () => 'Non appliqué dans cette vue.',
      donor: (filter: string) => `Non appliqué dans « ${t.views.donor} » : l’assistance n’est pas comptée par ${filter.toLowerCase()}.`,
      hotspots: () => `Non appliqué dans « ${t.views.hotspots} » : les régions sont classées selon toutes les personnes comptées.`,
    } satisfies Record<View, (filter: string) => string>,
    notForAudience: (view: string, who: string, filter: string) =>
      `Non appliqué dans « ${view} » pour ${who} : ses effectifs ne sont pas publiés par ${filter.toLowerCase()}.`,
    oneAtATime: (who: string, set: string[]) => `Une ventilation à la fois pour ${who} ; effacez d’abord ${list(set, 'et')}.`,
    wholeMonths: (who: string) => `Mois entiers pour ${who} : les dates sont ramenées au 1er et au dernier jour de leur mois.`,
    centresNotFiltered: (filters: string[]) =>
      `Les centres de transit montrent les personnes assistées, sans filtre par ${list(filters.map((f) => f.toLowerCase()), 'ou')}.`,
    noBreakdownApplies: (view: string, who: string) =>
      `Direction, nationalité, sexe et groupe d’âge ne sont pas appliqués dans « ${view} » pour ${who} (survolez un filtre pour en voir la raison).`,
    breakdownNotFiltered: (who: string, filters: string[]) =>
      `Sans filtre par ${list(filters.map((f) => f.toLowerCase()), 'ou')} : une ventilation à la fois pour ${who}.`,
    breakdownLocked: (who: string) =>
      `Non publié pour ${who} : une seule ventilation des personnes comptées à la fois. Le personnel des programmes la voit.`,
  },
};

export type AccessStrings = (typeof ACCESS_STRINGS)['en'];

/** The words of the current language. */
export function accessStrings(): AccessStrings {
  return ACCESS_STRINGS[language];
}
