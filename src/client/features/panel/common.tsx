/** Pieces every detail panel uses: headline number, key-value facts, row → bar helpers. */
import type { ReactNode } from 'react';
import type { AggregateResponse } from '../../../shared/api';
import type { Bar } from '../../charts/Bars';
import type { Series } from '../../charts/TimeSeries';
import { formatCount } from '../../lib/format';
import { t } from '../../lib/strings';

export function Headline({ label, value, testId = 'panel-total', note }: { label: string; value: number | null | undefined; testId?: string; note?: ReactNode }) {
  return (
    <div className="headline">
      <div className="headline__label">{label}</div>
      <div className="headline__value" data-testid={testId} title={value === null ? t.suppressedTitle : undefined}>
        {value === undefined ? '…' : formatCount(value)}
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

/** Rows grouped by one dimension → bars with labels from `label`. */
export function barsBy(res: AggregateResponse | undefined, dim: string, label: (v: string) => string): Bar[] {
  if (!res) return [];
  return res.rows
    .filter((r) => typeof r[dim] === 'string')
    .map((r) => ({ key: r[dim] as string, label: label(r[dim] as string), value: r.count }));
}

/** Rows grouped by sex and age group → four bars (women, men, girls, boys). */
export function sexAgeBars(res: AggregateResponse | undefined): Bar[] {
  if (!res) return [];
  const counts = new Map(res.rows.map((r) => [`${String(r['sex'])}|${String(r['ageGroup'])}`, r.count]));
  return SEX_AGE_ORDER.map((key) => ({ key, label: t.sexAge[key] ?? key, value: counts.has(key) ? (counts.get(key) as number | null) : 0 }));
}

const SEX_AGE_ORDER = ['f|adult', 'm|adult', 'f|minor', 'm|minor'];

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
        points: res.rows.filter((r) => r[split.dim] === v.key).map((r) => ({ date: String(r['week']), value: r.count })),
      }))
      .filter((s) => s.points.length > 0);
  }
  return [{ key: 'all', label: split.label, colour: split.colour, points: res.rows.map((r) => ({ date: String(r['week']), value: r.count })) }];
}
