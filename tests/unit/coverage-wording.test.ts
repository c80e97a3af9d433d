/** The one coverage rule the views share (src/client/lib/coverage.ts) and its words in English and French. */
import { afterEach, describe, expect, it } from 'vitest';
import type { CoverageResponse } from '../../src/shared/api-coverage';
import { monitoringIn, monitoringOf, monitoringText, pointsInRegion, pointsOnRoute } from '../../src/client/lib/coverage';
import { i18n, setLanguage } from '../../src/client/i18n/i18n';
import { formatPercent } from '../../src/client/i18n/format';
import '../../src/client/components/coverage-i18n';

const share = { share: null, active: 0, reported: 0 };
const cov: Pick<CoverageResponse, 'unit' | 'steps' | 'points' | 'routes'> = {
  unit: 'month',
  steps: ['2019-01-01', '2019-02-01', '2019-03-01'],
  points: [
    { id: 'a', name: 'A', region: 'NE001', routes: ['R1'], activeFrom: null, activeTo: null, series: [1, 0.5, 0], period: share },
    { id: 'b', name: 'B', region: 'NE002', routes: ['R2'], activeFrom: '2019-02-10', activeTo: null, series: [null, 1, 1], period: share },
  ],
  routes: [
    { id: 'R1', points: ['a'], ...share },
    { id: 'R9', points: [], ...share },
  ],
};

afterEach(async () => {
  await setLanguage('en');
});

describe('monitoringOf / monitoringIn', () => {
  it('null is not monitored, below 1 partly, 1 counting', () => {
    expect(monitoringOf(null)).toEqual({ kind: 'none' });
    expect(monitoringOf(undefined)).toEqual({ kind: 'none' });
    expect(monitoringOf(0)).toEqual({ kind: 'partly', share: 0 });
    expect(monitoringOf(0.6)).toEqual({ kind: 'partly', share: 0.6 });
    expect(monitoringOf(1)).toEqual({ kind: 'full' });
  });

  it('folds the points of a region or route over the period; no point or no active step is not monitored', () => {
    expect(monitoringIn(cov, pointsInRegion(cov, 'NE001'), '2019-01-01', '2019-01-31')).toEqual({ kind: 'full' });
    expect(monitoringIn(cov, pointsInRegion(cov, 'NE001'), '2019-01-01', '2019-03-31')).toEqual({ kind: 'partly', share: 0.5 });
    // b was not active in January: not monitored, not 0 %.
    expect(monitoringIn(cov, pointsInRegion(cov, 'NE002'), '2019-01-01', '2019-01-31')).toEqual({ kind: 'none' });
    // A region without any point, a route without any point.
    expect(pointsInRegion(cov, 'NE008')).toEqual([]);
    expect(monitoringIn(cov, pointsInRegion(cov, 'NE008'), '2019-01-01', '2019-03-31')).toEqual({ kind: 'none' });
    expect(monitoringIn(cov, pointsOnRoute(cov, 'R9'), '2019-01-01', '2019-03-31')).toEqual({ kind: 'none' });
    expect(monitoringIn(cov, pointsOnRoute(cov, 'R1'), '2019-03-01', '2019-03-31')).toEqual({ kind: 'partly', share: 0 });
  });
});

describe('monitoringText', () => {
  const words = (m: Parameters<typeof monitoringText>[0], reporting: CoverageResponse['reporting']) => {
    const { key, share } = monitoringText(m, reporting);
    return i18n.t(`coverage:${key}`, { share: share === null ? '' : formatPercent(share) });
  };

  it('says the share and the unit, and "not monitored" instead of 0', async () => {
    expect(words({ kind: 'full' }, 'weeks')).toMatch(/^counting 100\s?% of weeks$/);
    expect(words({ kind: 'partly', share: 0.6 }, 'months')).toMatch(/^partly monitored: counting 60\s?% of months$/);
    expect(words({ kind: 'none' }, 'weeks')).toBe('not monitored in this period');
    expect(words({ kind: 'none' }, 'weeks')).not.toMatch(/0/);
    expect(words({ kind: 'full' }, 'span')).toContain('gaps not published');
    await setLanguage('fr');
    expect(words({ kind: 'partly', share: 0.6 }, 'weeks')).toMatch(/^suivi partiel : comptage 60\s?% des semaines$/);
    expect(words({ kind: 'none' }, 'months')).toBe('non suivi sur cette période');
  });
});
