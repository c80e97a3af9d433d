/** The corridors (/routes) are public geography: asked for by every visitor, signed in or not, and never refused. */
import { screen, waitFor } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { useRoutes } from '../../src/client/api/queries';
import { useSession } from '../../src/client/api/session';
import { refused, requests, signInAs } from './handlers';
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
  it.each(['public', 'government', 'donor', 'programme'] as const)('asks for the routes as %s, once, and gets them', async (role) => {
    signInAs(role);
    renderWithClient(<Probe />);
    await waitFor(() => expect(screen.getByTestId('probe')).toHaveTextContent(new RegExp(`${role} · 3 routes`)));
    expect(routeRequests()).toHaveLength(1);
    expect(refused).toEqual([]);
  });

  it('does not wait for the session: asked at once, even when the session cannot be read', async () => {
    server.use(http.get('*/api/v1/session', () => HttpResponse.json({ title: 'down' }, { status: 503 })));
    renderWithClient(<Probe />);
    await waitFor(() => expect(screen.getByTestId('probe')).toHaveTextContent(/· 3 routes/));
    expect(routeRequests()).toHaveLength(1);
  });
});
