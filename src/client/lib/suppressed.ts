/**
 * Counts withheld by disclosure control, for display and for charts (pure functions, no React, no state).
 *
 * For external roles the server sends a withheld cell as `{ count: null, suppressed: true }` (hotspots:
 * `flows: null, flowsSuppressed: true`). Most are counts of 1…k−1, but secondary suppression also withholds some
 * cells of k or more, so that a small cell cannot be worked out by subtraction from a total — and an answer row does
 * not say which kind it is. So a withheld cell reads "withheld" (with `suppressedTitle` as its tooltip), never "<10",
 * which could be untrue. The "<k" form (`thresholdLabel`) is right only where the server withholds nothing but
 * small values: an answer's `total` (withheld only when it is 1…k−1) — use `displayCount(total, locale, { k, primary: true })`.
 */

/** Default threshold when the answer carries no `disclosure.k`. */
export const DEFAULT_K = 10;

/** A count as the API sends it, or a row / object carrying one. */
export type CountInput =
  | number
  | null
  | undefined
  | { count?: number | null | undefined; suppressed?: boolean | undefined };

export interface DisplayOptions {
  /** The threshold, from the answer's `disclosure.k` (or the session's access summary); default 10. */
  k?: number | undefined;
  /** Or the answer's whole `disclosure` object. */
  disclosure?: { k: number } | null | undefined;
  /**
   * The value can only have been withheld for being 1…k−1 (an answer's `total`, a cell of a one-cell answer):
   * shown as "<k" instead of "withheld".
   */
  primary?: boolean;
}

type Lang = 'en' | 'fr';
const langOf = (locale: string | undefined): Lang => ((locale ?? 'en').toLowerCase().startsWith('fr') ? 'fr' : 'en');
const kOf = (opts: DisplayOptions = {}) => {
  const k = opts.k ?? opts.disclosure?.k ?? DEFAULT_K;
  return Number.isInteger(k) && k > 0 ? k : DEFAULT_K;
};

const WORDS: Record<Lang, { label: string; title: (k: number) => string; missing: string }> = {
  en: {
    label: 'withheld',
    title: (k) => `Withheld to protect small numbers (fewer than ${k}, or withheld so that a small number cannot be worked out)`,
    missing: '—',
  },
  fr: {
    label: 'masqué',
    title: (k) => `Masqué pour protéger les petits effectifs (moins de ${k}, ou masqué pour qu’un petit effectif ne puisse pas être déduit)`,
    missing: '—',
  },
};

/** The visible text of a withheld count: "withheld" (fr "masqué"). */
export function suppressedLabel(locale?: string): string {
  return WORDS[langOf(locale)].label;
}

/** The tooltip / accessible description of a withheld count, with the threshold k. */
export function suppressedTitle(locale?: string, k: number = DEFAULT_K): string {
  return WORDS[langOf(locale)].title(kOf({ k }));
}

/** "<10" for threshold k (only truthful for a value withheld for being 1…k−1; see the module note). */
export function thresholdLabel(k: number = DEFAULT_K): string {
  return `<${kOf({ k })}`;
}

/** Is this count withheld by disclosure control? A bare `null` count is (the schemas use null for nothing else). */
export function isSuppressed(input: CountInput): boolean {
  if (input === null) return true;
  if (input === undefined || typeof input === 'number') return false;
  return input.suppressed === true || input.count === null;
}

/** The published number, or null when withheld or missing — for charts and scales to skip (never treat as 0). */
export function numericOrNull(input: CountInput): number | null {
  if (isSuppressed(input)) return null;
  const n = typeof input === 'number' ? input : input?.count;
  return typeof n === 'number' && Number.isFinite(n) ? n : null;
}

const formatters = new Map<string, Intl.NumberFormat>();
function integerFormat(locale: string): Intl.NumberFormat {
  let f = formatters.get(locale);
  if (!f) {
    f = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 });
    formatters.set(locale, f);
  }
  return f;
}

/**
 * A count as text: 12345 → "12,345" (fr "12 345"); withheld → "withheld" ("masqué"), or "<k" with `primary`;
 * missing → "—". Pair a withheld value with `suppressedTitle` (e.g. `title` / `aria-describedby`).
 */
export function displayCount(input: CountInput, locale = 'en', opts: DisplayOptions = {}): string {
  if (isSuppressed(input)) return opts.primary ? thresholdLabel(kOf(opts)) : suppressedLabel(locale);
  const n = numericOrNull(input);
  return n === null ? WORDS[langOf(locale)].missing : integerFormat(locale).format(n);
}

/** Text plus the tooltip to show with it (`title` is undefined for published numbers). */
export function describeCount(input: CountInput, locale = 'en', opts: DisplayOptions = {}): { text: string; title: string | undefined; suppressed: boolean } {
  const suppressed = isSuppressed(input);
  return { text: displayCount(input, locale, opts), title: suppressed ? suppressedTitle(locale, kOf(opts)) : undefined, suppressed };
}
