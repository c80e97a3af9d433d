/**
 * PNG of the map with its stamps: the WebGL canvas (created with preserveDrawingBuffer, so it can be read
 * after drawing) copied onto a 2D canvas with a white footer holding the title, the period, the data-as-of
 * date, the "Illustrative data" stamp, how the counts are protected ("≈ perturbed counts…", for answers that passed
 * disclosure control) and the legend entries (swatch + text).
 */
export interface ImageStamp {
  title: string;
  period: string;
  dataAsOf: string;
  /** e.g. "Illustrative data"; null for real data. */
  illustrative: string | null;
  legend: Array<{ colour: string; label: string }>;
  /** How the counts are protected, e.g. "≈ perturbed counts (each cell within ±3); small counts withheld"; null or absent for exact counts. */
  protection?: string | null;
}

export const FOOTER_LINE = 18;

/** Height of the footer for a legend of `n` entries laid out in `columns` (and a line on protection when there is one). */
export function footerHeight(n: number, columns = 2, protection = false): number {
  return 12 + FOOTER_LINE * (2 + (protection ? 1 : 0) + Math.ceil(n / columns)) + 8;
}

export function composeMapImage(map: HTMLCanvasElement, stamp: ImageStamp, doc: Document = document): HTMLCanvasElement {
  const w = map.width;
  const columns = 2;
  const fh = footerHeight(stamp.legend.length, columns, !!stamp.protection);
  const out = doc.createElement('canvas');
  out.width = w;
  out.height = map.height + fh;
  const ctx = out.getContext('2d');
  if (!ctx) return out;
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, out.width, out.height);
  ctx.drawImage(map, 0, 0);
  if (stamp.illustrative) {
    ctx.font = '600 16px "Noto Sans", sans-serif';
    const text = stamp.illustrative.toUpperCase();
    const tw = ctx.measureText(text).width;
    ctx.fillStyle = 'rgba(255,255,255,0.85)';
    ctx.fillRect(w - tw - 24, 8, tw + 16, 26);
    ctx.fillStyle = '#9a3412';
    ctx.fillText(text, w - tw - 16, 27);
  }
  let y = map.height + 12 + 12;
  ctx.fillStyle = '#111827';
  ctx.font = '600 14px "Noto Sans", sans-serif';
  ctx.fillText(`${stamp.title} · ${stamp.period}`, 12, y);
  y += FOOTER_LINE;
  ctx.font = '12px "Noto Sans", sans-serif';
  ctx.fillStyle = '#374151';
  ctx.fillText([stamp.dataAsOf, stamp.illustrative].filter(Boolean).join(' · '), 12, y);
  y += FOOTER_LINE;
  if (stamp.protection) {
    ctx.fillText(stamp.protection, 12, y);
    y += FOOTER_LINE;
  }
  const colW = (w - 24) / columns;
  stamp.legend.forEach((e, i) => {
    const x = 12 + (i % columns) * colW;
    const yy = y + Math.floor(i / columns) * FOOTER_LINE;
    ctx.fillStyle = e.colour;
    ctx.fillRect(x, yy - 10, 14, 10);
    ctx.fillStyle = '#111827';
    ctx.fillText(e.label, x + 20, yy);
  });
  return out;
}

/** A legend entry's text with the values its sizes stand for: "Routes — width = people observed: 54,000 · 13,000 · 3,400". */
export function withValues(label: string, samples: readonly number[], format: (n: number) => string): string {
  return samples.length > 0 ? `${label}: ${samples.map(format).join(' · ')}` : label;
}
