/** The legend: one entry for every encoding the map uses, drawn with the same colours and scales. */
import { useId, type ReactNode } from 'react';
import { PLACE_KINDS, type Direction, type PlaceKind } from '../../shared/enums';
import { formatChange, formatCount } from '../i18n/format';
import { useLanguage, useTranslation } from '../i18n/i18n';
import { INACTIVE_STROKE, PLACE_COLOURS, ROUTE_COLOURS, routeColour } from './colours';
import { CENTRE_EMPTY_OPACITY, HUB_RADIUS, MONITORING_POINT_RADIUS } from './layers/places';
import { CENTRE_RADIUS_RANGE, ROUTE_WIDTH_RANGE, centreRadiusScale, legendSamples, routeWidthScale, sqrtScale } from './scales';
import { RETURN_COLOUR, RETURN_WIDTH_RANGE } from './layers/returns';
import { useView, type View } from '../state/view';
import { NO_DATA_COLOUR } from './layers/hotspots';
import { routeChangeClasses, ROUTE_STABLE_INDEX } from './change';
import { legendIsOpen } from './base-layers';
import './i18n';

export interface LegendProps {
  view?: View;
  maxReturns?: number;
  /** Replaces the body (a feature's own legend, e.g. the hotspots choropleth). */
  children?: ReactNode;
  maxFlow: number;
  maxAssisted: number;
  direction: Direction | null;
  /** The two directions are drawn side by side (MapView): the legend shows both lanes. */
  splitDirections?: boolean;
  /** Open or collapsed when nobody chose yet (default: open on a wide screen, collapsed on a phone). */
  defaultOpen?: boolean;
}

export function PlaceSymbol({ kind, inactive = false, size = 18 }: { kind: PlaceKind; inactive?: boolean; size?: number }) {
  const c = PLACE_COLOURS[kind];
  const m = size / 2;
  let shape;
  switch (kind) {
    case 'office':
      shape = <rect x={m - 5.5} y={m - 5.5} width={11} height={11} rx={1} fill={c.fill} stroke={c.stroke} strokeWidth={1.2} />;
      break;
    case 'border_crossing':
      shape = <polygon points={`${m},${m - 6.5} ${m + 6.5},${m} ${m},${m + 6.5} ${m - 6.5},${m}`} fill={c.fill} stroke={c.stroke} strokeWidth={1.2} />;
      break;
    case 'transit_centre':
      shape = <circle cx={m} cy={m} r={7} fill={c.fill} fillOpacity={0.82} stroke={c.stroke} strokeWidth={1.5} />;
      break;
    case 'monitoring_point':
      shape = (
        <circle cx={m} cy={m} r={MONITORING_POINT_RADIUS} fill={inactive ? 'none' : c.fill} stroke={inactive ? INACTIVE_STROKE : c.stroke} strokeWidth={2} />
      );
      break;
    case 'hub':
      shape = <circle cx={m} cy={m} r={HUB_RADIUS} fill={c.fill} stroke="#9ca3af" strokeWidth={1.5} />;
      break;
  }
  return (
    <svg width={size} height={size} viewBox={`0 0 ${size} ${size}`} aria-hidden="true" focusable="false" className="legend__swatch">
      {shape}
    </svg>
  );
}

function LineSwatch({ width, colour, dashed = false }: { width: number; colour: string; dashed?: boolean }) {
  const h = Math.max(16, Math.ceil(width) + 4);
  return (
    <svg width={40} height={h} viewBox={`0 0 40 ${h}`} aria-hidden="true" focusable="false" className="legend__swatch">
      <line
        x1={3}
        x2={37}
        y1={h / 2}
        y2={h / 2}
        stroke={colour}
        strokeWidth={width}
        strokeLinecap={dashed ? 'butt' : 'round'}
        strokeDasharray={dashed ? `${3 * width} ${2 * width}` : undefined}
      />
    </svg>
  );
}

/** Two lanes of a route, incoming right of the way it is drawn (left to right here: below), outgoing left (above). */
function LanesSwatch() {
  return (
    <svg width={40} height={16} viewBox="0 0 40 16" aria-hidden="true" focusable="false" className="legend__swatch">
      <line x1={3} x2={37} y1={5} y2={5} stroke={ROUTE_COLOURS.outgoing} strokeWidth={4} />
      <line x1={3} x2={37} y1={11} y2={11} stroke={ROUTE_COLOURS.incoming} strokeWidth={4} />
      <path d="M31 2 l6 3 -6 3" fill="none" stroke="#fff" strokeWidth={1} transform="rotate(180 34 5)" />
      <path d="M31 8 l6 3 -6 3" fill="none" stroke="#fff" strokeWidth={1} />
    </svg>
  );
}

/** The scale mode switch: fitted to the period, or fixed over the whole range (the time strip's "fixed widths" is the same choice). */
export function ScaleModeSwitch() {
  const mode = useView((s) => s.scaleMode);
  const setMode = useView((s) => s.setScaleMode);
  const id = useId();
  const { t } = useTranslation();
  return (
    <div className="legend__scale no-print" role="radiogroup" aria-labelledby={id} data-testid="scale-mode">
      <span id={id} className="legend__sub">
        {t('time.scale')}
      </span>
      {(['auto', 'fixed'] as const).map((m) => (
        <label key={m} className="legend__radio">
          <input type="radio" name={`${id}-mode`} value={m} checked={mode === m} onChange={() => setMode(m)} data-testid={`scale-${m}`} />
          <span>{m === 'auto' ? t('time.scaleAuto') : t('time.scaleFixed')}</span>
        </label>
      ))}
    </div>
  );
}

/**
 * The legend sits at the map's left edge; "fit to Niger" and the first view leave its strip out (base-layers.ts
 * fitPadding), so it does not cover the data framed, and it collapses to its title bar (the choice is kept in the view
 * store, for every view and after a sign-in). The body scrolls under its title bar, so the controls stay reachable.
 */
export function Legend({ maxFlow, maxAssisted, direction, splitDirections = false, defaultOpen, view = 'flows', maxReturns = 0, children }: LegendProps) {
  const chosen = useView((s) => s.legendOpen);
  const setOpen = useView((s) => s.setLegendOpen);
  const open = chosen ?? defaultOpen ?? legendIsOpen(null, typeof window === 'undefined' ? 1280 : window.innerWidth);
  const colourBy = useView((s) => s.colourBy);
  const bodyId = useId();
  const { t } = useTranslation(['common', 'map']);
  const lang = useLanguage();
  const widthScale = routeWidthScale(maxFlow);
  const radiusScale = centreRadiusScale(maxAssisted);
  const flowSamples = legendSamples(maxFlow);
  const assistedSamples = legendSamples(maxAssisted);
  const colour = routeColour(direction);
  const split = splitDirections && !direction && colourBy === 'direction';
  // Side by side the lanes take the directions' colours: the width samples are then drawn in a neutral grey.
  const widthColour = split ? '#4b5563' : colour;
  const directions: Array<{ key: Direction | 'both'; label: string }> = direction
    ? [{ key: direction, label: `${t(`direction.${direction}`)} (${t(`directionHint.${direction}`)})` }]
    : split
      ? (['incoming', 'outgoing'] as const).map((d) => ({ key: d, label: `${t(`direction.${d}`)} (${t(`directionHint.${d}`)})` }))
      : [{ key: 'both', label: t('legend.bothDirections') }];

  return (
    <section className={open ? 'legend' : 'legend legend--collapsed'} data-testid="legend" data-open={open} aria-labelledby={`${bodyId}-title`}>
      <div className="legend__head">
        <h2 id={`${bodyId}-title`} className="legend__title">
          {t('legend.title')}
        </h2>
        <button
          type="button"
          className="btn btn--small no-print"
          aria-expanded={open}
          aria-controls={bodyId}
          onClick={() => setOpen(!open)}
          data-testid="legend-toggle"
        >
          {open ? t('legend.hide') : t('legend.show')}
        </button>
      </div>
      <div id={bodyId} hidden={!open} className="legend__body">
        {children ?? (
          <>
            {view === 'flows' ? (
              <>
                <h3 className="legend__sub">{split ? t('map:widthPerDirection') : t('legend.routes')}</h3>
                <ul className="legend__list">
                  {flowSamples.map((v) => (
                    <li key={v} data-testid="legend-route-width">
                      <LineSwatch width={widthScale(v)} colour={widthColour} />
                      <span>{formatCount(v, lang)}</span>
                    </li>
                  ))}
                  {flowSamples.length === 0 ? (
                    <li>
                      <LineSwatch width={ROUTE_WIDTH_RANGE[0]} colour={widthColour} />
                      <span>0</span>
                    </li>
                  ) : null}
                  {colourBy === 'direction' &&
                    directions.map((d) => (
                      <li key={d.key} data-testid="legend-direction" data-direction={d.key}>
                        <LineSwatch width={5} colour={ROUTE_COLOURS[d.key]} />
                        <span>{d.label}</span>
                      </li>
                    ))}
                  {split ? (
                    <li className="legend__note" data-testid="legend-both-sides">
                      <LanesSwatch />
                      <span>{t('map:bothSides')}</span>
                    </li>
                  ) : null}
                  {colourBy === 'change' ? <ChangeLegend /> : null}
                  <li data-testid="legend-not-monitored">
                    <LineSwatch width={ROUTE_WIDTH_RANGE[0] + 0.5} colour={ROUTE_COLOURS.notMonitored} dashed />
                    <span>{t('map:notMonitoredLegend')}</span>
                  </li>
                </ul>

                <h3 className="legend__sub">{t('legend.places')}</h3>
                <ul className="legend__list">
                  {PLACE_KINDS.map((kind) => (
                    <li key={kind} data-testid="legend-kind" data-kind={kind}>
                      <PlaceSymbol kind={kind} />
                      <span>{t(`placeKind.${kind}`)}</span>
                    </li>
                  ))}
                  <li data-testid="legend-inactive">
                    <PlaceSymbol kind="monitoring_point" inactive />
                    <span>{t('legend.inactivePoint')}</span>
                  </li>
                </ul>
              </>
            ) : null}
            <h3 className="legend__sub">{t('legend.centreSize')}</h3>
            <ul className="legend__list legend__list--inline">
              {assistedSamples.map((v) => {
                const r = radiusScale(v);
                const s = Math.ceil(2 * r + 4);
                return (
                  <li key={v} data-testid="legend-centre-size">
                    <svg width={s} height={s} viewBox={`0 0 ${s} ${s}`} aria-hidden="true" focusable="false" className="legend__swatch">
                      <circle cx={s / 2} cy={s / 2} r={r} fill={PLACE_COLOURS.transit_centre.fill} fillOpacity={0.82} stroke="#fff" strokeWidth={1.5} />
                    </svg>
                    <span>{formatCount(v, lang)}</span>
                  </li>
                );
              })}
            </ul>
            <ul className="legend__list">
              <li data-testid="legend-centre-empty">
                <svg width={18} height={18} viewBox="0 0 18 18" aria-hidden="true" focusable="false" className="legend__swatch">
                  <circle
                    cx={9}
                    cy={9}
                    r={CENTRE_RADIUS_RANGE[0]}
                    fill={PLACE_COLOURS.transit_centre.fill}
                    fillOpacity={CENTRE_EMPTY_OPACITY}
                    stroke="#fff"
                    strokeWidth={1.5}
                  />
                </svg>
                <span>{t('legend.centreEmpty')}</span>
              </li>
            </ul>
            {view === 'donor' ? <ReturnsLegend maxReturns={maxReturns} /> : null}
            {view === 'flows' ? <p className="legend__note">{t('legend.sideBySide')}</p> : null}
            <ScaleModeSwitch />
          </>
        )}
      </div>
    </section>
  );
}

function ReturnsLegend({ maxReturns }: { maxReturns: number }) {
  const { t } = useTranslation();
  const lang = useLanguage();
  const scale = sqrtScale(maxReturns, RETURN_WIDTH_RANGE);
  return (
    <>
      <h3 className="legend__sub">{t('donor.returns')}</h3>
      <ul className="legend__list">
        <li data-testid="legend-return-capital">
          <svg width={40} height={16} viewBox="0 0 40 16" aria-hidden="true" focusable="false" className="legend__swatch">
            <circle cx={20} cy={8} r={6} fill={RETURN_COLOUR} stroke="#ffffff" strokeWidth={1.5} />
          </svg>
          <span>{t('donor.capitals')}</span>
        </li>
        {legendSamples(maxReturns).map((v) => (
          <li key={v} data-testid="legend-return-width">
            <LineSwatch width={scale(v)} colour={RETURN_COLOUR} />
            <span>{formatCount(v, lang)}</span>
          </li>
        ))}
      </ul>
    </>
  );
}

/** The diverging change classes (ColorBrewer PuOr) used when routes are coloured by change. */
function ChangeLegend() {
  const { t } = useTranslation(['common', 'map']);
  const lang = useLanguage();
  const f = (share: number | null) => formatChange(share, lang);
  return (
    <>
      <li className="legend__sub">{t('compare.legendTitle')}</li>
      {routeChangeClasses().map((c, i) => (
        <li key={c.colour} data-testid="legend-change" data-stable={i === ROUTE_STABLE_INDEX || undefined}>
          <LineSwatch width={5} colour={c.colour} />
          <span>
            {c.min === null ? `< ${f(c.max)}` : c.max === null ? `≥ ${f(c.min)}` : `${f(c.min)} … ${f(c.max)}`}
            {i === ROUTE_STABLE_INDEX ? ` (${t('map:stable')})` : ''}
          </span>
        </li>
      ))}
      <li>
        <LineSwatch width={5} colour={NO_DATA_COLOUR} />
        <span>{t('compare.noChange')}</span>
      </li>
    </>
  );
}
