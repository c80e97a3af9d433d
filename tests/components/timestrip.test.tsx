/** The time strip: series over the whole range, event annotations, playback (window, speed, loop, date stamp, the user's scale mode). */
import { act, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { TimeStrip } from '../../src/client/features/time/TimeStrip';
import { intervalOf } from '../../src/client/features/time/playback';
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
    expect(screen.getByTestId('timestrip-event').querySelector('title')).toHaveTextContent('1. Aug 1, 2016: Enforcement of Law 2015-36 begins');
    await act(() => setLanguage('fr'));
    expect(screen.getByTestId('timestrip-period').textContent!.replace(/\s/g, ' ')).toBe('1 févr. 2016 – 14 févr. 2016');
    expect(ticks()).toContain('2016');
    expect(screen.getByTestId('timestrip-event').querySelector('title')!.textContent!.replace(/\s/g, ' ')).toBe(
      '1. 1 août 2016: Entrée en vigueur de la loi 2015-36',
    );
    expect(screen.getByTestId('play')).toHaveTextContent('Lecture');
    expect(screen.getByTestId('timestrip-svg')).toHaveAccessibleName(/^Totaux hebdomadaires/);
  });

  /** Runs `fn` with fake timers; `tick(n)` advances n steps at the given speed. */
  async function withTimers(fn: (tick: (n?: number, speed?: number) => Promise<void>) => Promise<void>) {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    try {
      await fn(async (n = 1, speed = 2) => {
        await act(async () => {
          await vi.advanceTimersByTimeAsync(intervalOf(speed) * n);
        });
      });
    } finally {
      vi.useRealTimers();
    }
  }

  it('play keeps the scale mode the user chose and steps a 4-week window one week per tick; pause stops', async () => {
    await withTimers(async (tick) => {
      useFilters.getState().setPeriod('2016-02-01', '2016-02-14');
      renderWithClient(
        <>
          <TimeStrip meta={meta} />
          <ScaleModeSwitch />
        </>,
      );
      act(() => screen.getByTestId('play').click());
      expect(useView.getState()).toMatchObject({ playing: true, scaleMode: 'auto' });
      expect(screen.getByTestId('scale-auto')).toBeChecked();
      expect(useFilters.getState()).toMatchObject({ from: '2016-02-01', to: '2016-02-28' });
      await tick();
      expect(useFilters.getState()).toMatchObject({ from: '2016-02-08', to: '2016-03-06' });
      await tick();
      expect(useFilters.getState()).toMatchObject({ from: '2016-02-15', to: '2016-03-13' });
      act(() => screen.getByTestId('play').click());
      expect(useView.getState().playing).toBe(false);
      await tick(3);
      expect(useFilters.getState().from).toBe('2016-02-15');
      // the strip's own switch for comparable widths: said on screen, the user's choice
      act(() => screen.getByTestId('play-fixed-scale').click());
      expect(useView.getState().scaleMode).toBe('fixed');
      expect(screen.getByTestId('scale-fixed')).toBeChecked();
    });
  });

  it('plays from the default period (the last year): that year, week after week, with a date stamp', async () => {
    await withTimers(async (tick) => {
      useFilters.getState().setPeriod('2019-01-01', '2019-12-31');
      renderWithClient(<TimeStrip meta={meta} />);
      act(() => screen.getByTestId('play').click());
      expect(useFilters.getState()).toMatchObject({ from: '2018-12-31', to: '2019-01-27' });
      expect(screen.getByTestId('play-stamp')).toHaveTextContent('Dec 31, 2018 – Jan 27, 2019');
      expect(screen.getByTestId('play-stamp')).toHaveAttribute('aria-live', 'polite');
      await tick();
      expect(screen.getByTestId('play-stamp')).toHaveTextContent('Jan 7, 2019 – Feb 3, 2019');
      act(() => screen.getByTestId('play').click());
      expect(screen.queryByTestId('play-stamp')).toBeNull();
    });
  });

  it('plays from "All" at the beginning of the data and says so', async () => {
    await withTimers(async () => {
      useFilters.getState().setPeriod(meta.dateRange.min, meta.dateRange.max);
      renderWithClient(<TimeStrip meta={meta} />);
      act(() => screen.getByTestId('play').click());
      expect(useFilters.getState()).toMatchObject({ from: '2015-01-05', to: '2015-02-01' });
      expect(screen.getByTestId('play-notice')).toHaveTextContent('Playing from the beginning of the data.');
    });
  });

  it('stops at the end of the data and says so; with loop on it starts again from the beginning', async () => {
    await withTimers(async (tick) => {
      useFilters.getState().setPeriod('2019-11-25', '2019-12-22');
      renderWithClient(<TimeStrip meta={meta} />);
      act(() => screen.getByTestId('play').click());
      expect(useFilters.getState()).toMatchObject({ from: '2019-11-25', to: '2019-12-22' });
      await tick();
      expect(useFilters.getState()).toMatchObject({ from: '2019-12-02', to: '2019-12-29' });
      await tick();
      expect(useView.getState().playing).toBe(false);
      expect(screen.getByTestId('play-notice')).toHaveTextContent('End of the data: ▶ starts again from the beginning.');
      // loop on: at the end, the beginning
      fireEvent.click(screen.getByTestId('play-loop'));
      act(() => useFilters.getState().setPeriod('2019-11-25', '2019-12-22'));
      act(() => screen.getByTestId('play').click());
      await tick(2);
      expect(useFilters.getState()).toMatchObject({ from: '2015-01-05', to: '2015-02-01' });
      expect(useView.getState().playing).toBe(true);
      expect(screen.getByTestId('play-notice')).toHaveTextContent('Started again from the beginning of the data.');
    });
  });

  it('plays faster at a higher speed and with the chosen window length', async () => {
    await withTimers(async (tick) => {
      useFilters.getState().setPeriod('2016-02-01', '2016-02-14');
      renderWithClient(<TimeStrip meta={meta} />);
      fireEvent.change(screen.getByTestId('play-speed'), { target: { value: '8' } });
      fireEvent.change(screen.getByTestId('play-window'), { target: { value: '1w' } });
      act(() => screen.getByTestId('play').click());
      expect(useFilters.getState()).toMatchObject({ from: '2016-02-01', to: '2016-02-07' });
      await tick(4, 8);
      expect(useFilters.getState()).toMatchObject({ from: '2016-02-29', to: '2016-03-06' });
      // a new window length applies at once
      fireEvent.change(screen.getByTestId('play-window'), { target: { value: '3m' } });
      expect(useFilters.getState()).toMatchObject({ from: '2016-02-29', to: '2016-05-28' });
      expect([...screen.getByTestId('play-speed').querySelectorAll('option')].map((o) => o.textContent)).toEqual([
        '1 week/s',
        '2 weeks/s',
        '4 weeks/s',
        '8 weeks/s',
      ]);
    });
  });
});
