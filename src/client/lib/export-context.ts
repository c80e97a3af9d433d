/**
 * What an export was cut from, so that a file read on its own still says it: the place (monitoring point, route or
 * centre), the filters, the period, how the counts are protected for the role that downloaded it, and whether the data
 * are illustrative. Carried in the file name (slugs) and, for CSV, in columns added to every row. Pure functions.
 */

/** The query parameters that name a place (the first one set wins). */
const PLACE_KEYS = ['point', 'route', 'centre', 'region'] as const;
/** The query parameters that are filters (besides the place and the period). */
const FILTER_KEYS = ['direction', 'nationality', 'sex', 'ageGroup', 'transport', 'service', 'destination'] as const;

export interface ExportContext {
  /** The place's name (or its id when the name is not known); null for the whole view. */
  place: string | null;
  /** Its id, for the file name. */
  placeId: string | null;
  from: string | null;
  to: string | null;
  /** The filters set, as `key=value` (values as sent: ISO3 codes, enum ids). */
  filters: Array<[string, string]>;
  /** True when the counts passed disclosure control (outside roles); false for exact counts. */
  protectedCounts: boolean;
  illustrative: boolean;
}

type Params = Readonly<Record<string, unknown>>;

const valueOf = (v: unknown): string | null => {
  if (v === undefined || v === null || v === '') return null;
  if (Array.isArray(v)) return v.length > 0 ? v.map(String).join('+') : null;
  return String(v);
};

/** The context of a query's answer: its place, filters and period from `params` (the period else from `opts`), the role's protection. */
export function contextOf(
  params: Params,
  opts: { names?: (id: string) => string | undefined; protectedCounts: boolean; illustrative: boolean; from?: string | null; to?: string | null },
): ExportContext {
  let placeId: string | null = null;
  for (const k of PLACE_KEYS) {
    placeId ??= valueOf(params[k]);
  }
  const filters: Array<[string, string]> = [];
  for (const k of FILTER_KEYS) {
    const v = valueOf(params[k]);
    if (v !== null) filters.push([k, v]);
  }
  return {
    place: placeId === null ? null : (opts.names?.(placeId) ?? placeId),
    placeId,
    from: valueOf(params['from']) ?? opts.from ?? null,
    to: valueOf(params['to']) ?? opts.to ?? null,
    filters,
    protectedCounts: opts.protectedCounts,
    illustrative: opts.illustrative,
  };
}

/** Lower-case ASCII words joined by hyphens ("Agadez bus station (FMP)" → "agadez-bus-station-fmp", "Âge" → "age"). */
export function slug(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

/**
 * The parts of a file name after what it holds: place, filters, then (after the period, see `exportFilename`)
 * protection and the illustrative flag: ["agadez-fmp", "nationality-ner"], ["protected", "illustrative"].
 */
export function contextSlugs(ctx: ExportContext): { before: string[]; after: string[] } {
  const before = [ctx.placeId ? slug(ctx.placeId) : null, ...ctx.filters.map(([k, v]) => slug(`${k}-${v}`))].filter((s): s is string => !!s);
  const after = [ctx.protectedCounts ? 'protected' : 'exact', ...(ctx.illustrative ? ['illustrative'] : [])];
  return { before, after };
}

/** The columns added to every row of a CSV export: names and the value each row gets. */
export function contextColumns(ctx: ExportContext, protectionText: string): Array<[string, string]> {
  return [
    ['context_place', ctx.place ?? 'all'],
    ['context_period_from', ctx.from ?? ''],
    ['context_period_to', ctx.to ?? ''],
    ['context_filters', ctx.filters.map(([k, v]) => `${k}=${v}`).join('; ')],
    ['context_protection', protectionText],
    ['context_illustrative', ctx.illustrative ? 'true' : 'false'],
  ];
}

/** A CSV field, quoted when it must be (RFC 4180). */
export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/**
 * `csv` with the columns added at the end of every record: the names on the header record, the values on every other.
 * Reads the records as RFC 4180 does (a quoted field may hold commas and line breaks); keeps the file's line ending.
 * An HXL hashtag row (the second record of an `_hxl.csv`, starting with "#") gets empty cells.
 */
export function appendCsvColumns(csv: string, columns: Array<[string, string]>): string {
  if (columns.length === 0 || csv.length === 0) return csv;
  const eol = csv.includes('\r\n') ? '\r\n' : '\n';
  const header = columns.map(([name]) => csvField(name)).join(',');
  const values = columns.map(([, v]) => csvField(v)).join(',');
  const blanks = columns.map(() => '').join(',');
  const out: string[] = [];
  let record = 0;
  let start = 0;
  let quoted = false;
  const close = (end: number) => {
    const line = csv.slice(start, end);
    if (line.length > 0) out.push(`${line},${record === 0 ? header : line.startsWith('#') ? blanks : values}`);
    else out.push(line);
    record++;
  };
  for (let i = 0; i < csv.length; i++) {
    const c = csv[i];
    if (c === '"') quoted = !quoted;
    else if (!quoted && c === '\n') {
      close(csv[i - 1] === '\r' ? i - 1 : i);
      start = i + 1;
    }
  }
  if (start < csv.length) close(csv.length);
  const text = out.join(eol);
  return csv.endsWith('\n') ? `${text}${eol}` : text;
}
