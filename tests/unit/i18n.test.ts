/** One language state: i18next's. setLanguage switches the words, the Intl formats and the lazily loaded French words. */
import { afterEach, describe, expect, it } from 'vitest';
import { currentLanguage, i18n, setLanguage } from '../../src/client/i18n/i18n';
import { formatChange, formatCount, formatDate, formatTick } from '../../src/client/i18n/format';
import { joinList } from '../../src/client/i18n/words';

afterEach(async () => {
  await setLanguage('en');
});

describe('the interface language', () => {
  it('setLanguage switches the words and the number and date formats together', async () => {
    expect(i18n.t('views.donor')).toBe('Donor impact');
    await setLanguage('fr');
    expect(currentLanguage()).toBe('fr');
    expect(i18n.t('views.donor')).not.toBe('Donor impact');
    expect(formatCount(12345).replace(/\s/g, ' ')).toBe('12 345');
    expect(formatCount(null)).toBe('masqué');
    expect(formatDate('2016-02-01')).toMatch(/1 févr\.? 2016/);
    expect(formatChange(0.25).replace(/\s/g, ' ')).toBe('+25 %');
    expect(formatTick(new Date('2017-04-01T00:00:00Z'))).toMatch(/^avr/);
    await setLanguage('en');
    expect(formatCount(12345)).toBe('12,345');
    expect(formatChange(-0.3)).toBe('-30%');
    expect(formatCount(null)).toBe('withheld');
    expect(formatTick(new Date('2017-04-01T00:00:00Z'))).toBe('Apr');
    expect(formatTick(new Date('2017-01-01T00:00:00Z'))).toBe('2017');
  });

  it('access sentences are catalogue strings filled by the caller, lists joined per language', async () => {
    expect(i18n.t('access.viewNotice', { context: 'signedOut', view: 'Hotspots', forWhom: i18n.t('access.viewFor.hotspots') })).toBe(
      'Hotspots is for government liaisons and programme staff — sign in to see it.',
    );
    expect(i18n.t('access.oneAtATime', { audience: 'signed-out visitors', filters: joinList(['Nationality'], 'and') })).toBe(
      'One breakdown at a time for signed-out visitors; clear Nationality first.',
    );
    await setLanguage('fr');
    expect(i18n.t('access.oneAtATime', { audience: 'les bailleurs', filters: joinList(['Sexe', 'Nationalité'], 'and') })).toBe(
      'Une ventilation à la fois pour les bailleurs ; effacez d’abord Sexe et Nationalité.',
    );
  });

  it('plurals are real plurals in both languages', async () => {
    expect(i18n.t('chart.withheldNote', { count: 1 })).toMatch(/1 point withheld/);
    expect(i18n.t('chart.withheldNote', { count: 3 })).toMatch(/3 points withheld/);
    await setLanguage('fr');
    expect(i18n.t('chart.withheldNote', { count: 1 })).toMatch(/1 point masqué/);
    expect(i18n.t('chart.withheldNote', { count: 3 })).toMatch(/3 points masqués/);
  });
});
