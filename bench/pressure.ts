/**
 * The pressure forecast's rolling-origin backtest over the committed dataset (data/): per transit centre and
 * horizon, MASE of the model and of the seasonal-naive baseline, and the 80 % intervals' coverage, with the method
 * served. Writes the table between the `pressure-backtest` markers of BENCHMARKS.md and docs/pressure.md.
 *
 *   npm run bench:pressure            # print and write
 *   tsx bench/pressure.ts --print     # print only
 *
 * Reads the CSVs directly (the same weekly sums the store's aggregate queries give: shelter_food per centre and
 * week, incoming per point and week) and runs the same pure functions as GET /api/v1/pressure.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { backtest, type Backtest } from '../src/server/analytics/pressure';
import { parseCentreRoutes } from '../src/shared/centre-routes';
import { weekStarts } from '../src/shared/calendar';

const ROOT = resolve(import.meta.dirname, '..');
const DATA = resolve(ROOT, 'data');
const HORIZON = 8;

function csv(name: string): Record<string, string>[] {
  const [head, ...lines] = readFileSync(resolve(DATA, name), 'utf8').trim().split('\n');
  const cols = head!.split(',');
  return lines.map((l) => Object.fromEntries(l.split(',').map((v, i) => [cols[i]!, v])));
}

export function runBacktests(): { centre: string; upstream: string[]; bt: Backtest; weeks: number }[] {
  const meta = JSON.parse(readFileSync(resolve(DATA, 'dataset.json'), 'utf8')) as { dateRange: { min: string; max: string } };
  const places = JSON.parse(readFileSync(resolve(DATA, 'places.geojson'), 'utf8')) as { features: { properties: { id: string; kind: string } }[] };
  const routes = JSON.parse(readFileSync(resolve(DATA, 'routes.geojson'), 'utf8')) as { features: { properties: { id: string; monitoredBy: string[] } }[] };
  const centres = places.features.filter((f) => f.properties.kind === 'transit_centre').map((f) => f.properties.id);
  const links = parseCentreRoutes(readFileSync(resolve(DATA, 'centre-routes.json'), 'utf8'), { centres, routes: routes.features.map((f) => f.properties.id) });
  const weeks = weekStarts({ from: meta.dateRange.min, to: meta.dateRange.max });
  const index = new Map(weeks.map((w, i) => [w, i]));
  const assisted = new Map<string, number[]>();
  for (const r of csv('assistance.csv')) {
    if (r['service'] !== 'shelter_food') continue;
    const list = assisted.get(r['centre']!) ?? new Array<number>(weeks.length).fill(0);
    list[index.get(r['date']!)!]! += Number(r['count']);
    assisted.set(r['centre']!, list);
  }
  const incoming = new Map<string, (number | null)[]>();
  for (const r of csv('flows.csv')) {
    if (r['direction'] !== 'incoming') continue;
    const list = incoming.get(r['point']!) ?? new Array<number | null>(weeks.length).fill(null);
    const i = index.get(r['date']!)!;
    list[i] = (list[i] ?? 0) + Number(r['count']);
    incoming.set(r['point']!, list);
  }
  return centres.sort().map((centre) => {
    const upstream = [
      ...new Set(
        links.links
          .filter((l) => l.centre === centre && l.step === 1)
          .flatMap((l) => routes.features.find((f) => f.properties.id === l.route)!.properties.monitoredBy),
      ),
    ].sort();
    const u = weeks.map((_, i) => {
      const vs = upstream.map((p) => incoming.get(p)?.[i]).filter((v): v is number => v !== null && v !== undefined);
      return vs.length === 0 ? null : vs.reduce((a, b) => a + b, 0);
    });
    const y = assisted.get(centre) ?? new Array<number>(weeks.length).fill(0);
    return { centre, upstream, bt: backtest(y, u, HORIZON), weeks: weeks.length };
  });
}

const f2 = (x: number | null) => (x === null ? '—' : x.toFixed(2));
const pct = (x: number | null) => (x === null ? '—' : `${Math.round(x * 100)} %`);

export function backtestMarkdown(results: ReturnType<typeof runBacktests>): string {
  const lines = [
    `Rolling-origin backtest over data/ (${results[0]?.weeks ?? 0} weeks, origins from week 52, horizons 1–${HORIZON}; MASE = mean absolute error ÷ mean absolute one-week change; coverage = share of actuals inside the 80 % interval built from earlier errors only). Produced by \`npm run bench:pressure\`.`,
    '',
    '| centre | upstream points | served | mean MASE model | mean MASE baseline | h=1 model / baseline | h=4 model / baseline | h=8 model / baseline | 80 % interval coverage (served, mean) |',
    '|---|---|---|---:|---:|---:|---:|---:|---:|',
  ];
  for (const { centre, upstream, bt } of results) {
    const at = (h: number) => bt.horizons[h - 1]!;
    const cov = bt.horizons.map((h) => (bt.chosen === 'model' ? h.coverageModel : h.coverageBaseline)).filter((x): x is number => x !== null);
    lines.push(
      `| ${centre} | ${upstream.join(', ') || '— (seasonal only)'} | ${bt.chosen} | ${f2(bt.maseModel)} | ${f2(bt.maseBaseline)} | ${f2(at(1).maseModel)} / ${f2(at(1).maseBaseline)} | ${f2(at(4).maseModel)} / ${f2(at(4).maseBaseline)} | ${f2(at(8).maseModel)} / ${f2(at(8).maseBaseline)} | ${pct(cov.length ? cov.reduce((a, b) => a + b, 0) / cov.length : null)} |`,
    );
  }
  return lines.join('\n');
}

function replaceBetween(file: string, start: string, end: string, body: string): void {
  const text = readFileSync(file, 'utf8');
  const i = text.indexOf(start);
  const j = text.indexOf(end);
  if (i < 0 || j < i) throw new Error(`${file} has no ${start} … ${end} section`);
  writeFileSync(file, `${text.slice(0, i + start.length)}\n${body}\n${text.slice(j)}`);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const md = backtestMarkdown(runBacktests());
  console.log(md);
  if (!process.argv.includes('--print')) {
    for (const f of ['BENCHMARKS.md', 'docs/pressure.md'])
      replaceBetween(resolve(ROOT, f), '<!-- pressure-backtest:start -->', '<!-- pressure-backtest:end -->', md);
  }
}
