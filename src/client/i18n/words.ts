/** Small pieces of wording worked out before a catalogue string is filled in (they depend on numbers or lists). */
import { currentLanguage, type Language } from './i18n';

/** "1–9" for threshold k = 10: the true counts a withheld cell may hold. */
export const smallRange = (k: number): string => (k <= 2 ? '1' : `1–${k - 1}`);

/** ["a", "b", "c"] → "a, b and c" / "a, b ou c" (en-GB: no serial comma). */
export function joinList(items: readonly string[], type: 'and' | 'or', lang: Language = currentLanguage()): string {
  return new Intl.ListFormat(lang === 'en' ? 'en-GB' : 'fr', { type: type === 'and' ? 'conjunction' : 'disjunction' }).format(items);
}
