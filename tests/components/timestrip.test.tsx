/** The time strip: series over the whole range, event annotations, play steps the period week by week with fixed scales. */
import { act, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { TimeStrip, PLAY_INTERVAL_MS } from '../../src/client/features/time/TimeStrip';
import { setLanguage } from '../../src/client/i18n/i18n';
import { ScaleModeSwitch } from '../../src/client/map/Legend';
import { useFilters } from '../../src/client/state/filters';
import { useView } from '../../src/client/state/view';
import { meta, requests } from './handlers';
import { renderWithClient } from './render';

afterEach(() => setLanguage('en'));

describe('time strip', () => {
  it('asks for weekly totals over the whole data range and annotates the events', async () => {
    useFilters.getState().setPeriod('2016-02-01', '2016-02-14');
    renderWithClient(<TimeStrip meta={meta} />);
    await waitFor(() =>
      expect(
        requests.some((u) => u.pathname === '/api/v1/flows' && u.searchParams.get('groupBy') === 'week' && u.searchParams.get('from') === meta.dateRange.min),
      ).toBe(true),
    );
    expect(screen.getAllByTestId('timestrip-event').length).toBe(
      meta.events.filter((e) => e.date >= meta.dateRange.min && e.date <= meta.dateRange.max).length,
    );
    expect(screen.getByTestId('timestrip-period')).toHaveTextContent('Feb 1, 2016 – Feb 14, 2016');
  });

  it('speaks the interface language at once: the period, the ticks, the event labels and the controls', async () => {
    useFilters.getState().setPeriod('2016-02-01', '2016-02-14');
    const withFrench = { ...meta, events: meta.events.map((e) => ({ ...e, labelFr: 'Entrée en vigueur de la loi 2015-36' })) };
    renderWithClient(<TimeStrip meta={withFrench} />);
    const svg = screen.getByTestId('timestrip-svg');
    const ticks = () => [...svg.querySelectorAll('.timestrip__axis text')].map((n) => n.textContent);
    expect(ticks()).toContain('2016');
    expect(screen.getByTestId('timestrip-event').querySelector('title')).toHaveTextContent('Aug 1, 2016: Enforcement of Law 2015-36 begins');
    await act(() => setLanguage('fr'));
    expect(screen.getByTestId('timestrip-period').textContent!.replace(/\s/g, ' ')).toBe('1 févr. 2016 – 14 févr. 2016');
    expect(ticks()).toContain('2016');
    expect(screen.getByTestId('timestrip-event').querySelector('title')!.textContent!.replace(/\s/g, ' ')).toBe(
      '1 août 2016: Entrée en vigueur de la loi 2015-36',
    );
    expect(screen.getByTestId('play')).toHaveTextContent('Lecture');
    expect(screen.getByTestId('timestrip-svg')).toHaveAccessibleName(/^Totaux hebdomadaires/);
  });

  it('play fixes the scales and steps the period forward one week per tick, keeping its length; pause stops', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    try {
      useFilters.getState().setPeriod('2016-02-01', '2016-02-14');
      renderWithClient(
        <>
          <TimeStrip meta={meta} />
          <ScaleModeSwitch />
        </>,
      );
      act(() => screen.getByTestId('play').click());
      expect(useView.getState()).toMatchObject({ playing: true, scaleMode: 'fixed' });
      expect(screen.getByTestId('scale-fixed')).toBeChecked();
      expect(screen.getByTestId('scale-auto')).toBeDisabled();
      await act(async () => {
        await vi.advanceTimersByTimeAsync(PLAY_INTERVAL_MS);
      });
      expect(useFilters.getState()).toMatchObject({ from: '2016-02-08', to: '2016-02-21' });
      await act(async () => {
        await vi.advanceTimersByTimeAsync(PLAY_INTERVAL_MS);
      });
      expect(useFilters.getState()).toMatchObject({ from: '2016-02-15', to: '2016-02-28' });
      act(() => screen.getByTestId('play').click());
      expect(useView.getState().playing).toBe(false);
      await act(async () => {
        await vi.advanceTimersByTimeAsync(PLAY_INTERVAL_MS * 3);
      });
      expect(useFilters.getState().from).toBe('2016-02-15');
      // The scale mode stays fixed until the user changes it back.
      act(() => screen.getByTestId('scale-auto').click());
      expect(useView.getState().scaleMode).toBe('auto');
    } finally {
      vi.useRealTimers();
    }
  });
});
