/**
 * Dataset-provided text in the interface language: the meta answer carries English and, where the dataset has
 * them, French versions (notice, event labels, country names). Falls back to English. `lang` defaults to the
 * interface language (./i18n.ts); components pass `useLanguage()` so they re-render with it.
 */
import type { MetaResponse } from '../../shared/api';
import { currentLanguage } from './i18n';

type Nationality = MetaResponse['nationalities'][number];
type DatasetEvent = MetaResponse['events'][number];

export function countryName(n: Pick<Nationality, 'name' | 'nameFr'>, lang: string = currentLanguage()): string {
  return lang === 'fr' && n.nameFr ? n.nameFr : n.name;
}

export function eventLabel(e: Pick<DatasetEvent, 'label' | 'labelFr'>, lang: string = currentLanguage()): string {
  return lang === 'fr' && e.labelFr ? e.labelFr : e.label;
}

export function datasetNotice(meta: Pick<MetaResponse, 'notice' | 'noticeFr'>, lang: string = currentLanguage()): string {
  return lang === 'fr' && meta.noticeFr ? meta.noticeFr : meta.notice;
}

/** id → name in the interface language, for breakdown labels. */
export function countryNames(meta: Pick<MetaResponse, 'nationalities'> | undefined, lang: string = currentLanguage()): Map<string, string> {
  return new Map((meta?.nationalities ?? []).map((n) => [n.id, countryName(n, lang)]));
}
