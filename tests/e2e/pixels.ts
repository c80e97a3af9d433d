/** Pixel measurements of what Chromium actually drew, decoded in the page (no PNG library needed). */
import type { Page } from 'playwright-core';

export interface Clip {
  x: number;
  y: number;
  width: number;
  height: number;
}

export async function screenshotRgba(page: Page, clip: Clip): Promise<number[]> {
  const png = await page.screenshot({ clip, animations: 'disabled' });
  const b64 = png.toString('base64');
  // Decoded through an <img> (img-src allows data:), not fetch (the page's CSP limits connect-src to 'self').
  return page.evaluate(async (data) => {
    const img = new Image();
    img.src = `data:image/png;base64,${data}`;
    await img.decode();
    const canvas = new OffscreenCanvas(img.naturalWidth, img.naturalHeight);
    const ctx = canvas.getContext('2d')!;
    ctx.drawImage(img, 0, 0);
    return Array.from(ctx.getImageData(0, 0, img.naturalWidth, img.naturalHeight).data);
  }, b64);
}

/** Number of pixels whose colour differs (sum of |ΔRGB| above a threshold) between two captures. */
export function differingPixels(a: number[], b: number[], threshold = 40): number {
  let n = 0;
  for (let i = 0; i < a.length; i += 4) {
    const d = Math.abs(a[i]! - b[i]!) + Math.abs(a[i + 1]! - b[i + 1]!) + Math.abs(a[i + 2]! - b[i + 2]!);
    if (d > threshold) n++;
  }
  return n;
}
