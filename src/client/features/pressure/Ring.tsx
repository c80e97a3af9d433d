/**
 * A pressure ring: the inner arc is the share of capacity now (blue), the outer the highest forecast share (orange),
 * both capped at a full turn; an empty track where a share is unknown. Used in the panel's table and on the map.
 */
export function Ring({ now, forecast, label, size = 36 }: { now: number | null; forecast: number | null; label: string; size?: number }) {
  const arc = (r: number, share: number | null) => {
    const c = 2 * Math.PI * r;
    const s = Math.max(0, Math.min(1, share ?? 0));
    return { strokeDasharray: `${s * c} ${c}` };
  };
  return (
    <svg className="pressure-ring" viewBox="0 0 36 36" width={size} height={size} role="img" aria-label={label}>
      <circle cx="18" cy="18" r="15" className="pressure-ring__track" />
      {forecast !== null ? <circle cx="18" cy="18" r="15" className="pressure-ring__forecast" style={arc(15, forecast)} transform="rotate(-90 18 18)" /> : null}
      <circle cx="18" cy="18" r="10" className="pressure-ring__track" />
      {now !== null ? <circle cx="18" cy="18" r="10" className="pressure-ring__now" style={arc(10, now)} transform="rotate(-90 18 18)" /> : null}
    </svg>
  );
}
