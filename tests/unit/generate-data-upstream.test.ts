/**
 * The generator's relation between upstream incoming flows and people assisted at transit centres (data/README.md
 * "Assistance follows the flows upstream"): it is in the data, it is lagged (not simultaneous), flows do not depend on
 * it, and the calibrated totals are unchanged (those are asserted by generate-data.test.ts).
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_DATA_DIR, datasetFiles, generateDataset, loadReference, type Dataset } from '../../scripts/generate-data';
import { dateOfDayNumber, dayNumber } from '../../src/shared/calendar';

let ds: Dataset;
const ref = loadReference();

beforeAll(() => {
  ds = generateDataset();
}, 60_000);

function pearson(x: readonly number[], y: readonly number[]): number {
  const n = x.length;
  const mx = x.reduce((a, b) => a + b, 0) / n;
  const my = y.reduce((a, b) => a + b, 0) / n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    sxy += (x[i]! - mx) * (y[i]! - my);
    sxx += (x[i]! - mx) ** 2;
    syy += (y[i]! - my) ** 2;
  }
  return sxy / Math.sqrt(sxx * syy);
}

/** A fixed permutation (no Math.random: the test is deterministic). */
function shuffled<T>(xs: readonly T[]): T[] {
  const out = [...xs];
  let s = 12345;
  for (let i = out.length - 1; i > 0; i--) {
    s = (s * 1103515245 + 12345) % 2147483648;
    const j = s % (i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/**
 * Each week's assisted and upstream incoming (summed over `lags` weeks before), both divided by their mean over the
 * same year (year totals are calibrated separately, so the relation is within the year), from March 2016 (upstream
 * points count from February 2016).
 */
function pairs(centre: string, lags: readonly number[]): { x: number[]; y: number[] } {
  const points = ref.centreUpstream![centre]!;
  const incoming = new Map<string, number>();
  for (const f of ds.flows) if (f.direction === 'incoming' && points.includes(f.point)) incoming.set(f.date, (incoming.get(f.date) ?? 0) + f.count);
  const assisted = new Map<string, number>();
  for (const a of ds.assistance) if (a.centre === centre && a.service === 'shelter_food') assisted.set(a.date, (assisted.get(a.date) ?? 0) + a.count);
  const x: number[] = [];
  const y: number[] = [];
  for (let year = 2016; year <= 2019; year++) {
    const weeks = [...assisted.keys()].filter((w) => w.startsWith(`${year}`) && w >= '2016-03-01').sort();
    const up = weeks.map((w) => lags.reduce((s, lag) => s + (incoming.get(dateOfDayNumber(dayNumber(w) - 7 * lag)) ?? 0), 0));
    const as = weeks.map((w) => assisted.get(w)!);
    const mu = up.reduce((a, b) => a + b, 0) / up.length;
    const ma = as.reduce((a, b) => a + b, 0) / as.length;
    x.push(...up.map((v) => v / mu));
    y.push(...as.map((v) => v / ma));
  }
  return { x, y };
}

describe('assistance follows the incoming flows upstream', () => {
  it('the reference links Dirkou to Séguédine (R5) and Arlit to Arlit FMP (R4); Niamey has no monitored upstream', () => {
    expect(ref.centreUpstream!['dirkou-tc']).toContain('seguedine-fmp');
    expect(ref.centreUpstream!['arlit-tc']).toEqual(['arlit-fmp']);
    expect(ref.centreUpstream!['niamey-tc']).toEqual([]);
  });

  for (const centre of ['dirkou-tc', 'arlit-tc']) {
    it(`${centre}: weekly assisted correlates clearly with upstream incoming 1–2 weeks earlier, more than at lag 0 or shuffled`, () => {
      const lagged = pairs(centre, [1, 2]);
      const r = pearson(lagged.x, lagged.y);
      const r0 = pearson(pairs(centre, [0]).x, pairs(centre, [0]).y);
      const rShuffled = pearson(lagged.x, shuffled(lagged.y));
      expect(r).toBeGreaterThan(0.6);
      expect(r).toBeGreaterThan(r0);
      expect(Math.abs(rShuffled)).toBeLessThan(0.2);
    });
  }

  it('without the relation (no upstream in the reference) flows are byte-identical and assistance differs; totals per centre-year are as calibrated', () => {
    const without = generateDataset({ reference: { ...ref, centreUpstream: {} } });
    const a = datasetFiles(ds);
    const b = datasetFiles(without);
    expect(a['flows.csv'] === b['flows.csv']).toBe(true);
    expect(a['assistance.csv'] === b['assistance.csv']).toBe(false);
    // The committed flows are this generation's (the relation only changed assistance and returns).
    expect(readFileSync(resolve(DEFAULT_DATA_DIR, 'flows.csv'), 'utf8') === a['flows.csv']).toBe(true);
    // The yearly totals of people assisted and of voluntary returns are apportioned exactly either way.
    const yearTotals = (d: Dataset, service: string) => {
      const m = new Map<string, number>();
      for (const r of d.assistance) if (r.service === service) m.set(r.date.slice(0, 4), (m.get(r.date.slice(0, 4)) ?? 0) + r.count);
      return m;
    };
    for (const service of ['shelter_food', 'voluntary_return']) expect(yearTotals(ds, service)).toEqual(yearTotals(without, service));
  }, 60_000);
});
