/** The shell with the real data layer (msw) and the map container mocked (MapLibre does not run in jsdom). */
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { describe, expect, it, vi } from 'vitest';
import { aggregateResponse } from '../../src/shared/api';
import { App } from '../../src/client/app/App';
import { useFilters, useSelection } from '../../src/client/state/filters';
import { formatCount } from '../../src/client/i18n/format';
import { setLanguage } from '../../src/client/i18n/i18n';
import { expectAssistance, expectFlows, meta, requests, serverError } from './handlers';
import { renderWithClient } from './render';
import { server } from './setup';

vi.mock('../../src/client/map/MapView', () => ({
  MapView: () => <div data-testid="map-container" />,
}));

/** Route/point requests for the current period (the flows view also asks for the previous equal period, which ends before it). */
const flowRequests = (groupBy: string) =>
  requests.filter(
    (u) =>
      u.pathname === '/api/v1/flows' &&
      u.searchParams.get('groupBy') === groupBy &&
      !(useFilters.getState().from && (u.searchParams.get('to') ?? '9999') < useFilters.getState().from!),
  );
const lastFlowRequest = (groupBy = 'route') => flowRequests(groupBy).at(-1);

/** Renders the app and waits for its first route-flow request (unless /flows is overridden by the test). */
async function renderApp({ waitForFlows = true } = {}) {
  const r = renderWithClient(<App />);
  await screen.findByTestId('filter-bar');
  if (waitForFlows) await waitFor(() => expect(lastFlowRequest()).toBeDefined());
  return r;
}

describe('app shell', () => {
  it('shows a loading state, then the header with the illustrative notice and data-as-of', async () => {
    renderWithClient(<App />);
    expect(screen.getByTestId('loading')).toHaveTextContent('Loading');
    const badge = await screen.findByTestId('illustrative-badge');
    expect(badge).toHaveTextContent(/illustrative/i);
    expect(badge).toHaveTextContent(meta.notice);
    expect(screen.getByTestId('data-as-of')).toHaveTextContent('Data as of Dec 31, 2019');
    expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent('Transit Atlas');
    expect(screen.getByTestId('map-container')).toBeInTheDocument();
    // The legend loads after the first map is drawn.
    expect(await screen.findByTestId('legend')).toBeInTheDocument();
  });

  it('starts on the default period from /meta, bounded by the data range, and writes it to the URL', async () => {
    await renderApp();
    const from = screen.getByTestId('filter-from') as HTMLInputElement;
    const to = screen.getByTestId('filter-to') as HTMLInputElement;
    expect(from.value).toBe(meta.defaultPeriod.from);
    expect(to.value).toBe(meta.defaultPeriod.to);
    expect(from.min).toBe(meta.dateRange.min);
    expect(to.max).toBe(meta.dateRange.max);
    expect(useFilters.getState()).toMatchObject(meta.defaultPeriod);
    expect(lastFlowRequest()!.searchParams.get('from')).toBe(meta.defaultPeriod.from);
    const url = new URL(window.location.href);
    expect(url.searchParams.get('from')).toBe(meta.defaultPeriod.from);
    expect(url.searchParams.get('to')).toBe(meta.defaultPeriod.to);
  });

  it('restores filters and the selection from the URL', async () => {
    window.history.replaceState(null, '', '/?v=1&from=2016-02-01&to=2016-02-29&direction=outgoing&nationality=NGA&select=place:agadez-tc');
    await renderApp();
    expect(useFilters.getState()).toMatchObject({ from: '2016-02-01', to: '2016-02-29', direction: 'outgoing', nationality: 'NGA' });
    expect(useSelection.getState().selected).toEqual({ type: 'place', id: 'agadez-tc' });
    // The panel is a lazy chunk: the first test to open it pays vitest's on-demand transform of it (about 2 s).
    expect(await screen.findByTestId('panel', {}, { timeout: 6000 })).toBeInTheDocument();
    const q = lastFlowRequest()!.searchParams;
    expect(q.get('direction')).toBe('outgoing');
    expect(q.get('nationality')).toBe('NGA');
  });

  it('empty state when the period and filter match nothing', async () => {
    await renderApp();
    await userEvent.click(screen.getByTestId('preset-2017'));
    expect(await screen.findByText('No observations for this period and filter')).toBeInTheDocument();
  });

  it('error state with the problem detail; retry recovers', async () => {
    let fail = true;
    server.use(http.get('*/api/v1/flows', () => (fail ? serverError('Flows are being rebuilt') : undefined)));
    await renderApp({ waitForFlows: false });
    const alert = (await screen.findAllByRole('alert'))[0]!;
    expect(alert).toHaveTextContent('Flows are being rebuilt');
    fail = false;
    // The map and the time strip (lazy-loaded, so it may fail a moment later) each offer a retry.
    await waitFor(
      async () => {
        for (const button of screen.queryAllByRole('button', { name: 'Retry' })) fireEvent.click(button);
        await new Promise((r) => setTimeout(r, 50));
        expect(screen.queryByRole('alert')).toBeNull();
      },
      { timeout: 5000 },
    );
  });

  it('a 400 problem+json shows the detail naming the field', async () => {
    server.use(
      http.get('*/api/v1/assistance', () =>
        HttpResponse.json(
          {
            type: 'about:blank',
            title: 'Bad Request',
            status: 400,
            detail: 'nationality must be an ISO 3166-1 alpha-3 code',
            errors: [{ field: 'nationality', message: 'bad' }],
          },
          { status: 400, headers: { 'Content-Type': 'application/problem+json' } },
        ),
      ),
    );
    await renderApp();
    expect(await screen.findByRole('alert')).toHaveTextContent('nationality must be an ISO 3166-1 alpha-3 code');
  });

  it('an answer that breaks the contract is an error, not a blank map', async () => {
    server.use(http.get('*/api/v1/flows', () => HttpResponse.json({ rows: 'nope' })));
    await renderApp({ waitForFlows: false });
    expect(await screen.findByRole('alert')).toHaveTextContent(/Unexpected answer from \/api\/v1\/flows/);
  });

  it('when /meta fails the whole app shows the error and can retry', async () => {
    let fail = true;
    server.use(http.get('*/api/v1/meta', () => (fail ? serverError('Database is starting') : undefined)));
    renderWithClient(<App />);
    expect(await screen.findByTestId('error-detail')).toHaveTextContent('Database is starting');
    fail = false;
    await userEvent.click(screen.getByRole('button', { name: 'Retry' }));
    expect(await screen.findByTestId('illustrative-badge')).toBeInTheDocument();
  });
});

describe('overview tables (the map as tables)', () => {
  it('lists routes, points and centres with the numbers of the period; a name opens its panel', async () => {
    await renderApp();
    const routesTable = await screen.findByTestId('overview-routes');
    const r5 = expectFlows({ ...meta.defaultPeriod, groupBy: ['route'] }).rows.find((r) => r['route'] === 'R5')!;
    await waitFor(() => expect(within(routesTable).getByRole('button', { name: /^R5 / }).closest('tr')).toHaveTextContent(formatCount(r5.count)));
    expect(within(routesTable).getByRole('button', { name: /^R1 / }).closest('tr')).toHaveTextContent('not monitored');
    const centres = screen.getByTestId('overview-centres');
    const agadez = expectAssistance({ ...meta.defaultPeriod, service: ['shelter_food'], groupBy: ['centre'] }).rows.find((r) => r['centre'] === 'agadez-tc')!;
    expect(within(centres).getByRole('button', { name: 'Agadez transit centre' }).closest('tr')).toHaveTextContent(formatCount(agadez.count));

    await userEvent.click(within(centres).getByRole('button', { name: 'Agadez transit centre' }));
    expect(useSelection.getState().selected).toEqual({ type: 'place', id: 'agadez-tc' });
    expect(await screen.findByTestId('panel')).toBeInTheDocument();
    expect(screen.queryByTestId('overview')).toBeNull();
    await waitFor(() => expect(screen.getByTestId('panel-total')).toHaveTextContent(formatCount(agadez.count)));
  });
});

describe('filter bar', () => {
  it('direction, nationality, sex and age group update the store and refetch with the new query string', async () => {
    await renderApp();
    const before = flowRequests('route').length;
    await userEvent.selectOptions(screen.getByTestId('filter-direction'), 'incoming');
    expect(useFilters.getState().direction).toBe('incoming');
    await waitFor(() => expect(lastFlowRequest()!.searchParams.get('direction')).toBe('incoming'));
    expect(flowRequests('route').length).toBeGreaterThan(before);

    await userEvent.selectOptions(screen.getByTestId('filter-nationality'), 'NGA');
    await userEvent.selectOptions(screen.getByTestId('filter-sex'), 'f');
    await userEvent.selectOptions(screen.getByTestId('filter-age'), 'minor');
    expect(useFilters.getState()).toMatchObject({ nationality: 'NGA', sex: 'f', ageGroup: 'minor' });
    await waitFor(() => {
      const q = lastFlowRequest()!.searchParams;
      expect([q.get('direction'), q.get('nationality'), q.get('sex'), q.get('ageGroup')]).toEqual(['incoming', 'NGA', 'f', 'minor']);
    });
    // Assistance has no direction: the filter is not sent there.
    const assist = requests.filter((u) => u.pathname === '/api/v1/assistance').at(-1)!;
    expect(assist.searchParams.get('direction')).toBeNull();
    expect(assist.searchParams.get('nationality')).toBe('NGA');
    expect(new URL(window.location.href).searchParams.get('direction')).toBe('incoming');

    await userEvent.click(screen.getByTestId('filter-reset'));
    expect(useFilters.getState()).toMatchObject({ direction: null, nationality: null, sex: null, ageGroup: null });
  });

  it('typing a date moves the period and refetches; out-of-range dates are refused', async () => {
    await renderApp();
    const from = screen.getByTestId('filter-from');
    // A Tuesday moves to its week's Monday (the data's step is the ISO week), and the field says so.
    fireEvent.change(from, { target: { value: '2016-03-01' } });
    expect(useFilters.getState().from).toBe('2016-02-29');
    await waitFor(() => expect(lastFlowRequest()!.searchParams.get('from')).toBe('2016-02-29'));
    expect(screen.getByTestId('filter-from')).toHaveValue('2016-02-29');
    expect(screen.getByTestId('filter-from-note')).toHaveTextContent('Whole weeks, Monday to Sunday: set to Feb 29, 2016.');

    const fromNow = screen.getByTestId('filter-from');
    fireEvent.change(fromNow, { target: { value: '2014-01-01' } });
    expect(useFilters.getState().from).toBe('2016-02-29');
    expect(fromNow).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByText(/Pick a date between 2015-01-01 and 2019-12-31/)).toBeInTheDocument();
    fireEvent.blur(fromNow);
    expect((fromNow as HTMLInputElement).value).toBe('2016-02-29');

    // To before From is refused, visibly; the period stays as it was (it used to collapse to one day).
    const to = screen.getByTestId('filter-to');
    fireEvent.change(to, { target: { value: '2016-02-01' } });
    expect(useFilters.getState()).toMatchObject({ from: '2016-02-29', to: meta.defaultPeriod.to });
    expect(to).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByTestId('filter-to-error')).toHaveTextContent(/To is before From/);
    fireEvent.blur(to);
    expect(screen.getByTestId('filter-to-error')).toBeInTheDocument();

    fireEvent.change(to, { target: { value: '2016-06-30' } });
    await waitFor(() => expect(lastFlowRequest()!.searchParams.get('to')).toBe('2016-07-03'));
  });

  it('in French the date fields read and take day/month/year', async () => {
    await renderApp();
    await act(() => setLanguage('fr'));
    await waitFor(() => expect(screen.getByTestId('filter-from')).toHaveValue('01/01/2016'));
    expect(screen.getByTestId('filter-from')).toHaveAttribute('placeholder', 'JJ/MM/AAAA');
    fireEvent.change(screen.getByTestId('filter-from'), { target: { value: '15/03/2016' } });
    // Tuesday 15 March → Monday 14 March, written the French way.
    expect(useFilters.getState().from).toBe('2016-03-14');
    expect(screen.getByTestId('filter-from')).toHaveValue('14/03/2016');
  });

  it('a year preset sets the whole year; keeps the old numbers on screen while loading', async () => {
    await renderApp();
    await userEvent.click(screen.getByTestId('preset-2019'));
    expect(useFilters.getState()).toMatchObject({ from: '2019-01-01', to: '2019-12-31' });
    expect(screen.getByTestId('preset-2019')).toHaveAttribute('aria-pressed', 'true');
    await waitFor(() => expect(lastFlowRequest()!.searchParams.get('from')).toBe('2019-01-01'));
    await userEvent.click(screen.getByTestId('preset-all'));
    expect(useFilters.getState()).toMatchObject({ from: meta.dateRange.min, to: meta.dateRange.max });
  });

  it('"Latest 4 weeks" sets the last four ISO weeks of the data (programme staff see weeks)', async () => {
    await renderApp();
    const latest = screen.getByTestId('preset-latest');
    expect(latest).toHaveTextContent('Latest 4 weeks');
    await userEvent.click(latest);
    // the fixture data ends on Tuesday 2019-12-31: its week starts on Monday 30 December, three weeks before is 9 December
    expect(useFilters.getState()).toMatchObject({ from: '2019-12-09', to: '2019-12-31' });
    expect(latest).toHaveAttribute('aria-pressed', 'true');
  });

  it('the legend follows the direction filter', async () => {
    await renderApp();
    const directions = () =>
      within(screen.getByTestId('legend'))
        .queryAllByTestId('legend-direction')
        .map((e) => e.dataset['direction']);
    // No direction filter: both directions, drawn side by side, each with its colour.
    expect(await within(await screen.findByTestId('legend')).findByTestId('legend-both-sides')).toBeInTheDocument();
    expect(directions()).toEqual(['incoming', 'outgoing']);
    act(() => useFilters.getState().setDirection('outgoing'));
    expect(await within(screen.getByTestId('legend')).findByText(/Outgoing/)).toBeInTheDocument();
    await waitFor(() => expect(directions()).toEqual(['outgoing']));
    expect(within(screen.getByTestId('legend')).queryByTestId('legend-both-sides')).toBeNull();
  });
});

describe('contract', () => {
  it('the fixture answers pass the shared schema', async () => {
    const res = await fetch('/api/v1/flows?groupBy=route&from=2016-01-01&to=2016-12-31');
    expect(aggregateResponse.safeParse(await res.json()).success).toBe(true);
  });
});
