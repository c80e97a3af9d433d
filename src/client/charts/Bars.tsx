/**
 * Horizontal bar chart as an HTML table (label, bar, number): readable as a table by assistive
 * technology, bars sized with a d3 linear scale.
 */
import { scaleLinear } from 'd3-scale';
import { Approximate, Count } from '../components/Count';
import { formatPercent } from '../i18n/format';
import { i18n, useLanguage, useTranslation } from '../i18n/i18n';
import { sumCounts } from '../lib/suppressed';

export interface Bar {
  key: string;
  label: string;
  /** null: withheld by disclosure control (shown as "withheld", drawn as no bar). */
  value: number | null;
  /** Perturbed by disclosure control (shown "≈"). */
  perturbed?: boolean | undefined;
  /** Adds up published cells, some withheld and left out (shown "†"). */
  partial?: boolean | undefined;
}

export interface BarsProps {
  title: string;
  bars: Bar[];
  colour?: string;
  /** Keep the largest `limit` bars and sum the rest into "Other". */
  limit?: number;
  testId?: string;
  /** Largest first (default), or keep the given order. */
  sort?: boolean;
  /** Show each bar's share of the sum (off when the categories overlap, e.g. services). */
  shares?: boolean;
}

export function topBars(bars: Bar[], limit?: number, sort = true): Bar[] {
  const sorted = sort ? [...bars].sort((a, b) => (b.value ?? -1) - (a.value ?? -1)) : [...bars];
  if (!limit || sorted.length <= limit) return sorted;
  const head = sorted.slice(0, limit);
  const rest = sorted.slice(limit);
  // Withheld bars are not guessed: "Other" adds the published ones and says when some were left out.
  const other = sumCounts(rest.map((b) => ({ count: b.value, suppressed: b.value === null, perturbed: b.perturbed, partial: b.partial })));
  return [
    ...head,
    {
      key: '__other',
      label: i18n.t('panel.other'),
      value: other.count ?? null,
      ...(other.perturbed ? { perturbed: true } : {}),
      ...(other.partial ? { partial: true } : {}),
    },
  ];
}

export function Bars({ title, bars, colour = '#2f4b7c', limit, testId, sort = true, shares = true }: BarsProps) {
  const { t } = useTranslation();
  const lang = useLanguage();
  const shown = topBars(bars, limit, sort);
  const total = shown.reduce((s, b) => s + (b.value ?? 0), 0);
  const max = Math.max(0, ...shown.map((b) => b.value ?? 0));
  // A share of a total of perturbed counts is approximate too.
  const anyPerturbed = shown.some((b) => b.perturbed === true);
  const w = scaleLinear()
    .domain([0, max > 0 ? max : 1])
    .range([0, 100]);
  return (
    <figure className="chart bars" data-testid={testId}>
      <figcaption className="chart__title">{title}</figcaption>
      {shown.length === 0 ? (
        <p className="muted">{t('chart.noData')}</p>
      ) : (
        <table className="bars__table">
          <thead className="visually-hidden">
            <tr>
              <th scope="col">{title}</th>
              <th scope="col">{t('chart.count')}</th>
              {shares ? <th scope="col">{t('panel.shareOfTotal')}</th> : null}
            </tr>
          </thead>
          <tbody>
            {shown.map((b) => (
              <tr key={b.key} data-key={b.key}>
                <th scope="row" className="bars__label">
                  {b.label}
                </th>
                <td className="bars__value">
                  <span className="bars__track" aria-hidden="true">
                    <span className="bars__bar" style={{ width: `${w(b.value ?? 0)}%`, background: colour }} />
                  </span>
                  <Count className="bars__number" value={{ count: b.value, suppressed: b.value === null, perturbed: b.perturbed, partial: b.partial }} />
                </td>
                {shares ? (
                  <td className="bars__share">
                    {total > 0 && b.value !== null ? <Approximate text={formatPercent(b.value / total, lang)} approximate={anyPerturbed} /> : ''}
                  </td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </figure>
  );
}
