/** Hover tooltip: plain React text (never HTML built from data). */
import { useLayoutEffect, useRef, useState } from 'react';
import type { Description } from './describe';

export interface TooltipProps extends Description {
  x: number;
  y: number;
  /** Width of the container (default: measured from the tooltip's offset parent, the map). */
  containerWidth?: number;
}

/** The tooltip flips to the left of the pointer near the right edge of the map (its offset parent). */
export function Tooltip({ title, kind, detail, note, rows, x, y, containerWidth: givenWidth }: TooltipProps) {
  const ref = useRef<HTMLDivElement | null>(null);
  const [measuredWidth, setMeasuredWidth] = useState<number | undefined>(undefined);
  useLayoutEffect(() => {
    const parent = ref.current?.offsetParent;
    if (parent instanceof HTMLElement) setMeasuredWidth(parent.clientWidth);
  }, [x]);
  const containerWidth = givenWidth ?? measuredWidth;
  const flip = containerWidth !== undefined && x > containerWidth - 240;
  return (
    <div
      ref={ref}
      className="map-tooltip"
      role="tooltip"
      data-testid="map-tooltip"
      style={{ left: x, top: y, transform: `translate(${flip ? 'calc(-100% - 12px)' : '12px'}, -50%)` }}
    >
      <div className="map-tooltip__title">{title}</div>
      <div className="map-tooltip__kind">{kind}</div>
      {detail ? <div className="map-tooltip__detail">{detail}</div> : null}
      {rows && rows.length > 0 ? (
        <dl className="map-tooltip__rows" data-testid="map-tooltip-rows">
          {rows.map((r) => (
            <div key={r.key} className={`map-tooltip__row map-tooltip__row--${r.key}`} data-testid={`map-tooltip-${r.key}`}>
              <dt>{r.label}</dt>
              <dd>{r.value}</dd>
            </div>
          ))}
        </dl>
      ) : null}
      {note ? (
        <div className="map-tooltip__note" data-testid="map-tooltip-note">
          {note}
        </div>
      ) : null}
    </div>
  );
}
