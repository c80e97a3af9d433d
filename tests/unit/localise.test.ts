import { afterEach, describe, expect, it } from 'vitest';
import { countryName, countryNames, datasetNotice, eventLabel } from '../../src/client/i18n/dataset-text';
import { setLanguage } from '../../src/client/i18n/i18n';

afterEach(() => setLanguage('en'));

describe('dataset text in the interface language', () => {
  const meta = {
    notice: 'Synthetic data. Not IOM data.',
    noticeFr: 'Données synthétiques.',
    nationalities: [
      { id: 'NGA', name: 'Nigeria', nameFr: 'Nigéria', capital: 'Abuja', lon: 7.5, lat: 9.1 },
      { id: 'XXX', name: 'Nowhere', capital: 'X', lon: 0, lat: 0 },
    ],
  };

  it.each([
    ['en', 'Nigeria', 'Synthetic data. Not IOM data.', 'Law adopted'],
    ['fr', 'Nigéria', 'Données synthétiques.', 'Loi adoptée'],
  ])('in %s', (lang, country, notice, label) => {
    expect(countryName(meta.nationalities[0]!, lang)).toBe(country);
    expect(datasetNotice(meta, lang)).toBe(notice);
    expect(eventLabel({ label: 'Law adopted', labelFr: 'Loi adoptée' }, lang)).toBe(label);
  });

  it('falls back to English where no French is given, and follows the current language by default', async () => {
    expect(countryName(meta.nationalities[1]!, 'fr')).toBe('Nowhere');
    expect(eventLabel({ label: 'Only English' }, 'fr')).toBe('Only English');
    expect(datasetNotice({ notice: 'N' }, 'fr')).toBe('N');
    await setLanguage('fr');
    expect(countryNames(meta).get('NGA')).toBe('Nigéria');
    await setLanguage('en');
    expect(countryNames(meta).get('NGA')).toBe('Nigeria');
  });
});
