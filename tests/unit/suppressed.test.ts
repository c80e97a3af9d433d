/** Display of counts withheld by disclosure control: text, tooltip, and values charts can skip. */
import { describe, expect, it } from 'vitest';
import { aggregateResponse } from '../../src/shared/api';
import {
  DEFAULT_K,
  describeCount,
  displayCount,
  isSuppressed,
  numericOrNull,
  suppressedLabel,
  suppressedTitle,
  thresholdLabel,
} from '../../src/client/lib/suppressed';

const answer = aggregateResponse.parse({
  groupBy: ['region'],
  rows: [
    { region: 'NE001', count: 12340 },
    { region: 'NE002', count: null, suppressed: true },
    { region: 'NE003', count: 0 },
    { region: 'NE004', count: null, suppressed: true },
  ],
  total: 12500,
  from: '2019-01-01',
  to: '2019-12-31',
  dataVersion: 'test',
  disclosure: { k: 20, rounding: 10 },
});
const [published, withheld, zero] = answer.rows as [(typeof answer.rows)[number], (typeof answer.rows)[number], (typeof answer.rows)[number]];

describe('isSuppressed / numericOrNull', () => {
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
    expect(answer.rows.map(numericOrNull)).toEqual([12340, null, 0, null]);
    expect(numericOrNull(42)).toBe(42);
    expect(numericOrNull(null)).toBeNull();
    expect(numericOrNull(undefined)).toBeNull();
    expect(numericOrNull(Number.NaN)).toBeNull();
    expect(numericOrNull({ count: 30, suppressed: true })).toBeNull();
    // Charts can drop them: the sum of what is shown never pretends to include withheld cells.
    const shown = answer.rows.map(numericOrNull).filter((n): n is number => n !== null);
    expect(shown).toEqual([12340, 0]);
  });
});

describe('displayCount', () => {
  it('formats published counts for the locale', () => {
    expect(displayCount(published, 'en')).toBe('12,340');
    expect(displayCount(12340, 'fr').replace(/\s/g, ' ')).toBe('12 340');
    expect(displayCount(zero, 'en')).toBe('0');
    expect(displayCount(undefined, 'en')).toBe('—');
  });

  it('shows a withheld cell as "withheld" (it may be a secondary suppression of k or more, so not "<k")', () => {
    expect(displayCount(withheld, 'en', { disclosure: answer.disclosure })).toBe('withheld');
    expect(displayCount(null, 'fr')).toBe('masqué');
    expect(displayCount(withheld)).toBe(suppressedLabel('en'));
  });

  it('shows "<k" for a value withheld only for being small (a total), with k from the answer', () => {
    expect(displayCount(null, 'en', { primary: true })).toBe('<10');
    expect(displayCount(null, 'en', { primary: true, disclosure: answer.disclosure })).toBe('<20');
    expect(displayCount(null, 'fr', { primary: true, k: 5 })).toBe('<5');
    expect(displayCount(answer.total, 'en', { primary: true })).toBe('12,500');
    expect(thresholdLabel()).toBe('<10');
    expect(thresholdLabel(0)).toBe(`<${DEFAULT_K}`); // nonsense k falls back to the default
  });

  it('pairs withheld values with an explanatory title in both languages', () => {
    expect(suppressedTitle('en')).toBe(
      'Withheld to protect small numbers (fewer than 10, or withheld so that a small number cannot be worked out)',
    );
    expect(suppressedTitle('en', 20)).toContain('fewer than 20');
    expect(suppressedTitle('fr-NE')).toMatch(/^Masqué pour protéger les petits effectifs \(moins de 10/);
    expect(describeCount(withheld, 'en', { disclosure: answer.disclosure })).toEqual({
      text: 'withheld',
      title: suppressedTitle('en', 20),
      suppressed: true,
    });
    expect(describeCount(published, 'en')).toEqual({ text: '12,340', title: undefined, suppressed: false });
  });

  it('never shows a number for a withheld cell, whatever count it carries', () => {
    for (const count of [0, 1, 9, 10, 250]) {
      expect(displayCount({ count, suppressed: true }, 'en')).toBe('withheld');
    }
  });
});
