/**
 * A count as the reader should take it: exact ("12,340"), perturbed ("≈12,340", the mark labelled "perturbed to
 * protect individuals"), partial ("12,340†", labelled "some cells withheld") or withheld ("withheld", with why in its
 * title). Plain React text; the words come from strings.ts `protection` in the given or current language.
 */
import type { DisclosureInfo } from '../../shared/api';
import { countInfo, countTitle, formatNumber, PARTIAL_MARK, PERTURBED_MARK, type CountInput } from '../lib/suppressed';
import { DICTIONARIES, language, type Language } from '../lib/strings';

export interface CountProps {
  value: CountInput;
  /** Defaults to the app's current language. */
  lang?: Language;
  /** The answer's disclosure parameters (for the ±maxNoise in the tooltip). */
  disclosure?: Partial<DisclosureInfo> | null | undefined;
  className?: string;
  testId?: string;
}

export function Count({ value, lang = language, disclosure, className, testId }: CountProps) {
  const c = countInfo(value);
  const w = DICTIONARIES[lang].protection;
  const cls = ['count', c.withheld ? 'count--withheld' : '', c.perturbed ? 'count--perturbed' : '', className ?? ''].filter(Boolean).join(' ');
  if (c.withheld) {
    return (
      <span className={cls} title={w.withheldTitle} data-withheld="true" data-testid={testId}>
        {w.withheld}
      </span>
    );
  }
  if (c.value === null) {
    return (
      <span className={cls || undefined} data-testid={testId}>
        —
      </span>
    );
  }
  return (
    <span
      className={cls}
      title={countTitle(value, lang, disclosure)}
      data-perturbed={c.perturbed ? 'true' : undefined}
      data-partial={c.partial ? 'true' : undefined}
      data-testid={testId}
    >
      {c.perturbed ? <ApproxMark lang={lang} /> : null}
      {formatNumber(value, lang)}
      {c.partial ? (
        <span className="count__mark count__mark--partial" role="img" aria-label={w.partialLabel} title={w.partialTitle}>
          {PARTIAL_MARK}
        </span>
      ) : null}
    </span>
  );
}

/** The "≈" before a perturbed count (or a number worked out from perturbed counts), with its accessible label. */
export function ApproxMark({ lang = language, label }: { lang?: Language; label?: string }) {
  const text = label ?? DICTIONARIES[lang].protection.perturbedLabel;
  return (
    <span className="count__mark count__mark--perturbed" role="img" aria-label={text} title={text}>
      {PERTURBED_MARK}
    </span>
  );
}

/** A derived number (share, change, occupancy) marked "≈" when worked out from perturbed counts. */
export function Approximate({ text, approximate, lang = language }: { text: string; approximate: boolean; lang?: Language }) {
  if (!approximate || text === '—') return <>{text}</>;
  return (
    <span className="count count--perturbed" data-perturbed="true">
      <ApproxMark lang={lang} label={DICTIONARIES[lang].protection.approximateLabel} />
      {text}
    </span>
  );
}
