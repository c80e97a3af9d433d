/** The session pieces wired into the shell: the header's menu, the landing view by role, the admin import button. */
import { screen, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { describe, expect, it, vi } from 'vitest';
import { App } from '../../src/client/app/App';
import { useView } from '../../src/client/state/view';
import { signInAs } from './handlers';
import { renderWithClient } from './render';
import { server } from './setup';

vi.mock('../../src/client/map/MapView', () => ({
  MapView: () => <div data-testid="map-container" />,
}));

const useSessionAs = (role: 'public' | 'programme' | 'admin') => signInAs(role);

async function renderApp(url: string) {
  window.history.replaceState(null, '', url);
  renderWithClient(<App />);
  await screen.findByTestId('view-switch');
}

describe('session in the shell', () => {
  it('a signed-out visitor opening the bare address lands on the flows view and is offered sign-in', async () => {
    useSessionAs('public');
    await renderApp('/');
    expect(useView.getState().view).toBe('flows');
    expect(new URLSearchParams(window.location.search).get('view')).toBe('flows');
    const menu = screen.getByTestId('session-menu');
    expect(within(menu).getByTestId('sign-in-open')).toBeInTheDocument();
    expect(screen.queryByTestId('import-open')).toBeNull();
  });

  it('a link with its own view keeps it when the role can use it; otherwise the role lands on its own, told why', async () => {
    useSessionAs('programme');
    await renderApp('/?v=2&view=donor');
    expect(useView.getState().view).toBe('donor');
  });

  it('a link to a view the role cannot use opens the landing view with a notice', async () => {
    useSessionAs('public');
    await renderApp('/?v=2&view=donor');
    expect(useView.getState().view).toBe('flows');
    expect(await screen.findByTestId('view-notice')).toHaveTextContent('Donor impact is for donors and programme staff — sign in to see it.');
  });

  it('a programme manager lands on flows; only an admin gets the import button, which opens the import dialog', async () => {
    useSessionAs('programme');
    await renderApp('/');
    expect(useView.getState().view).toBe('flows');
    expect(await screen.findByTestId('session-role')).toHaveTextContent(/tester/);
    expect(screen.queryByTestId('import-open')).toBeNull();
  });

  it('an admin can open the import panel from the header and close it with Escape', async () => {
    useSessionAs('admin');
    // The dialog's import history asks for the imports (none here).
    server.use(http.get('/api/v1/imports', () => HttpResponse.json({ imports: [], dataVersion: 'v' })));
    await renderApp('/');
    const button = await screen.findByTestId('import-open');
    button.click();
    const dialog = await screen.findByTestId('import-dialog');
    expect(dialog.tagName).toBe('DIALOG');
    expect(dialog).toHaveAttribute('open');
    expect(await within(dialog).findByRole('button', { name: /validate|valider/i })).toBeInTheDocument();
    document.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape' }));
    await vi.waitFor(() => expect(screen.queryByTestId('import-dialog')).toBeNull());
    expect(button).toHaveFocus();
  });
});
