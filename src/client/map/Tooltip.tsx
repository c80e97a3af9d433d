/** Hover tooltip: plain React text (never HTML built from data). */
import type { Description } from './describe';

export interface TooltipProps extends Description {
  x: number;
  y: number;
  /** Width of the container, to flip the tooltip left near the right edge. */
  containerWidth?: number;
}

export function Tooltip({ title, kind, detail, note, x, y, containerWidth }: TooltipProps) {
  const flip = containerWidth !== undefined && x > containerWidth - 240;
  return (
    <div
      className="map-tooltip"
      role="tooltip"
      data-testid="map-tooltip"
      style={{ left: x, top: y, transform: `translate(${flip ? 'calc(-100% - 12px)' : '12px'}, -50%)` }}
    >
      <div className="map-tooltip__title">{title}</div>
      <div className="map-tooltip__kind">{kind}</div>
      {detail ? <div className="map-tooltip__detail">{detail}</div> : null}
      {note ? (
        <div className="map-tooltip__note" data-testid="map-tooltip-note">
          {note}
        </div>
      ) : null}
    </div>
  );
}
