/**
 * Under every protected table: how its counts are counted (one footnote line, with the "†" and "withheld" lines when
 * the table has such counts) and "How counts are protected", a details element holding the methodology note with the
 * answer's parameters. Renders nothing for exact answers (programme staff: no `disclosure`).
 */
import type { DisclosureInfo } from '../../shared/api';
import { flagsOf, parametersOf, PARTIAL_MARK, PERTURBED_MARK, type CountInput } from '../lib/suppressed';
import { useTranslation, type Language } from '../i18n/i18n';
import { smallRange } from '../i18n/words';

export interface ProtectionNoteProps {
  /** The answer's `disclosure`; nothing is shown without it. */
  disclosure: Partial<DisclosureInfo> | null | undefined;
  /** The counts shown in the table (adds the "†" and "withheld" lines when some are partial or withheld). */
  counts?: Iterable<CountInput>;
  lang?: Language;
  testId?: string;
}

export function ProtectionNote({ disclosure, counts = [], lang, testId = 'protection-note' }: ProtectionNoteProps) {
  const { t } = useTranslation('common', { lng: lang });
  if (!disclosure) return null;
  const { k, maxNoise } = parametersOf(disclosure);
  const flags = flagsOf(counts);
  return (
    <div className="protection-note" data-testid={testId}>
      <p className="protection-note__line">
        <span aria-hidden="true">{PERTURBED_MARK} </span>
        {t('protection.footnote', { range: smallRange(k), maxNoise })}
      </p>
      {flags.partial ? (
        <p className="protection-note__line" data-testid="protection-note-partial">
          <span aria-hidden="true">{PARTIAL_MARK} </span>
          {t('protection.footnotePartial')}
        </p>
      ) : null}
      {flags.withheld ? (
        <p className="protection-note__line" data-testid="protection-note-withheld">
          “{t('protection.withheld')}”: {t('protection.footnoteWithheld')}
        </p>
      ) : null}
      <MethodNote disclosure={disclosure} lang={lang} />
    </div>
  );
}

const METHOD_PARAGRAPHS = ['p1', 'p2', 'p3', 'p4'] as const;

/** "How counts are protected": the cell-key method, what it means for accuracy, and who sees exact counts. */
export function MethodNote({ disclosure, lang }: { disclosure: Partial<DisclosureInfo>; lang?: Language }) {
  const { t } = useTranslation('common', { lng: lang });
  const { k, maxNoise } = parametersOf(disclosure);
  const values = { maxNoise, range: smallRange(k), threshold: k, zeroUpTo: k + maxNoise - 1, maxPerWithheldCell: k - 1 };
  return (
    <details className="protection-method" data-testid="protection-method">
      <summary>{t('protection.methodTitle')}</summary>
      {METHOD_PARAGRAPHS.map((p) => (
        <p key={p}>{t(`protection.method.${p}`, values)}</p>
      ))}
      <p className="muted" data-testid="protection-parameters">
        {t('protection.parameters', { threshold: k, maxNoise })}
      </p>
    </details>
  );
}
