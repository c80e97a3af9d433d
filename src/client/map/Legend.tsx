/** The legend: one entry for every encoding the map uses, drawn with the same colours and scales. */
import { useId, useState } from 'react';
import { PLACE_KINDS, type Direction, type PlaceKind } from '../../shared/enums';
import { formatCount } from '../lib/format';
import { t } from '../lib/strings';
import { INACTIVE_STROKE, PLACE_COLOURS, ROUTE_COLOURS, routeColour } from './colours';
import { HUB_RADIUS, MONITORING_POINT_RADIUS } from './layers/places';
import { ROUTE_WIDTH_RANGE, centreRadiusScale, legendSamples, routeWidthScale } from './scales';

export interface LegendProps {
  maxFlow: number;
  maxAssisted: number;
  direction: Direction | null;
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
        <circle
          cx={m}
          cy={m}
          r={MONITORING_POINT_RADIUS}
          fill={inactive ? 'none' : c.fill}
          stroke={inactive ? INACTIVE_STROKE : c.stroke}
          strokeWidth={2}
        />
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

export function Legend({ maxFlow, maxAssisted, direction, defaultOpen = true }: LegendProps) {
  const [open, setOpen] = useState(defaultOpen);
  const bodyId = useId();
  const widthScale = routeWidthScale(maxFlow);
  const radiusScale = centreRadiusScale(maxAssisted);
  const flowSamples = legendSamples(maxFlow);
  const assistedSamples = legendSamples(maxAssisted);
  const colour = routeColour(direction);
  const directions: Array<{ key: Direction | 'both'; label: string }> = direction
    ? [{ key: direction, label: `${t.direction[direction]} (${t.directionHint[direction]})` }]
    : [{ key: 'both', label: t.legend.bothDirections }];

  return (
    <section className="legend" data-testid="legend" aria-labelledby={`${bodyId}-title`}>
      <div className="legend__head">
        <h2 id={`${bodyId}-title`} className="legend__title">
          {t.legend.title}
        </h2>
        <button
          type="button"
          className="btn btn--small"
          aria-expanded={open}
          aria-controls={bodyId}
          onClick={() => setOpen((o) => !o)}
        >
          {open ? t.legend.hide : t.legend.show}
        </button>
      </div>
      <div id={bodyId} hidden={!open} className="legend__body">
        <h3 className="legend__sub">{t.legend.routes}</h3>
        <ul className="legend__list">
          {flowSamples.map((v) => (
            <li key={v} data-testid="legend-route-width">
              <LineSwatch width={widthScale(v)} colour={colour} />
              <span>{formatCount(v)}</span>
            </li>
          ))}
          {flowSamples.length === 0 ? (
            <li>
              <LineSwatch width={ROUTE_WIDTH_RANGE[0]} colour={colour} />
              <span>0</span>
            </li>
          ) : null}
          {directions.map((d) => (
            <li key={d.key} data-testid="legend-direction">
              <LineSwatch width={5} colour={ROUTE_COLOURS[d.key]} />
              <span>{d.label}</span>
            </li>
          ))}
          <li data-testid="legend-not-monitored">
            <LineSwatch width={ROUTE_WIDTH_RANGE[0]} colour={ROUTE_COLOURS.notMonitored} dashed />
            <span>{t.legend.notMonitored}</span>
          </li>
        </ul>

        <h3 className="legend__sub">{t.legend.places}</h3>
        <ul className="legend__list">
          {PLACE_KINDS.map((kind) => (
            <li key={kind} data-testid="legend-kind" data-kind={kind}>
              <PlaceSymbol kind={kind} />
              <span>{t.placeKind[kind]}</span>
            </li>
          ))}
          <li data-testid="legend-inactive">
            <PlaceSymbol kind="monitoring_point" inactive />
            <span>{t.legend.inactivePoint}</span>
          </li>
        </ul>

        <h3 className="legend__sub">{t.legend.centreSize}</h3>
        <ul className="legend__list legend__list--inline">
          {assistedSamples.map((v) => {
            const r = radiusScale(v);
            const s = Math.ceil(2 * r + 4);
            return (
              <li key={v} data-testid="legend-centre-size">
                <svg width={s} height={s} viewBox={`0 0 ${s} ${s}`} aria-hidden="true" focusable="false" className="legend__swatch">
                  <circle cx={s / 2} cy={s / 2} r={r} fill={PLACE_COLOURS.transit_centre.fill} fillOpacity={0.82} stroke="#fff" strokeWidth={1.5} />
                </svg>
                <span>{formatCount(v)}</span>
              </li>
            );
          })}
        </ul>
        <p className="legend__note">{t.legend.sideBySide}</p>
      </div>
    </section>
  );
}
