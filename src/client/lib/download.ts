/** Saves a Blob as a file through a temporary object URL (nothing leaves the machine). */
export function downloadBlob(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  a.rel = 'noopener';
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

import { slug } from './export-context';

/**
 * "Flows", "2016-01-01", "2016-12-31", "geojson" → "transit-atlas-flows-2016-01-01_2016-12-31.geojson". With a
 * context (lib/export-context.ts `contextSlugs`): the place and filters before the period, the protection and the
 * illustrative flag after it: "transit-atlas-by-age-group-agadez-fmp-nationality-ner-2018-01-01_2018-12-31-exact-illustrative.csv".
 */
export function exportFilename(what: string, from: string | null, to: string | null, ext: string, context?: { before: string[]; after: string[] }): string {
  const parts = [slug(what), ...(context?.before ?? []), ...(from && to ? [`${from}_${to}`] : []), ...(context?.after ?? [])].filter(Boolean);
  return `transit-atlas-${parts.join('-')}.${ext}`;
}
