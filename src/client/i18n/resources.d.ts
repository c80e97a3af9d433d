/**
 * The catalogues' keys for the type checker: `t('dataAsOf', …)`, `t('hotspots:score', …)` and
 * `useTranslation('admin')` only accept keys that exist (in the English catalogues, which the French ones mirror).
 */
import 'i18next';
import type { common } from './common.en';
import type { en as adminEn } from '../features/admin/i18n';
import type { en as hotspotsEn } from '../features/hotspots/i18n';
import type { en as sessionEn } from '../features/session/i18n';
import type { en as mapEn } from '../map/i18n';

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'common';
    resources: {
      common: typeof common;
      admin: typeof adminEn;
      hotspots: typeof hotspotsEn;
      session: typeof sessionEn;
      map: typeof mapEn;
    };
    returnNull: false;
  }
}
