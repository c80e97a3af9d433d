/**
 * The centre-pressure panel (features/pressure/PressurePanel): programme staff get the early warning (the badge says
 * how many centres, in words for screen readers), outside roles the months from their published counts with the
 * forecast explained as locked and no "weeks ahead" control (it would not apply); French throughout. The server's
 * answers are msw fixtures here; the API and the browser are tested in tests/api and tests/e2e.
 */
import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { afterEach, describe, expect, it } from 'vitest';
import { pressureMonthly, pressureOpen } from '../../src/shared/api-pressure';
import { PressurePanel } from '../../src/client/features/pressure/PressurePanel';
import { usePressureState } from '../../src/client/features/pressure/state';
import { setLanguage } from '../../src/client/i18n/i18n';
import { renderWithClient } from './render';
import { server } from './setup';

const fw = (week: string, h: number, share: number) => ({ week, h, assisted: 100, residents: 100, share, shareLow: share - 0.1, shareHigh: share + 0.1 });
const centre = (id: string, name: string, share: number) => ({
  id,
  name,
  capacity: 1000,
  upstream: [],
  recent: [{ week: '2019-12-23', assisted: 100, residents: 100, share: 0.5 }],
  method: 'model',
  mase: 1.184,
  maseModel: 1.184,
  maseBaseline: 2.5,
  intervalCoverage: 0.8,
  backtest: [],
  forecast: [fw('2019-12-30', 1, share)],
});
const WEEKLY = pressureOpen.parse({
  locked: false,
  resolution: 'week',
  dataAsOf: '2019-12-31',
  dataVersion: 'v',
  lastWeek: '2019-12-23',
  stayDays: 7,
  horizon: 4,
  threshold: 0.9,
  intervalLevel: 0.8,
  centres: [centre('agadez-tc', 'Agadez transit centre', 0.95), centre('dirkou-tc', 'Dirkou transit centre', 0.92)],
  warnings: [
    { centre: 'agadez-tc', name: 'Agadez transit centre', week: '2019-12-30', share: 0.95, shareLow: 0.85, shareHigh: 1.05, method: 'model', mase: 1.184 },
    { centre: 'dirkou-tc', name: 'Dirkou transit centre', week: '2019-12-30', share: 0.92, shareLow: 0.82, shareHigh: 1.02, method: 'model', mase: 1.184 },
  ],
  method: 'm',
});
const month = (m: string, assisted: number | null, share: number | null, above = false) => ({
  month: m,
  assisted,
  withheld: assisted === null,
  residents: assisted === null ? null : 1,
  share,
  above,
});
const MONTHLY = pressureMonthly.parse({
  locked: false,
  resolution: 'month',
  protected: true,
  disclosure: { method: 'cell-key', k: 10, maxNoise: 3, resolution: 'month' },
  dataAsOf: '2019-12-31',
  dataVersion: 'v',
  lastMonth: '2019-12-01',
  stayDays: 7,
  threshold: 0.9,
  centres: [
    { id: 'agadez-tc', name: 'Agadez transit centre', capacity: 1000, months: [month('2019-11-01', 10, 0.95, true), month('2019-12-01', 10, 0.25)] },
    { id: 'dirkou-tc', name: 'Dirkou transit centre', capacity: 150, months: [month('2019-11-01', 10, 0.2), month('2019-12-01', null, null)] },
  ],
  forecastLocked: 'programme staff only',
  method: 'm',
});

function answer(body: object) {
  const asked: URL[] = [];
  server.use(
    http.get('*/api/v1/pressure', ({ request }) => {
      asked.push(new URL(request.url));
      return HttpResponse.json(body);
    }),
  );
  return asked;
}

afterEach(async () => {
  usePressureState.setState({ open: false, threshold: 0.9, horizon: 4, stayDays: 7 });
  await act(() => setLanguage('en'));
});

describe('centre pressure panel', () => {
  it('programme staff: the badge counts the centres warned, in words for screen readers; the list uses town names', async () => {
    answer(WEEKLY);
    renderWithClient(<PressurePanel />);
    const badge = await screen.findByTestId('pressure-badge');
    expect(badge).toHaveTextContent('2');
    expect(within(badge).getByText('2 centres forecast above the threshold')).toHaveClass('visually-hidden');
    await userEvent.click(screen.getByRole('button', { name: /Centre pressure/ }));
    const items = within(await screen.findByTestId('pressure-warnings')).getAllByRole('listitem');
    expect(items[0]).toHaveTextContent(/^Agadez: 95% of capacity forecast for the week of .+ \(80 % interval 85% – 105%\); backtest error MASE 1\.18/);
    expect(screen.getByTestId('pressure-horizon')).toBeInTheDocument();
    expect(usePressureState.getState().open).toBe(true);
    // Its data-as-of date, and that people assisted are centre records, not counted by monitoring points.
    expect(await screen.findByTestId('pressure-coverage')).toHaveTextContent(/Data as of .*2019.*not counted by monitoring points/);
  });

  it('outside roles: months from published counts, a withheld month says so, the forecast is explained, no weeks-ahead control', async () => {
    const asked = answer(MONTHLY);
    usePressureState.setState({ open: true });
    renderWithClient(<PressurePanel />);
    const table = await screen.findByTestId('pressure-monthly');
    const rows = within(table).getAllByRole('row');
    expect(rows[1]).toHaveTextContent(/Agadez.*1,000.*25%.*95% \(Nov(ember)? 2019\).*1$/);
    expect(rows[2]).toHaveTextContent(/Dirkou.*150.*withheld.*20% \(Nov(ember)? 2019\).*0$/);
    // Shares worked out from perturbed counts read "≈", with the mark's label; the withheld month says so.
    expect(within(rows[1]!).getByTestId('pressure-last')).toHaveTextContent(/^≈25%$/);
    expect(within(rows[1]!).getAllByRole('img', { name: 'approximate: worked out from perturbed counts' }).length).toBeGreaterThan(0);
    expect(
      within(screen.getByTestId('pressure-monthly-list'))
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual([
      expect.stringMatching(/^Agadez: ≈25% of capacity in Dec(ember)? 2019$/),
      expect.stringMatching(/^Dirkou: no estimate for Dec(ember)? 2019 \(a small count, withheld\)$/),
    ]);
    expect(screen.getByTestId('pressure-forecast-locked')).toHaveTextContent(/programme staff/);
    expect(await screen.findByTestId('pressure-coverage')).toHaveTextContent(/Data as of/);
    expect(screen.queryByTestId('pressure-horizon')).toBeNull();
    expect(screen.queryByTestId('pressure-badge')).toBeNull();
    // The controls that apply are sent.
    await userEvent.clear(screen.getByTestId('pressure-stay'));
    await userEvent.type(screen.getByTestId('pressure-stay'), '14');
    await waitFor(() => expect(asked.at(-1)?.searchParams.get('stayDays')).toBe('14'));
  });

  it('in French: French words, decimal commas, town names', async () => {
    answer(WEEKLY);
    await act(() => setLanguage('fr'));
    usePressureState.setState({ open: true });
    renderWithClient(<PressurePanel />);
    const items = within(await screen.findByTestId('pressure-warnings')).getAllByRole('listitem');
    expect(items[0]).toHaveTextContent(/^Agadez : 95 % de la capacité prévue .+MASE 1,18/);
    expect(screen.getByRole('button', { name: /Masquer la pression sur les centres/ })).toBeInTheDocument();
    expect(screen.getByTestId('pressure-table')).not.toHaveTextContent(/transit centre/);
  });
});
