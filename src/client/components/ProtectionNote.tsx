/**
 * Under every protected table: how its counts are counted (one footnote line, with the "†" and "withheld" lines when
 * the table has such counts) and "How counts are protected", a details element holding the methodology note with the
 * answer's parameters. Renders nothing for exact answers (programme staff: no `disclosure`).
 */
import type { DisclosureInfo } from '../../shared/api';
import { flagsOf, parametersOf, PARTIAL_MARK, PERTURBED_MARK, type CountInput } from '../lib/suppressed';
import { DICTIONARIES, language, type Language } from '../lib/strings';

export interface ProtectionNoteProps {
  /** The answer's `disclosure`; nothing is shown without it. */
  disclosure: Partial<DisclosureInfo> | null | undefined;
  /** The counts shown in the table (adds the "†" and "withheld" lines when some are partial or withheld). */
  counts?: Iterable<CountInput>;
  lang?: Language;
  testId?: string;
}

export function ProtectionNote({ disclosure, counts = [], lang = language, testId = 'protection-note' }: ProtectionNoteProps) {
  if (!disclosure) return null;
  const w = DICTIONARIES[lang].protection;
  const { k, maxNoise } = parametersOf(disclosure);
  const flags = flagsOf(counts);
  return (
    <div className="protection-note" data-testid={testId}>
      <p className="protection-note__line">
        <span aria-hidden="true">{PERTURBED_MARK} </span>
        {w.footnote(k, maxNoise)}
      </p>
      {flags.partial ? (
        <p className="protection-note__line" data-testid="protection-note-partial">
          <span aria-hidden="true">{PARTIAL_MARK} </span>
          {w.footnotePartial}
        </p>
      ) : null}
      {flags.withheld ? (
        <p className="protection-note__line" data-testid="protection-note-withheld">
          “{w.withheld}”: {w.footnoteWithheld}
        </p>
      ) : null}
      <MethodNote disclosure={disclosure} lang={lang} />
    </div>
  );
}

/** "How counts are protected": the cell-key method, what it means for accuracy, and who sees exact counts. */
export function MethodNote({ disclosure, lang = language }: { disclosure: Partial<DisclosureInfo>; lang?: Language }) {
  const w = DICTIONARIES[lang].protection;
  const { k, maxNoise } = parametersOf(disclosure);
  return (
    <details className="protection-method" data-testid="protection-method">
      <summary>{w.methodTitle}</summary>
      {w.method(k, maxNoise).map((p) => (
        <p key={p.slice(0, 24)}>{p}</p>
      ))}
      <p className="muted" data-testid="protection-parameters">
        {w.parameters(k, maxNoise)}
      </p>
    </details>
  );
}
