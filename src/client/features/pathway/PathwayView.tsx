/**
 * The pathway of a corridor (GET /api/v1/pathway): people observed incoming → assisted at each centre serving it (by
 * service) → returned home (by destination), for one month of the filter period, as a chain of bars; the reach ratio
 * with its method and limits; and a table of the same numbers for every month. "Not monitored" and "partly monitored"
 * instead of 0; protected values and their marks for outside roles, as the API sends them (nothing computed here).
 * Loaded lazily from the route panel (app/SidePanel.tsx).
 */
import { useState } from 'react';
import type { PathwayCount, PathwayMonth, PathwayResponse, PathwayRoute } from '../../../shared/api-pathway';
import type { Service } from '../../../shared/enums';
import { useMeta, usePlaces, useRoutes } from '../../api/queries';
import { Count } from '../../components/Count';
import { ProtectionNote } from '../../components/ProtectionNote';
import { ErrorState, Loading } from '../../components/States';
import { formatMonthYear, formatPercent, parseIsoDate } from '../../i18n/format';
import { countryNames } from '../../i18n/dataset-text';
import { useLanguage, useTranslation } from '../../i18n/i18n';
import { useFilterValues, useSelection } from '../../state/filters';
import { usePathway } from './api';
import { PathwaySankey } from './PathwaySankey';
import './i18n';
import './pathway.css';

const monthLabel = (iso: string, lang: 'en' | 'fr') => {
  const d = parseIsoDate(iso);
  return d ? formatMonthYear(d, lang) : iso;
};
const value = (c: PathwayCount) => c.count ?? 0;

export function PathwayView({ route }: { route: string }) {
  const routes = (useRoutes().data?.features ?? []).map((f) => f.properties);
  const filters = useFilterValues();
  const q = usePathway(route, filters.from, filters.to);
  const { t } = useTranslation('pathway');
  const lang = useLanguage();
  const [month, setMonth] = useState<string | null>(null);
  if (q.isError) return <ErrorState error={q.error} onRetry={() => void q.refetch()} />;
  const body = q.data;
  const r = body?.routes[0];
  return (
    <section className="pathway" aria-labelledby="pathway-title" data-testid="pathway">
      <h3 id="pathway-title" className="pathway__title">
        {t('title')}
      </h3>
      <p className="muted pathway__intro">{t('intro')}</p>
      <div className="pathway__controls">
        <label>
          {t('route')}{' '}
          <select value={route} data-testid="pathway-route" onChange={(e) => useSelection.getState().select({ type: 'route', id: e.target.value })}>
            {routes.map((x) => (
              <option key={x.id} value={x.id}>
                {x.id} {x.name}
              </option>
            ))}
          </select>
        </label>
        {body && body.months.length > 1 ? (
          <label>
            {t('month')}{' '}
            <select value={month ?? body.months[body.months.length - 1]} data-testid="pathway-month" onChange={(e) => setMonth(e.target.value)}>
              {body.months.map((m) => (
                <option key={m} value={m}>
                  {monthLabel(m, lang)}
                </option>
              ))}
            </select>
          </label>
        ) : null}
      </div>
      {!body || !r ? (
        <Loading inline />
      ) : (
        <PathwayBody body={body} route={r} month={month && body.months.includes(month) ? month : body.months[body.months.length - 1]!} />
      )}
    </section>
  );
}

function PathwayBody({ body, route, month }: { body: PathwayResponse; route: PathwayRoute; month: string }) {
  const { t } = useTranslation('pathway');
  const lang = useLanguage();
  if (route.centres.length === 0) return <p data-testid="pathway-unserved">{t('unserved', { reason: route.unserved ?? '' })}</p>;
  const m = route.months.find((x) => x.month === month);
  if (!m) return <p className="muted">{t('empty')}</p>;
  const counts = route.months.flatMap((x) => [x.observed, ...x.centres.flatMap((c) => [c.assisted, c.returns, ...c.services, ...(c.destinations ?? [])])]);
  return (
    <>
      <h4 className="pathway__month" data-testid="pathway-month-title">
        {monthLabel(m.month, lang)}
      </h4>
      <PathwaySankey route={route} m={m} />
      <Chain route={route} m={m} disclosure={body.disclosure} />
      <Reach m={m} />
      <details className="pathway__method">
        <summary>{t('method')}</summary>
        <p>{t('methodP1')}</p>
        <p>{t('methodP2')}</p>
        <p>{t('methodP3')}</p>
      </details>
      <PathwayTable route={route} body={body} />
      {body.protected ? <p className="muted">{t('outsideNote')}</p> : null}
      <ProtectionNote disclosure={body.disclosure} counts={counts} />
    </>
  );
}

function Monitoring({ m }: { m: PathwayMonth }) {
  const { t } = useTranslation('pathway');
  const lang = useLanguage();
  if (m.monitoring === 'not_monitored')
    return (
      <span className="pathway__badge pathway__badge--none" title={t('notMonitoredTitle')} data-testid="pathway-not-monitored">
        {t('notMonitored')}
      </span>
    );
  if (m.monitoring === 'partly')
    return (
      <span className="pathway__badge pathway__badge--partly" title={t('partlyTitle')} data-testid="pathway-partly">
        {t('partly', { share: formatPercent(m.coverage ?? 0, lang) })}
      </span>
    );
  return <span className="pathway__badge">{t('monitored')}</span>;
}

/** One bar of the chain: its width against the month's largest count; hatched when withheld or not monitored. */
function Bar({
  c,
  max,
  kind,
  testId,
  notMonitored,
}: {
  c: PathwayCount;
  max: number;
  kind: 'observed' | 'assisted' | 'returns';
  testId?: string;
  notMonitored?: boolean;
}) {
  const width = notMonitored || c.count === null || max === 0 ? 100 : Math.max(1, (value(c) / max) * 100);
  const empty = notMonitored || c.count === null;
  return (
    <div className="pathway__barline">
      <span className={`pathway__bar pathway__bar--${kind}${empty ? ' pathway__bar--empty' : ''}`} style={{ width: `${width}%` }} aria-hidden="true" />
      {notMonitored ? null : <Count value={c} testId={testId} className="pathway__num" />}
    </div>
  );
}

function Chain({ route, m, disclosure }: { route: PathwayRoute; m: PathwayMonth; disclosure: PathwayResponse['disclosure'] }) {
  const { t } = useTranslation('pathway');
  const { t: tc } = useTranslation();
  const lang = useLanguage();
  const meta = useMeta();
  const countries = countryNames(meta.data, lang);
  const pointNames = new Map((usePlaces().data?.features ?? []).map((f) => [f.properties.id, f.properties.name]));
  const max = Math.max(value(m.observed), ...m.centres.flatMap((c) => [value(c.assisted), ...c.services.map(value), value(c.returns)]));
  const names = new Map(route.centres.map((c) => [c.id, c]));
  return (
    <ol className="pathway__chain" aria-label={t('chain')} data-testid="pathway-chain" data-disclosure={disclosure ? 'protected' : 'exact'}>
      <li className="pathway__stage">
        <div className="pathway__stage-title">
          {t('observed')} <Monitoring m={m} />
        </div>
        <div className="muted pathway__sub">
          {t('observedAt', { points: route.points.length > 0 ? route.points.map((p) => pointNames.get(p) ?? p).join(', ') : t('noPoint') })}
        </div>
        <Bar c={m.observed} max={max} kind="observed" testId="pathway-observed" notMonitored={m.monitoring === 'not_monitored'} />
      </li>
      {m.centres.map((c) => {
        const info = names.get(c.centre);
        // Services and destinations against the largest of their own list (beside the corridor's counts they vanish).
        const serviceMax = Math.max(0, ...c.services.map(value));
        const destinationMax = Math.max(0, ...(c.destinations ?? []).map(value));
        return (
          <li className="pathway__stage" key={c.centre} data-testid={`pathway-centre-${c.centre}`}>
            <div className="pathway__stage-title">
              {t('assistedAt', { centre: info?.name ?? c.centre })} <span className="muted">({t('step', { step: info?.step ?? 0 })})</span>
            </div>
            <Bar c={c.assisted} max={max} kind="assisted" testId={`pathway-assisted-${c.centre}`} />
            <div className="muted pathway__sub">{t('services')}</div>
            <ul className="pathway__services">
              {c.services.map((s) => (
                <li key={s.service} data-testid={`pathway-service-${c.centre}-${s.service}`}>
                  <span className="pathway__label">{tc(`service.${s.service as Service}`)}</span>
                  <Bar c={s} max={serviceMax} kind="assisted" />
                </li>
              ))}
            </ul>
            <div className="pathway__stage-title pathway__returns">{t('returns', { centre: info?.name ?? c.centre })}</div>
            <Bar c={c.returns} max={max} kind="returns" testId={`pathway-returns-${c.centre}`} />
            {c.destinations === null ? (
              <p className="muted pathway__sub">{t('destinationsLocked')}</p>
            ) : c.destinations.length === 0 ? null : (
              <ul className="pathway__services" aria-label={t('destinations')}>
                {c.destinations.map((d) => (
                  <li key={d.destination} data-testid={`pathway-destination-${c.centre}-${d.destination}`}>
                    <span className="pathway__label">{countries.get(d.destination) ?? d.destination}</span>
                    <Bar c={d} max={destinationMax} kind="returns" />
                  </li>
                ))}
              </ul>
            )}
          </li>
        );
      })}
    </ol>
  );
}

function Reach({ m }: { m: PathwayMonth }) {
  const { t } = useTranslation('pathway');
  const lang = useLanguage();
  const text = m.reach.ratio !== null ? t('reachValue', { ratio: formatRatio(m.reach.ratio, lang) }) : m.reach.withheld ? t('reachWithheld') : t('reachNone');
  return (
    <p className="pathway__reach" data-testid="pathway-reach">
      <strong>{t('reach')}:</strong> {text}
    </p>
  );
}

function PathwayTable({ route, body }: { route: PathwayRoute; body: PathwayResponse }) {
  const { t } = useTranslation('pathway');
  const lang = useLanguage();
  return (
    <div className="pathway__table-wrap" tabIndex={0} role="region" aria-label={t('table')}>
      <table className="table pathway__table" data-testid="pathway-table">
        <caption>{t('table')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('month')}</th>
            <th scope="col">{t('monitoring')}</th>
            <th scope="col">{t('observed')}</th>
            {route.centres.map((c) => (
              <th scope="col" key={c.id}>
                {t('assistedAt', { centre: c.name })}
              </th>
            ))}
            {route.centres.map((c) => (
              <th scope="col" key={`r-${c.id}`}>
                {t('returnsShort')} {c.name}
              </th>
            ))}
            <th scope="col">{t('reach')}</th>
          </tr>
        </thead>
        <tbody>
          {route.months.map((m) => (
            <tr key={m.month}>
              <th scope="row">{monthLabel(m.month, lang)}</th>
              <td>
                <Monitoring m={m} />
              </td>
              <td>{m.monitoring === 'not_monitored' ? t('notMonitored') : <Count value={m.observed} disclosure={body.disclosure} />}</td>
              {m.centres.map((c) => (
                <td key={c.centre}>
                  <Count value={c.assisted} disclosure={body.disclosure} />
                </td>
              ))}
              {m.centres.map((c) => (
                <td key={`r-${c.centre}`}>
                  <Count value={c.returns} disclosure={body.disclosure} />
                </td>
              ))}
              <td>{m.reach.ratio !== null ? formatRatio(m.reach.ratio, lang) : m.reach.withheld ? t('reachWithheld') : t('reachNone')}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** A ratio with two decimals at most (0.23), in the interface language. */
function formatRatio(r: number, lang: 'en' | 'fr'): string {
  return new Intl.NumberFormat(lang, { maximumFractionDigits: 2 }).format(r);
}
