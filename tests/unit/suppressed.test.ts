/** Display of protected counts (cell-key method): withheld, perturbed and partial counts, and exact ones. */
import { beforeAll, describe, expect, it } from 'vitest';
import { aggregateResponse, hotspotRegion } from '../../src/shared/api';
import { common as en } from '../../src/client/i18n/common.en';
import { common as fr } from '../../src/client/i18n/common.fr';
import { i18n, setLanguage, type Language } from '../../src/client/i18n/i18n';
import { smallRange } from '../../src/client/i18n/words';
import {
  approximate,
  countInfo,
  countProperties,
  countSpoken,
  countTitle,
  DEFAULT_K,
  DEFAULT_MAX_NOISE,
  describeCount,
  displayCount,
  flagsOf,
  isSuppressed,
  numericOrNull,
  parametersOf,
  protectionFootnote,
  regionCount,
  sumCounts,
  suppressedLabel,
  suppressedTitle,
  totalOf,
} from '../../src/client/lib/suppressed';

const disclosure = { method: 'cell-key', k: 10, maxNoise: 3, resolution: 'month' } as const;

// The French catalogue loads on demand (the first switch to French): load it, then come back to English.
beforeAll(async () => {
  await setLanguage('fr');
  await setLanguage('en');
});

/** The methodology note's paragraphs, as components/ProtectionNote.tsx fills them in. */
const method = (lng: Language, k: number, maxNoise: number): string =>
  (['p1', 'p2', 'p3', 'p4'] as const)
    .map((p) => i18n.t(`protection.method.${p}`, { lng, maxNoise, range: smallRange(k), threshold: k, zeroUpTo: k + maxNoise - 1, maxPerWithheldCell: k - 1 }))
    .join(' ');

/** A protected answer as outside roles get it. */
const answer = aggregateResponse.parse({
  groupBy: ['point'],
  rows: [
    { point: 'arlit-fmp', count: 12340, perturbed: true },
    { point: 'dirkou-fmp', count: null, suppressed: true },
    { point: 'seguedine-fmp', count: 0, perturbed: true },
    { point: 'madama-fmp', count: 480, perturbed: true, partial: true },
  ],
  total: 12820,
  totalPartial: true,
  from: '2019-01-01',
  to: '2019-12-31',
  dataVersion: 'test',
  disclosure,
});
const [published, withheld, zero, partial] = answer.rows as [
  (typeof answer.rows)[number],
  (typeof answer.rows)[number],
  (typeof answer.rows)[number],
  (typeof answer.rows)[number],
];

/** The same as programme staff get it: exact, no flags, no disclosure. */
const exact = aggregateResponse.parse({
  groupBy: ['point'],
  rows: [{ point: 'arlit-fmp', count: 12338 }],
  total: 12338,
  from: '2019-01-01',
  to: '2019-12-31',
  dataVersion: 'test',
});

const nbsp = (s: string) => s.replace(/\s/g, ' ');

describe('isSuppressed / numericOrNull / countInfo', () => {
  it('tells withheld rows and values from published ones', () => {
    expect(isSuppressed(withheld)).toBe(true);
    expect(isSuppressed(published)).toBe(false);
    expect(isSuppressed(zero)).toBe(false);
    expect(isSuppressed(null)).toBe(true);
    expect(isSuppressed(0)).toBe(false);
    expect(isSuppressed(undefined)).toBe(false);
    expect(isSuppressed({ count: 5, suppressed: true })).toBe(true);
    expect(isSuppressed({ count: null })).toBe(true);
  });

  it('gives charts a number or null (never 0 for a withheld cell)', () => {
    expect(answer.rows.map(numericOrNull)).toEqual([12340, null, 0, 480]);
    expect(numericOrNull(42)).toBe(42);
    expect(numericOrNull(null)).toBeNull();
    expect(numericOrNull(undefined)).toBeNull();
    expect(numericOrNull(Number.NaN)).toBeNull();
    expect(numericOrNull({ count: 30, suppressed: true })).toBeNull();
  });

  it('reads the row flags', () => {
    expect(countInfo(published)).toEqual({ value: 12340, withheld: false, missing: false, perturbed: true, partial: false });
    expect(countInfo(partial)).toEqual({ value: 480, withheld: false, missing: false, perturbed: true, partial: true });
    expect(countInfo(withheld)).toMatchObject({ value: null, withheld: true, perturbed: false });
    expect(countInfo(exact.rows[0])).toEqual({ value: 12338, withheld: false, missing: false, perturbed: false, partial: false });
    expect(countInfo(undefined)).toMatchObject({ missing: true });
  });
});

describe('displayCount', () => {
  it('formats exact counts for the locale, with no mark', () => {
    expect(displayCount(exact.rows[0], 'en')).toBe('12,338');
    expect(nbsp(displayCount(12340, 'fr'))).toBe('12 340');
    expect(displayCount(totalOf(exact), 'en')).toBe('12,338');
    expect(displayCount(undefined, 'en')).toBe('—');
  });

  it('marks perturbed counts "≈" and partial ones "†"', () => {
    expect(displayCount(published, 'en')).toBe('≈12,340');
    expect(displayCount(zero, 'en')).toBe('≈0');
    expect(displayCount(partial, 'en')).toBe('≈480†');
    expect(nbsp(displayCount(published, 'fr'))).toBe('≈12 340');
    expect(displayCount({ count: 55, partial: true }, 'en')).toBe('55†');
  });

  it('shows a withheld cell as "withheld" / "masqué", never a range, whatever count it carries', () => {
    expect(displayCount(withheld, 'en')).toBe('withheld');
    expect(displayCount(null, 'fr')).toBe('masqué');
    expect(displayCount(withheld)).toBe(suppressedLabel('en'));
    for (const count of [0, 1, 9, 10, 250]) {
      const text = displayCount({ count, suppressed: true }, 'en');
      expect(text).toBe('withheld');
      expect(text).not.toMatch(/\d|</);
    }
  });

  it('says what a screen reader should hear', () => {
    expect(countSpoken(published, 'en')).toBe('12,340 (perturbed to protect individuals)');
    expect(countSpoken(partial, 'en')).toBe('480 (perturbed to protect individuals; some cells withheld)');
    expect(nbsp(countSpoken(published, 'fr'))).toBe('12 340 (perturbé pour protéger les personnes)');
    expect(countSpoken(exact.rows[0], 'en')).toBe('12,338');
    expect(countSpoken(withheld, 'fr')).toBe('masqué');
  });

  it('pairs counts with a title saying why, claiming no range for withheld ones', () => {
    expect(suppressedTitle('en')).toBe('Withheld to protect individuals: not published');
    expect(suppressedTitle('fr-NE')).toBe('Masqué pour protéger les personnes : non publié');
    for (const lang of ['en', 'fr']) expect(suppressedTitle(lang)).not.toMatch(/\d|fewer|moins/i);
    expect(countTitle(published, 'en', answer.disclosure)).toBe('Perturbed to protect individuals: each published cell is within ±3 of the true count');
    expect(countTitle(published, 'en', { maxNoise: 5 })).toContain('±5');
    expect(countTitle(partial, 'en', answer.disclosure)).toContain('Some cells were withheld');
    expect(countTitle(exact.rows[0], 'en')).toBeUndefined();
    expect(describeCount(withheld, 'en', answer.disclosure)).toMatchObject({ text: 'withheld', title: suppressedTitle('en'), suppressed: true });
    expect(describeCount(exact.rows[0], 'en')).toMatchObject({ text: '12,338', title: undefined, suppressed: false, perturbed: false, partial: false });
  });
});

describe('answers and regions', () => {
  it('an answer total is perturbed under disclosure, partial with totalPartial, exact otherwise', () => {
    expect(totalOf(answer)).toEqual({ count: 12820, perturbed: true, partial: true });
    expect(totalOf(exact)).toEqual({ count: 12338, perturbed: false, partial: false });
    expect(totalOf({ ...answer, total: null, totalPartial: undefined })).toEqual({ count: null, suppressed: true, partial: false });
    expect(totalOf(undefined)).toBeUndefined();
    expect(displayCount(totalOf(answer))).toBe('≈12,820†');
  });

  it('a hotspots region count follows its …Suppressed / …Partial flags', () => {
    const r = hotspotRegion.parse({
      pcode: 'NE001',
      name: 'Agadez',
      monitored: true,
      flows: 12000,
      flowsPartial: true,
      previousFlows: null,
      previousFlowsSuppressed: true,
      change: null,
      assisted: 300,
      anomaly: { score: null, flag: false },
    });
    expect(displayCount(regionCount(r, 'flows', disclosure))).toBe('≈12,000†');
    expect(displayCount(regionCount(r, 'previousFlows', disclosure))).toBe('withheld');
    expect(displayCount(regionCount(r, 'assisted', disclosure))).toBe('≈300');
    expect(displayCount(regionCount(r, 'assisted', undefined))).toBe('300');
  });

  it('parameters come from the answer, with the server defaults otherwise', () => {
    expect(parametersOf(disclosure)).toEqual({ k: 10, maxNoise: 3 });
    expect(parametersOf({ k: 20, maxNoise: 5 })).toEqual({ k: 20, maxNoise: 5 });
    expect(parametersOf(undefined)).toEqual({ k: DEFAULT_K, maxNoise: DEFAULT_MAX_NOISE });
    expect(parametersOf({ k: 0, maxNoise: -1 })).toEqual({ k: DEFAULT_K, maxNoise: DEFAULT_MAX_NOISE });
  });

  it('the footnote says how counts are protected, with the answer’s parameters, in both languages', () => {
    expect(protectionFootnote('en', disclosure)).toBe(
      'Counts are perturbed by up to ±3 and counts of 1–9 are withheld to protect individuals; totals add up published cells.',
    );
    expect(protectionFootnote('en', { k: 20, maxNoise: 5 })).toContain('±5 and counts of 1–19');
    expect(protectionFootnote('fr', disclosure)).toBe(
      'Les effectifs sont perturbés de ±3 au plus et les effectifs de 1–9 sont masqués pour protéger les personnes ; les totaux additionnent les cellules publiées.',
    );
  });

  it('the methodology note has the same shape in both languages and uses the parameters', () => {
    expect(Object.keys(fr.protection).sort()).toEqual(Object.keys(en.protection).sort());
    const enText = method('en', 10, 3);
    const frText = method('fr', 10, 3);
    expect(enText).toMatch(/cell-key/);
    expect(enText).toContain('between −3 and +3');
    expect(enText).toContain('±n × 3');
    expect(enText).toMatch(/Programme staff.*exact counts/);
    expect(frText).toContain('entre −3 et +3');
    expect(frText).toMatch(/effectifs exacts/);
    expect(method('en', 20, 5)).toContain('1–19');
  });
});

describe('sums and derived numbers', () => {
  it('a client-side sum adds published cells, is partial when some are withheld, perturbed when a part is', () => {
    expect(sumCounts([published, zero])).toEqual({ count: 12340, perturbed: true, partial: false });
    expect(sumCounts([published, withheld])).toEqual({ count: 12340, perturbed: true, partial: true });
    expect(sumCounts([withheld, null])).toEqual({ count: null, suppressed: true, partial: true });
    expect(sumCounts([5, 7])).toEqual({ count: 12, perturbed: false, partial: false });
    expect(sumCounts([])).toEqual({ count: 0 });
  });

  it('flags of a table say whether a footnote needs the † and "withheld" lines', () => {
    expect(flagsOf(answer.rows)).toEqual({ perturbed: true, partial: true, withheld: true });
    expect(flagsOf(exact.rows)).toEqual({ perturbed: false, partial: false, withheld: false });
  });

  it('a number worked out from perturbed counts is marked approximate', () => {
    expect(approximate('45%', true)).toBe('≈45%');
    expect(approximate('45%', false)).toBe('45%');
    expect(approximate('—', true)).toBe('—');
  });

  it('exports carry the flags beside the number', () => {
    expect(countProperties('peopleObserved', published)).toEqual({ peopleObserved: 12340, suppressed: false, perturbed: true, partial: false });
    expect(countProperties('peopleObserved', withheld)).toEqual({ peopleObserved: null, suppressed: true, perturbed: false, partial: false });
    expect(countProperties('peopleAssisted', partial)).toEqual({ peopleAssisted: 480, suppressed: false, perturbed: true, partial: true });
    expect(countProperties('peopleAssisted', exact.rows[0])).toEqual({ peopleAssisted: 12338, suppressed: false, perturbed: false, partial: false });
  });
});
