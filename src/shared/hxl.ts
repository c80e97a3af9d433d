/**
 * HXL (the Humanitarian Exchange Language, https://hxlstandard.org): the hashtag row that DTM and HDX datasets carry
 * under (or instead of) their text headers. ONE place says which HXL hashtag and attributes each column of Transit
 * Atlas carries — the columns of data/ and of an import file (src/shared/dataset-schema.ts) and the columns of the
 * CSV exports — so imports can map a file's columns by hashtag and exports can add a valid hashtag row.
 *
 * Hashtags are from the HXL core dictionary (HXL_CORE_HASHTAGS); what is specific to this project is said with
 * attributes, as HXL asks (sex and age are attributes too: `#affected+f+children` in wide tables; in these long
 * tables they are the values of `#indicator+sex` / `#indicator+age` columns).
 */

/** The hashtags of the HXL 1.1 core dictionary. */
export const HXL_CORE_HASHTAGS = [
  'access',
  'activity',
  'adm1',
  'adm2',
  'adm3',
  'adm4',
  'adm5',
  'affected',
  'beneficiary',
  'capacity',
  'cause',
  'channel',
  'contact',
  'country',
  'crisis',
  'currency',
  'date',
  'delivery',
  'description',
  'event',
  'frequency',
  'geo',
  'group',
  'impact',
  'indicator',
  'inneed',
  'item',
  'loc',
  'meta',
  'modality',
  'need',
  'operations',
  'org',
  'output',
  'population',
  'reached',
  'region',
  'respondee',
  'sector',
  'service',
  'severity',
  'status',
  'subsector',
  'targeted',
  'value',
] as const;
export type HxlHashtag = (typeof HXL_CORE_HASHTAGS)[number];

export interface HxlTag {
  /** The hashtag without '#', lower case. */
  tag: string;
  /** Attributes without '+', lower case, in the order written. */
  attributes: string[];
}

const TAG_SPEC = /^\s*#([A-Za-z][A-Za-z0-9_]*)((?:\s*\+\s*[A-Za-z][A-Za-z0-9_]*)*)\s*$/;

/** '#Affected +num+F' → { tag: 'affected', attributes: ['num', 'f'] }; null when the text is not a hashtag spec. */
export function parseHxlTag(spec: string): HxlTag | null {
  const m = TAG_SPEC.exec(spec);
  if (!m) return null;
  const attributes = (m[2] ?? '')
    .split('+')
    .map((a) => a.trim().toLowerCase())
    .filter((a) => a.length > 0);
  return { tag: m[1]!.toLowerCase(), attributes };
}

/** The canonical text of a tag: '#affected+num+f'. */
export const formatHxlTag = (t: HxlTag): string => `#${t.tag}${t.attributes.map((a) => `+${a}`).join('')}`;

/** HXL's matching rule: `pattern` matches `tag` when the hashtags are equal and every attribute of the pattern is on the tag. */
export function hxlMatches(pattern: HxlTag, tag: HxlTag): boolean {
  return pattern.tag === tag.tag && pattern.attributes.every((a) => tag.attributes.includes(a));
}

/** A row is a hashtag row when every non-empty cell is a hashtag spec and at least one cell is. */
export function isHashtagRow(cells: readonly string[]): boolean {
  const filled = cells.map((c) => c.trim()).filter((c) => c.length > 0);
  return filled.length > 0 && filled.every((c) => parseHxlTag(c) !== null);
}

/**
 * The hashtag of every column name Transit Atlas reads or writes: the dataset columns (flows, assistance, returns) and
 * the dimensions and flags of the aggregate exports. `count` depends on the dataset: people counted on the move are
 * `#affected`, people given a service `#reached`.
 */
export const HXL_COLUMN_TAGS: Readonly<Record<string, string>> = {
  date: '#date',
  week: '#date+week',
  month: '#date+month',
  year: '#date+year',
  point: '#loc+code+fmp',
  centre: '#loc+code+centre',
  place: '#loc+code',
  route: '#loc+code+route',
  corridor: '#loc+name+corridor',
  region: '#adm1+code',
  direction: '#indicator+direction',
  nationality: '#country+code+origin',
  destination: '#country+code+dest',
  sex: '#indicator+sex',
  age_group: '#indicator+age',
  ageGroup: '#indicator+age',
  sexAge: '#indicator+sex_age',
  transport: '#indicator+transport',
  service: '#service+code',
  suppressed: '#meta+suppressed',
  rank: '#meta+rank',
  pcode: '#adm1+code',
  name: '#adm1+name',
  monitored: '#meta+monitored',
  flows: '#affected+num',
  previousFlows: '#affected+num+previous',
  change: '#indicator+change+pct',
  assisted: '#reached+num',
  anomalyScore: '#indicator+anomaly+score',
  anomalyFlag: '#indicator+anomaly+flag',
  flowsSuppressed: '#meta+suppressed+flows',
  previousFlowsSuppressed: '#meta+suppressed+previous',
  assistedSuppressed: '#meta+suppressed+assisted',
  flowsPartial: '#meta+partial+flows',
  previousFlowsPartial: '#meta+partial+previous',
  assistedPartial: '#meta+partial+assisted',
  perturbed: '#meta+perturbed',
  partial: '#meta+partial',
  note: '#meta+note',
};

export type CountKind = 'affected' | 'reached';

/** The tag of a count column: '#affected+num' (flows, returns) or '#reached+num' (assistance). */
export const hxlCountTag = (kind: CountKind): string => `#${kind}+num`;

/** The hashtag row of a CSV header (unknown columns get an empty cell, as HXL allows). */
export function hxlRow(header: readonly string[], count: CountKind): string[] {
  return header.map((h) => (h === 'count' ? hxlCountTag(count) : (HXL_COLUMN_TAGS[h] ?? '')));
}

/** The kind of count a dataset's `count` column holds. */
export const datasetCountKind = (dataset: string): CountKind => (dataset === 'assistance' ? 'reached' : 'affected');

/** The hashtag of a column (HXL_COLUMN_TAGS; `count` by the dataset's kind of count). */
export const hxlTagOf = (column: string, count: CountKind): string => (column === 'count' ? hxlCountTag(count) : (HXL_COLUMN_TAGS[column] ?? ''));

/** Attributes saying how a value is written (a code, a name, a number), not what it is. */
const VALUE_ATTRIBUTES: ReadonlySet<string> = new Set(['code', 'name', 'num']);

export interface HxlColumnMatch {
  /** Per wanted column, the index of the file's column holding it, or -1 when the file has none. */
  source: number[];
  /** Per wanted column, whether the file's column is tagged `+name` (a name to look up) rather than a code. */
  byName: boolean[];
  /** What stops the file being read, in words naming the hashtags; empty when it can be. */
  problems: string[];
}

/**
 * Maps a file's columns to `wanted` (a dataset's column names) by the file's hashtag row, by HXL's rules: columns in
 * any order, hashtags and attributes in any case and attributes in any order; untagged columns and columns with
 * hashtags the dataset does not read (e.g. `#adm1+name`) are ignored. Each wanted column is found by its hashtag in
 * HXL_COLUMN_TAGS (the one table exports write too): when the dataset has several columns with one hashtag
 * (`#indicator+direction`, `#indicator+sex`, …) the file's column must carry the attribute that tells them apart;
 * otherwise the hashtag is enough (`#loc`, `#loc+name`, `#loc+code+fmp` all name the place; `#date`, `#date+week` the
 * date). When several columns could hold one, the one sharing most attributes with ours wins, a code before a name.
 */
export function matchHxlColumns(wanted: readonly string[], count: CountKind, row: readonly string[], optional: readonly string[] = []): HxlColumnMatch {
  const tags = row.map((c) => parseHxlTag(c));
  const specs = wanted.map((w) => parseHxlTag(hxlTagOf(w, count)));
  const required = specs.map((s, i) => {
    if (!s) return [];
    const same = specs.filter((o, j) => j !== i && o?.tag === s.tag);
    return same.length === 0 ? [] : s.attributes.filter((a) => !VALUE_ATTRIBUTES.has(a) && !same.some((o) => o!.attributes.includes(a)));
  });
  const problems: string[] = [];
  const claimedBy = new Map<number, number>();
  const source = specs.map((spec, i) => {
    if (!spec) return -1;
    const candidates = tags
      .map((t, k) => ({ t, k }))
      .filter((c): c is { t: HxlTag; k: number } => c.t !== null && c.t.tag === spec.tag && required[i]!.every((a) => c.t!.attributes.includes(a)))
      .map((c) => ({ ...c, score: c.t.attributes.filter((a) => spec.attributes.includes(a)).length * 2 + (c.t.attributes.includes('name') ? 0 : 1) }))
      .sort((a, b) => b.score - a.score);
    const pattern = formatHxlTag({ tag: spec.tag, attributes: required[i]! });
    if (candidates.length === 0) {
      if (!optional.includes(wanted[i]!)) problems.push(`no column tagged ${pattern} (${wanted[i]})`);
      return -1;
    }
    if (candidates[1] && candidates[1].score === candidates[0]!.score) {
      problems.push(
        `columns ${candidates[0]!.k + 1} and ${candidates[1].k + 1} (${row[candidates[0]!.k]!.trim()}, ${row[candidates[1].k]!.trim()}) both match ${pattern} (${wanted[i]}): keep one`,
      );
      return -1;
    }
    const k = candidates[0]!.k;
    const other = claimedBy.get(k);
    if (other !== undefined)
      problems.push(`column ${k + 1} (${row[k]!.trim()}) matches both ${wanted[other]} and ${wanted[i]}: add the attribute that tells them apart`);
    claimedBy.set(k, i);
    return k;
  });
  const byName = source.map((k) => k >= 0 && tags[k]!.attributes.includes('name') && !tags[k]!.attributes.includes('code'));
  return { source, byName, problems };
}

/** A place name compared loosely: no accents, no case, no trailing "(FMP)"-like note, single spaces. */
export const normalisePlaceName = (s: string): string =>
  s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/\([^)]*\)/g, ' ')
    .replace(/[\s_-]+/g, ' ')
    .trim();
