/** English and French: same keys, French actually translated, Intl formats follow the language, <html lang> is set by the app. */
import { afterEach, describe, expect, it } from 'vitest';
import { DICTIONARIES, en, fr, setLanguage, t } from '../../src/client/lib/strings';
import * as strings from '../../src/client/lib/strings';
import { formatChange, formatCount, formatDate } from '../../src/client/lib/format';

function keys(o: unknown, prefix = ''): string[] {
  if (typeof o !== 'object' || o === null) return [prefix];
  return Object.entries(o).flatMap(([k, v]) => (typeof v === 'object' && v !== null ? keys(v, `${prefix}${k}.`) : [`${prefix}${k}`]));
}

afterEach(() => setLanguage('en'));

describe('dictionaries', () => {
  it('French has exactly the English keys', () => {
    expect(keys(fr).sort()).toEqual(keys(en).sort());
  });

  it('French is translated (apart from names and units that are the same in both)', () => {
    const same = keys(en).filter((k) => {
      const get = (o: unknown) => k.split('.').reduce<unknown>((x, p) => (x as Record<string, unknown>)[p], o);
      const a = get(en);
      const b = get(fr);
      return typeof a === 'string' && a === b;
    });
    expect(same.sort()).toEqual(['appTitle', 'exports.csv', 'exports.geojson', 'language.en', 'language.fr', 'overview.routes', 'panel.corridor', 'panel.source', 'time.pause', 'transport.bus'].sort());
  });

  it('setLanguage switches the live dictionary and the number/date formats', () => {
    expect(t.views.donor).toBe('Donor impact');
    setLanguage('fr');
    expect(strings.t.views.donor).toBe(DICTIONARIES.fr.views.donor);
    expect(strings.language).toBe('fr');
    expect(formatCount(12345).replace(/\s/g, ' ')).toBe('12 345');
    expect(formatCount(null)).toBe('masqué');
    expect(formatDate('2016-02-01')).toMatch(/1 févr\.? 2016/);
    expect(formatChange(0.25).replace(/\s/g, ' ')).toBe('+25 %');
    setLanguage('en');
    expect(formatCount(12345)).toBe('12,345');
    expect(formatChange(-0.3)).toBe('-30%');
    expect(formatCount(null)).toBe('withheld');
  });
});
