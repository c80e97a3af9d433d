/**
 * The view's state in the URL (a shareable link), versioned. Pure functions, tested.
 *
 * Version 2 (current): `?v=2&view=flows|donor|hotspots&lang=en|fr&from=…&to=…&direction=…&nationality=…&sex=…
 * &ageGroup=…&select=place:agadez-tc|route:R5b|region:NE001&colour=change&map=lon,lat,zoom`.
 * Version 1 (the first release, which always wrote `v=1`): the same filter and selection keys, no view, language or
 * viewport. `migrateUrlParams` lifts any older URL to the current version before it is read.
 * A link without `v` (or with an unreadable one) is one a person typed or trimmed (`/?lang=fr`, `/?view=donor`,
 * `/?from=2016-01-01&to=2016-12-31`): every key of the current version means one thing only, so all of them are kept,
 * and a link naming no view opens the visitor's own landing view.
 *
 * Every value is validated with zod one by one: a malformed value is dropped, never trusted (the URL is
 * user input), and the rest of the link still applies.
 */
import * as z from 'zod/mini';
import { AGE_GROUPS, DIRECTIONS, ISO3_PATTERN, SEXES } from '../../shared/enums';
import type { FilterValues, SelectionRef } from '../state/filters';
import { LANGS, VIEWS, roundViewport, type Lang, type View, type Viewport } from '../state/view';
import { parseIsoDate } from '../i18n/format';

export const URL_STATE_VERSION = 2;

export interface UrlState {
  filters: Partial<FilterValues>;
  selected: SelectionRef | null;
  view?: View;
  lang?: Lang;
  viewport?: Viewport;
  colourBy?: 'direction' | 'change';
}

/** Everything the app writes to the URL. */
export interface AppUrlState {
  filters: FilterValues;
  selected: SelectionRef | null;
  view: View;
  lang: Lang;
  viewport: Viewport | null;
  /** Flows view colouring; `direction` (the default) is not written. */
  colourBy?: 'direction' | 'change';
}

const isoDate = z.string().check(z.refine((v) => parseIsoDate(v) !== null));
const selection = z.pipe(
  z.string().check(z.regex(/^(place:[a-z0-9][a-z0-9-]{0,63}|route:R\d+[a-z]?|region:NE\d{3})$/)),
  z.transform((s: string): SelectionRef => {
    const i = s.indexOf(':');
    return { type: s.slice(0, i) as SelectionRef['type'], id: s.slice(i + 1) };
  }),
);
const between = (min: number, max: number) => z.number().check(z.minimum(min), z.maximum(max));
const viewport = z.pipe(
  z.pipe(
    z.pipe(
      z.string(),
      z.transform((s: string) => s.split(',').map((x) => (x.trim() === '' ? NaN : Number(x)))),
    ),
    z.tuple([between(-180, 180), between(-85, 85), between(0, 22)]),
  ),
  z.transform(([lon, lat, zoom]: [number, number, number]) => roundViewport({ lon, lat, zoom })),
);

/** The zod schema of one field per URL key (version 2). */
export const urlFieldSchemas = {
  view: z.enum(VIEWS),
  lang: z.enum(LANGS),
  from: isoDate,
  to: isoDate,
  direction: z.enum(DIRECTIONS),
  nationality: z.string().check(z.regex(ISO3_PATTERN)),
  sex: z.enum(SEXES),
  ageGroup: z.enum(AGE_GROUPS),
  select: selection,
  map: viewport,
  colour: z.enum(['direction', 'change']),
} as const;

type RawParams = Record<string, string>;

const V1_KEYS = ['from', 'to', 'direction', 'nationality', 'sex', 'ageGroup', 'select'] as const;
/** Every key of the current version. None of them is ambiguous: each is read the same whatever the link's version. */
export const URL_KEYS = [
  'view',
  'lang',
  'from',
  'to',
  'direction',
  'nationality',
  'sex',
  'ageGroup',
  'select',
  'map',
  'colour',
] as const satisfies ReadonlyArray<keyof typeof urlFieldSchemas>;

/**
 * Lifts URL parameters of any known version to the current one.
 * - No `v`, or one that is not a positive integer (a typed link): the current version's keys are kept, others
 *   dropped; no view is added (the visitor's landing view applies).
 * - `v=1`: keeps the v1 keys, opens the flows view (the only view v1 had) and drops keys v1 did not define.
 * - `v` from the future: null (read nothing rather than guess).
 */
export function migrateUrlParams(raw: RawParams): RawParams | null {
  const v = raw['v'] === undefined ? NaN : Number(raw['v']);
  if (!Number.isInteger(v) || v < 1) {
    const next: RawParams = { v: String(URL_STATE_VERSION) };
    for (const k of URL_KEYS) if (raw[k] !== undefined) next[k] = raw[k]!;
    return next;
  }
  if (v > URL_STATE_VERSION) return null;
  if (v === 1) {
    const next: RawParams = { v: '2', view: 'flows' };
    for (const k of V1_KEYS) if (raw[k] !== undefined) next[k] = raw[k]!;
    return next;
  }
  return raw;
}

function rawParams(search: string): RawParams {
  const out: RawParams = {};
  for (const [k, v] of new URLSearchParams(search)) if (!(k in out)) out[k] = v;
  return out;
}

function field<K extends keyof typeof urlFieldSchemas>(raw: RawParams, key: K): z.output<(typeof urlFieldSchemas)[K]> | undefined {
  const v = raw[key];
  if (v === undefined) return undefined;
  const r = urlFieldSchemas[key].safeParse(v);
  return r.success ? (r.data as z.output<(typeof urlFieldSchemas)[K]>) : undefined;
}

/** Reads a query string of any version. Dates outside `bounds` (when given) are dropped; a reversed period is swapped. */
export function parseUrlState(search: string, bounds?: { min: string; max: string }): UrlState {
  const raw = migrateUrlParams(rawParams(search));
  if (!raw) return { filters: {}, selected: null };
  const filters: Partial<FilterValues> = {};
  const date = (key: 'from' | 'to') => {
    const v = field(raw, key);
    if (v === undefined) return undefined;
    if (bounds && (v < bounds.min || v > bounds.max)) return undefined;
    return v;
  };
  let from = date('from');
  let to = date('to');
  if (from && to && from > to) [from, to] = [to, from];
  if (from) filters.from = from;
  if (to) filters.to = to;
  const direction = field(raw, 'direction');
  if (direction) filters.direction = direction;
  const nationality = field(raw, 'nationality');
  if (nationality) filters.nationality = nationality;
  const sex = field(raw, 'sex');
  if (sex) filters.sex = sex;
  const ageGroup = field(raw, 'ageGroup');
  if (ageGroup) filters.ageGroup = ageGroup;

  const out: UrlState = { filters, selected: field(raw, 'select') ?? null };
  const view = field(raw, 'view');
  if (view) out.view = view;
  const lang = field(raw, 'lang');
  if (lang) out.lang = lang;
  const vp = field(raw, 'map');
  if (vp) out.viewport = vp;
  const colour = field(raw, 'colour');
  if (colour) out.colourBy = colour;
  return out;
}

/** The inverse of parseUrlState: a version-2 query string (with `?`) holding only the values that are set. */
export function serializeUrlState(s: AppUrlState): string {
  const p = new URLSearchParams();
  p.set('v', String(URL_STATE_VERSION));
  p.set('view', s.view);
  if (s.lang !== 'en') p.set('lang', s.lang);
  const f = s.filters;
  if (f.from) p.set('from', f.from);
  if (f.to) p.set('to', f.to);
  if (f.direction) p.set('direction', f.direction);
  if (f.nationality) p.set('nationality', f.nationality);
  if (f.sex) p.set('sex', f.sex);
  if (f.ageGroup) p.set('ageGroup', f.ageGroup);
  if (s.selected) p.set('select', `${s.selected.type}:${s.selected.id}`);
  if (s.colourBy === 'change') p.set('colour', 'change');
  if (s.viewport) {
    const v = roundViewport(s.viewport);
    p.set('map', `${v.lon},${v.lat},${v.zoom}`);
  }
  return `?${p.toString().replace(/%2C/g, ',').replace(/%3A/g, ':')}`;
}

/** The part of the state whose change deserves its own history entry (back/forward); panning does not. */
export function historyKey(search: string): string {
  const p = new URLSearchParams(search);
  p.delete('map');
  return p.toString();
}
