/**
 * A count as the tooltip says it, with its protection note (used by the map's own features and by the views' overlays).
 * What a hovered place or route says about itself is in describe-features.ts, loaded with the tooltip after the first map.
 */
import { i18n } from '../i18n/i18n';
import { countInfo, displayCount, PARTIAL_MARK, PERTURBED_MARK, type CountInput } from '../lib/suppressed';

export interface Description {
  title: string;
  kind: string;
  detail: string | null;
  /** How the number is protected: "≈ perturbed to protect individuals", "† some cells withheld", or why it is withheld. */
  note?: string | null;
  /** Figures side by side (a route's in / out / net), each already formatted with its protection marks. */
  rows?: Array<{ key: string; label: string; value: string }>;
}

/** The state's count with its flags (withheld, perturbed, partial). */
export function countOf(value: number | undefined, state: { suppressed?: boolean; perturbed?: true; partial?: true } | undefined): CountInput {
  if (!state) return undefined;
  if (state.suppressed) return { count: null, suppressed: true };
  if (value === undefined) return undefined;
  return { count: value, perturbed: state.perturbed, partial: state.partial };
}

/** "1,200 people observed", "≈1,200† people observed", "people observed: withheld"; with the protection note. */
export function describeCount(input: CountInput, what: string): { detail: string; note?: string } {
  const c = countInfo(input);
  if (c.withheld) return { detail: i18n.t('metric.withheld', { what }), note: i18n.t('protection.withheldTitle') };
  const notes = [
    c.perturbed ? `${PERTURBED_MARK} ${i18n.t('protection.perturbedLabel')}` : null,
    c.partial ? `${PARTIAL_MARK} ${i18n.t('protection.partialLabel')}` : null,
  ];
  const note = notes.filter(Boolean).join(' · ');
  return note ? { detail: `${displayCount(input)} ${what}`, note } : { detail: `${displayCount(input)} ${what}` };
}
