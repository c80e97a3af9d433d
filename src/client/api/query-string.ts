/**
 * Builds the query string of an API request. Pure and deterministic: keys are sorted, empty values
 * dropped and arrays written as comma lists, so equal requests give equal strings (and cache keys).
 */
export type QueryValue = string | number | boolean | null | undefined | readonly (string | number)[];
export type QueryParams = Readonly<Record<string, QueryValue>>;

export function normaliseParams(params: QueryParams): Record<string, string> {
  const out: Record<string, string> = {};
  for (const key of Object.keys(params).sort()) {
    const v = params[key];
    if (v === undefined || v === null) continue;
    let s: string;
    if (Array.isArray(v)) {
      const parts = (v as readonly (string | number)[]).map((x) => String(x).trim()).filter((x) => x.length > 0);
      if (parts.length === 0) continue;
      s = parts.join(',');
    } else {
      s = String(v).trim();
    }
    if (s.length === 0) continue;
    out[key] = s;
  }
  return out;
}

/** `{ from: '2016-01-01', groupBy: ['route'] }` → `?from=2016-01-01&groupBy=route` ('' when nothing is left). */
export function buildQueryString(params: QueryParams): string {
  const norm = normaliseParams(params);
  const qs = new URLSearchParams(norm).toString();
  return qs ? `?${qs}` : '';
}

export function withQuery(path: string, params: QueryParams): string {
  return `${path}${buildQueryString(params)}`;
}
