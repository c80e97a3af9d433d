/**
 * The catalogues' keys for the type checker: `t('dataAsOf', …)`, `t('hotspots:score', …)` and
 * `useTranslation('admin')` only accept keys that exist (in the English catalogues, which the French ones mirror).
 */
import 'i18next';
import type { common } from './common.en';
import type { en as adminEn } from '../features/admin/i18n';
import type { en as donorEn } from '../features/donor/i18n';
import type { en as hotspotsEn } from '../features/hotspots/i18n';
import type { en as hotspotsPanelEn } from '../features/hotspots/panel-i18n';
import type { en as sessionEn } from '../features/session/i18n';
import type { en as timeEn } from '../features/time/i18n';
import type { en as cardsEn } from '../features/cards/i18n';
import type { en as shellEn } from '../components/shell-i18n';
import type { en as coverageEn } from '../components/coverage-i18n';
import type { en as mapEn } from '../map/i18n';
import type { en as pathwayEn } from '../features/pathway/i18n';
import type { en as pressureEn } from '../features/pressure/i18n';

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'common';
    resources: {
      common: typeof common;
      admin: typeof adminEn;
      donor: typeof donorEn;
      hotspots: typeof hotspotsEn;
      hotspotsPanel: typeof hotspotsPanelEn;
      session: typeof sessionEn;
      time: typeof timeEn;
      cards: typeof cardsEn;
      shell: typeof shellEn;
      coverage: typeof coverageEn;
      map: typeof mapEn;
      pathway: typeof pathwayEn;
      pressure: typeof pressureEn;
    };
    returnNull: false;
  }
}
