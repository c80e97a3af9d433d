/**
 * How a protected count reads, for display, charts and exports (no React, no state of their own: the words and
 * numbers are in the `locale` given, else in the interface language of src/client/i18n/i18n.ts).
 *
 * Outside roles (signed out, donor, government) are answered from published cells perturbed by the cell-key method
 * (the answer's `disclosure`: `{ method: 'cell-key', k, maxNoise, resolution }`). A row of such an answer says:
 * - `{ count: null, suppressed: true }`: withheld. It reads "withheld" (fr "masqué"), never "fewer than k": a sum of cells can
 *   be withheld whatever its size, and the wording must not claim a range;
 * - `perturbed: true`: the count is within ±maxNoise per published cell of the truth. It reads "≈12,340";
 * - `partial: true`: some of the cells it adds up were withheld and are not in it. It reads "12,340†".
 * An answer's `total` carries no `perturbed` flag: it is perturbed when the answer has a `disclosure` (see `totalOf`),
 * partial with `totalPartial`. Hotspots regions say the same with `flowsSuppressed` / `flowsPartial` (see `regionCount`).
 * Programme and admin answers are exact: no flags, no `disclosure`, no marks.
 */
import type { DisclosureInfo } from '../../shared/api';
import { currentLanguage, i18n, type Language } from '../i18n/i18n';
import { formatters } from '../i18n/format';
import { smallRange } from '../i18n/words';

/** Threshold and largest noise when an answer carries no `disclosure` (the server's defaults). */
export const DEFAULT_K = 10;
export const DEFAULT_MAX_NOISE = 3;

/** Marks of a perturbed count (before the number) and of a partial one (after it). */
export const PERTURBED_MARK = '≈';
export const PARTIAL_MARK = '†';

/** The flags of one count, as rows carry them. */
export interface CountFlags {
  count?: number | null | undefined;
  suppressed?: boolean | undefined;
  perturbed?: boolean | undefined;
  partial?: boolean | undefined;
}

/** A count as the API sends it, or a row / object carrying one. A bare `null` is a withheld count. */
export type CountInput = number | null | undefined | CountFlags;

/** Everything a display needs to know about a count. */
export interface CountInfo {
  /** The published number; null when withheld or missing. */
  value: number | null;
  withheld: boolean;
  /** Nothing to show (no row, no number): "—". */
  missing: boolean;
  perturbed: boolean;
  partial: boolean;
}

/** 'fr', 'fr-FR' → 'fr'; another locale → 'en'; none → the interface language. */
const langOf = (locale: string | undefined): Language => (locale === undefined ? currentLanguage() : locale.toLowerCase().startsWith('fr') ? 'fr' : 'en');
/** A `protection.*` text of the common catalogue in the locale's language. */
const words = (locale: string | undefined, key: 'withheld' | 'withheldTitle' | 'perturbedLabel' | 'partialLabel' | 'partialTitle'): string =>
  i18n.t(`protection.${key}`, { lng: langOf(locale) });

/** k and maxNoise from an answer's `disclosure` (sane defaults for anything else). */
export function parametersOf(disclosure?: Partial<Pick<DisclosureInfo, 'k' | 'maxNoise'>> | null): { k: number; maxNoise: number } {
  const k = disclosure?.k;
  const m = disclosure?.maxNoise;
  return {
    k: typeof k === 'number' && Number.isInteger(k) && k > 0 ? k : DEFAULT_K,
    maxNoise: typeof m === 'number' && Number.isInteger(m) && m >= 0 ? m : DEFAULT_MAX_NOISE,
  };
}

/** Is this count withheld by disclosure control? A bare `null` count is (the schemas use null for nothing else). */
export function isSuppressed(input: CountInput): boolean {
  if (input === null) return true;
  if (input === undefined || typeof input === 'number') return false;
  return input.suppressed === true || input.count === null;
}

/** The flags and number of a count. */
export function countInfo(input: CountInput): CountInfo {
  if (isSuppressed(input)) {
    const partial = typeof input === 'object' && input !== null && input.partial === true;
    return { value: null, withheld: true, missing: false, perturbed: false, partial };
  }
  const n = typeof input === 'number' ? input : input?.count;
  if (typeof n !== 'number' || !Number.isFinite(n)) return { value: null, withheld: false, missing: true, perturbed: false, partial: false };
  const flags = typeof input === 'object' && input !== null ? input : {};
  return { value: n, withheld: false, missing: false, perturbed: flags.perturbed === true, partial: flags.partial === true };
}

/** The published number, or null when withheld or missing — for charts and scales to skip (never treat as 0). */
export function numericOrNull(input: CountInput): number | null {
  return countInfo(input).value;
}

/** An answer's total as a count with flags: perturbed when the answer passed disclosure control, partial with `totalPartial`. */
export function totalOf(res: { total: number | null; totalPartial?: boolean | undefined; disclosure?: unknown } | undefined): CountFlags | undefined {
  if (!res) return undefined;
  if (res.total === null) return { count: null, suppressed: true, partial: res.totalPartial === true };
  return { count: res.total, perturbed: res.disclosure !== undefined && res.disclosure !== null, partial: res.totalPartial === true };
}

/** A hotspots region's `flows`, `previousFlows` or `assisted` as a count with flags (perturbed under `disclosure`). */
export function regionCount(
  region: {
    flows: number | null;
    flowsSuppressed?: boolean | undefined;
    flowsPartial?: boolean | undefined;
    previousFlows: number | null;
    previousFlowsSuppressed?: boolean | undefined;
    previousFlowsPartial?: boolean | undefined;
    assisted: number | null;
    assistedSuppressed?: boolean | undefined;
    assistedPartial?: boolean | undefined;
  },
  field: 'flows' | 'previousFlows' | 'assisted',
  disclosure: unknown,
): CountFlags {
  const count = region[field];
  const suppressed = region[`${field}Suppressed`] === true || count === null;
  const partial = region[`${field}Partial`] === true;
  if (suppressed) return { count: null, suppressed: true, partial };
  return { count, perturbed: disclosure !== undefined && disclosure !== null, partial };
}

/**
 * The sum of several counts, as the client adds them up (e.g. "Other" in a bar chart, returns over centres): the
 * published ones are added; withheld ones are left out and make it `partial`; perturbed if any part is. Withheld
 * (null) when every part is withheld; 0 when there is nothing to add.
 */
export function sumCounts(inputs: Iterable<CountInput>): CountFlags {
  let sum: number | null = null;
  let withheld = false;
  let perturbed = false;
  let partial = false;
  let any = false;
  for (const input of inputs) {
    const c = countInfo(input);
    if (c.missing) continue;
    any = true;
    if (c.withheld) {
      withheld = true;
      continue;
    }
    sum = (sum ?? 0) + c.value!;
    perturbed ||= c.perturbed;
    partial ||= c.partial;
  }
  if (!any) return { count: 0 };
  if (sum === null) return { count: null, suppressed: true, partial: withheld };
  return { count: sum, perturbed, partial: partial || withheld };
}

/** Whether any of these counts is perturbed / partial / withheld (for footnotes under a table). */
export function flagsOf(inputs: Iterable<CountInput>): { perturbed: boolean; partial: boolean; withheld: boolean } {
  const out = { perturbed: false, partial: false, withheld: false };
  for (const input of inputs) {
    const c = countInfo(input);
    out.perturbed ||= c.perturbed;
    out.partial ||= c.partial;
    out.withheld ||= c.withheld;
  }
  return out;
}

/** The visible text of a withheld count: "withheld" (fr "masqué"). */
export function suppressedLabel(locale?: string): string {
  return words(locale, 'withheld');
}

/** The tooltip / accessible description of a withheld count. It claims no range ("fewer than 10" may be untrue). */
export function suppressedTitle(locale?: string): string {
  return words(locale, 'withheldTitle');
}

/** The accessible label of the "≈" mark: "perturbed to protect individuals". */
export function perturbedLabel(locale?: string): string {
  return words(locale, 'perturbedLabel');
}

/** The accessible label of the "†" mark: "some cells withheld". */
export function partialLabel(locale?: string): string {
  return words(locale, 'partialLabel');
}

const integerFormat = (locale: string | undefined): Intl.NumberFormat => formatters(langOf(locale)).integer;

/** The bare number of a published count in the locale ("12,340", fr "12 340"), or null when withheld or missing. */
export function formatNumber(input: CountInput, locale?: string): string | null {
  const c = countInfo(input);
  return c.value === null ? null : integerFormat(locale).format(c.value);
}

/**
 * A count as text: 12345 → "12,345" (fr "12 345"); perturbed → "≈12,345"; partial → "12,345†"; withheld →
 * "withheld" ("masqué"); missing → "—". Pair it with `countTitle` (e.g. `title`), or use `countSpoken` where the
 * marks would be read out as symbols.
 */
export function displayCount(input: CountInput, locale?: string): string {
  const c = countInfo(input);
  if (c.withheld) return suppressedLabel(locale);
  if (c.value === null) return '—';
  return `${c.perturbed ? PERTURBED_MARK : ''}${integerFormat(locale).format(c.value)}${c.partial ? PARTIAL_MARK : ''}`;
}

/** What a screen reader should hear: "12,345 (perturbed to protect individuals; some cells withheld)". */
export function countSpoken(input: CountInput, locale?: string): string {
  const c = countInfo(input);
  if (c.withheld) return suppressedLabel(locale);
  if (c.value === null) return '—';
  const notes = [c.perturbed ? perturbedLabel(locale) : null, c.partial ? partialLabel(locale) : null].filter(Boolean);
  const n = integerFormat(locale).format(c.value);
  return notes.length > 0 ? `${n} (${notes.join('; ')})` : n;
}

/** The tooltip of a count: why it is withheld, perturbed or partial; undefined for an exact published number. */
export function countTitle(input: CountInput, locale?: string, disclosure?: Partial<DisclosureInfo> | null): string | undefined {
  const c = countInfo(input);
  const lng = langOf(locale);
  if (c.withheld) return words(lng, 'withheldTitle');
  const parts = [
    c.perturbed ? i18n.t('protection.perturbedTitle', { lng, maxNoise: parametersOf(disclosure).maxNoise }) : null,
    c.partial ? words(lng, 'partialTitle') : null,
  ].filter(Boolean);
  return parts.length > 0 ? parts.join('. ') : undefined;
}

/** Text plus the tooltip to show with it, and the flags. */
export function describeCount(
  input: CountInput,
  locale?: string,
  disclosure?: Partial<DisclosureInfo> | null,
): { text: string; title: string | undefined; spoken: string; suppressed: boolean; perturbed: boolean; partial: boolean } {
  const c = countInfo(input);
  return {
    text: displayCount(input, locale),
    title: countTitle(input, locale, disclosure),
    spoken: countSpoken(input, locale),
    suppressed: c.withheld,
    perturbed: c.perturbed,
    partial: c.partial,
  };
}

/** A number worked out from perturbed counts (a share, a change, an occupancy) with its "≈" mark when it is approximate. */
export function approximate(text: string, isApproximate: boolean): string {
  return isApproximate && text !== '—' ? `${PERTURBED_MARK}${text}` : text;
}

/** The footnote under a protected table: "Counts are perturbed by up to ±3 and counts of 1–9 are withheld…". */
export function protectionFootnote(locale: string | undefined, disclosure: Partial<DisclosureInfo> | null | undefined): string {
  const { k, maxNoise } = parametersOf(disclosure);
  return i18n.t('protection.footnote', { lng: langOf(locale), range: smallRange(k), maxNoise });
}

/**
 * The GeoJSON properties of a count: `{ [key]: number | null, suppressed, perturbed, partial }`, so an export says
 * which numbers are withheld, perturbed or partial (as the server's CSV does).
 */
export function countProperties<K extends string>(
  key: K,
  input: CountInput,
): Record<K, number | null> & { suppressed: boolean; perturbed: boolean; partial: boolean } {
  const c = countInfo(input);
  return { [key]: c.value, suppressed: c.withheld, perturbed: c.perturbed, partial: c.partial } as Record<K, number | null> & {
    suppressed: boolean;
    perturbed: boolean;
    partial: boolean;
  };
}
