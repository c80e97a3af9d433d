/**
 * Centre pressure (GET /api/v1/pressure): a toggle on the map opens a panel and draws a ring beside each transit
 * centre on the map (PressureRings) while it is open.
 * - Programme staff: the early warning — centres forecast above a share of capacity, with the 80 % interval and the
 *   backtest error, or "forecast not shipped" where the model did not beat the seasonal-naive baseline — a threshold,
 *   horizon and stay control, and a table of every centre with its ring now and forecast.
 * - Everyone else: the last twelve months of estimated residents from the people assisted published to them (the
 *   server's monthly answer), months above the threshold marked, a month-by-month table, and why the weekly forecast
 *   is programme staff's.
 * Loaded lazily after the first map (App.tsx), so it weighs nothing on the first map's JavaScript.
 */
import { useRef, useState } from 'react';
import type { PressureMonthly, PressureOpen } from '../../../shared/api-pressure';
import { PRESSURE_HORIZON, PRESSURE_THRESHOLD } from '../../../shared/api-pressure';
import { STAY_DAYS_BOUNDS } from '../../../shared/occupancy';
import { formatCount, formatDate, formatMonthYear, formatPercent, parseIsoDate } from '../../i18n/format';
import { currentLanguage, useTranslation } from '../../i18n/i18n';
import { shortCentreName } from '../../lib/place-names';
import { Approximate } from '../../components/Count';
import { PERTURBED_MARK } from '../../lib/suppressed';
import { CoverageNote } from '../../components/CoverageNote';
import { usePressure } from './api';
import './i18n';
import './pressure.css';
import { PressureRings } from './PressureRings';
import { Ring } from './Ring';
import { peakForecast } from './rings';
import { usePressureState } from './state';
import { useFrameCentres } from './useFrameCentres';

const pct = (x: number | null | undefined) => (x === null || x === undefined ? '—' : formatPercent(x));
/** A backtest error with two decimals in the page's language ("1.18", "1,18"). */
const num = (x: number | null | undefined) =>
  x === null || x === undefined ? '—' : new Intl.NumberFormat(currentLanguage(), { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(x);
const month = (iso: string) => formatMonthYear(parseIsoDate(iso)!);
/** A share worked out from perturbed counts, in a sentence: "≈23%". */
const approx = (x: number | null | undefined) => (x === null || x === undefined ? '—' : `${PERTURBED_MARK}${formatPercent(x)}`);

/**
 * A number field that keeps what is typed while it is not (yet) a valid value — clearing it to type "14" must not
 * snap back to the old value — and applies each valid value; leaving the field shows the value applied.
 */
function NumberField(props: { value: number; min: number; max: number; step?: number; integer?: boolean; testId: string; onValid: (v: number) => void }) {
  const [draft, setDraft] = useState<string | null>(null);
  const valid = (v: number) => Number.isFinite(v) && v >= props.min && v <= props.max && (!props.integer || Number.isInteger(v));
  return (
    <input
      type="number"
      min={props.min}
      max={props.max}
      step={props.step}
      value={draft ?? String(props.value)}
      aria-invalid={draft !== null && !valid(Number(draft)) ? true : undefined}
      data-testid={props.testId}
      onChange={(e) => {
        setDraft(e.target.value);
        const v = Number(e.target.value);
        if (e.target.value.trim() !== '' && valid(v)) props.onValid(v);
      }}
      onBlur={() => setDraft(null)}
    />
  );
}

function Weekly({ data, threshold }: { data: PressureOpen; threshold: number }) {
  const { t } = useTranslation('pressure');
  return (
    <>
      <h3 className="pressure-panel__sub">{t('title')}</h3>
      <CoverageNote of="assistance" testId="pressure-coverage" />
      {data.warnings.length === 0 ? (
        <p data-testid="pressure-none">{t('none', { threshold: formatPercent(threshold), weeks: data.horizon })}</p>
      ) : (
        <ul className="pressure-warnings" data-testid="pressure-warnings">
          {data.warnings.map((w) => {
            const name = shortCentreName(w.name);
            return (
              <li key={w.centre} data-centre={w.centre} data-method={w.method}>
                {w.shareLow !== null && w.shareHigh !== null
                  ? t('warning', { name, share: pct(w.share), week: formatDate(w.week), low: pct(w.shareLow), high: pct(w.shareHigh), mase: num(w.mase) })
                  : t('warningNoInterval', { name, share: pct(w.share), week: formatDate(w.week) })}
                {w.method === 'baseline' ? <span className="pressure-not-shipped"> — {t('notShipped')}</span> : null}
              </li>
            );
          })}
        </ul>
      )}
      <details className="pressure-details" data-testid="pressure-details">
        <summary>{t('tableSummary')}</summary>
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
              const p = peakForecast(c);
              const name = shortCentreName(c.name);
              return (
                <tr key={c.id} data-centre={c.id} data-method={c.method}>
                  <th scope="row">
                    <Ring now={now} forecast={p?.share ?? null} label={`${name}: ${pct(now)} → ${pct(p?.share)}`} /> {name}
                  </th>
                  <td>{c.capacity === null ? '—' : formatCount(c.capacity)}</td>
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
      </details>
      <p className="pressure-note">{t('ringsNote')}</p>
      <details>
        <summary>{t('methodTitle')}</summary>
        <p>{t('methodText')}</p>
      </details>
    </>
  );
}

function Monthly({ data }: { data: PressureMonthly }) {
  const { t } = useTranslation('pressure');
  const months = data.centres[0]?.months.map((m) => m.month) ?? [];
  const share = (m: PressureMonthly['centres'][number]['months'][number]) =>
    m.withheld ? t('withheld') : <Approximate text={pct(m.share)} approximate={m.share !== null} />;
  return (
    <>
      <h3 className="pressure-panel__sub">{t('monthlyTitle')}</h3>
      <CoverageNote of="assistance" testId="pressure-coverage" />
      <ul className="pressure-warnings" data-testid="pressure-monthly-list">
        {data.centres.map((c) => {
          const last = c.months.at(-1);
          return (
            <li key={c.id} data-centre={c.id}>
              {last?.withheld
                ? t('monthlyWithheld', { name: shortCentreName(c.name), month: month(data.lastMonth) })
                : t('monthlyLine', { name: shortCentreName(c.name), share: approx(last?.share), month: month(data.lastMonth) })}
            </li>
          );
        })}
      </ul>
      <details className="pressure-details" data-testid="pressure-details">
        <summary>{t('tableSummary')}</summary>
        <table className="pressure-table" data-testid="pressure-monthly">
          <caption>{t('monthlyCaption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('centre')}</th>
              <th scope="col">{t('capacity')}</th>
              <th scope="col">{t('lastMonth', { month: month(data.lastMonth) })}</th>
              <th scope="col">{t('highestMonth')}</th>
              <th scope="col">{t('monthsAbove', { threshold: formatPercent(data.threshold) })}</th>
            </tr>
          </thead>
          <tbody>
            {data.centres.map((c) => {
              const last = c.months.at(-1);
              const top = c.months.reduce<(typeof c.months)[number] | null>(
                (best, m) => (m.share !== null && (best === null || m.share > best.share!) ? m : best),
                null,
              );
              const name = shortCentreName(c.name);
              return (
                <tr key={c.id} data-centre={c.id}>
                  <th scope="row">
                    <Ring now={last?.share ?? null} forecast={null} label={`${name}: ${last?.withheld ? t('withheld') : approx(last?.share)}`} /> {name}
                  </th>
                  <td>{c.capacity === null ? '—' : formatCount(c.capacity)}</td>
                  <td data-testid="pressure-last">{last ? share(last) : '—'}</td>
                  <td>
                    {top ? (
                      <>
                        {approx(top.share)} ({month(top.month)})
                      </>
                    ) : (
                      '—'
                    )}
                  </td>
                  <td data-testid="pressure-above">{c.months.filter((m) => m.above).length}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </details>
      <details>
        <summary>{t('byMonth')}</summary>
        <table className="pressure-table" data-testid="pressure-by-month">
          <caption>{t('monthlyCaption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('month')}</th>
              {data.centres.map((c) => (
                <th scope="col" key={c.id}>
                  {shortCentreName(c.name)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {months.map((m, i) => (
              <tr key={m}>
                <th scope="row">{month(m)}</th>
                {data.centres.map((c) => (
                  <td key={c.id} className={c.months[i]?.above ? 'pressure-above' : undefined}>
                    {c.months[i] ? share(c.months[i]!) : '—'}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </details>
      <p className="pressure-note">{t('ringsNoteMonthly')}</p>
      <details className="pressure-forecast-locked" data-testid="pressure-forecast-locked">
        <summary>{t('forecastLocked')}</summary>
        <p>{t('forecastLockedText')}</p>
      </details>
      <details>
        <summary>{t('methodTitle')}</summary>
        <p>{t('monthlyMethodText')}</p>
      </details>
    </>
  );
}

export function PressurePanel() {
  const { t } = useTranslation('pressure');
  const { open, threshold, horizon, stayDays } = usePressureState();
  const set = usePressureState.setState;
  const q = usePressure({ threshold, horizon, stayDays });
  const weekly = q.data && !q.data.locked && q.data.resolution === 'week' ? q.data : null;
  const panel = useRef<HTMLElement>(null);
  useFrameCentres(open, panel);
  const warnings = weekly?.warnings.length ?? 0;
  return (
    <div className="pressure no-print" data-testid="pressure">
      <button type="button" className="btn pressure-toggle" aria-expanded={open} aria-controls="pressure-panel" onClick={() => set({ open: !open })}>
        {open ? t('hide') : t('show')}
        {warnings > 0 ? (
          <span className="pressure-badge" data-testid="pressure-badge">
            <span aria-hidden="true">{warnings}</span>
            <span className="visually-hidden">{t('badge', { count: warnings })}</span>
          </span>
        ) : null}
      </button>
      {open ? <PressureRings data={q.data} /> : null}
      {open ? (
        <section id="pressure-panel" ref={panel} className="pressure-panel" aria-label={t('title')} data-testid="pressure-panel">
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
                  <NumberField
                    value={threshold}
                    min={PRESSURE_THRESHOLD.min}
                    max={PRESSURE_THRESHOLD.max}
                    step={0.05}
                    testId="pressure-threshold"
                    onValid={(v) => set({ threshold: v })}
                  />
                </label>
                {/* Weeks ahead applies to the weekly forecast only: not offered with the monthly answer. */}
                {q.data && !q.data.locked && q.data.resolution === 'month' ? null : (
                  <label>
                    {t('horizon')}{' '}
                    <select value={horizon} data-testid="pressure-horizon" onChange={(e) => set({ horizon: Number(e.target.value) })}>
                      {Array.from({ length: PRESSURE_HORIZON.max - PRESSURE_HORIZON.min + 1 }, (_, i) => PRESSURE_HORIZON.min + i).map((h) => (
                        <option key={h} value={h}>
                          {h}
                        </option>
                      ))}
                    </select>
                  </label>
                )}
                <label>
                  {t('stayDays')}{' '}
                  <NumberField
                    value={stayDays}
                    min={STAY_DAYS_BOUNDS.min}
                    max={STAY_DAYS_BOUNDS.max}
                    integer
                    testId="pressure-stay"
                    onValid={(v) => set({ stayDays: v })}
                  />
                </label>
              </div>
              {q.isError ? (
                <p role="alert">{t('error')}</p>
              ) : !q.data || q.data.locked ? (
                <p>{t('loading')}</p>
              ) : q.data.resolution === 'week' ? (
                <Weekly data={q.data} threshold={threshold} />
              ) : (
                <Monthly data={q.data} />
              )}
            </>
          )}
        </section>
      ) : null}
    </div>
  );
}
