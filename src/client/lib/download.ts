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

/** "Transit Atlas", "2016-01-01", "2016-12-31", "geojson" → "transit-atlas-flows-2016-01-01_2016-12-31.geojson". */
export function exportFilename(what: string, from: string | null, to: string | null, ext: string): string {
  const slug = what
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
  return `transit-atlas-${slug}${from && to ? `-${from}_${to}` : ''}.${ext}`;
}
