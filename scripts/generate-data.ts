/**
 * Deterministic generator of the ILLUSTRATIVE (synthetic) Transit Atlas metrics, calibrated to published figures
 * (see data/README.md). Writes data/flows.csv, data/assistance.csv, data/returns.csv and data/dataset.json.
 *
 *   npm run data:generate                      # default seed, writes data/
 *   tsx scripts/generate-data.ts --seed 7 --out /tmp/atlas
 *   tsx scripts/generate-data.ts --report      # also print the calibration table (markdown)
 *   tsx scripts/generate-data.ts --scale 40 --to 2024-12-31 --out /tmp/big   # benchmark volume, daily rows
 *
 * Same seed (and options) ⇒ byte-identical files: a hand-written PRNG (scripts/lib/prng.ts), no Math.random, no clock.
 * Every series and week draws from its own stream, so a sub-period is exactly the full output filtered to it.
 */
import { closeSync, mkdirSync, openSync, readFileSync, writeFileSync, writeSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { AgeGroup, Direction, Service, Sex, Transport } from '../src/shared/enums';
import { TRANSPORTS } from '../src/shared/enums';
import { dateOfDayNumber, dayNumber, monthStart, monthStarts, weekStarts } from '../src/shared/calendar';
import { columnNames } from '../src/shared/dataset-schema';
import { CENTRE_ROUTES_FILE, parseCentreRoutes } from '../src/shared/centre-routes';
import { largestRemainder, rngFor, type Rng } from './lib/prng';
import {
  AGADEZ_IN,
  AGADEZ_OUT,
  ASSISTANCE,
  AS_IN_MONTHLY,
  AS_OUT_MONTHLY,
  AS_PINNED,
  AS_TABLE_LAST_MONTH,
  CENTRES,
  DEFAULT_FROM,
  DEFAULT_SEED,
  DEFAULT_TO,
  DESERT_LEVELS,
  EVENTS,
  LOCAL_POINTS,
  LOCAL_WEIGHT,
  MODEL_LAST_YEAR,
  MODEL_START,
  POINTS,
  SEGUEDINE_OUTGOING_UNTIL,
  SEVEN_POINT_DAILY,
  WEEKDAY_WEIGHTS,
  arlitShareOfIncoming,
  flowNationalities,
  flowSexAge,
  flowTransport,
  localOutgoingShare,
  seguedineShareOfOutgoing,
  type Centre,
  type MonthlyLevels,
  type Shares,
} from './lib/model';

// ---------------------------------------------------------------------------------------------------------------
// Types
// ---------------------------------------------------------------------------------------------------------------

export interface FlowRow {
  date: string;
  point: string;
  direction: Direction;
  nationality: string;
  sex: Sex;
  age_group: AgeGroup;
  transport: Transport;
  count: number;
}

export interface AssistanceRow {
  date: string;
  centre: string;
  service: Service;
  nationality: string;
  sex: Sex;
  age_group: AgeGroup;
  count: number;
}

export interface ReturnRow {
  date: string;
  centre: string;
  destination: string;
  count: number;
}

export interface DatasetEvent {
  date: string;
  label: string;
  /** The label in French (the app is bilingual). */
  labelFr: string;
  source: string;
}

export interface DatasetMeta {
  title: string;
  illustrative: true;
  notice: string;
  noticeFr: string;
  seed: number;
  generator: string;
  dataAsOf: string;
  dateRange: { min: string; max: string };
  events: DatasetEvent[];
}

export interface Dataset {
  meta: DatasetMeta;
  flows: FlowRow[];
  assistance: AssistanceRow[];
  returns: ReturnRow[];
}

export interface GenerateOptions {
  /** PRNG seed (unsigned 32-bit integer). Default 20150101. */
  seed?: number;
  /** First day, YYYY-MM-DD (default 2015-01-01; nothing is generated before 2015-01-01). */
  from?: string;
  /** Last day, YYYY-MM-DD (default 2019-12-31). Years after 2019 repeat 2019's pattern with fresh noise. */
  to?: string;
  /**
   * Row-volume multiplier for benchmarks (default 1). With scale > 1 flow counts are multiplied by `scale` and
   * flows are written per day instead of per week, so many more cells are non-empty. Calibration targets only hold
   * at scale 1. Assistance and returns are not scaled.
   */
  scale?: number;
  /** Reference data (monitoring points, centres, nationalities); read from data/ when omitted. */
  reference?: Reference;
}

export interface Reference {
  /** Monitoring point id → activeFrom (YYYY-MM-DD). */
  pointActiveFrom: Record<string, string>;
  /** Transit-centre ids. */
  centres: string[];
  /** ISO3 codes of data/countries.csv. */
  nationalities: string[];
  /**
   * Transit centre → the monitoring points on the routes it serves at step 1 (data/centre-routes.json, routes.geojson
   * `monitoredBy`): the upstream incoming flows that drive its weekly arrivals. Absent or empty: seasonal weight only.
   */
  centreUpstream?: Record<string, string[]>;
  /** Transit centre → capacity (places.geojson): weekly arrivals stay at most half of it. */
  centreCapacity?: Record<string, number>;
}

// ---------------------------------------------------------------------------------------------------------------
// Reference data
// ---------------------------------------------------------------------------------------------------------------

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const DEFAULT_DATA_DIR = resolve(ROOT, 'data');

interface PlaceFeature {
  properties: { id: string; kind: string; activeFrom: string | null; capacity?: number | null };
}

export function loadReference(dataDir = DEFAULT_DATA_DIR): Reference {
  const places = JSON.parse(readFileSync(resolve(dataDir, 'places.geojson'), 'utf8')) as { features: PlaceFeature[] };
  const pointActiveFrom: Record<string, string> = {};
  const centres: string[] = [];
  const centreCapacity: Record<string, number> = {};
  for (const f of places.features) {
    if (f.properties.kind === 'monitoring_point') pointActiveFrom[f.properties.id] = f.properties.activeFrom ?? MODEL_START;
    if (f.properties.kind === 'transit_centre') {
      centres.push(f.properties.id);
      if (f.properties.capacity) centreCapacity[f.properties.id] = f.properties.capacity;
    }
  }
  const lines = readFileSync(resolve(dataDir, 'countries.csv'), 'utf8')
    .split(/\r?\n/)
    .filter((l) => l.trim() !== '');
  const header = lines[0]!.split(',');
  const col = header.indexOf('iso3');
  if (col < 0) throw new Error('countries.csv has no iso3 column');
  const nationalities = lines.slice(1).map((l) => l.split(',')[col]!.trim());
  const routes = JSON.parse(readFileSync(resolve(dataDir, 'routes.geojson'), 'utf8')) as { features: { properties: { id: string; monitoredBy?: string[] } }[] };
  const links = parseCentreRoutes(readFileSync(resolve(dataDir, CENTRE_ROUTES_FILE), 'utf8'), {
    centres,
    routes: routes.features.map((f) => f.properties.id),
  });
  const centreUpstream: Record<string, string[]> = {};
  for (const c of centres) {
    const points = new Set<string>();
    for (const l of links.links) {
      if (l.centre !== c || l.step !== 1) continue;
      for (const p of routes.features.find((f) => f.properties.id === l.route)?.properties.monitoredBy ?? []) points.add(p);
    }
    centreUpstream[c] = [...points].sort();
  }
  return { pointActiveFrom, centres, nationalities, centreUpstream, centreCapacity };
}

let cachedReference: Reference | undefined;
function defaultReference(): Reference {
  cachedReference ??= loadReference();
  return cachedReference;
}

function checkReference(ref: Reference): void {
  for (const p of Object.values(POINTS)) {
    if (!(p in ref.pointActiveFrom)) throw new Error(`monitoring point ${p} missing from places.geojson`);
  }
  for (const c of CENTRES) if (!ref.centres.includes(c)) throw new Error(`transit centre ${c} missing from places.geojson`);
}

// ---------------------------------------------------------------------------------------------------------------
// Options
// ---------------------------------------------------------------------------------------------------------------

interface Resolved {
  seed: number;
  from: string;
  to: string;
  fromDay: number;
  toDay: number;
  scale: number;
  daily: boolean;
  ref: Reference;
  /** All Mondays of the model: 2015 through the end of `to`'s year (whole years, independent of `from`). */
  modelWeeks: number[];
  lastYear: number;
}

function resolveOptions(o: GenerateOptions = {}): Resolved {
  const seed = o.seed ?? DEFAULT_SEED;
  if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) throw new RangeError('seed must be an unsigned 32-bit integer');
  const from = o.from ?? DEFAULT_FROM;
  const to = o.to ?? DEFAULT_TO;
  let fromD = dayNumber(from);
  const toD = dayNumber(to);
  fromD = Math.max(fromD, dayNumber(MODEL_START));
  if (toD < fromD) throw new RangeError('to must not be before from');
  const scale = o.scale ?? 1;
  if (!(scale >= 1) || !Number.isFinite(scale)) throw new RangeError('scale must be a number ≥ 1');
  const ref = o.reference ?? defaultReference();
  checkReference(ref);
  const lastYear = Math.max(MODEL_LAST_YEAR, yearOf(toD));
  const modelWeeks = weekStarts({ from: MODEL_START, to: `${lastYear}-12-31` }).map(dayNumber);
  return { seed, from: dateOfDayNumber(fromD), to, fromDay: fromD, toDay: toD, scale, daily: scale > 1, ref, modelWeeks, lastYear };
}

// Days are day numbers (src/shared/calendar.ts dayNumber): the random streams are keyed on them.
/** "YYYY-MM" of a day. */
const monthKey = (day: number): string => dateOfDayNumber(day).slice(0, 7);
const yearOf = (day: number): number => Number(dateOfDayNumber(day).slice(0, 4));
/** 1…12 */
const monthOf = (day: number): number => Number(dateOfDayNumber(day).slice(5, 7));

/** Parameters for years after the model's last year repeat that year. */
function paramYear(year: number): number {
  return Math.min(year, MODEL_LAST_YEAR);
}
function paramMonth(month: string): string {
  const y = Number(month.slice(0, 4));
  return y > MODEL_LAST_YEAR ? `${MODEL_LAST_YEAR}${month.slice(4)}` : month;
}
function levelOf(table: MonthlyLevels, month: string): number | undefined {
  const m = paramMonth(month);
  return table[Number(m.slice(0, 4))]?.[Number(m.slice(5, 7)) - 1];
}

// ---------------------------------------------------------------------------------------------------------------
// Weekly totals per series (point × direction)
// ---------------------------------------------------------------------------------------------------------------

type SeriesKey = `${string}/${Direction}`;
/** week Monday (day number) → people. */
type Weekly = Map<number, number>;

function groupByMonth(weeks: readonly number[]): Map<string, number[]> {
  const m = new Map<string, number[]>();
  for (const w of weeks) {
    const k = monthKey(w);
    let list = m.get(k);
    if (!list) m.set(k, (list = []));
    list.push(w);
  }
  return m;
}

/** Linear interpolation of a per-week level between month centres (the 15th). */
function interpolator(perWeek: Map<string, number>): (day: number) => number {
  const pts = [...perWeek.entries()].map(([m, v]) => [dayNumber(`${m}-15`), v] as const).sort((a, b) => a[0] - b[0]);
  return (day: number) => {
    if (pts.length === 0) return 1;
    if (day <= pts[0]![0]) return pts[0]![1];
    for (let i = 1; i < pts.length; i++) {
      const [d1, v1] = pts[i]!;
      if (day <= d1) {
        const [d0, v0] = pts[i - 1]!;
        return v0 + ((v1 - v0) * (day - d0)) / (d1 - d0);
      }
    }
    return pts[pts.length - 1]![1];
  };
}

interface SpreadOptions {
  /** Weekly noise (sd of the log). */
  weekSd?: number;
  /** Ramp-up: the level at the first week is this fraction of the first month's level. */
  rampFrom?: number;
}

/**
 * Spread monthly totals over the weeks of each month, following the level interpolated between month centres
 * (bounded to 0.6–1.4 × the month's own level) with weekly noise. Month totals are kept exactly (after rounding);
 * pinned weeks keep their value and the month's remainder is spread over the other weeks.
 */
function spreadMonths(
  seed: number,
  key: string,
  monthTotals: Map<string, number>,
  weeksByMonth: Map<string, number[]>,
  pinned: Map<number, number> = new Map(),
  opts: SpreadOptions = {},
): Weekly {
  const weekSd = opts.weekSd ?? 0.08;
  const perWeek = new Map<string, number>();
  for (const [m, total] of monthTotals) {
    const ws = weeksByMonth.get(m) ?? [];
    if (ws.length === 0) continue;
    const pinnedSum = ws.reduce((a, w) => a + (pinned.get(w) ?? 0), 0);
    const free = ws.filter((w) => !pinned.has(w)).length;
    perWeek.set(m, free > 0 ? (total - pinnedSum) / free : total / ws.length);
  }
  const interp = interpolator(perWeek);
  let level = interp;
  if (opts.rampFrom !== undefined && perWeek.size > 0) {
    const firstMonth = [...perWeek.keys()].sort()[0]!;
    const start = Math.min(...(weeksByMonth.get(firstMonth) ?? [0]));
    const mid = dayNumber(`${firstMonth}-15`);
    const base = perWeek.get(firstMonth)!;
    const ramp = opts.rampFrom;
    level = (day: number) => (day < mid ? base * (ramp + ((1 - ramp) * (day - start)) / (mid - start)) : interp(day));
  }
  const out: Weekly = new Map();
  for (const [m, total] of monthTotals) {
    const ws = weeksByMonth.get(m) ?? [];
    if (ws.length === 0) continue;
    const own = perWeek.get(m)!;
    const free = ws.filter((w) => !pinned.has(w));
    let rest = Math.round(total);
    for (const w of ws) {
      const p = pinned.get(w);
      if (p !== undefined) {
        out.set(w, p);
        rest -= p;
      }
    }
    const weights = free.map((w) => {
      const ratio = own > 0 ? Math.min(1.4, Math.max(0.6, level(w + 3) / own)) : 1;
      return ratio * rngFor(seed, 'week', key, w).noise(weekSd);
    });
    const ints = largestRemainder(Math.max(0, rest), weights);
    free.forEach((w, i) => out.set(w, ints[i]!));
  }
  return out;
}

/** Weeks (Mondays) in which a series is observed. */
function activeWeeks(r: Resolved, point: string, direction: Direction): number[] {
  const from = dayNumber(r.ref.pointActiveFrom[point] ?? MODEL_START);
  let until = Infinity;
  if (point === POINTS.seguedine && direction === 'outgoing') until = dayNumber(SEGUEDINE_OUTGOING_UNTIL);
  if (point === POINTS.madama && direction === 'incoming') return []; // Madama observes outflows at the Libyan border
  return r.modelWeeks.filter((w) => w >= from && w <= until);
}

function levelSeries(
  r: Resolved,
  point: string,
  direction: Direction,
  table: MonthlyLevels,
  onlyFrom?: string,
  noise: { month: number; week: number } = { month: 0.03, week: 0.08 },
): Weekly {
  const key = `${point}/${direction}`;
  const weeks = activeWeeks(r, point, direction).filter((w) => !onlyFrom || monthKey(w) >= onlyFrom);
  const byMonth = groupByMonth(weeks);
  const totals = new Map<string, number>();
  for (const [m, ws] of byMonth) {
    const level = levelOf(table, m);
    if (level === undefined) continue;
    totals.set(m, level * ws.length * rngFor(r.seed, 'month', key, m).noise(noise.month, 2));
  }
  return spreadMonths(r.seed, key, totals, byMonth, new Map(), { weekSd: noise.week });
}

function sumIn(series: Weekly, weeks: readonly number[]): number {
  let s = 0;
  for (const w of weeks) s += series.get(w) ?? 0;
  return s;
}

/** Weekly totals of every flow series, for the whole model period. */
function buildFlowTotals(r: Resolved): Map<SeriesKey, Weekly> {
  const totals = new Map<SeriesKey, Weekly>();
  const seed = r.seed;

  // Agadez bus station, from 2015.
  // Low noise keeps 2015 "up to 2,500 a week".
  const agNoise = { month: 0.02, week: 0.04 };
  totals.set(`${POINTS.agadez}/incoming`, levelSeries(r, POINTS.agadez, 'incoming', AGADEZ_IN, undefined, agNoise));
  totals.set(`${POINTS.agadez}/outgoing`, levelSeries(r, POINTS.agadez, 'outgoing', AGADEZ_OUT, undefined, agNoise));

  // Arlit + Séguédine combined, Feb 2016 – Dec 2017, from the monthly table; then split between the two points.
  const asWeeks = r.modelWeeks.filter((w) => w >= dayNumber(r.ref.pointActiveFrom[POINTS.arlit]!) && monthKey(w) <= AS_TABLE_LAST_MONTH);
  const asByMonth = groupByMonth(asWeeks);
  const split = { arlitOut: new Map(), segOut: new Map(), arlitIn: new Map(), segIn: new Map() } as Record<string, Weekly>;
  for (const direction of ['outgoing', 'incoming'] as const) {
    const table = direction === 'outgoing' ? AS_OUT_MONTHLY : AS_IN_MONTHLY;
    const monthTotals = new Map(Object.entries(table).filter(([m]) => asByMonth.has(m)));
    const pinned = new Map<number, number>();
    for (const [d, v] of Object.entries(AS_PINNED)) pinned.set(dayNumber(d), v[direction]);
    const combined = spreadMonths(seed, `arlit+seguedine/${direction}`, monthTotals, asByMonth, pinned, { weekSd: 0.06, rampFrom: 0.5 });
    for (const [w, n] of combined) {
      const m = monthKey(w);
      const rng = rngFor(seed, 'split', direction, w);
      if (direction === 'outgoing') {
        const share = Math.min(0.95, seguedineShareOfOutgoing(m) * rng.noise(0.03, 2));
        const seg = Math.round(n * share);
        split.segOut!.set(w, seg);
        split.arlitOut!.set(w, n - seg);
      } else {
        const share = Math.min(0.95, arlitShareOfIncoming(m) * rng.noise(0.03, 2));
        const arl = Math.round(n * share);
        split.arlitIn!.set(w, arl);
        split.segIn!.set(w, n - arl);
      }
    }
  }
  // From 2018 the desert points follow their own levels.
  const after = '2018-01';
  const desert = (point: string, direction: Direction, early: Weekly): Weekly => {
    const table = DESERT_LEVELS[`${point}/${direction}`];
    const later = table ? levelSeries(r, point, direction, table, after) : new Map<number, number>();
    return new Map([...early, ...later]);
  };
  totals.set(`${POINTS.arlit}/incoming`, desert(POINTS.arlit, 'incoming', split.arlitIn!));
  totals.set(`${POINTS.arlit}/outgoing`, desert(POINTS.arlit, 'outgoing', split.arlitOut!));
  totals.set(`${POINTS.seguedine}/incoming`, desert(POINTS.seguedine, 'incoming', split.segIn!));
  totals.set(`${POINTS.seguedine}/outgoing`, desert(POINTS.seguedine, 'outgoing', split.segOut!));
  totals.set(`${POINTS.madama}/outgoing`, desert(POINTS.madama, 'outgoing', new Map()));

  // Local points (Aug 2018 on): the seven-point daily average minus what the desert points carry.
  const desertKeys: SeriesKey[] = [
    `${POINTS.arlit}/incoming`,
    `${POINTS.arlit}/outgoing`,
    `${POINTS.seguedine}/incoming`,
    `${POINTS.seguedine}/outgoing`,
    `${POINTS.madama}/outgoing`,
  ];
  const localSeries: { key: SeriesKey; point: string; direction: Direction; weeks: number[] }[] = [];
  for (const point of LOCAL_POINTS) {
    for (const direction of ['incoming', 'outgoing'] as const) {
      localSeries.push({ key: `${point}/${direction}`, point, direction, weeks: activeWeeks(r, point, direction) });
    }
  }
  const localMonthTotals = new Map<SeriesKey, Map<string, number>>(localSeries.map((s) => [s.key, new Map()]));
  const allByMonth = groupByMonth(r.modelWeeks);
  const firstLocal = monthKey(Math.min(...localSeries.map((s) => s.weeks[0] ?? Infinity)));
  for (const m of monthStarts({ from: `${firstLocal}-01`, to: `${r.lastYear}-12-31` }).map((d) => d.slice(0, 7))) {
    const ws = allByMonth.get(m) ?? [];
    const daily = SEVEN_POINT_DAILY[paramMonth(m)];
    if (daily === undefined || ws.length === 0) continue;
    const target = Math.round(daily * 7 * ws.length * rngFor(seed, 'seven', m).noise(m in SEVEN_POINT_DAILY ? 0 : 0.03, 2));
    const desertSum = desertKeys.reduce((a, k) => a + sumIn(totals.get(k)!, ws), 0);
    const local = Math.max(0, target - desertSum);
    const weights = localSeries.map((s) => {
      const active = s.weeks.filter((w) => monthKey(w) === m).length;
      const pt = s.point as (typeof LOCAL_POINTS)[number];
      const out = localOutgoingShare(pt, monthOf(ws[0]!));
      const dirShare = s.direction === 'outgoing' ? out : 1 - out;
      return active * LOCAL_WEIGHT[pt] * dirShare * rngFor(seed, 'local', s.key, m).noise(0.05, 2);
    });
    const ints = largestRemainder(local, weights);
    localSeries.forEach((s, i) => {
      if (ints[i]! > 0) localMonthTotals.get(s.key)!.set(m, ints[i]!);
    });
  }
  for (const s of localSeries) {
    totals.set(s.key, spreadMonths(seed, s.key, localMonthTotals.get(s.key)!, groupByMonth(s.weeks)));
  }

  // Drop empty weeks; keep keys in a stable order.
  const ordered = new Map<SeriesKey, Weekly>();
  for (const key of [...totals.keys()].sort()) {
    const w = totals.get(key)!;
    ordered.set(key, new Map([...w].filter(([, n]) => n > 0).sort((a, b) => a[0] - b[0])));
  }
  return ordered;
}

// ---------------------------------------------------------------------------------------------------------------
// Splitting a weekly total into cells
// ---------------------------------------------------------------------------------------------------------------

const SEX_AGE: readonly (readonly [Sex, AgeGroup])[] = [
  ['f', 'adult'],
  ['f', 'minor'],
  ['m', 'adult'],
  ['m', 'minor'],
];
const TRANSPORT_ORDER: readonly Transport[] = [...TRANSPORTS].sort();

function sharesVector(shares: Shares, nationalities: readonly string[], rng: Rng | null, sd: number): number[] {
  for (const k of Object.keys(shares)) {
    if (!nationalities.includes(k)) throw new Error(`nationality ${k} is not in countries.csv`);
  }
  return nationalities.map((n) => {
    const v = shares[n] ?? 0;
    return v > 0 && rng ? v * rng.noise(sd, 2) : v;
  });
}

/** Mix a small uniform share into a weight vector (weights normalised to 1 first). */
function withFloor(weights: readonly number[], floor: number): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  return weights.map((w) => (1 - floor * weights.length) * (w / sum) + floor);
}

function sexAgeVector(p: { minor: number; femaleAdult: number; femaleMinor: number }): number[] {
  return [(1 - p.minor) * p.femaleAdult, p.minor * p.femaleMinor, (1 - p.minor) * (1 - p.femaleAdult), p.minor * (1 - p.femaleMinor)];
}

function compareFlow(a: FlowRow, b: FlowRow): number {
  return (
    cmp(a.date, b.date) ||
    cmp(a.point, b.point) ||
    cmp(a.direction, b.direction) ||
    cmp(a.nationality, b.nationality) ||
    cmp(a.sex, b.sex) ||
    cmp(a.age_group, b.age_group) ||
    cmp(a.transport, b.transport)
  );
}
function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function weekFlowRows(r: Resolved, key: SeriesKey, week: number, total: number): FlowRow[] {
  const [point, direction] = key.split('/') as [string, Direction];
  const m = monthKey(week);
  const pm = paramMonth(m);
  const rng = rngFor(r.seed, 'cells', key, week);
  const nats = r.ref.nationalities;
  const n = r.daily ? Math.round(total * r.scale) : total;
  let natVec = sharesVector(flowNationalities(point, direction, pm), nats, rng, 0.08);
  const tr = flowTransport(point, pm);
  let trVec = TRANSPORT_ORDER.map((t) => tr[t]);
  if (r.daily) {
    // Benchmark volume: a thin floor makes every nationality and transport possible everywhere (more, finer rows).
    natVec = withFloor(natVec, 0.004);
    trVec = withFloor(trVec, 0.01);
  }
  const natCounts = rng.apportion(n, natVec);
  const sexAge = sexAgeVector(flowSexAge(point, pm));
  const rows: FlowRow[] = [];
  const dates = r.daily ? [0, 1, 2, 3, 4, 5, 6].map((d) => week + d) : [week];
  // Séguédine's last outgoing week starts on 2018-12-31: its daily rows stop that day.
  const until = point === POINTS.seguedine && direction === 'outgoing' ? dayNumber(SEGUEDINE_OUTGOING_UNTIL) : Infinity;
  for (let i = 0; i < nats.length; i++) {
    const nn = natCounts[i]!;
    if (nn === 0) continue;
    const sa = rng.multinomial(nn, sexAge);
    for (let j = 0; j < SEX_AGE.length; j++) {
      if (sa[j] === 0) continue;
      const tc = rng.multinomial(sa[j]!, trVec);
      for (let k = 0; k < TRANSPORT_ORDER.length; k++) {
        const c = tc[k]!;
        if (c === 0) continue;
        const byDay = r.daily ? rng.multinomial(c, WEEKDAY_WEIGHTS) : [c];
        for (let d = 0; d < dates.length; d++) {
          const cd = byDay[d]!;
          if (cd === 0) continue;
          const day = dates[d]!;
          if (day < r.fromDay || day > r.toDay || day > until) continue;
          rows.push({
            date: dateOfDayNumber(day),
            point,
            direction,
            nationality: nats[i]!,
            sex: SEX_AGE[j]![0],
            age_group: SEX_AGE[j]![1],
            transport: TRANSPORT_ORDER[k]!,
            count: cd,
          });
        }
      }
    }
  }
  return rows;
}

/**
 * Flow rows, sorted by date then point, direction, nationality, sex, age_group, transport; generated week by week
 * so that a benchmark can stream millions of rows without holding them.
 */
export function* flowRows(options: GenerateOptions = {}): Generator<FlowRow> {
  const r = resolveOptions(options);
  const totals = buildFlowTotals(r);
  for (const week of r.modelWeeks) {
    if (week + (r.daily ? 6 : 0) < r.fromDay || week > r.toDay) continue;
    const rows: FlowRow[] = [];
    for (const [key, weekly] of totals) {
      const n = weekly.get(week);
      if (n) rows.push(...weekFlowRows(r, key, week, n));
    }
    rows.sort(compareFlow);
    yield* rows;
  }
}

/** Weekly totals per point and direction (before the split into cells), for checks and benchmarks. */
export function flowWeeklyTotals(options: GenerateOptions = {}): { point: string; direction: Direction; date: string; count: number }[] {
  const r = resolveOptions(options);
  const out: { point: string; direction: Direction; date: string; count: number }[] = [];
  for (const [key, weekly] of buildFlowTotals(r)) {
    const [point, direction] = key.split('/') as [string, Direction];
    for (const [w, n] of weekly) if (w >= r.fromDay && w <= r.toDay) out.push({ point, direction, date: dateOfDayNumber(w), count: n });
  }
  return out.sort((a, b) => cmp(a.date, b.date) || cmp(a.point, b.point) || cmp(a.direction, b.direction));
}

// ---------------------------------------------------------------------------------------------------------------
// Assistance and returns
// ---------------------------------------------------------------------------------------------------------------

interface Cell {
  nat: string;
  sex: Sex;
  age: AgeGroup;
  n: number;
}

/** Weeks between people being counted incoming upstream and arriving at the centre (the relation's lags, in weeks). */
export const UPSTREAM_LAGS = [1, 2] as const;
/** Share of a centre's weekly weight driven by upstream incoming flows (the rest is the seasonal weight). */
export const UPSTREAM_SHARE = 0.6;
/** Bounds of the upstream index (lagged incoming ÷ its yearly mean), so one extreme week cannot swamp a centre. */
const UPSTREAM_INDEX_BOUNDS = [0.2, 3] as const;

/**
 * Upstream index per centre and week: the mean incoming at the centre's upstream points (step-1 routes) over the
 * previous UPSTREAM_LAGS weeks, divided by that lagged series' mean over the same year's weeks (1 = an ordinary week).
 * Weeks where no upstream point was counting yet have no index (the centre then follows its seasonal weight).
 */
function upstreamIndex(r: Resolved, flows: Map<SeriesKey, Weekly>): Map<string, Map<number, number>> {
  const out = new Map<string, Map<number, number>>();
  for (const centre of CENTRES) {
    const points = r.ref.centreUpstream?.[centre] ?? [];
    const series = points.map((p) => flows.get(`${p}/incoming`)).filter((s): s is Weekly => s !== undefined && s.size > 0);
    const lagged = new Map<number, number>();
    if (series.length > 0) {
      for (const w of r.modelWeeks) {
        let sum = 0;
        let seen = 0;
        for (const lag of UPSTREAM_LAGS) {
          const prev = w - 7 * lag;
          let any = false;
          let v = 0;
          for (const s of series) {
            const n = s.get(prev);
            if (n !== undefined) {
              any = true;
              v += n;
            }
          }
          if (any) {
            sum += v;
            seen++;
          }
        }
        if (seen === UPSTREAM_LAGS.length) lagged.set(w, sum / seen);
      }
    }
    const index = new Map<number, number>();
    const byYear = new Map<number, number[]>();
    for (const w of lagged.keys()) byYear.set(yearOf(w), [...(byYear.get(yearOf(w)) ?? []), w]);
    for (const ws of byYear.values()) {
      const mean = ws.reduce((a, w) => a + lagged.get(w)!, 0) / ws.length;
      if (!(mean > 0)) continue;
      for (const w of ws) index.set(w, Math.min(UPSTREAM_INDEX_BOUNDS[1], Math.max(UPSTREAM_INDEX_BOUNDS[0], lagged.get(w)! / mean)));
    }
    out.set(centre, index);
  }
  return out;
}

/**
 * Apportion `total` in proportion to `weights`, no slot above its cap (integers, exact total). Slots that would pass
 * their cap are held at it and the rest is spread again over the others.
 */
function cappedApportion(total: number, weights: number[], caps: number[]): number[] {
  let w = scaleTo(weights, total);
  const fixed = w.map(() => false);
  for (let iter = 0; iter < 50; iter++) {
    const over = w.map((x, i) => !fixed[i] && x > caps[i]!);
    if (!over.some(Boolean)) break;
    over.forEach((o, i) => (fixed[i] = fixed[i] || o));
    const fixedSum = caps.reduce((a, c, i) => a + (fixed[i] ? c : 0), 0);
    const free = scaleTo(
      weights.map((x, i) => (fixed[i] ? 0 : x)),
      total - fixedSum,
    );
    w = w.map((_, i) => (fixed[i] ? caps[i]! : free[i]!));
  }
  const ints = largestRemainder(total, w);
  // Rounding may lift a slot held at a fractional cap by one: move it to the largest slot with room.
  for (let i = 0; i < ints.length; i++) {
    while (ints[i]! > Math.floor(caps[i]!)) {
      let best = -1;
      for (let j = 0; j < ints.length; j++) if (ints[j]! < Math.floor(caps[j]!) && (best < 0 || w[j]! - ints[j]! > w[best]! - ints[best]!)) best = j;
      if (best < 0) break;
      ints[i]!--;
      ints[best]!++;
    }
  }
  return ints;
}

function generateAssistance(r: Resolved): { assistance: AssistanceRow[]; returns: ReturnRow[] } {
  const assistance: AssistanceRow[] = [];
  const upstream = upstreamIndex(r, buildFlowTotals(r));
  const nats = r.ref.nationalities;
  const firstYear = yearOf(r.fromDay);
  const lastYear = yearOf(r.toDay);
  for (let year = firstYear; year <= lastYear; year++) {
    const p = ASSISTANCE[paramYear(year)]!;
    const weeks = r.modelWeeks.filter((w) => yearOf(w) === year);
    // People assisted per centre and week: the year total, apportioned exactly.
    // Where the centre's upstream points were counting, UPSTREAM_SHARE of its weight follows the lagged upstream
    // incoming index (people counted coming back reach the centre a week or two later); the rest stays seasonal.
    const slots: { centre: Centre; week: number }[] = [];
    const weights: number[] = [];
    const caps: number[] = [];
    for (const centre of CENTRES) {
      for (const week of weeks) {
        slots.push({ centre, week });
        const idx = upstream.get(centre)?.get(week);
        const drive = idx === undefined ? 1 : 1 - UPSTREAM_SHARE + UPSTREAM_SHARE * idx;
        weights.push(p.centreShare[centre] * p.season[monthOf(week) - 1]! * drive * rngFor(r.seed, 'assist-week', centre, week).noise(0.15, 2));
        caps.push((r.ref.centreCapacity?.[centre] ?? Infinity) / 2);
      }
    }
    const people = cappedApportion(p.people, weights, caps);
    // Voluntary returns: the year total, apportioned in proportion to people hosted (never more than hosted).
    const expected = people.map((n, i) => n * rngFor(r.seed, 'avr-week', slots[i]!.centre, slots[i]!.week).noise(0.1, 2));
    const cap = people.map((n) => n * 0.97);
    let e = scaleTo(expected, p.avr);
    for (let iter = 0; iter < 20 && e.some((x, i) => x > cap[i]!); iter++) {
      const fixed = e.map((x, i) => x > cap[i]!);
      const fixedSum = e.reduce((a, x, i) => a + (fixed[i] ? cap[i]! : 0), 0);
      const freeScaled = scaleTo(
        e.map((x, i) => (fixed[i] ? 0 : x)),
        p.avr - fixedSum,
      );
      e = e.map((x, i) => (fixed[i] ? cap[i]! : freeScaled[i]!));
    }
    const avr = largestRemainder(p.avr, e);

    slots.forEach(({ centre, week }, i) => {
      const s = people[i]!;
      if (s === 0) return;
      const date = dateOfDayNumber(week);
      const rng = rngFor(r.seed, 'assist-cells', centre, week);
      const natCounts = rng.apportion(s, sharesVector(p.nationality, nats, rng, 0.1));
      const femaleMinor = Math.min(0.6, p.female * 2.5);
      // Girls are a larger share of minors than women of adults; overall the female share is p.female.
      const femaleAdult = (p.female - p.minor * femaleMinor) / (1 - p.minor);
      const sexAge = sexAgeVector({ minor: p.minor, femaleAdult, femaleMinor });
      const cells: Cell[] = [];
      natCounts.forEach((nn, ni) => {
        if (nn === 0) return;
        rng.multinomial(nn, sexAge).forEach((c, j) => {
          if (c > 0) cells.push({ nat: nats[ni]!, sex: SEX_AGE[j]![0], age: SEX_AGE[j]![1], n: c });
        });
      });
      const sizes = cells.map((c) => c.n);
      const vr = rng.hypergeometric(sizes, Math.min(avr[i]!, s));
      const byService: Record<Service, number[]> = {
        shelter_food: sizes,
        voluntary_return: vr,
        health: sizes.map((n) => rng.binomial(n, p.health)),
        counselling: sizes.map((n) => rng.binomial(n, p.counselling)),
        unhcr_referral: sizes.map((n) => rng.binomial(n, p.unhcrReferral)),
        family_tracing: cells.map((c) => (c.age === 'minor' ? rng.binomial(c.n, p.unaccompanied) : 0)),
        reintegration: vr.map((n) => rng.binomial(n, p.reintegration)),
      };
      for (const service of Object.keys(byService) as Service[]) {
        const counts = byService[service];
        cells.forEach((c, ci) => {
          const n = counts[ci]!;
          if (n > 0) assistance.push({ date, centre, service, nationality: c.nat, sex: c.sex, age_group: c.age, count: n });
        });
      }
    });
  }
  const inRange = (d: string) => d >= r.from && d <= r.to;
  const assistanceOut = assistance
    .filter((a) => inRange(a.date))
    .sort(
      (a, b) =>
        cmp(a.date, b.date) ||
        cmp(a.centre, b.centre) ||
        cmp(a.service, b.service) ||
        cmp(a.nationality, b.nationality) ||
        cmp(a.sex, b.sex) ||
        cmp(a.age_group, b.age_group),
    );
  // Returns: the same voluntary returns by month of departure week, centre and destination (country of nationality).
  // A month is kept when its first day is in range; weeks before `from` in that month are then left out too.
  const returnsAggInRange = new Map<string, number>();
  for (const a of assistanceOut) {
    if (a.service !== 'voluntary_return') continue;
    const k = `${monthStart(a.date)},${a.centre},${a.nationality}`;
    returnsAggInRange.set(k, (returnsAggInRange.get(k) ?? 0) + a.count);
  }
  const returns: ReturnRow[] = [...returnsAggInRange.entries()]
    .map(([k, count]) => {
      const [date, centre, destination] = k.split(',') as [string, string, string];
      return { date, centre, destination, count };
    })
    .sort((a, b) => cmp(a.date, b.date) || cmp(a.centre, b.centre) || cmp(a.destination, b.destination));
  return { assistance: assistanceOut, returns };
}

function scaleTo(xs: number[], total: number): number[] {
  const s = xs.reduce((a, b) => a + b, 0);
  return s > 0 ? xs.map((x) => (x * total) / s) : xs.map(() => 0);
}

// ---------------------------------------------------------------------------------------------------------------
// Dataset
// ---------------------------------------------------------------------------------------------------------------

export function datasetMeta(options: GenerateOptions = {}): DatasetMeta {
  const r = resolveOptions(options);
  return {
    title: 'Transit Atlas illustrative dataset',
    illustrative: true,
    notice: 'Synthetic data calibrated to published figures. Not IOM data.',
    noticeFr: 'Données synthétiques calibrées sur des chiffres publiés. Ce ne sont pas des données de l’OIM.',
    seed: r.seed,
    generator: 'scripts/generate-data.ts',
    dataAsOf: r.to,
    dateRange: { min: r.from, max: r.to },
    events: EVENTS.filter((e) => e.date >= r.from && e.date <= r.to).map((e) => ({ ...e })),
  };
}

/** Generate the whole dataset in memory. Pure: same options ⇒ same rows. */
export function generateDataset(options: GenerateOptions = {}): Dataset {
  const r = resolveOptions(options);
  const flows = [...flowRows(options)];
  const { assistance, returns } = generateAssistance(r);
  return { meta: datasetMeta(options), flows, assistance, returns };
}

// ---------------------------------------------------------------------------------------------------------------
// CSV / JSON serialisation
// ---------------------------------------------------------------------------------------------------------------

/** The CSV columns, in order: src/shared/dataset-schema.ts (its names are checked against the row types here). */
export const FLOW_COLUMNS: readonly (keyof FlowRow)[] = columnNames('flows');
export const ASSISTANCE_COLUMNS: readonly (keyof AssistanceRow)[] = columnNames('assistance');
export const RETURN_COLUMNS: readonly (keyof ReturnRow)[] = columnNames('returns');

/** RFC 4180 field: quoted only when it holds a comma, quote or line break. */
function field(v: string | number): string {
  const s = String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function toCsv<T extends object>(columns: readonly (keyof T & string)[], rows: Iterable<T>): string {
  const parts: string[] = [columns.join(',')];
  for (const row of rows) parts.push(columns.map((c) => field(row[c] as string | number)).join(','));
  return `${parts.join('\n')}\n`;
}

export function flowsCsv(rows: Iterable<FlowRow>): string {
  return toCsv<FlowRow>(FLOW_COLUMNS, rows);
}
export function assistanceCsv(rows: Iterable<AssistanceRow>): string {
  return toCsv<AssistanceRow>(ASSISTANCE_COLUMNS, rows);
}
export function returnsCsv(rows: Iterable<ReturnRow>): string {
  return toCsv<ReturnRow>(RETURN_COLUMNS, rows);
}
export function metaJson(meta: DatasetMeta): string {
  return `${JSON.stringify(meta, null, 2)}\n`;
}

/** The four files' contents, keyed by file name. */
export function datasetFiles(dataset: Dataset): Record<'flows.csv' | 'assistance.csv' | 'returns.csv' | 'dataset.json', string> {
  return {
    'flows.csv': flowsCsv(dataset.flows),
    'assistance.csv': assistanceCsv(dataset.assistance),
    'returns.csv': returnsCsv(dataset.returns),
    'dataset.json': metaJson(dataset.meta),
  };
}

export interface WrittenFile {
  file: string;
  rows: number | null;
  bytes: number;
}

/** Write flows.csv, assistance.csv, returns.csv and dataset.json into `dir`. */
export function writeDataset(dir: string, dataset: Dataset): WrittenFile[] {
  mkdirSync(dir, { recursive: true });
  const files = datasetFiles(dataset);
  const rows: Record<string, number | null> = {
    'flows.csv': dataset.flows.length,
    'assistance.csv': dataset.assistance.length,
    'returns.csv': dataset.returns.length,
    'dataset.json': null,
  };
  return Object.entries(files).map(([name, text]) => {
    writeFileSync(resolve(dir, name), text);
    return { file: resolve(dir, name), rows: rows[name] ?? null, bytes: Buffer.byteLength(text) };
  });
}

/** Stream flows.csv to `path` without holding the rows (for benchmark volumes). Returns rows and bytes written. */
export function writeFlowsCsv(path: string, options: GenerateOptions = {}): WrittenFile {
  mkdirSync(dirname(path), { recursive: true });
  const fd = openSync(path, 'w');
  let rows = 0;
  let bytes = 0;
  let buf: string[] = [FLOW_COLUMNS.join(',')];
  const flush = () => {
    const text = `${buf.join('\n')}\n`;
    writeSync(fd, text);
    bytes += Buffer.byteLength(text);
    buf = [];
  };
  try {
    for (const row of flowRows(options)) {
      buf.push(FLOW_COLUMNS.map((c) => field(row[c])).join(','));
      rows++;
      if (buf.length >= 50_000) flush();
    }
    if (buf.length > 0) flush();
  } finally {
    closeSync(fd);
  }
  return { file: path, rows, bytes };
}

// ---------------------------------------------------------------------------------------------------------------
// CLI
// ---------------------------------------------------------------------------------------------------------------

function parseArgs(argv: string[]): { options: GenerateOptions; out: string; report: boolean } {
  const options: GenerateOptions = {};
  let out = DEFAULT_DATA_DIR;
  let report = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const next = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${a} needs a value`);
      return v;
    };
    if (a === '--seed') options.seed = Number(next());
    else if (a === '--out') out = resolve(next());
    else if (a === '--from') options.from = next();
    else if (a === '--to') options.to = next();
    else if (a === '--scale') options.scale = Number(next());
    else if (a === '--report') report = true;
    else if (a === '--help' || a === '-h') {
      console.log('usage: tsx scripts/generate-data.ts [--seed N] [--out DIR] [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--scale K] [--report]');
      process.exit(0);
    } else throw new Error(`unknown argument ${a}`);
  }
  return { options, out, report };
}

async function main(): Promise<void> {
  const { options, out, report } = parseArgs(process.argv.slice(2));
  const big = (options.scale ?? 1) > 1;
  if (big) {
    // Benchmark volume: stream flows, keep the small files in memory.
    const r = resolveOptions(options);
    const { assistance, returns } = generateAssistance(r);
    const meta = datasetMeta(options);
    const written = [writeFlowsCsv(resolve(out, 'flows.csv'), options)];
    mkdirSync(out, { recursive: true });
    for (const [name, text, rows] of [
      ['assistance.csv', assistanceCsv(assistance), assistance.length],
      ['returns.csv', returnsCsv(returns), returns.length],
      ['dataset.json', metaJson(meta), null],
    ] as const) {
      writeFileSync(resolve(out, name), text);
      written.push({ file: resolve(out, name), rows, bytes: Buffer.byteLength(text) });
    }
    for (const w of written) console.log(`wrote ${w.file}${w.rows === null ? '' : ` (${w.rows} rows)`}, ${w.bytes} bytes`);
    return;
  }
  const dataset = generateDataset(options);
  for (const w of writeDataset(out, dataset)) {
    console.log(`wrote ${w.file}${w.rows === null ? '' : ` (${w.rows} rows)`}, ${w.bytes} bytes`);
  }
  if (report) {
    const { calibrationReport, calibrationMarkdown } = await import('./lib/calibration');
    console.log();
    console.log(calibrationMarkdown(calibrationReport(dataset)));
  }
}

const invokedDirectly = process.argv[1] !== undefined && import.meta.url === pathToFileURL(resolve(process.argv[1])).href;
if (invokedDirectly) {
  main().catch((err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  });
}
