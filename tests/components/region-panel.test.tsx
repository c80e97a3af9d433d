/** The hotspots region panel: the plain-language reason, the verdict and score, the chart's two windows, the points. */
import { act, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { UseQueryResult } from '@tanstack/react-query';
import { http, HttpResponse } from 'msw';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { hotspotsResponse, type HotspotsResponse } from '../../src/shared/api';
import { RegionPanel } from '../../src/client/features/hotspots/RegionPanel';
import { HotspotsOverview } from '../../src/client/features/hotspots/HotspotsOverview';
import { setLanguage } from '../../src/client/i18n/i18n';
import { useFilters, useSelection } from '../../src/client/state/filters';
import { renderWithClient } from './render';
import { server } from './setup';

const months = ['2019-06-01', '2019-07-01', '2019-08-01', '2019-09-01', '2019-10-01', '2019-11-01'];
const tahoua = {
  pcode: 'NE005',
  name: 'Tahoua',
  monitored: true,
  flows: 2_300,
  previousFlows: 1_000,
  change: 1.3,
  assisted: 0,
  anomaly: { score: 8.1, flag: true },
  detail: {
    unit: 'month',
    series: [
      ...months.map((start, i) => ({ start, window: 'baseline', count: [900, 1_000, 1_100, 1_000, 950, 1_050][i] })),
      { start: '2019-12-01', window: 'recent', count: 2_300 },
    ],
    recentLevel: 2_300,
    baselineMedian: 1_000,
    ratio: 2.3,
    points: [
      { id: 'tahoua-fmp', name: 'Tahoua', active: true, count: 1_500 },
      { id: 'konni-fmp', name: 'Birni-N’Konni', active: true, count: null, suppressed: true },
      { id: 'old-fmp', name: 'Old point', active: false, count: null },
    ],
  },
};
const zinder = {
  ...tahoua,
  pcode: 'NE007',
  name: 'Zinder',
  change: 1.8,
  anomaly: { score: 1.2, flag: false },
  detail: { ...tahoua.detail, ratio: 1.2, recentLevel: 1_200, points: [] },
};
const answer: HotspotsResponse = hotspotsResponse.parse({
  from: '2019-12-01',
  to: '2019-12-31',
  previousFrom: '2019-11-01',
  previousTo: '2019-11-30',
  dataVersion: 't',
  method: 'Robust z-score',
  regions: [tahoua, zinder],
  windows: { unit: 'month', recentFrom: '2019-12-01', recentTo: '2019-12-31', baselineFrom: '2019-06-01', baselineTo: '2019-11-30' },
  disclosure: { method: 'cell-key', k: 10, maxNoise: 3, resolution: 'month' },
});
const query = (data: HotspotsResponse) =>
  ({ data, dataUpdatedAt: 1, isError: false, isPending: false, error: null, refetch: () => undefined }) as unknown as UseQueryResult<HotspotsResponse>;

beforeEach(() => {
  server.use(
    http.get('*/api/v1/regions', () =>
      HttpResponse.json({
        type: 'FeatureCollection',
        features: [
          {
            type: 'Feature',
            properties: { pcode: 'NE005', iso3166_2: 'NE-5', name: 'Tahoua' },
            geometry: {
              type: 'Polygon',
              coordinates: [
                [
                  [3, 14],
                  [6, 14],
                  [6, 18],
                  [3, 14],
                ],
              ],
            },
          },
        ],
      }),
    ),
  );
});
afterEach(() => setLanguage('en'));

describe('RegionPanel', () => {
  it('says why the region is flagged, in words, with the score, the change and its comparison', async () => {
    useSelection.getState().select({ type: 'region', id: 'NE005' });
    renderWithClient(<RegionPanel query={query(answer)} />);
    expect(screen.getByTestId('panel-title')).toHaveTextContent('Tahoua');
    expect(screen.getByTestId('panel-title')).toHaveFocus();
    expect(screen.getByTestId('region-reason')).toHaveTextContent('Dec 2019: ≈2,300 people, ≈2.3× the median month of the 6 months before (≈1,000 a month).');
    expect(screen.getByTestId('region-verdict')).toHaveTextContent('Flagged as an unusual rise: robust z-score +8.1, beyond ±3.5.');
    expect(screen.getByTestId('region-score')).toHaveTextContent('+8.1 (flag beyond ±3.5)');
    expect(screen.getByTestId('region-change')).toHaveTextContent('≈+130% against Nov 1, 2019 – Nov 30, 2019');
  });

  it('draws the baseline and the recent window apart, with the median and the recent level', () => {
    useSelection.getState().select({ type: 'region', id: 'NE005' });
    renderWithClient(<RegionPanel query={query(answer)} />);
    const bars = screen.getAllByTestId('region-bar');
    expect(bars.map((b) => b.getAttribute('data-window'))).toEqual([...Array(6).fill('baseline'), 'recent']);
    // the recent bar is 2.3 times as tall as a median baseline month
    const h = (i: number) => Number(bars[i]!.getAttribute('height'));
    expect(h(6) / h(1)).toBeCloseTo(2.3, 1);
    expect(bars[0]!.getAttribute('fill')).not.toBe(bars[6]!.getAttribute('fill'));
    expect(screen.getByTestId('region-median')).toHaveTextContent('median ≈1,000');
    expect(screen.getByTestId('region-level')).toHaveTextContent('level ≈2,300');
    expect(within(screen.getByTestId('region-series-table')).getAllByRole('row')).toHaveLength(8);
  });

  it('lists the contributing points with protected counts, withheld and inactive said in words', () => {
    useSelection.getState().select({ type: 'region', id: 'NE005' });
    renderWithClient(<RegionPanel query={query(answer)} />);
    const rows = screen.getAllByTestId('region-point').map((r) => r.textContent);
    expect(rows).toEqual(['Tahoua≈1,500', 'Birni-N’Konniwithheld', 'Old pointnot active']);
  });

  it('explains an unflagged region with a big change: within the threshold', () => {
    useSelection.getState().select({ type: 'region', id: 'NE007' });
    renderWithClient(<RegionPanel query={query(answer)} />);
    expect(screen.getByRole('heading', { name: 'Why no flag?' })).toBeInTheDocument();
    expect(screen.getByTestId('region-verdict')).toHaveTextContent('Not flagged: robust z-score +1.2 is within ±3.5.');
    expect(screen.getByTestId('region-change')).toHaveTextContent('≈+180%');
  });

  it('closes with its button and with Escape', async () => {
    useSelection.getState().select({ type: 'region', id: 'NE005' });
    renderWithClient(<RegionPanel query={query(answer)} />);
    await userEvent.keyboard('{Escape}');
    expect(useSelection.getState().selected).toBeNull();
    expect(screen.queryByTestId('region-panel')).toBeNull();
    act(() => useSelection.getState().select({ type: 'region', id: 'NE005' }));
    await userEvent.click(screen.getByTestId('panel-close'));
    expect(useSelection.getState().selected).toBeNull();
  });

  it('speaks French', async () => {
    await act(() => setLanguage('fr'));
    useSelection.getState().select({ type: 'region', id: 'NE005' });
    renderWithClient(<RegionPanel query={query(answer)} />);
    expect(screen.getByTestId('region-reason')).toHaveTextContent(
      /^Déc\. 2019 : ≈2 300 personnes, ≈2,3 × le mois médian des 6 mois précédents \(≈1 000 par mois\)\.$/,
    );
    expect(screen.getByTestId('region-verdict')).toHaveTextContent('Signalée comme hausse inhabituelle');
  });
});

describe('HotspotsOverview: two comparisons and the latest period', () => {
  it('states both baselines with their dates above the table', () => {
    renderWithClient(<HotspotsOverview query={query(answer)} />);
    const note = screen.getByTestId('hotspots-baselines');
    expect(note).toHaveTextContent('Change and map colour: the period against the previous period (Nov 1, 2019 – Nov 30, 2019).');
    expect(note).toHaveTextContent(
      'Anomaly flag (dashed outline): the last month (Dec 1, 2019 – Dec 31, 2019) against the median month of the 6 months before (Jun 1, 2019 – Nov 30, 2019).',
    );
    expect(screen.getByRole('columnheader', { name: 'Flag: last month vs 6 before' })).toBeInTheDocument();
  });

  it('"latest month" sets the data’s last month for months-only audiences; "latest 4 weeks" the score’s recent weeks otherwise', async () => {
    const { unmount } = renderWithClient(<HotspotsOverview query={query(answer)} />);
    await userEvent.click(await screen.findByRole('button', { name: 'Show the latest month' }));
    expect([useFilters.getState().from, useFilters.getState().to]).toEqual(['2019-12-01', '2019-12-31']);
    expect(screen.getByTestId('hotspots-latest')).toHaveAttribute('aria-pressed', 'true');
    unmount();
    renderWithClient(<HotspotsOverview query={query(hotspotsResponse.parse({ ...answer, disclosure: undefined }))} />);
    await userEvent.click(await screen.findByRole('button', { name: 'Show the latest 4 weeks' }));
    // the data ends on Tuesday 2019-12-31: its week starts on Monday 30 December, three weeks before is 9 December
    expect([useFilters.getState().from, useFilters.getState().to]).toEqual(['2019-12-09', '2019-12-31']);
  });
});
