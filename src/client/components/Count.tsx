/**
 * A count as the reader should take it: exact ("12,340"), perturbed ("≈12,340", the mark labelled "perturbed to
 * protect individuals"), partial ("12,340†", labelled "some cells withheld") or withheld ("withheld", with why in its
 * title). Plain React text; the words are the common catalogue's `protection.*`, in the given or current language.
 */
import type { DisclosureInfo } from '../../shared/api';
import { countInfo, countTitle, formatNumber, PARTIAL_MARK, PERTURBED_MARK, type CountInput } from '../lib/suppressed';
import { useLanguage, useTranslation, type Language } from '../i18n/i18n';

export interface CountProps {
  value: CountInput;
  /** Defaults to the interface language. */
  lang?: Language;
  /** The answer's disclosure parameters (for the ±maxNoise in the tooltip). */
  disclosure?: Partial<DisclosureInfo> | null | undefined;
  className?: string;
  testId?: string;
}

export function Count({ value, lang: asked, disclosure, className, testId }: CountProps) {
  const current = useLanguage();
  const lang = asked ?? current;
  const { t } = useTranslation('common', { lng: lang });
  const c = countInfo(value);
  const cls = ['count', c.withheld ? 'count--withheld' : '', c.perturbed ? 'count--perturbed' : '', className ?? ''].filter(Boolean).join(' ');
  if (c.withheld) {
    return (
      <span className={cls} title={t('protection.withheldTitle')} data-withheld="true" data-testid={testId}>
        {t('protection.withheld')}
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
        <span className="count__mark count__mark--partial" role="img" aria-label={t('protection.partialLabel')} title={t('protection.partialTitle')}>
          {PARTIAL_MARK}
        </span>
      ) : null}
    </span>
  );
}

/** The "≈" before a perturbed count (or a number worked out from perturbed counts), with its accessible label. */
export function ApproxMark({ lang, label }: { lang?: Language; label?: string }) {
  const { t } = useTranslation('common', { lng: lang });
  const text = label ?? t('protection.perturbedLabel');
  return (
    <span className="count__mark count__mark--perturbed" role="img" aria-label={text} title={text}>
      {PERTURBED_MARK}
    </span>
  );
}

/** A derived number (share, change, occupancy) marked "≈" when worked out from perturbed counts. */
export function Approximate({ text, approximate, lang }: { text: string; approximate: boolean; lang?: Language }) {
  const { t } = useTranslation('common', { lng: lang });
  if (!approximate || text === '—') return <>{text}</>;
  return (
    <span className="count count--perturbed" data-perturbed="true">
      <ApproxMark lang={lang} label={t('protection.approximateLabel')} />
      {text}
    </span>
  );
}
