/**
 * Where keyboard focus goes when a panel closes: back to the element that opened it when it is still in the page, else
 * to the row naming the same place or route (`data-select-ref="place:agadez-fmp"`, e.g. the overview table that
 * comes back when the panel goes), else to the map. Never left on <body>. The side column re-renders after the close,
 * so this waits a few frames for the element to appear.
 */
export function returnFocus(opener: Element | null, ref: { type: string; id: string } | null, doc: Document = document, frames = 10): void {
  const target = (): HTMLElement | null => {
    if (opener instanceof HTMLElement && opener.isConnected && opener !== doc.body) return opener;
    if (ref) {
      const row = doc.querySelector<HTMLElement>(`[data-select-ref="${ref.type}:${CSS.escape(ref.id)}"]`);
      if (row) return row;
    }
    return null;
  };
  const fallback = () => doc.querySelector<HTMLElement>('.maplibregl-canvas') ?? doc.querySelector<HTMLElement>('[data-testid="map-area"]');
  let left = frames;
  const attempt = () => {
    const el = target();
    if (el) {
      el.focus();
      return;
    }
    if (--left > 0) {
      requestAnimationFrame(attempt);
      return;
    }
    const other = fallback();
    if (other) {
      if (!other.hasAttribute('tabindex') && other.tabIndex < 0) other.setAttribute('tabindex', '-1');
      other.focus();
    }
  };
  attempt();
}
