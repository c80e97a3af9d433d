/**
 * Navigation that fits the role (issue 11, items 1, 6 and 7 on the client), in the shell with msw playing the server
 * for each role (tests/components/handlers.ts: the server's access summaries, and the server's refusals — every
 * request the role may not make is recorded in `refused`, which must stay empty):
 * - each role is offered exactly the views it can use and lands on its own;
 * - signed out, the corridors, offices, centres and monitoring points are asked for and handed to the map's layers;
 * - a view the role cannot use, asked for by a link, explains itself instead of failing; after a sign-in or sign-out
 *   the view follows the role;
 * - a filter the view cannot apply for the role is disabled with the reason beside it, and never sent;
 * - links people type (no `v=`) keep their meaning.
 */
import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { App } from '../../src/client/app/App';
import { applySession } from '../../src/client/features/session';
import { resetStores, useFilters } from '../../src/client/state/filters';
import { useView } from '../../src/client/state/view';
import type { Role } from '../../src/shared/enums';
import { refused, requests, SESSIONS, signInAs } from './handlers';
import { renderWithClient } from './render';

// MapLibre does not run in jsdom: the mock builds the same overlay the real map is given (overlay-style.ts, a pure
// function of the view and the /routes and /places answers) and shows what its layers would draw.
vi.mock('../../src/client/map/MapView', async () => {
  const { useRoutes, usePlaces } = await import('../../src/client/api/queries');
  const { overlayStyle } = await import('../../src/client/map/overlay-style');
  const { useView } = await import('../../src/client/state/view');
  const baseLayersOf = (view: string) =>
    view === 'donor'
      ? { routes: false, points: false, centres: true }
      : view === 'hotspots'
        ? { routes: false, points: false, centres: false }
        : { routes: true, points: true, centres: true };
  function MapView() {
    const view = useView((s) => s.view);
    const routes = useRoutes();
    const places = usePlaces();
    const overlay = overlayStyle({
      base: baseLayersOf(view),
      routes: routes.data ?? null,
      places: places.data ?? null,
      direction: null,
      colourBy: 'direction',
    });
    const features = (id: string) => {
      const src = overlay.sources[id] as { data?: { features?: unknown[] } } | undefined;
      return src?.data && typeof src.data === 'object' ? (src.data.features?.length ?? 0) : 0;
    };
    return (
      <div
        data-testid="map-container"
        data-route-features={features('routes')}
        data-place-features={features('places')}
        data-layers={overlay.layers.map((l) => l.id).join(' ')}
      />
    );
  }
  return { MapView, baseLayersOf };
});

const search = () => new URLSearchParams(window.location.search);
const offered = () =>
  within(screen.getByTestId('view-switch'))
    .getAllByRole('button')
    .map((b) => b.dataset['testid']!.replace('view-', ''));

async function renderApp(url = '/') {
  window.history.replaceState(null, '', url);
  const r = renderWithClient(<App />);
  await screen.findByTestId('view-switch');
  return r;
}

/** The requests the app made for the map and side of the current view (flows, assistance, returns, hotspots). */
const aggregateRequests = () => requests.filter((u) => /\/api\/v1\/(flows|assistance|returns|hotspots)$/.test(u.pathname));
/** Waits until the view's own requests were made and answered, then a little longer for the later ones (previous period). */
async function settle() {
  await waitFor(() => expect(aggregateRequests().length).toBeGreaterThan(0));
  await new Promise((r) => setTimeout(r, 400));
}

describe('each role sees exactly its views and lands on its own', () => {
  it.each([
    ['public', ['flows'], 'flows'],
    ['government', ['flows', 'hotspots'], 'hotspots'],
    ['donor', ['flows', 'donor'], 'donor'],
    ['programme', ['flows', 'donor', 'hotspots'], 'flows'],
    ['admin', ['flows', 'donor', 'hotspots'], 'flows'],
  ] as const)('%s: offered %j, opens on %s, and none of its requests is refused', async (role, views, landing) => {
    signInAs(role as Role);
    await renderApp('/');
    expect(offered()).toEqual(views);
    expect(useView.getState().view).toBe(landing);
    expect(screen.getByTestId(`view-${landing}`)).toHaveAttribute('aria-pressed', 'true');
    expect(search().get('view')).toBe(landing);
    expect(screen.queryByTestId('view-notice')).toBeNull();
    await screen.findByTestId(`side-${landing}`);
    await settle();
    expect(refused).toEqual([]);
  });

  it('every view a role is offered answers without a refusal', async () => {
    for (const role of ['government', 'donor'] as const) {
      // A new visit: fresh stores and address, as a page load.
      resetStores();
      window.history.replaceState(null, '', '/');
      signInAs(role);
      const r = await renderApp('/');
      for (const v of offered()) {
        await userEvent.click(screen.getByTestId(`view-${v}`));
        await screen.findByTestId(`side-${v}`);
        await settle();
      }
      expect(refused, role).toEqual([]);
      r.unmount();
    }
  });
});

describe('signed out: the map this project exists for', () => {
  it('asks for the corridors and every place, and hands them to the map with monthly, protected numbers', async () => {
    signInAs('public');
    await renderApp('/');
    const map = screen.getByTestId('map-container');
    await waitFor(() => expect(Number(map.dataset['routeFeatures'])).toBe(3));
    expect(Number(map.dataset['placeFeatures'])).toBe(7);
    expect(map.dataset['layers']).toEqual(expect.stringContaining('routes-line'));
    expect(map.dataset['layers']).toEqual(expect.stringContaining('places-centres'));
    expect(map.dataset['layers']).toEqual(expect.stringContaining('places-circle'));
    expect(requests.filter((u) => u.pathname === '/api/v1/routes')).toHaveLength(1);
    expect(requests.filter((u) => u.pathname === '/api/v1/places')).toHaveLength(1);
    await settle();
    const flows = requests.filter((u) => u.pathname === '/api/v1/flows');
    for (const g of ['route', 'point']) expect(flows.some((u) => u.searchParams.get('groupBy') === g)).toBe(true);
    // Months only: the time strip's series is monthly, never weekly.
    await waitFor(() =>
      expect(flows.concat(requests.filter((u) => u.pathname === '/api/v1/flows')).some((u) => u.searchParams.get('groupBy') === 'month')).toBe(true),
    );
    expect(requests.some((u) => (u.searchParams.get('groupBy') ?? '').includes('week'))).toBe(false);
    expect(requests.some((u) => u.pathname === '/api/v1/hotspots')).toBe(false);
    expect(refused).toEqual([]);
    expect(screen.queryByTestId('forbidden')).toBeNull();
  });
});

describe('a view the role cannot use explains itself', () => {
  it('signed out, ?view=hotspots opens Flows with a friendly sentence, not an error; dismissing it keeps Flows', async () => {
    signInAs('public');
    await renderApp('/?view=hotspots');
    expect(useView.getState().view).toBe('flows');
    const notice = await screen.findByTestId('view-notice');
    expect(notice).toHaveTextContent('Hotspots is for government liaisons and programme staff — sign in to see it.');
    expect(notice).toHaveAttribute('role', 'status');
    expect(screen.queryByTestId('error')).toBeNull();
    expect(screen.queryByTestId('forbidden')).toBeNull();
    expect(search().get('view')).toBe('flows');
    await settle();
    expect(requests.some((u) => u.pathname === '/api/v1/hotspots')).toBe(false);
    expect(refused).toEqual([]);
    await userEvent.click(screen.getByTestId('view-notice-dismiss'));
    expect(screen.queryByTestId('view-notice')).toBeNull();
    expect(useView.getState().view).toBe('flows');
  });

  it('in French too', async () => {
    signInAs('public');
    await renderApp('/?view=hotspots&lang=fr');
    // The French words load on demand: the notice turns French when they are in.
    await waitFor(() =>
      expect(screen.getByTestId('view-notice')).toHaveTextContent(
        'La vue « Points chauds » est réservée aux agents de liaison gouvernementaux et au personnel des programmes — connectez-vous pour la voir.',
      ),
    );
  });

  it('a donor following a hotspots link lands on Donor impact, told that the account does not include it', async () => {
    signInAs('donor');
    await renderApp('/?v=2&view=hotspots&from=2016-01-01&to=2016-12-31');
    expect(useView.getState().view).toBe('donor');
    expect(await screen.findByTestId('view-notice')).toHaveTextContent(
      'Hotspots is for government liaisons and programme staff: your donor account does not include it.',
    );
    await settle();
    expect(refused).toEqual([]);
  });
});

describe('after a sign-in or a sign-out the view follows the role', () => {
  it('signed out on Flows, a donor signs in and lands on Donor impact; signing out goes back to Flows', async () => {
    signInAs('public');
    const { client } = await renderApp('/');
    expect(useView.getState().view).toBe('flows');
    act(() => applySession(client, signInAs('donor')));
    await waitFor(() => expect(useView.getState().view).toBe('donor'));
    await waitFor(() => expect(offered()).toEqual(['flows', 'donor']));
    expect(search().get('view')).toBe('donor');
    await settle();
    act(() => applySession(client, signInAs('public')));
    await waitFor(() => expect(useView.getState().view).toBe('flows'));
    expect(offered()).toEqual(['flows']);
    expect(screen.queryByTestId('view-notice')).toBeNull();
    await settle();
    expect(refused).toEqual([]);
  });

  it('a link that named a view the new role can use keeps it: Flows for a donor, Hotspots for a government liaison', async () => {
    signInAs('public');
    const { client } = await renderApp('/?view=flows');
    act(() => applySession(client, signInAs('donor')));
    await waitFor(() => expect(offered()).toEqual(['flows', 'donor']));
    expect(useView.getState().view).toBe('flows');

    act(() => applySession(client, signInAs('public')));
    window.history.replaceState(null, '', '/?view=hotspots');
    act(() => window.dispatchEvent(new PopStateEvent('popstate')));
    await screen.findByTestId('view-notice');
    act(() => applySession(client, signInAs('government')));
    await waitFor(() => expect(useView.getState().view).toBe('hotspots'));
    expect(screen.queryByTestId('view-notice')).toBeNull();
  });

  it('a programme manager on Hotspots who signs out sees Flows and why Hotspots went', async () => {
    signInAs('programme');
    const { client } = await renderApp('/?v=2&view=hotspots');
    await screen.findByTestId('side-hotspots');
    act(() => applySession(client, signInAs('public')));
    await waitFor(() => expect(useView.getState().view).toBe('flows'));
    expect(await screen.findByTestId('view-notice')).toHaveTextContent(/Hotspots is for government liaisons and programme staff — sign in to see it/);
    await settle();
    expect(refused).toEqual([]);
  });
});

/** The reason written beside a disabled filter (its aria-describedby target). */
function reasonOf(testId: string): string | null {
  const el = screen.getByTestId(testId);
  const id = el.getAttribute('aria-describedby');
  return id ? (document.getElementById(id)?.textContent ?? null) : null;
}

describe('filters a view cannot apply are disabled with a reason, never sent', () => {
  it('signed out on Flows: one breakdown at a time; the others say so and which to clear', async () => {
    signInAs('public');
    await renderApp('/');
    for (const f of ['filter-direction', 'filter-nationality', 'filter-sex', 'filter-age']) expect(screen.getByTestId(f)).toBeEnabled();
    await userEvent.selectOptions(screen.getByTestId('filter-nationality'), 'NGA');
    for (const f of ['filter-direction', 'filter-sex', 'filter-age']) {
      expect(screen.getByTestId(f)).toBeDisabled();
      expect(reasonOf(f)).toBe('One breakdown at a time for signed-out visitors; clear Nationality first.');
      expect(screen.getByTestId(f)).toHaveAttribute('title', 'One breakdown at a time for signed-out visitors; clear Nationality first.');
    }
    expect(screen.getByTestId('filter-nationality')).toBeEnabled();
    await settle();
    const routeFlows = requests.filter((u) => u.pathname === '/api/v1/flows' && u.searchParams.get('groupBy') === 'route');
    expect(routeFlows.at(-1)!.searchParams.get('nationality')).toBe('NGA');
    // The centres' people assisted are not published by nationality for this audience: not asked so, and said on the map.
    const centres = requests.filter((u) => u.pathname === '/api/v1/assistance' && u.searchParams.get('groupBy') === 'centre');
    expect(centres.every((u) => !u.searchParams.has('nationality'))).toBe(true);
    expect(screen.getByTestId('centres-note')).toHaveTextContent('Transit centres show people assisted, not filtered by nationality.');
    expect(refused).toEqual([]);
    await userEvent.click(screen.getByTestId('filter-reset'));
    for (const f of ['filter-direction', 'filter-sex', 'filter-age']) expect(screen.getByTestId(f)).toBeEnabled();
    expect(screen.queryByTestId('centres-note')).toBeNull();
  });

  it('a programme manager combines filters freely', async () => {
    await renderApp('/');
    await userEvent.selectOptions(screen.getByTestId('filter-nationality'), 'NGA');
    await userEvent.selectOptions(screen.getByTestId('filter-sex'), 'f');
    for (const f of ['filter-direction', 'filter-age']) expect(screen.getByTestId(f)).toBeEnabled();
    expect(screen.queryByTestId('filter-months')).toBeNull();
  });

  it('Hotspots (government): no breakdown filter applies; each is disabled with the reason, and kept for Flows', async () => {
    signInAs('government');
    await renderApp('/?view=flows&nationality=NGA');
    expect(screen.getByTestId('filter-nationality')).toHaveValue('NGA');
    await userEvent.click(screen.getByTestId('view-hotspots'));
    for (const f of ['filter-direction', 'filter-nationality', 'filter-sex', 'filter-age']) {
      expect(screen.getByTestId(f)).toBeDisabled();
      expect(reasonOf(f)).toBe('Not applied in Hotspots: regions are ranked by everyone counted.');
    }
    // Not shown as applied: the disabled control reads "All", the summary leaves it out.
    expect(screen.getByTestId('filter-nationality')).toHaveValue('');
    expect(document.querySelector('.filters__summary')).not.toHaveTextContent('Nigeria');
    await settle();
    expect(requests.filter((u) => u.pathname === '/api/v1/hotspots').every((u) => !u.searchParams.has('nationality'))).toBe(true);
    expect(refused).toEqual([]);
    await userEvent.click(screen.getByTestId('view-flows'));
    expect(screen.getByTestId('filter-nationality')).toHaveValue('NGA');
  });

  it('Donor impact: direction never applies; for a donor the centres by service already are the one breakdown', async () => {
    signInAs('donor');
    await renderApp('/');
    expect(useView.getState().view).toBe('donor');
    expect(reasonOf('filter-direction')).toBe('Not applied in Donor impact: assistance is not counted by direction.');
    for (const [f, name] of [
      ['filter-nationality', 'nationality'],
      ['filter-sex', 'sex'],
      ['filter-age', 'age group'],
    ] as const) {
      expect(screen.getByTestId(f)).toBeDisabled();
      expect(reasonOf(f)).toBe(`Not applied in Donor impact for donors: its counts are not published by ${name}.`);
    }
    await settle();
    expect(refused).toEqual([]);
  });

  it('Donor impact for programme staff: only direction is disabled', async () => {
    await renderApp('/?view=donor');
    expect(screen.getByTestId('filter-direction')).toBeDisabled();
    for (const f of ['filter-nationality', 'filter-sex', 'filter-age']) expect(screen.getByTestId(f)).toBeEnabled();
  });

  it('a typed link combining two breakdowns keeps the first for a signed-out visitor, and asks nothing refused', async () => {
    signInAs('public');
    await renderApp('/?nationality=NGA&sex=f');
    await waitFor(() => expect(search().get('sex')).toBeNull());
    expect(useFilters.getState()).toMatchObject({ nationality: 'NGA', sex: null });
    await settle();
    expect(refused).toEqual([]);
  });

  it('months only: a link with days and typed dates move to whole months, and the bar says so', async () => {
    signInAs('public');
    await renderApp('/?from=2016-01-15&to=2016-02-10');
    expect(useFilters.getState()).toMatchObject({ from: '2016-01-01', to: '2016-02-29' });
    expect(search().get('from')).toBe('2016-01-01');
    expect(screen.getByTestId('filter-months')).toHaveTextContent('Whole months for signed-out visitors');
    // A From after To is refused, visibly, and nothing changes.
    await userEvent.clear(screen.getByTestId('filter-from'));
    await userEvent.type(screen.getByTestId('filter-from'), '2016-03-15');
    expect(await screen.findByTestId('filter-from-error')).toHaveTextContent(/From is after To/);
    expect(useFilters.getState()).toMatchObject({ from: '2016-01-01', to: '2016-02-29' });
    await userEvent.clear(screen.getByTestId('filter-to'));
    await userEvent.type(screen.getByTestId('filter-to'), '2016-05-10');
    await waitFor(() => expect(useFilters.getState().to).toBe('2016-05-31'));
    expect(screen.getByTestId('filter-to-note')).toHaveTextContent('Whole months: set to May 31, 2016.');
    await userEvent.clear(screen.getByTestId('filter-from'));
    await userEvent.type(screen.getByTestId('filter-from'), '2016-03-15');
    await waitFor(() => expect(useFilters.getState().from).toBe('2016-03-01'));
    await settle();
    expect(refused).toEqual([]);
    // Every period asked is whole months, the previous one too (2016-03 … 2016-05 → 2015-12 … 2016-02).
    const periods = aggregateRequests().map((u) => `${u.searchParams.get('from')}…${u.searchParams.get('to')}`);
    expect(periods).toContain('2015-12-01…2016-02-29');
  });
});

describe('links people type (no v=)', () => {
  it('/?lang=fr opens in French on the landing view', async () => {
    signInAs('donor');
    await renderApp('/?lang=fr');
    expect(document.documentElement.lang).toBe('fr');
    expect(useView.getState().view).toBe('donor');
    expect(search().get('v')).toBe('2');
    expect(search().get('lang')).toBe('fr');
  });

  it('/?view=donor opens Donor impact', async () => {
    signInAs('donor');
    await renderApp('/?view=donor');
    expect(useView.getState().view).toBe('donor');
    await screen.findByTestId('side-donor');
  });

  it('/?from=2016-01-01&to=2016-12-31 opens that period on the landing view', async () => {
    await renderApp('/?from=2017-01-01&to=2017-12-31');
    expect(useFilters.getState()).toMatchObject({ from: '2017-01-01', to: '2017-12-31' });
    expect(useView.getState().view).toBe('flows');
    expect(Object.fromEntries(search())).toMatchObject({ v: '2', view: 'flows', from: '2017-01-01', to: '2017-12-31' });
  });

  it('an explicit v=1 link still opens Flows (the only view v1 had)', async () => {
    signInAs('donor');
    await renderApp('/?v=1&from=2016-01-01&to=2016-12-31&lang=fr');
    expect(useView.getState().view).toBe('flows');
    expect(document.documentElement.lang).toBe('en');
  });
});

// The fixtures are the server's own access summaries (checked in session-access.test.tsx).
void SESSIONS;

describe('a view where no breakdown filter applies', () => {
  it('government on Hotspots: one line says so, each filter keeps its own reason for assistive technology', async () => {
    signInAs('government');
    await renderApp('/?v=2&view=hotspots');
    const none = await screen.findByTestId('filter-none');
    expect(none).toHaveTextContent('Direction, nationality, sex and age group are not applied in Hotspots for government liaisons');
    for (const id of ['filter-direction', 'filter-nationality', 'filter-sex', 'filter-age']) {
      expect(screen.getByTestId(id)).toBeDisabled();
      expect(screen.getByTestId(`${id}-why`)).toHaveClass('visually-hidden');
      expect(screen.getByTestId(id)).toHaveAccessibleDescription(/Not applied in Hotspots/);
    }
  });

  it('signed out on Flows: the filters apply, no such line', async () => {
    signInAs('public');
    await renderApp('/');
    await screen.findByTestId('filter-nationality');
    expect(screen.queryByTestId('filter-none')).toBeNull();
    expect(screen.getByTestId('filter-nationality')).toBeEnabled();
  });
});
