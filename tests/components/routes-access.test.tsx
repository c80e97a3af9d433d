/** The corridors (/routes) are asked for only when the session may see them: signed-out visitors would get a 401. */
import { screen, waitFor } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { useRoutes } from '../../src/client/api/queries';
import { useSession } from '../../src/client/api/session';
import { requests, session } from './handlers';
import { renderWithClient } from './render';
import { server } from './setup';

function Probe() {
  const s = useSession();
  const routes = useRoutes();
  return (
    <p data-testid="probe">
      {s.data ? s.data.role : s.isError ? 'no session' : 'waiting'} · {routes.data ? `${routes.data.features.length} routes` : 'no routes'}
    </p>
  );
}

const routeRequests = () => requests.filter((u) => u.pathname.endsWith('/api/v1/routes'));

describe('useRoutes', () => {
  it('asks for the routes when the session may see them', async () => {
    renderWithClient(<Probe />);
    await waitFor(() => expect(screen.getByTestId('probe')).toHaveTextContent(/programme · \d+ routes/));
    expect(routeRequests()).toHaveLength(1);
  });

  it('does not ask signed-out visitors, whose summary has no routes', async () => {
    const { routes: _denied, ...access } = session.access;
    server.use(http.get('*/api/v1/session', () => HttpResponse.json({ username: null, role: 'public', access })));
    renderWithClient(<Probe />);
    await waitFor(() => expect(screen.getByTestId('probe')).toHaveTextContent('public · no routes'));
    await new Promise((r) => setTimeout(r, 50));
    expect(routeRequests()).toHaveLength(0);
  });

  it('asks anyway when the session cannot be read (the server decides)', { timeout: 15_000 }, async () => {
    server.use(http.get('*/api/v1/session', () => HttpResponse.json({ title: 'down' }, { status: 503 })));
    renderWithClient(<Probe />);
    // The session query tries once more (after its back-off) before it gives up.
    await waitFor(() => expect(screen.getByTestId('probe')).toHaveTextContent(/no session · \d+ routes/), { timeout: 8000 });
    expect(routeRequests()).toHaveLength(1);
  });
});
