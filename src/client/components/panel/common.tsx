/** Pieces every detail panel uses: headline number, key-value facts, row → bar helpers. */
import type { ReactNode } from 'react';
import type { AggregateResponse, AggregateRow, DisclosureInfo } from '../../../shared/api';
import type { Bar } from '../../charts/Bars';
import type { Series, SeriesPoint } from '../../charts/TimeSeries';
import { Count } from '../Count';
import type { CountInput } from '../../lib/suppressed';
import type { Role } from '../../../shared/enums';
import { i18n, useLanguage, useTranslation } from '../../i18n/i18n';
import { joinList } from '../../i18n/words';
import type { PanelQuery } from '../../api/panel-query';

/**
 * The panel's big number. `value`: undefined while loading ("…"); a count with its protection flags (see
 * lib/suppressed.ts `totalOf`): exact, perturbed (≈), partial (†) or withheld.
 */
export function Headline({
  label,
  value,
  testId = 'panel-total',
  note,
  disclosure,
}: {
  label: string;
  value: CountInput;
  testId?: string;
  note?: ReactNode;
  disclosure?: DisclosureInfo | undefined;
}) {
  return (
    <div className="headline">
      <div className="headline__label">{label}</div>
      <div className="headline__value" data-testid={testId}>
        {value === undefined ? '…' : <Count value={value} disclosure={disclosure} />}
      </div>
      {note ? <div className="headline__note">{note}</div> : null}
    </div>
  );
}

export function Facts({ items }: { items: Array<[string, ReactNode]> }) {
  return (
    <dl className="facts">
      {items.map(([k, v]) => (
        <div key={k} className="facts__row">
          <dt>{k}</dt>
          <dd>{v}</dd>
        </div>
      ))}
    </dl>
  );
}

/** A row's protection flags, for a bar or a point (only the ones set). */
function flagsOfRow(r: AggregateRow): { perturbed?: true; partial?: true } {
  return { ...(r.perturbed ? { perturbed: true as const } : {}), ...(r.partial ? { partial: true as const } : {}) };
}

/** Rows grouped by one dimension → bars with labels from `label` (withheld rows: value null; flags kept). */
export function barsBy(res: AggregateResponse | undefined, dim: string, label: (v: string) => string): Bar[] {
  if (!res) return [];
  return res.rows
    .filter((r) => typeof r[dim] === 'string')
    .map((r) => ({ key: r[dim] as string, label: label(r[dim] as string), value: r.suppressed ? null : r.count, ...flagsOfRow(r) }));
}

/** Rows grouped by sex and age group → four bars (women, men, girls, boys), labelled in the interface language. */
export function sexAgeBars(res: AggregateResponse | undefined): Bar[] {
  if (!res) return [];
  const rows = new Map(res.rows.map((r) => [`${String(r['sex'])}|${String(r['ageGroup'])}`, r]));
  return SEX_AGE_ORDER.map(([key, words]) => {
    const r = rows.get(key);
    const label = i18n.t(`sexAge.${words}`);
    return r ? { key, label, value: r.suppressed ? null : r.count, ...flagsOfRow(r) } : { key, label, value: 0 };
  });
}

/** Every count an answer shows (its rows), for the footnote under a protected table. */
export function rowCounts(...answers: Array<AggregateResponse | undefined>): CountInput[] {
  return answers.flatMap((a) => a?.rows ?? []);
}

/** The first `disclosure` among the answers (all of one panel share the role's parameters). */
export function disclosureOf(...answers: Array<AggregateResponse | undefined>): DisclosureInfo | undefined {
  return answers.find((a) => a?.disclosure)?.disclosure;
}

/** A row → a time-series point keyed by its `dim` value (withheld: value null; flags kept). */
export function pointOf(r: AggregateRow, dim: string): SeriesPoint {
  return { date: String(r[dim]), value: r.suppressed ? null : r.count, ...flagsOfRow(r) };
}

/** The bars' keys (`sex|ageGroup`, as before) and their catalogue keys (`sexAge.f_adult`…). */
const SEX_AGE_ORDER = [
  ['f|adult', 'f_adult'],
  ['m|adult', 'm_adult'],
  ['f|minor', 'f_minor'],
  ['m|minor', 'm_minor'],
] as const;

/** Rows grouped by week (and optionally a second dimension) → one series per value of that dimension. */
export function weeklySeries(
  res: AggregateResponse | undefined,
  split: { dim: string; values: Array<{ key: string; label: string; colour: string }> } | { label: string; colour: string },
): Series[] {
  if (!res) return [];
  if ('dim' in split) {
    return split.values
      .map((v) => ({
        key: v.key,
        label: v.label,
        colour: v.colour,
        points: res.rows.filter((r) => r[split.dim] === v.key).map((r) => pointOf(r, timeDim(res))),
      }))
      .filter((s) => s.points.length > 0);
  }
  return [{ key: 'all', label: split.label, colour: split.colour, points: res.rows.map((r) => pointOf(r, timeDim(res))) }];
}

/** The answer's time dimension: `week`, or `month` for roles that see months. */
function timeDim(res: AggregateResponse): string {
  return res.groupBy.includes('month') && !res.groupBy.includes('week') ? 'month' : 'week';
}

/**
 * Under a panel breakdown: why it is not shown (the role is never sent it), or which filters of the bar it does not
 * carry (one breakdown at a time). Nothing for exact roles.
 */
export function BreakdownNote({
  plan,
  role,
  testId = 'breakdown',
}: {
  plan: Pick<PanelQuery<object>, 'allowed' | 'dropped'>;
  role: Role | undefined;
  /** Prefix of the note's test id (`breakdown-locked`, `breakdown-unfiltered`). */
  testId?: string;
}) {
  const { t } = useTranslation();
  const lang = useLanguage();
  if (!role) return null;
  const audience = t(`access.audience.${role}`);
  if (!plan.allowed) {
    return (
      <p className="muted breakdown-note" data-testid={`${testId}-locked`}>
        {t('access.breakdownLocked', { audience })}
      </p>
    );
  }
  if (plan.dropped.length > 0) {
    return (
      <p className="muted breakdown-note" data-testid={`${testId}-unfiltered`}>
        {t('access.breakdownNotFiltered', {
          audience,
          filters: joinList(
            plan.dropped.map((k) => t(`filters.${k}`).toLowerCase()),
            'or',
            lang,
          ),
        })}
      </p>
    );
  }
  return null;
}
