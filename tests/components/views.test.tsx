/** The three views in the shell (map mocked): switch, URL, language, donor and hotspots side content, 403 and stale states. */
import { anomalyMethod } from '../../src/shared/anomaly-method';
import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http } from 'msw';
import { describe, expect, it, vi } from 'vitest';
import { App } from '../../src/client/app/App';
import { useSelection } from '../../src/client/state/filters';
import { useView } from '../../src/client/state/view';
import { expectAssistance, forbiddenError, hotspots, requests, serverError } from './handlers';
import { renderWithClient } from './render';
import { server } from './setup';

vi.mock('../../src/client/map/MapView', () => ({
  MapView: () => <div data-testid="map-container" />,
}));

const search = () => new URLSearchParams(window.location.search);

async function renderApp(url = '/') {
  window.history.replaceState(null, '', url);
  const r = renderWithClient(<App />);
  await screen.findByTestId('view-switch');
  return r;
}

describe('view switch', () => {
  it('starts on the view of the URL, switches with a new history entry, and back restores it', async () => {
    await renderApp('/?v=2&view=donor');
    expect(screen.getByTestId('view-donor')).toHaveAttribute('aria-pressed', 'true');
    await screen.findByTestId('donor-overview');
    const before = window.history.length;
    await userEvent.click(screen.getByTestId('view-hotspots'));
    expect(useView.getState().view).toBe('hotspots');
    expect(search().get('view')).toBe('hotspots');
    expect(window.history.length).toBe(before + 1);
    await screen.findByTestId('hotspots-table');
    // Back: the browser restores the previous URL and fires popstate.
    act(() => {
      window.history.replaceState(null, '', '/?v=2&view=donor');
      window.dispatchEvent(new PopStateEvent('popstate'));
    });
    await waitFor(() => expect(useView.getState().view).toBe('donor'));
    expect(screen.getByTestId('view-donor')).toHaveAttribute('aria-pressed', 'true');
  });

  it('a v=1 link opens the flows view and is rewritten as v=2 without a new history entry', async () => {
    const before = window.history.length;
    await renderApp('/?v=1&from=2016-02-01&to=2016-02-29&select=route:R4');
    expect(search().get('v')).toBe('2');
    expect(search().get('view')).toBe('flows');
    expect(search().get('select')).toBe('route:R4');
    expect(window.history.length).toBe(before);
  });
});

describe('language', () => {
  it('switches every string, <html lang> and the URL; numbers follow the locale', async () => {
    await renderApp('/?v=2&view=hotspots');
    await screen.findByTestId('hotspots-table');
    await userEvent.click(screen.getByTestId('lang-fr'));
    // The French catalogue loads on the first switch to French.
    await waitFor(() => expect(document.documentElement.lang).toBe('fr'));
    expect(search().get('lang')).toBe('fr');
    expect(screen.getByTestId('view-donor')).toHaveTextContent('Impact pour les bailleurs');
    expect(screen.getByTestId('data-as-of')).toHaveTextContent(/^Données au 31 déc\.? 2019$/);
    const agadez = screen.getAllByTestId('hotspots-row').find((r) => r.dataset['pcode'] === 'NE001')!;
    expect(within(agadez).getByTestId('hotspots-flows').textContent!.replace(/\s/g, ' ')).toBe('12 000');
    await userEvent.click(screen.getByTestId('lang-en'));
    await waitFor(() => expect(document.documentElement.lang).toBe('en'));
    expect(search().get('lang')).toBeNull();
  });

  it('lang=fr in a link opens in French', async () => {
    await renderApp('/?v=2&view=flows&lang=fr');
    expect(document.documentElement.lang).toBe('fr');
    expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent('Transit Atlas');
    expect(screen.getByTestId('view-flows')).toHaveTextContent('Flux');
  });
});

describe('hotspots view', () => {
  it('shows the ranked table with withheld counts as "withheld"; choosing a region selects it (in the URL)', async () => {
    await renderApp('/?v=2&view=hotspots');
    const rows = await screen.findAllByTestId('hotspots-row');
    expect(rows.map((r) => r.dataset['pcode'])).toEqual(hotspots.regions.map((r) => r.pcode));
    expect(within(rows[1]!).getByTestId('hotspots-flows')).toHaveTextContent(/^withheld$/);
    expect(screen.getByTestId('hotspots-method')).toHaveTextContent(anomalyMethod('en'));
    expect(screen.getByTestId('export-csv')).toHaveAttribute('href', expect.stringMatching(/^\/api\/v1\/hotspots\?format=csv&from=\d{4}-\d{2}-\d{2}&to=/));
    await userEvent.click(within(rows[0]!).getByRole('button'));
    expect(useSelection.getState().selected).toEqual({ type: 'region', id: 'NE001' });
    expect(search().get('select')).toBe('region:NE001');
  });
});

describe('hotspots view in French', () => {
  it('explains the anomaly method in French', async () => {
    await renderApp('/?v=2&view=hotspots&lang=fr');
    await screen.findAllByTestId('hotspots-row');
    expect(screen.getByTestId('hotspots-method')).toHaveTextContent(anomalyMethod('fr'));
    expect(screen.getByTestId('hotspots-method')).toHaveTextContent(/^Score z robuste/);
  });
});

describe('donor view', () => {
  it('lists centres with people assisted, capacity and occupancy, returns by destination, exports and a print button', async () => {
    const print = vi.spyOn(window, 'print').mockImplementation(() => {});
    await renderApp('/?v=2&view=donor&from=2016-02-01&to=2016-02-29');
    const centres = await screen.findByTestId('donor-centres');
    const expected = expectAssistance({ from: '2016-02-01', to: '2016-02-29', service: ['shelter_food'], groupBy: ['centre'] });
    const agadez = expected.rows.find((r) => r['centre'] === 'agadez-tc')!;
    await waitFor(() => expect(within(centres).getByRole('row', { name: /Agadez/ })).toHaveTextContent(agadez.count!.toLocaleString('en')));
    expect(within(centres).getAllByTestId('occupancy')[0]).toHaveAttribute('title', expect.stringMatching(/7 days/));
    const returns = screen.getByTestId('donor-returns');
    await waitFor(() => expect(within(returns).getAllByRole('row').length).toBeGreaterThan(1));
    expect(requests.some((u) => u.pathname === '/api/v1/returns' && u.searchParams.get('groupBy') === 'centre,destination')).toBe(true);
    const csv = screen.getAllByTestId('export-csv').map((a) => a.getAttribute('href'));
    expect(csv).toContain('/api/v1/returns?format=csv&from=2016-02-01&groupBy=centre,destination&to=2016-02-29'.replace(',', '%2C'));
    await userEvent.click(screen.getByTestId('print-brief'));
    expect(print).toHaveBeenCalledOnce();
  });
});

describe('states', () => {
  it('a 403 reads as a plain sentence (not a crash, no pointless retry)', async () => {
    server.use(http.get('*/api/v1/flows', () => forbiddenError()));
    await renderApp('/?v=2&view=flows');
    const msg = (await screen.findAllByTestId('forbidden'))[0]!;
    expect(msg).toHaveTextContent(/needs a signed-in account/);
    expect(within(msg).queryByRole('button', { name: 'Retry' })).toBeNull();
  });

  it('when a refresh fails the last data stays, with an "as of" note and a retry', async () => {
    await renderApp('/?v=2&view=hotspots&from=2019-01-01&to=2019-12-31');
    await screen.findAllByTestId('hotspots-row');
    server.use(http.get('*/api/v1/hotspots', () => serverError('down')));
    await userEvent.click(screen.getByTestId('preset-2018'));
    const stale = (await screen.findAllByTestId('stale'))[0]!;
    expect(stale).toHaveTextContent(/showing data as of \d{2}:\d{2}/);
    expect(screen.getAllByTestId('hotspots-row').length).toBe(hotspots.regions.length);
    expect(within(stale).getByRole('button', { name: 'Retry' })).toBeInTheDocument();
  });
});
