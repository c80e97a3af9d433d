/**
 * Calibration checks: each published figure the illustrative dataset is calibrated to, the value the generated data
 * gives, and whether it is within the agreed tolerance. Used by tests/unit/generate-data.test.ts and by
 * `tsx scripts/generate-data.ts --report` (the table in data/README.md).
 */
import type { Dataset, FlowRow } from '../generate-data';
import { SEVEN_POINTS, POINTS } from './model';

export interface CalibrationCheck {
  id: string;
  /** What is measured. */
  label: string;
  /** The published figure (or a chosen value), as displayed. */
  target: string;
  /** The generated value, as displayed. */
  achieved: string;
  /** Tolerance, as displayed. */
  tolerance: string;
  pass: boolean;
}

type Dir = 'incoming' | 'outgoing';
interface FlowFilter {
  points?: readonly string[];
  direction?: Dir;
  from?: string;
  to?: string;
}

const AS = [POINTS.arlit, POINTS.seguedine] as const;
const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
const pct = (x: number) => `${(x * 100).toFixed(1)} %`;

function match(r: FlowRow, f: FlowFilter): boolean {
  return (
    (!f.points || f.points.includes(r.point)) && (!f.direction || r.direction === f.direction) && (!f.from || r.date >= f.from) && (!f.to || r.date <= f.to)
  );
}

export class FlowIndex {
  constructor(private readonly rows: readonly FlowRow[]) {}

  sum(f: FlowFilter, extra?: (r: FlowRow) => boolean): number {
    let s = 0;
    for (const r of this.rows) if (match(r, f) && (!extra || extra(r))) s += r.count;
    return s;
  }

  /** Weekly totals (date → people) of the matching rows. */
  weekly(f: FlowFilter): Map<string, number> {
    const m = new Map<string, number>();
    for (const r of this.rows) if (match(r, f)) m.set(r.date, (m.get(r.date) ?? 0) + r.count);
    return m;
  }

  share(f: FlowFilter, pred: (r: FlowRow) => boolean): number {
    const all = this.sum(f);
    return all === 0 ? 0 : this.sum(f, pred) / all;
  }
}

function monthEnd(month: string): string {
  return `${month}-31`;
}

function rel(id: string, label: string, target: number, achieved: number, tol: number, display: (n: number) => string = fmt): CalibrationCheck {
  return {
    id,
    label,
    target: display(target),
    achieved: display(achieved),
    tolerance: `±${Math.round(tol * 100)} %`,
    pass: Math.abs(achieved - target) <= tol * target,
  };
}

function absPp(id: string, label: string, target: number, achieved: number, pp: number): CalibrationCheck {
  return {
    id,
    label,
    target: pct(target),
    achieved: pct(achieved),
    tolerance: `±${pp} pp`,
    pass: Math.abs(achieved - target) <= pp / 100 + 1e-12,
  };
}

function range(id: string, label: string, lo: number, hi: number, achievedLo: number, achievedHi: number, display: (n: number) => string): CalibrationCheck {
  return {
    id,
    label,
    target: `${display(lo)} – ${display(hi)}`,
    achieved: achievedLo === achievedHi ? display(achievedLo) : `${display(achievedLo)} – ${display(achievedHi)}`,
    tolerance: 'within range',
    pass: achievedLo >= lo - 1e-12 && achievedHi <= hi + 1e-12,
  };
}

export function calibrationReport(ds: Dataset): CalibrationCheck[] {
  const fx = new FlowIndex(ds.flows);
  const checks: CalibrationCheck[] = [];

  // --- 2015, Agadez bus station (stand-in for "through the Agadez region") ---
  const ag2015 = fx.weekly({ points: [POINTS.agadez], direction: 'incoming', from: '2015-01-01', to: '2015-12-31' });
  const agTotal = [...ag2015.values()].reduce((a, b) => a + b, 0);
  checks.push(rel('agadez-2015-total', '2015 agadez-fmp incoming, year total (forecast 120,000 crossings)', 120000, agTotal, 0.15));
  checks.push(rel('agadez-2015-peak', '2015 agadez-fmp incoming, highest week ("up to 2,500 a week")', 2500, Math.max(...ag2015.values()), 0.1));

  // --- Arlit + Séguédine 2016 ---
  const feb2dec = { points: AS, from: '2016-02-01', to: '2016-12-31' };
  checks.push(rel('as-2016-out', 'Arlit + Séguédine outgoing, Feb–Dec 2016', 333891, fx.sum({ ...feb2dec, direction: 'outgoing' }), 0.1));
  checks.push(rel('as-2016-in', 'Arlit + Séguédine incoming, Feb–Dec 2016', 111230, fx.sum({ ...feb2dec, direction: 'incoming' }), 0.1));
  const febApr = { points: AS, from: '2016-02-01', to: '2016-04-30' };
  for (const [dir, mean, lo, hi] of [
    ['outgoing', 1676, 604, 3011],
    ['incoming', 833, 227, 1625],
  ] as const) {
    const w = [...fx.weekly({ ...febApr, direction: dir }).values()];
    const m = w.reduce((a, b) => a + b, 0) / w.length;
    checks.push(rel(`as-febapr-${dir}-mean`, `Arlit + Séguédine ${dir}, Feb–Apr 2016, weekly mean`, mean, m, 0.1));
    checks.push({
      id: `as-febapr-${dir}-range`,
      label: `Arlit + Séguédine ${dir}, Feb–Apr 2016, weekly range`,
      target: `${fmt(lo)} – ${fmt(hi)}`,
      achieved: `${fmt(Math.min(...w))} – ${fmt(Math.max(...w))}`,
      tolerance: 'ends ±35 %',
      pass: Math.abs(Math.min(...w) - lo) <= 0.35 * lo && Math.abs(Math.max(...w) - hi) <= 0.35 * hi,
    });
  }
  const wk = (dir: Dir) => fx.sum({ points: AS, direction: dir, from: '2016-05-16', to: '2016-05-16' });
  checks.push(rel('as-2016-05-16-out', 'Arlit + Séguédine outgoing, week of 16 May 2016', 16351, wk('outgoing'), 0.1));
  checks.push(rel('as-2016-05-16-in', 'Arlit + Séguédine incoming, week of 16 May 2016', 5500, wk('incoming'), 0.1));
  const midOut = [...fx.weekly({ points: AS, direction: 'outgoing', from: '2016-05-01', to: '2016-08-31' }).values()];
  checks.push({
    id: 'as-2016-peak',
    label: 'Arlit + Séguédine outgoing, highest week May–Aug 2016 (peak ≈ 12,000 … 16,351)',
    target: '12,000 – 16,351',
    achieved: fmt(Math.max(...midOut)),
    tolerance: '12,000 … +10 %',
    pass: Math.max(...midOut) >= 12000 && Math.max(...midOut) <= 16351 * 1.1,
  });
  const monthly: [string, number, number, number][] = [
    ['2016-09', 27138, 18803, 0.15],
    ['2016-10', 12654, 1290, 0.15],
    ['2016-12', 12923, 1663, 0.15],
    ['2017-01', 6524, 8424, 0.1],
    ['2017-02', 6329, 27239, 0.1],
    ['2017-09', 4972, 2541, 0.1],
  ];
  for (const [m, out, inc, tol] of monthly) {
    const f = { points: AS, from: `${m}-01`, to: monthEnd(m) };
    checks.push(rel(`as-${m}-out`, `Arlit + Séguédine outgoing, ${m}`, out, fx.sum({ ...f, direction: 'outgoing' }), tol));
    checks.push(rel(`as-${m}-in`, `Arlit + Séguédine incoming, ${m}`, inc, fx.sum({ ...f, direction: 'incoming' }), tol));
  }
  const meanWeekly = (from: string, to: string) => {
    const w = [...fx.weekly({ points: AS, direction: 'outgoing', from, to }).values()];
    return w.reduce((a, b) => a + b, 0) / w.length;
  };
  const mayJul = meanWeekly('2016-05-01', '2016-07-31');
  const octDec = meanWeekly('2016-10-01', '2016-12-31');
  checks.push({
    id: 'as-2016-fall',
    label: 'Fall after Aug 2016: mean weekly outgoing Oct–Dec vs May–Jul 2016',
    target: 'Oct–Dec < May–Jul',
    achieved: `${fmt(octDec)} < ${fmt(mayJul)}`,
    tolerance: 'strictly lower',
    pass: octDec < mayJul,
  });

  // Route shares Feb–Apr 2016
  const febAprAll = fx.sum(febApr);
  for (const [label, point, dir, target] of [
    ['Niger→Libya (Séguédine outgoing)', POINTS.seguedine, 'outgoing', 0.48],
    ['Niger→Algeria (Arlit outgoing)', POINTS.arlit, 'outgoing', 0.19],
    ['Algeria→Niger (Arlit incoming)', POINTS.arlit, 'incoming', 0.23],
    ['Libya→Niger (Séguédine incoming)', POINTS.seguedine, 'incoming', 0.1],
  ] as const) {
    const v = fx.sum({ points: [point], direction: dir, from: febApr.from, to: febApr.to }) / febAprAll;
    checks.push(rel(`route-share-${point}-${dir}`, `Route share Feb–Apr 2016, ${label}`, target, v, 0.1, pct));
  }

  // Sex and age
  const sep2017 = { points: AS, from: '2017-09-01', to: '2017-09-30' };
  checks.push(
    absPp(
      'sep2017-men',
      'Arlit + Séguédine Sep 2017, men',
      0.94,
      fx.share(sep2017, (r) => r.sex === 'm'),
      2,
    ),
  );
  checks.push(
    absPp(
      'sep2017-minors',
      'Arlit + Séguédine Sep 2017, minors',
      0.02,
      fx.share(sep2017, (r) => r.age_group === 'minor'),
      1,
    ),
  );
  for (const [point, minors] of [
    [POINTS.seguedine, 0.029],
    [POINTS.arlit, 0.094],
  ] as const) {
    const f = { points: [point], from: '2016-01-01', to: '2016-12-31' };
    const men = fx.share(f, (r) => r.sex === 'm');
    checks.push(range(`men-2016-${point}`, `${point} 2016, men`, 0.88, 0.95, men, men, pct));
    checks.push(
      absPp(
        `minors-2016-${point}`,
        `${point} 2016, minors`,
        minors,
        fx.share(f, (r) => r.age_group === 'minor'),
        1.5,
      ),
    );
  }

  // Nationalities Feb–Apr 2016
  for (const [point, label, targets] of [
    [POINTS.seguedine, 'heading to Libya', { NGA: 0.32, NER: 0.21, SEN: 0.16, GMB: 0.11, CIV: 0.07 }],
    [POINTS.arlit, 'heading to Algeria', { NER: 0.37, MLI: 0.13, CMR: 0.1, BFA: 0.1, GNB: 0.06 }],
  ] as const) {
    const f = { points: [point], direction: 'outgoing' as const, from: febApr.from, to: febApr.to };
    for (const [iso3, t] of Object.entries(targets)) {
      checks.push(
        rel(
          `nat-${point}-${iso3}`,
          `Feb–Apr 2016 ${label} (${point} outgoing), ${iso3}`,
          t,
          fx.share(f, (r) => r.nationality === iso3),
          0.1,
          pct,
        ),
      );
    }
  }

  // Seven points 2018–2019
  const seven = (m: string) => {
    const f = { points: SEVEN_POINTS, from: `${m}-01`, to: monthEnd(m) };
    const weeks = fx.weekly(f).size;
    return fx.sum(f) / (7 * weeks);
  };
  checks.push(rel('seven-2018-08', 'Seven points, daily average Aug 2018', 624, seven('2018-08'), 0.1));
  checks.push(rel('seven-2019-01', 'Seven points, daily average Jan 2019', 2112, seven('2019-01'), 0.1));
  const months: string[] = [];
  for (let y = 2018; y <= 2019; y++) for (let m = y === 2018 ? 8 : 1; m <= 12; m++) months.push(`${y}-${String(m).padStart(2, '0')}`);
  const monthlyShare = (pred: (r: FlowRow) => boolean) => months.map((m) => fx.share({ points: SEVEN_POINTS, from: `${m}-01`, to: monthEnd(m) }, pred));
  for (const [id, label, lo, hi, pred] of [
    ['seven-ner', 'Nigerien', 0.66, 0.85, (r: FlowRow) => r.nationality === 'NER'],
    ['seven-nga', 'Nigerian', 0.08, 0.3, (r: FlowRow) => r.nationality === 'NGA'],
    ['seven-car', 'by car', 0.65, 0.76, (r: FlowRow) => r.transport === 'car'],
    ['seven-bus', 'by bus', 0.1, 0.3, (r: FlowRow) => r.transport === 'bus'],
    ['seven-truck', 'by truck', 0.02, 0.12, (r: FlowRow) => r.transport === 'truck'],
  ] as const) {
    const s = monthlyShare(pred);
    checks.push(range(id, `Seven points, ${label}, every month Aug 2018 – Dec 2019 (lowest – highest)`, lo, hi, Math.min(...s), Math.max(...s), pct));
  }

  // --- Transit centres ---
  const assisted = (from: string, to: string, service = 'shelter_food', pred?: (a: Dataset['assistance'][number]) => boolean) => {
    let s = 0;
    for (const a of ds.assistance) if (a.service === service && a.date >= from && a.date <= to && (!pred || pred(a))) s += a.count;
    return s;
  };
  const year = (y: number, service = 'shelter_food', pred?: (a: Dataset['assistance'][number]) => boolean) =>
    assisted(`${y}-01-01`, `${y}-12-31`, service, pred);
  checks.push(rel('assisted-2015', 'People assisted (shelter_food) 2015', 12000, year(2015), 0.1));
  const h1 = assisted('2015-01-01', '2015-06-30');
  checks.push({
    id: 'assisted-2015-h1',
    label: 'People assisted Jan–Jun 2015 (">6,000")',
    target: '> 6,000',
    achieved: fmt(h1),
    tolerance: 'more than',
    pass: h1 > 6000,
  });
  checks.push(rel('assisted-2016', 'People assisted 2016 (≈15,000)', 15000, year(2016), 0.1));
  checks.push(rel('assisted-2017', 'People assisted 2017', 9099, year(2017), 0.1));
  const y18 = year(2018);
  checks.push({
    id: 'assisted-2018',
    label: 'People assisted 2018 (">20,077")',
    target: '> 20,077',
    achieved: fmt(y18),
    tolerance: '≥ 90 % of 20,077',
    pass: y18 >= 20077 * 0.9,
  });
  checks.push({ id: 'assisted-2019', label: 'People assisted 2019 (chosen)', target: '—', achieved: fmt(year(2019)), tolerance: '—', pass: true });
  const y17 = year(2017);
  for (const [iso3, t] of [
    ['GIN', 0.17],
    ['SEN', 0.17],
    ['NGA', 0.13],
    ['MLI', 0.08],
  ] as const) {
    checks.push(rel(`assisted-2017-${iso3}`, `People assisted 2017, ${iso3}`, t, year(2017, 'shelter_food', (a) => a.nationality === iso3) / y17, 0.1, pct));
  }
  checks.push(absPp('assisted-2017-men', 'People assisted 2017, men', 0.88, year(2017, 'shelter_food', (a) => a.sex === 'm') / y17, 2));
  const minors17 = year(2017, 'shelter_food', (a) => a.age_group === 'minor');
  checks.push(
    rel(
      'assisted-2017-unaccompanied',
      'Minors assisted 2017 who are unaccompanied (family_tracing ÷ minors)',
      0.42,
      year(2017, 'family_tracing') / minors17,
      0.1,
      pct,
    ),
  );
  for (const [y, t, published] of [
    [2015, 1721, true],
    [2016, 5000, true],
    [2017, 7000, true],
    [2018, 14977, true],
    [2019, 0, false],
  ] as const) {
    const v = year(y, 'voluntary_return');
    checks.push(
      published
        ? rel(`avr-${y}`, `Assisted voluntary returns ${y}`, t, v, 0.1)
        : { id: `avr-${y}`, label: `Assisted voluntary returns ${y} (chosen)`, target: '—', achieved: fmt(v), tolerance: '—', pass: true },
    );
  }
  return checks;
}

export function calibrationMarkdown(checks: readonly CalibrationCheck[]): string {
  const lines = ['| measure | published / target | generated | tolerance | ok |', '|---|---:|---:|---|:-:|'];
  for (const c of checks) lines.push(`| ${c.label} | ${c.target} | ${c.achieved} | ${c.tolerance} | ${c.pass ? '✓' : '✗'} |`);
  return lines.join('\n');
}
