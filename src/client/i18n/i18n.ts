/**
 * THE interface language and its words: one i18next instance, one language state.
 *
 * - Words live in catalogues, one namespace per feature (`common` for the shell, the map and shared components);
 *   each catalogue has an English and a French version with the same keys (tests/unit/i18n-catalogues.test.ts fails
 *   when a key exists in one language only). Plurals are i18next's (`key_one` / `key_other`, from Intl.PluralRules).
 * - The current language is i18next's own (`i18n.language`): components read it through react-i18next's
 *   `useTranslation` (and re-render when it changes), code outside React through `currentLanguage()`. `<html lang>`
 *   follows it. Nothing else holds a copy.
 * - English ships with the first load; French catalogues of the shell load when French is first chosen
 *   (`setLanguage` awaits them), so the first map's JavaScript stays within its budget.
 */
import i18next, { type Resource } from 'i18next';
import { initReactI18next, useTranslation } from 'react-i18next';
import { common as commonEn } from './common.en';

export const LANGUAGES = ['en', 'fr'] as const;
export type Language = (typeof LANGUAGES)[number];
export const isLanguage = (s: unknown): s is Language => typeof s === 'string' && (LANGUAGES as readonly string[]).includes(s);

/** A catalogue in another language: the same keys as the English one, every leaf a string. */
export type CatalogueOf<T> = { [K in keyof T]: T[K] extends string ? string : CatalogueOf<T[K]> };

export const i18n = i18next.createInstance();

void i18n.use(initReactI18next).init({
  lng: 'en',
  fallbackLng: 'en',
  supportedLngs: [...LANGUAGES],
  defaultNS: 'common',
  ns: ['common'],
  resources: { en: { common: commonEn } } satisfies Resource,
  initAsync: false,
  // React escapes what it renders; MapLibre popups are built with textContent.
  interpolation: { escapeValue: false },
  returnNull: false,
  showSupportNotice: false,
} as Parameters<typeof i18n.init>[0]);

i18n.on('languageChanged', (lng) => {
  if (typeof document !== 'undefined') document.documentElement.lang = lng;
});

/** Catalogues loaded on demand: the shell's French words (the feature catalogues register themselves). */
const lazyBundles: Record<Language, Array<{ ns: string; load: () => Promise<object> }>> = {
  en: [],
  fr: [{ ns: 'common', load: () => import('./common.fr').then((m) => m.common) }],
};

/** A feature's catalogue, in both languages (called once, by the feature's catalogue module). */
export function registerCatalogue<T extends object>(ns: string, catalogues: { en: T; fr: CatalogueOf<T> }): void {
  for (const lng of LANGUAGES) {
    if (!i18n.hasResourceBundle(lng, ns)) i18n.addResourceBundle(lng, ns, catalogues[lng], true, false);
  }
}

/** The interface language now. */
export function currentLanguage(): Language {
  const l = i18n.resolvedLanguage ?? i18n.language;
  return isLanguage(l) ? l : 'en';
}

/** Switches the interface language (loading its catalogues first): words, number and date formats, `<html lang>`. */
export async function setLanguage(lang: Language): Promise<void> {
  await Promise.all(
    lazyBundles[lang].filter((b) => !i18n.hasResourceBundle(lang, b.ns)).map(async (b) => i18n.addResourceBundle(lang, b.ns, await b.load(), true, false)),
  );
  if (i18n.language !== lang) await i18n.changeLanguage(lang);
  else if (typeof document !== 'undefined') document.documentElement.lang = lang;
}

/** The current language, re-rendering the component when it changes. */
export function useLanguage(): Language {
  const { i18n: instance } = useTranslation();
  const l = instance.resolvedLanguage ?? instance.language;
  return isLanguage(l) ? l : 'en';
}

export { useTranslation };
