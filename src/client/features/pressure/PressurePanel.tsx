/**
 * Early warning of transit-centre pressure (GET /api/v1/pressure): a toggle on the map opens a panel with the
 * centres forecast above a share of capacity (with the 80 % interval and the backtest error, or "forecast not
 * shipped" where the model did not beat the seasonal-naive baseline), a threshold control, and a table of every
 * centre with a ring of its share of capacity now and forecast. Outside roles get the server's locked explanation.
 * Loaded lazily after the first map (App.tsx), so it weighs nothing on the first map's JavaScript.
 */
import { useState } from 'react';
import type { PressureCentre, PressureOpen } from '../../../shared/api-pressure';
import { formatDate, formatPercent } from '../../i18n/format';
import { currentLanguage, useTranslation } from '../../i18n/i18n';
import { usePressure } from './api';
import './i18n';
import './pressure.css';

const pct = (x: number | null | undefined) => (x === null || x === undefined ? '—' : formatPercent(x));
/** A backtest error with two decimals in the page's language ("1.18", "1,18"). */
const num = (x: number | null | undefined) =>
  x === null || x === undefined ? '—' : new Intl.NumberFormat(currentLanguage(), { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(x);

/** A ring: the inner arc is the share now (blue), the outer the highest forecast share (orange); both capped at 100 %. */
function Ring({ now, forecast, label }: { now: number | null; forecast: number | null; label: string }) {
  const arc = (r: number, share: number | null) => {
    const c = 2 * Math.PI * r;
    const s = Math.max(0, Math.min(1, share ?? 0));
    return { strokeDasharray: `${s * c} ${c}` };
  };
  return (
    <svg className="pressure-ring" viewBox="0 0 36 36" width="36" height="36" role="img" aria-label={label}>
      <circle cx="18" cy="18" r="15" className="pressure-ring__track" />
      <circle cx="18" cy="18" r="15" className="pressure-ring__forecast" style={arc(15, forecast)} transform="rotate(-90 18 18)" />
      <circle cx="18" cy="18" r="10" className="pressure-ring__track" />
      <circle cx="18" cy="18" r="10" className="pressure-ring__now" style={arc(10, now)} transform="rotate(-90 18 18)" />
    </svg>
  );
}

function peak(c: PressureCentre) {
  return c.forecast.reduce<PressureCentre['forecast'][number] | null>(
    (best, f) => (f.share !== null && (best === null || f.share > best.share!) ? f : best),
    null,
  );
}

function Open({ data, threshold }: { data: PressureOpen; threshold: number }) {
  const { t } = useTranslation('pressure');
  const byId = new Map(data.centres.map((c) => [c.id, c]));
  return (
    <>
      <h3 className="pressure-panel__sub">{t('title')}</h3>
      {data.warnings.length === 0 ? (
        <p data-testid="pressure-none">{t('none', { threshold: formatPercent(threshold), weeks: data.horizon })}</p>
      ) : (
        <ul className="pressure-warnings" data-testid="pressure-warnings">
          {data.warnings.map((w) => (
            <li key={w.centre} data-centre={w.centre} data-method={w.method}>
              {w.shareLow !== null && w.shareHigh !== null
                ? t('warning', { name: w.name, share: pct(w.share), week: formatDate(w.week), low: pct(w.shareLow), high: pct(w.shareHigh), mase: num(w.mase) })
                : t('warningNoInterval', { name: w.name, share: pct(w.share), week: formatDate(w.week) })}
              {w.method === 'baseline' ? <span className="pressure-not-shipped"> — {t('notShipped')}</span> : null}
            </li>
          ))}
        </ul>
      )}
      <table className="pressure-table" data-testid="pressure-table">
        <caption>{t('tableCaption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('centre')}</th>
            <th scope="col">{t('capacity')}</th>
            <th scope="col">{t('now', { week: formatDate(data.lastWeek) })}</th>
            <th scope="col">{t('forecastMax')}</th>
            <th scope="col">{t('interval')}</th>
            <th scope="col">{t('method')}</th>
            <th scope="col">{t('mase')}</th>
            <th scope="col">{t('coverage')}</th>
          </tr>
        </thead>
        <tbody>
          {data.centres.map((c) => {
            const now = c.recent.at(-1)?.share ?? null;
            const p = peak(c);
            return (
              <tr key={c.id} data-centre={c.id} data-method={c.method}>
                <th scope="row">
                  <Ring now={now} forecast={p?.share ?? null} label={`${byId.get(c.id)?.name ?? c.id}: ${pct(now)} → ${pct(p?.share)}`} /> {c.name}
                </th>
                <td>{c.capacity ?? '—'}</td>
                <td>{pct(now)}</td>
                <td>{p ? `${pct(p.share)} (${formatDate(p.week)})` : '—'}</td>
                <td>{p && p.shareLow !== null ? `${pct(p.shareLow)} – ${pct(p.shareHigh)}` : '—'}</td>
                <td>{c.method === 'model' ? t('model') : `${t('baseline')} (${t('notShipped')})`}</td>
                <td>
                  {num(c.maseModel)} / {num(c.maseBaseline)}
                </td>
                <td>{pct(c.intervalCoverage)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <details>
        <summary>{t('methodTitle')}</summary>
        <p>{t('methodText')}</p>
      </details>
    </>
  );
}

export function PressurePanel() {
  const { t } = useTranslation('pressure');
  const [open, setOpen] = useState(false);
  const [threshold, setThreshold] = useState(0.9);
  const [horizon, setHorizon] = useState(4);
  const [stayDays, setStayDays] = useState(7);
  const q = usePressure({ threshold, horizon, stayDays });
  return (
    <div className="pressure no-print" data-testid="pressure">
      <button type="button" className="btn pressure-toggle" aria-expanded={open} aria-controls="pressure-panel" onClick={() => setOpen((o) => !o)}>
        {open ? t('hide') : t('show')}
        {q.data && !q.data.locked && q.data.warnings.length > 0 ? <span className="pressure-badge"> ({q.data.warnings.length})</span> : null}
      </button>
      {open ? (
        <section id="pressure-panel" className="pressure-panel" aria-label={t('title')} data-testid="pressure-panel">
          {q.data?.locked ? (
            <div data-testid="pressure-locked">
              <h3 className="pressure-panel__sub">{t('locked')}</h3>
              <p>{t('lockedText')}</p>
            </div>
          ) : (
            <>
              <div className="pressure-controls">
                <label>
                  {t('threshold')}{' '}
                  <input
                    type="number"
                    min={0.1}
                    max={2}
                    step={0.05}
                    value={threshold}
                    data-testid="pressure-threshold"
                    onChange={(e) => {
                      const v = Number(e.target.value);
                      if (v >= 0.1 && v <= 2) setThreshold(v);
                    }}
                  />
                </label>
                <label>
                  {t('horizon')}{' '}
                  <select value={horizon} onChange={(e) => setHorizon(Number(e.target.value))}>
                    {[4, 5, 6, 7, 8].map((h) => (
                      <option key={h} value={h}>
                        {h}
                      </option>
                    ))}
                  </select>
                </label>
                <label>
                  {t('stayDays')}{' '}
                  <input
                    type="number"
                    min={1}
                    max={60}
                    value={stayDays}
                    onChange={(e) => {
                      const v = Number(e.target.value);
                      if (Number.isInteger(v) && v >= 1 && v <= 60) setStayDays(v);
                    }}
                  />
                </label>
              </div>
              {q.isError ? <p role="alert">{t('error')}</p> : q.data ? <Open data={q.data} threshold={threshold} /> : <p>{t('loading')}</p>}
            </>
          )}
        </section>
      ) : null}
    </div>
  );
}
