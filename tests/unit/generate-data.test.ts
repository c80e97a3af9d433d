/**
 * The illustrative data generator: determinism, the committed files, validity of every id and enum value,
 * structural rules (active dates, subsets, returns = voluntary returns) and each calibration target.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_DATA_DIR, datasetFiles, flowRows, generateDataset, type AssistanceRow, type Dataset, type FlowRow } from '../../scripts/generate-data';
import { FlowIndex, calibrationReport } from '../../scripts/lib/calibration';
import { dayNumber, isWeekStart } from '../../src/shared/calendar';
import { AGE_GROUPS, DIRECTIONS, SERVICES, SEXES, TRANSPORTS } from '../../src/shared/enums';
import { isoDate } from '../../src/shared/api';

const dataDir = DEFAULT_DATA_DIR;
const places = JSON.parse(readFileSync(resolve(dataDir, 'places.geojson'), 'utf8')) as {
  features: { properties: { id: string; kind: string; activeFrom: string | null; capacity: number | null } }[];
};
const monitoringPoints = new Map(places.features.filter((f) => f.properties.kind === 'monitoring_point').map((f) => [f.properties.id, f.properties]));
const centres = new Map(places.features.filter((f) => f.properties.kind === 'transit_centre').map((f) => [f.properties.id, f.properties]));
const countries = new Set(
  readFileSync(resolve(dataDir, 'countries.csv'), 'utf8')
    .trim()
    .split('\n')
    .slice(1)
    .map((l) => l.split(',')[0]),
);

const SEVEN = ['tahoua-fmp', 'danbarto-fmp', 'magaria-fmp', 'danissa-fmp', 'arlit-fmp', 'seguedine-fmp', 'madama-fmp'];
const AS = ['arlit-fmp', 'seguedine-fmp'];

let ds: Dataset;
let files: ReturnType<typeof datasetFiles>;
let fx: FlowIndex;

beforeAll(() => {
  ds = generateDataset();
  files = datasetFiles(ds);
  fx = new FlowIndex(ds.flows);
});

const within = (actual: number, target: number, rel: number) => {
  expect(actual, `expected ${actual} within ±${rel * 100}% of ${target}`).toBeGreaterThanOrEqual(target * (1 - rel));
  expect(actual, `expected ${actual} within ±${rel * 100}% of ${target}`).toBeLessThanOrEqual(target * (1 + rel));
};
const sumAssist = (rows: readonly AssistanceRow[], service: string, from: string, to: string, pred: (a: AssistanceRow) => boolean = () => true) =>
  rows.reduce((s, a) => (a.service === service && a.date >= from && a.date <= to && pred(a) ? s + a.count : s), 0);

describe('determinism', () => {
  it('same seed gives byte-identical files', () => {
    const again = datasetFiles(generateDataset());
    for (const name of Object.keys(files) as (keyof typeof files)[]) expect(again[name] === files[name], name).toBe(true);
  });

  it('a different seed gives different numbers', () => {
    const other = datasetFiles(generateDataset({ seed: 7 }));
    expect(other['flows.csv']).not.toBe(files['flows.csv']);
    expect(other['assistance.csv']).not.toBe(files['assistance.csv']);
    expect(JSON.parse(other['dataset.json']).seed).toBe(7);
  });

  it('the committed data/ files equal a fresh generation with the default seed (run `npm run data:generate`)', () => {
    for (const name of Object.keys(files) as (keyof typeof files)[]) {
      const committed = readFileSync(resolve(dataDir, name), 'utf8');
      expect(committed === files[name], `data/${name} is out of date`).toBe(true);
    }
  });

  it('a sub-period is exactly the full output filtered to it', () => {
    const part = generateDataset({ from: '2016-01-01', to: '2016-12-31' });
    const in2016 = (r: { date: string }) => r.date >= '2016-01-01' && r.date <= '2016-12-31';
    expect(part.flows).toEqual(ds.flows.filter(in2016));
    expect(part.assistance).toEqual(ds.assistance.filter(in2016));
    expect(part.returns).toEqual(ds.returns.filter(in2016));
    expect(part.meta.dateRange).toEqual({ min: '2016-01-01', max: '2016-12-31' });
  });
});

describe('file format', () => {
  const header = {
    'flows.csv': 'date,point,direction,nationality,sex,age_group,transport,count',
    'assistance.csv': 'date,centre,service,nationality,sex,age_group,count',
    'returns.csv': 'date,centre,destination,count',
  } as const;

  it.each(Object.keys(header) as (keyof typeof header)[])('%s: header, LF line endings, one field per column, trailing newline', (name) => {
    const text = files[name];
    expect(text.includes('\r')).toBe(false);
    expect(text.endsWith('\n')).toBe(true);
    const lines = text.slice(0, -1).split('\n');
    expect(lines[0]).toBe(header[name]);
    const cols = header[name].split(',').length;
    const bad = lines.filter((line) => line.length === 0 || line.split(',').length !== cols);
    expect(bad.slice(0, 5)).toEqual([]);
  });

  it('flows.csv stays small enough to commit (< 8 MB)', () => {
    expect(Buffer.byteLength(files['flows.csv'])).toBeLessThan(8 * 1024 * 1024);
  });

  it('dataset.json describes an illustrative dataset without a timestamp', () => {
    const meta = JSON.parse(files['dataset.json']);
    expect(meta).toMatchObject({
      title: 'Transit Atlas illustrative dataset',
      illustrative: true,
      notice: 'Synthetic data calibrated to published figures. Not IOM data.',
      noticeFr: expect.stringMatching(/synthétiques.*pas des données de l’OIM/),
      seed: 20150101,
      generator: 'scripts/generate-data.ts',
      dataAsOf: '2019-12-31',
      dateRange: { min: '2015-01-01', max: '2019-12-31' },
    });
    expect(Object.keys(meta).sort()).toEqual(['dataAsOf', 'dateRange', 'events', 'generator', 'illustrative', 'notice', 'noticeFr', 'seed', 'title']);
    const dates = meta.events.map((e: { date: string }) => e.date);
    expect(dates).toEqual([...dates].sort());
    for (const e of meta.events) {
      expect(isoDate.safeParse(e.date).success).toBe(true);
      expect(e.label.length).toBeGreaterThan(0);
      expect(e.labelFr.length).toBeGreaterThan(0);
      expect(e.labelFr).not.toBe(e.label);
      expect(e.source.length).toBeGreaterThan(0);
    }
    expect(meta.events.map((e: { date: string; label: string }) => `${e.date} ${e.label}`)).toEqual(
      expect.arrayContaining([
        '2016-08-01 Enforcement of law 2015-36 against migrant smuggling begins',
        '2016-02-01 Flow monitoring starts at Arlit and Séguédine',
        '2018-08-01 Monitoring extends to Tahoua, Dan Barto, Magaria',
        '2019-01-01 Madama point opens; Séguédine counts incoming only',
      ]),
    );
  });
});

describe('validity of ids, enums and counts', () => {
  // Row loops collect problems and assert once: an expect() per row would take seconds.
  const mondays = new Map<string, boolean>();
  const isMonday = (d: string) => {
    let v = mondays.get(d);
    if (v === undefined) mondays.set(d, (v = isWeekStart(d)));
    return v;
  };
  const positiveInt = (n: number) => Number.isInteger(n) && n > 0;

  it('flows: valid point, Monday date in range, enums, nationality, positive integer count; sorted and unique', () => {
    const bad: string[] = [];
    let prev = '';
    for (const r of ds.flows) {
      const key = [r.date, r.point, r.direction, r.nationality, r.sex, r.age_group, r.transport].join('\u0000');
      const ok =
        monitoringPoints.has(r.point) &&
        isMonday(r.date) &&
        r.date >= '2015-01-01' &&
        r.date <= '2019-12-31' &&
        DIRECTIONS.includes(r.direction) &&
        SEXES.includes(r.sex) &&
        AGE_GROUPS.includes(r.age_group) &&
        TRANSPORTS.includes(r.transport) &&
        countries.has(r.nationality) &&
        positiveInt(r.count) &&
        key > prev;
      if (!ok) bad.push(JSON.stringify(r));
      prev = key;
    }
    expect(bad.slice(0, 5)).toEqual([]);
  });

  it('assistance: valid centre, Monday date, service enum, nationality, positive integer count; sorted and unique', () => {
    const bad: string[] = [];
    let prev = '';
    for (const a of ds.assistance) {
      const key = [a.date, a.centre, a.service, a.nationality, a.sex, a.age_group].join('\u0000');
      const ok =
        centres.has(a.centre) &&
        isMonday(a.date) &&
        a.date >= '2015-01-01' &&
        a.date <= '2019-12-31' &&
        SERVICES.includes(a.service) &&
        SEXES.includes(a.sex) &&
        AGE_GROUPS.includes(a.age_group) &&
        countries.has(a.nationality) &&
        positiveInt(a.count) &&
        key > prev;
      if (!ok) bad.push(JSON.stringify(a));
      prev = key;
    }
    expect(bad.slice(0, 5)).toEqual([]);
  });

  it('returns: valid centre, first-of-month date, destination country, positive integer count; sorted and unique', () => {
    const bad: string[] = [];
    let prev = '';
    for (const r of ds.returns) {
      const key = [r.date, r.centre, r.destination].join('\u0000');
      const ok = centres.has(r.centre) && /^\d{4}-\d{2}-01$/.test(r.date) && countries.has(r.destination) && positiveInt(r.count) && key > prev;
      if (!ok) bad.push(JSON.stringify(r));
      prev = key;
    }
    expect(bad.slice(0, 5)).toEqual([]);
  });

  it('every monitoring point and transit centre has data', () => {
    expect(new Set(ds.flows.map((r) => r.point))).toEqual(new Set(monitoringPoints.keys()));
    expect(new Set(ds.assistance.map((r) => r.centre))).toEqual(new Set(centres.keys()));
  });
});

describe('structural rules', () => {
  it('a point counts only from its activeFrom date', () => {
    const first = new Map<string, string>();
    for (const r of ds.flows) if (!first.has(r.point) || r.date < first.get(r.point)!) first.set(r.point, r.date);
    for (const [id, p] of monitoringPoints) {
      const from = p.activeFrom ?? '2015-01-01';
      expect(first.get(id)! >= from, `${id} has rows before ${from}`).toBe(true);
      // …and starts within its first week.
      expect(dayNumber(first.get(id)!) - dayNumber(from), id).toBeLessThan(7);
    }
  });

  it('Séguédine has no outgoing rows from 2019 but keeps counting incoming', () => {
    expect(ds.flows.some((r) => r.point === 'seguedine-fmp' && r.direction === 'outgoing' && r.date >= '2019-01-01')).toBe(false);
    expect(fx.sum({ points: ['seguedine-fmp'], direction: 'incoming', from: '2019-01-01', to: '2019-12-31' })).toBeGreaterThan(0);
    expect(fx.sum({ points: ['madama-fmp'], direction: 'outgoing', from: '2019-01-01', to: '2019-12-31' })).toBeGreaterThan(0);
  });

  it('services are subsets of shelter_food; reintegration of voluntary_return; family tracing only for minors', () => {
    const key = (a: AssistanceRow) => `${a.date}|${a.centre}|${a.nationality}|${a.sex}|${a.age_group}`;
    const shelter = new Map<string, number>();
    const vr = new Map<string, number>();
    for (const a of ds.assistance) {
      if (a.service === 'shelter_food') shelter.set(key(a), a.count);
      if (a.service === 'voluntary_return') vr.set(key(a), a.count);
    }
    const bad: string[] = [];
    for (const a of ds.assistance) {
      if (a.count > (shelter.get(key(a)) ?? 0)) bad.push(`more than shelter_food: ${JSON.stringify(a)}`);
      if (a.service === 'reintegration' && a.count > (vr.get(key(a)) ?? 0)) bad.push(`more than voluntary_return: ${JSON.stringify(a)}`);
      if (a.service === 'family_tracing' && a.age_group !== 'minor') bad.push(`adult in family_tracing: ${JSON.stringify(a)}`);
    }
    expect(bad.slice(0, 5)).toEqual([]);
  });

  it('returns per year equal voluntary_return per year (and per month, centre and destination)', () => {
    for (let y = 2015; y <= 2019; y++) {
      const returns = ds.returns.filter((r) => r.date.startsWith(`${y}`)).reduce((s, r) => s + r.count, 0);
      expect(returns, `${y}`).toBe(sumAssist(ds.assistance, 'voluntary_return', `${y}-01-01`, `${y}-12-31`));
    }
    const agg = new Map<string, number>();
    for (const a of ds.assistance) {
      if (a.service !== 'voluntary_return') continue;
      const k = `${a.date.slice(0, 7)}-01|${a.centre}|${a.nationality}`;
      agg.set(k, (agg.get(k) ?? 0) + a.count);
    }
    expect(new Map(ds.returns.map((r) => [`${r.date}|${r.centre}|${r.destination}`, r.count]))).toEqual(agg);
  });

  it('transit centres stay within capacity (arrivals a week ≤ half the places, i.e. stays of up to two weeks fit)', () => {
    const weekly = new Map<string, number>();
    for (const a of ds.assistance) {
      if (a.service === 'shelter_food') weekly.set(`${a.centre}|${a.date}`, (weekly.get(`${a.centre}|${a.date}`) ?? 0) + a.count);
    }
    for (const [k, n] of weekly) {
      const centre = k.split('|')[0]!;
      expect(n, k).toBeLessThanOrEqual(centres.get(centre)!.capacity! / 2);
    }
    // Agadez is the largest centre every year.
    for (let y = 2015; y <= 2019; y++) {
      const by = (c: string) => sumAssist(ds.assistance, 'shelter_food', `${y}-01-01`, `${y}-12-31`, (a) => a.centre === c);
      for (const c of ['arlit-tc', 'dirkou-tc', 'niamey-tc']) expect(by('agadez-tc')).toBeGreaterThan(by(c));
    }
  });

  it('scale > 1 writes daily rows with about scale × the weekly volume, and keeps the rules', () => {
    const opts = { from: '2018-12-17', to: '2019-01-13' };
    const weekly = [...flowRows(opts)];
    const daily = [...flowRows({ ...opts, scale: 3 })];
    expect(new Set(daily.map((r) => r.date)).size).toBe(28);
    expect(daily.length).toBeGreaterThan(weekly.length);
    const total = (rows: FlowRow[]) => rows.reduce((s, r) => s + r.count, 0);
    const isSegOut = (r: FlowRow) => r.point === 'seguedine-fmp' && r.direction === 'outgoing';
    // Séguédine's last outgoing week (2018-12-31) is cut at 2018-12-31 in daily rows.
    expect(daily.filter(isSegOut).every((r) => r.date <= '2018-12-31')).toBe(true);
    expect(daily.some((r) => isSegOut(r) && r.date === '2018-12-31')).toBe(true);
    const rest = (rows: FlowRow[]) => total(rows.filter((r) => !isSegOut(r)));
    expect(rest(daily)).toBe(3 * rest(weekly));
  });
});

describe('calibration (data-brief.md "Published figures")', () => {
  it('2015: agadez-fmp incoming total within ±15 % of 120,000, weeks up to ≈2,500', () => {
    const w = [...fx.weekly({ points: ['agadez-fmp'], direction: 'incoming', from: '2015-01-01', to: '2015-12-31' }).values()];
    within(
      w.reduce((a, b) => a + b, 0),
      120000,
      0.15,
    );
    within(Math.max(...w), 2500, 0.1);
  });

  it('agadez-fmp continues after Aug 2016 at a lower level', () => {
    const mean = (from: string, to: string) => {
      const w = [...fx.weekly({ points: ['agadez-fmp'], direction: 'incoming', from, to }).values()];
      return w.reduce((a, b) => a + b, 0) / w.length;
    };
    for (const y of [2017, 2018, 2019]) {
      const m = mean(`${y}-01-01`, `${y}-12-31`);
      expect(m).toBeGreaterThan(0);
      expect(m).toBeLessThan(mean('2015-01-01', '2015-12-31') / 2);
    }
  });

  it('Arlit + Séguédine Feb–Dec 2016: outgoing ≈333,891, incoming ≈111,230 (±10 %)', () => {
    within(fx.sum({ points: AS, direction: 'outgoing', from: '2016-02-01', to: '2016-12-31' }), 333891, 0.1);
    within(fx.sum({ points: AS, direction: 'incoming', from: '2016-02-01', to: '2016-12-31' }), 111230, 0.1);
  });

  it('Feb–Apr 2016 weekly means ≈1,676 out and ≈833 in, with the published spread', () => {
    const out = [...fx.weekly({ points: AS, direction: 'outgoing', from: '2016-02-01', to: '2016-04-30' }).values()];
    const inc = [...fx.weekly({ points: AS, direction: 'incoming', from: '2016-02-01', to: '2016-04-30' }).values()];
    expect(out).toHaveLength(13);
    within(out.reduce((a, b) => a + b, 0) / out.length, 1676, 0.1);
    within(inc.reduce((a, b) => a + b, 0) / inc.length, 833, 0.1);
    within(Math.min(...out), 604, 0.35);
    within(Math.max(...out), 3011, 0.35);
    within(Math.min(...inc), 227, 0.35);
    within(Math.max(...inc), 1625, 0.35);
  });

  it('week of 16 May 2016 ≈16,351 out / 5,500 in; a mid-2016 peak of 12,000–16,351 a week', () => {
    within(fx.sum({ points: AS, direction: 'outgoing', from: '2016-05-16', to: '2016-05-16' }), 16351, 0.1);
    within(fx.sum({ points: AS, direction: 'incoming', from: '2016-05-16', to: '2016-05-16' }), 5500, 0.1);
    const peak = Math.max(...fx.weekly({ points: AS, direction: 'outgoing', from: '2016-05-01', to: '2016-08-31' }).values());
    expect(peak).toBeGreaterThanOrEqual(12000);
    expect(peak).toBeLessThanOrEqual(16351 * 1.1);
  });

  it('Sep 2016 outgoing within ±15 % of 27,138; Oct and Dec 2016 near their published months', () => {
    const month = (m: string, direction: 'incoming' | 'outgoing') => fx.sum({ points: AS, direction, from: `${m}-01`, to: `${m}-31` });
    within(month('2016-09', 'outgoing'), 27138, 0.15);
    within(month('2016-09', 'incoming'), 18803, 0.15);
    within(month('2016-10', 'outgoing'), 12654, 0.15);
    within(month('2016-10', 'incoming'), 1290, 0.15);
    within(month('2016-12', 'outgoing'), 12923, 0.15);
    within(month('2016-12', 'incoming'), 1663, 0.15);
  });

  it('flows fall after Aug 2016: mean weekly outgoing Oct–Dec < May–Jul', () => {
    const mean = (from: string, to: string) => {
      const w = [...fx.weekly({ points: AS, direction: 'outgoing', from, to }).values()];
      return w.reduce((a, b) => a + b, 0) / w.length;
    };
    expect(mean('2016-10-01', '2016-12-31')).toBeLessThan(mean('2016-05-01', '2016-07-31'));
  });

  it('route shares Feb–Apr 2016: Niger→Libya 48 %, Niger→Algeria 19 %, Algeria→Niger 23 %, Libya→Niger 10 %', () => {
    const f = { from: '2016-02-01', to: '2016-04-30' };
    const all = fx.sum({ ...f, points: AS });
    within(fx.sum({ ...f, points: ['seguedine-fmp'], direction: 'outgoing' }) / all, 0.48, 0.1);
    within(fx.sum({ ...f, points: ['arlit-fmp'], direction: 'outgoing' }) / all, 0.19, 0.1);
    within(fx.sum({ ...f, points: ['arlit-fmp'], direction: 'incoming' }) / all, 0.23, 0.1);
    within(fx.sum({ ...f, points: ['seguedine-fmp'], direction: 'incoming' }) / all, 0.1, 0.1);
  });

  it('2017 months: Jan 6,524/8,424, Feb 6,329/27,239, Sep 4,972/2,541; Sep 2017 94 % men, 2 % minors', () => {
    for (const [m, out, inc] of [
      ['2017-01', 6524, 8424],
      ['2017-02', 6329, 27239],
      ['2017-09', 4972, 2541],
    ] as const) {
      within(fx.sum({ points: AS, direction: 'outgoing', from: `${m}-01`, to: `${m}-31` }), out, 0.1);
      within(fx.sum({ points: AS, direction: 'incoming', from: `${m}-01`, to: `${m}-31` }), inc, 0.1);
    }
    const sep = { points: AS, from: '2017-09-01', to: '2017-09-30' };
    expect(Math.abs(fx.share(sep, (r) => r.sex === 'm') - 0.94)).toBeLessThanOrEqual(0.02);
    expect(Math.abs(fx.share(sep, (r) => r.age_group === 'minor') - 0.02)).toBeLessThanOrEqual(0.01);
  });

  it('2016 sex and age: 88–95 % men; minors 2.9 % at Séguédine and 9.4 % at Arlit (±1.5 pp)', () => {
    for (const [point, minors] of [
      ['seguedine-fmp', 0.029],
      ['arlit-fmp', 0.094],
    ] as const) {
      const f = { points: [point], from: '2016-01-01', to: '2016-12-31' };
      const men = fx.share(f, (r) => r.sex === 'm');
      expect(men).toBeGreaterThanOrEqual(0.88);
      expect(men).toBeLessThanOrEqual(0.95);
      expect(Math.abs(fx.share(f, (r) => r.age_group === 'minor') - minors)).toBeLessThanOrEqual(0.015);
    }
  });

  it('nationalities Feb–Apr 2016 heading to Libya and to Algeria', () => {
    const f = { from: '2016-02-01', to: '2016-04-30', direction: 'outgoing' as const };
    for (const [iso3, t] of Object.entries({ NGA: 0.32, NER: 0.21, SEN: 0.16, GMB: 0.11, CIV: 0.07 })) {
      within(
        fx.share({ ...f, points: ['seguedine-fmp'] }, (r) => r.nationality === iso3),
        t,
        0.1,
      );
    }
    for (const [iso3, t] of Object.entries({ NER: 0.37, MLI: 0.13, CMR: 0.1, BFA: 0.1, GNB: 0.06 })) {
      within(
        fx.share({ ...f, points: ['arlit-fmp'] }, (r) => r.nationality === iso3),
        t,
        0.1,
      );
    }
  });

  it('seven points: daily average ≈624 in Aug 2018 and ≈2,112 in Jan 2019', () => {
    const daily = (m: string) => {
      const f = { points: SEVEN, from: `${m}-01`, to: `${m}-31` };
      return fx.sum(f) / (7 * fx.weekly(f).size);
    };
    within(daily('2018-08'), 624, 0.1);
    within(daily('2019-01'), 2112, 0.1);
  });

  it('seven points, every month Aug 2018 – Dec 2019: Nigerien 66–85 %, Nigerian 8–30 %, car 65–76 %, bus 10–30 %, truck 2–12 %', () => {
    for (let y = 2018; y <= 2019; y++) {
      for (let mo = y === 2018 ? 8 : 1; mo <= 12; mo++) {
        const m = `${y}-${String(mo).padStart(2, '0')}`;
        const f = { points: SEVEN, from: `${m}-01`, to: `${m}-31` };
        const inRange = (x: number, lo: number, hi: number, what: string) => {
          expect(x, `${m} ${what}`).toBeGreaterThanOrEqual(lo);
          expect(x, `${m} ${what}`).toBeLessThanOrEqual(hi);
        };
        inRange(
          fx.share(f, (r) => r.nationality === 'NER'),
          0.66,
          0.85,
          'NER',
        );
        inRange(
          fx.share(f, (r) => r.nationality === 'NGA'),
          0.08,
          0.3,
          'NGA',
        );
        inRange(
          fx.share(f, (r) => r.transport === 'car'),
          0.65,
          0.76,
          'car',
        );
        inRange(
          fx.share(f, (r) => r.transport === 'bus'),
          0.1,
          0.3,
          'bus',
        );
        inRange(
          fx.share(f, (r) => r.transport === 'truck'),
          0.02,
          0.12,
          'truck',
        );
      }
    }
  });

  it('people assisted (shelter_food): 2015 ≈12,000 (>6,000 Jan–Jun), 2016 ≈15,000, 2017 9,099, 2018 > 20,077', () => {
    const year = (y: number) => sumAssist(ds.assistance, 'shelter_food', `${y}-01-01`, `${y}-12-31`);
    within(year(2015), 12000, 0.1);
    expect(sumAssist(ds.assistance, 'shelter_food', '2015-01-01', '2015-06-30')).toBeGreaterThan(6000);
    within(year(2016), 15000, 0.1);
    within(year(2017), 9099, 0.1);
    expect(year(2018)).toBeGreaterThanOrEqual(20077 * 0.9);
  });

  it('2017 assisted profile: Guinea 17 %, Senegal 17 %, Nigeria 13 %, Mali 8 %; 88 % men; 42 % of minors unaccompanied', () => {
    const all = sumAssist(ds.assistance, 'shelter_food', '2017-01-01', '2017-12-31');
    for (const [iso3, t] of Object.entries({ GIN: 0.17, SEN: 0.17, NGA: 0.13, MLI: 0.08 })) {
      within(sumAssist(ds.assistance, 'shelter_food', '2017-01-01', '2017-12-31', (a) => a.nationality === iso3) / all, t, 0.1);
    }
    const men = sumAssist(ds.assistance, 'shelter_food', '2017-01-01', '2017-12-31', (a) => a.sex === 'm') / all;
    expect(Math.abs(men - 0.88)).toBeLessThanOrEqual(0.02);
    const minors = sumAssist(ds.assistance, 'shelter_food', '2017-01-01', '2017-12-31', (a) => a.age_group === 'minor');
    within(sumAssist(ds.assistance, 'family_tracing', '2017-01-01', '2017-12-31') / minors, 0.42, 0.1);
  });

  it('service shares: health 60–70 %, counselling ≈40 %, UNHCR referral a few %', () => {
    for (let y = 2015; y <= 2019; y++) {
      const all = sumAssist(ds.assistance, 'shelter_food', `${y}-01-01`, `${y}-12-31`);
      const share = (s: string) => sumAssist(ds.assistance, s, `${y}-01-01`, `${y}-12-31`) / all;
      expect(share('health')).toBeGreaterThanOrEqual(0.58);
      expect(share('health')).toBeLessThanOrEqual(0.72);
      expect(share('counselling')).toBeGreaterThanOrEqual(0.33);
      expect(share('counselling')).toBeLessThanOrEqual(0.45);
      expect(share('unhcr_referral')).toBeGreaterThan(0.01);
      expect(share('unhcr_referral')).toBeLessThan(0.06);
    }
  });

  it('assisted voluntary returns: 1,721 (2015), ≈5,000 (2016), ≈7,000 (2017), 14,977 (2018)', () => {
    const avr = (y: number) => sumAssist(ds.assistance, 'voluntary_return', `${y}-01-01`, `${y}-12-31`);
    within(avr(2015), 1721, 0.1);
    within(avr(2016), 5000, 0.1);
    within(avr(2017), 7000, 0.1);
    within(avr(2018), 14977, 0.1);
    expect(avr(2019)).toBeGreaterThan(0);
  });

  it('the calibration report (data/README.md) passes every check', () => {
    const failed = calibrationReport(ds).filter((c) => !c.pass);
    expect(failed.map((c) => `${c.label}: target ${c.target}, generated ${c.achieved}`)).toEqual([]);
  });
});
