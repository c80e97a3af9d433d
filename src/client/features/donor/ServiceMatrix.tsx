/**
 * People assisted per service and transit centre for the selected period, with the API's totals and the change on
 * the same months a year earlier (matrix.ts says how every number is counted). Rows are services (people assisted
 * first), columns the centres: five number columns fit the side column and a phone, where nine would not.
 */
import { useMemo } from 'react';
import type { DisclosureInfo } from '../../../shared/api';
import type { Service } from '../../../shared/enums';
import { useAssistance, useMeta } from '../../api/queries';
import { ASSISTANCE_TAKES, fitFilters, useViewFilters, type BreakdownFilter, type ViewQuery } from '../../api/view-filters';
import { Approximate, Count } from '../../components/Count';
import { ProtectionNote } from '../../components/ProtectionNote';
import { ErrorState, Loading } from '../../components/States';
import { formatChange, formatDate } from '../../i18n/format';
import { useLanguage, useTranslation } from '../../i18n/i18n';
import { joinList } from '../../i18n/words';
import type { MapMetrics } from '../../map/useMapMetrics';
import { buildMatrix, previousYear, type MatrixModel, type MatrixValue } from './matrix';
import './i18n';

const MATRIX_QUERY: ViewQuery = { endpoint: 'assistance', base: { groupBy: ['centre', 'service'] }, takes: ASSISTANCE_TAKES };

export function ServiceMatrix({ metrics, centres }: { metrics: MapMetrics; centres: ReadonlyArray<{ id: string; name: string }> }) {
  const meta = useMeta();
  const { access } = useViewFilters();
  const { filters } = metrics;
  const fitted = fitFilters(access, MATRIX_QUERY, filters);
  const period = filters.from && filters.to ? { from: filters.from, to: filters.to } : null;
  const prev = period ? previousYear(period, meta.data?.dateRange.min) : null;
  const base = { ...fitted.kept };
  // Asked once the role's access is known: which filters the matrix can carry depends on it.
  const known = access !== undefined;
  const cur = {
    cells: useAssistance({ ...base, ...period, groupBy: ['centre', 'service'] }, { enabled: known }),
    byService: useAssistance({ ...base, ...period, groupBy: ['service'] }, { enabled: known }),
    byCentre: useAssistance({ ...base, ...period, groupBy: ['centre'] }, { enabled: known }),
  };
  const enabled = known && prev !== null;
  const before = {
    cells: useAssistance({ ...base, ...prev, groupBy: ['centre', 'service'] }, { enabled }),
    byService: useAssistance({ ...base, ...prev, groupBy: ['service'] }, { enabled }),
    byCentre: useAssistance({ ...base, ...prev, groupBy: ['centre'] }, { enabled }),
  };
  const all = [...Object.values(cur), ...(enabled ? Object.values(before) : [])];
  const failed = all.find((q) => q.isError);
  const ids = centres.map((c) => c.id).join(',');
  const c1 = cur.cells.data;
  const c2 = cur.byService.data;
  const c3 = cur.byCentre.data;
  const p1 = before.cells.data;
  const p2 = before.byService.data;
  const p3 = before.byCentre.data;
  const model = useMemo(
    () =>
      buildMatrix({ cells: c1, byService: c2, byCentre: c3 }, enabled ? { cells: p1, byService: p2, byCentre: p3 } : null, ids === '' ? [] : ids.split(',')),
    [c1, c2, c3, p1, p2, p3, enabled, ids],
  );
  if (failed) return <ErrorState error={failed.error} onRetry={() => all.forEach((q) => q.isError && void q.refetch())} />;
  if (!period || Object.values(cur).some((q) => q.isPending)) return <Loading inline />;
  return (
    <ServiceMatrixTable model={model} centres={centres} period={period} previous={prev} disclosure={cur.cells.data?.disclosure} notApplied={fitted.dropped} />
  );
}

export interface ServiceMatrixTableProps {
  model: MatrixModel;
  centres: ReadonlyArray<{ id: string; name: string }>;
  period: { from: string; to: string };
  /** The same months a year earlier (null: before the data, no change shown). */
  previous: { from: string; to: string } | null;
  disclosure: DisclosureInfo | undefined;
  notApplied?: readonly BreakdownFilter[];
}

/** The table itself (no queries): what the component tests render. */
export function ServiceMatrixTable({ model, centres, period, previous, disclosure, notApplied = [] }: ServiceMatrixTableProps) {
  const { t } = useTranslation(['donor', 'common']);
  const lang = useLanguage();
  const range = (p: { from: string; to: string }) => `${formatDate(p.from, lang)} – ${formatDate(p.to, lang)}`;
  const name = (s: Service) => t(`common:service.${s}`);
  return (
    <div className="matrix" data-testid="donor-matrix">
      <div className="matrix__scroll" role="region" aria-labelledby="donor-matrix-caption" tabIndex={0}>
        <table className="overview__table matrix__table">
          <caption id="donor-matrix-caption">{t('donor:matrix.caption', { period: range(period) })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('donor:matrix.service')}</th>
              {centres.map((c) => (
                <th key={c.id} scope="col" className="num">
                  {c.name}
                </th>
              ))}
              <th scope="col" className="num matrix__total">
                {t('donor:matrix.allCentres')}
              </th>
            </tr>
          </thead>
          <tbody>
            {model.services.map((s, i) => (
              <tr key={s} className={i === 0 ? 'matrix__people' : undefined}>
                <th scope="row">{name(s)}</th>
                {centres.map((c) => (
                  <Cell key={c.id} v={model.cell(s, c.id)} disclosure={disclosure} testId={`matrix-${s}-${c.id}`} showChange={previous !== null} />
                ))}
                <Cell v={model.serviceTotal(s)} disclosure={disclosure} testId={`matrix-${s}-total`} showChange={previous !== null} total />
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr className="matrix__total">
              <th scope="row">{t('donor:matrix.allServices')}</th>
              {centres.map((c) => (
                <Cell key={c.id} v={model.centreTotal(c.id)} disclosure={disclosure} testId={`matrix-total-${c.id}`} showChange={previous !== null} total />
              ))}
              <Cell v={model.grandTotal} disclosure={disclosure} testId="matrix-total-total" showChange={previous !== null} total />
            </tr>
          </tfoot>
        </table>
      </div>
      <p className="muted matrix__note" data-testid="matrix-change-note">
        {previous ? t('donor:matrix.changeLegend', { from: formatDate(previous.from, lang), to: formatDate(previous.to, lang) }) : t('donor:matrix.noPrevious')}
      </p>
      <p className="muted matrix__note">{t('donor:matrix.peopleNote')}</p>
      <p className="muted matrix__note" data-testid="matrix-totals-note">
        {disclosure ? t('donor:matrix.totalsNote') : t('donor:matrix.totalsNoteExact')}
      </p>
      {notApplied.length > 0 ? (
        <p className="muted matrix__note" data-testid="matrix-not-applied">
          {t('donor:matrix.notApplied', {
            filters: joinList(
              notApplied.map((f) => t(`common:filters.${f}`)),
              'and',
              lang,
            ),
          })}
        </p>
      ) : null}
      <ProtectionNote disclosure={disclosure} counts={model.counts} testId="donor-matrix-protection" />
    </div>
  );
}

function Cell({
  v,
  disclosure,
  testId,
  showChange,
  total,
}: {
  v: MatrixValue;
  disclosure: DisclosureInfo | undefined;
  testId: string;
  showChange: boolean;
  total?: boolean;
}) {
  const lang = useLanguage();
  const change = formatChange(v.change, lang);
  return (
    <td className={total ? 'num matrix__total' : 'num'} data-testid={testId}>
      <Count value={v.count} disclosure={disclosure} testId={`${testId}-count`} />
      {showChange ? (
        <span
          className={`matrix__change${v.change === null ? '' : v.change > 0 ? ' matrix__change--up' : v.change < 0 ? ' matrix__change--down' : ''}`}
          data-testid={`${testId}-change`}
        >
          <Approximate text={change} approximate={v.approximate} lang={lang} />
        </span>
      ) : null}
    </td>
  );
}
