/**
 * The session menu and sign-in dialog against msw: a tiny in-test auth server (one account, a failure limit with
 * Retry-After), checking what the person sees and what is sent — and that the role change refetches everything else.
 */
import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useQuery } from '@tanstack/react-query';
import { http, HttpResponse } from 'msw';
import { beforeEach, describe, expect, it } from 'vitest';
import { aggregateResponse, problem, sessionResponse, type SessionResponse } from '../../src/shared/api';
import { fetchJson } from '../../src/client/api/client';
import { SessionMenu } from '../../src/client/features/session/SessionMenu';
import { SignInDialog } from '../../src/client/features/session/SignInDialog';
import { useSession } from '../../src/client/features/session/api';
import '../../src/client/features/session/i18n';
import { i18n, setLanguage } from '../../src/client/i18n/i18n';
import { renderWithClient } from './render';
import { server } from './setup';
import { SESSIONS } from './handlers';

const publicSession: SessionResponse = SESSIONS.public;
/** `username` signed in as `role`, with the access the server gives that role. */
const as = (username: string, role: SessionResponse['role']): SessionResponse => sessionResponse.parse({ ...SESSIONS[role], username });

const PASSWORD = 'correct horse battery';

interface AuthLog {
  posts: Array<{ body: unknown; contentType: string | null; credentials: RequestCredentials }>;
  deletes: number;
  gets: number;
}

/** A stateful fake of the session endpoints: account `amina` (programme); after `failLimit` failures, 429 with Retry-After. */
function fakeAuth(opts: { start?: SessionResponse; failLimit?: number; retryAfter?: number } = {}) {
  let current = opts.start ?? publicSession;
  let failures = 0;
  const log: AuthLog = { posts: [], deletes: 0, gets: 0 };
  const problemJson = (status: number, title: string, detail: string, headers: Record<string, string> = {}) =>
    HttpResponse.json(problem.parse({ type: 'about:blank', title, status, detail }), {
      status,
      headers: { 'Content-Type': 'application/problem+json', ...headers },
    });
  server.use(
    http.get('*/api/v1/session', () => {
      log.gets += 1;
      return HttpResponse.json(current);
    }),
    http.post('*/api/v1/session', async ({ request }) => {
      const body = (await request.json()) as { username?: string; password?: string };
      log.posts.push({ body, contentType: request.headers.get('content-type'), credentials: request.credentials });
      if (opts.failLimit !== undefined && failures >= opts.failLimit) {
        return problemJson(429, 'Too Many Requests', `Too many failed attempts; try again in ${opts.retryAfter ?? 42} s`, {
          'Retry-After': String(opts.retryAfter ?? 42),
        });
      }
      if (body.username === 'amina' && body.password === PASSWORD) {
        current = as('amina', 'programme');
        return HttpResponse.json(current, { headers: { 'Set-Cookie': 'atlas_session=abc; Path=/; HttpOnly; SameSite=Lax' } });
      }
      failures += 1;
      return problemJson(401, 'Unauthorized', 'The user name or password is not right', { 'WWW-Authenticate': 'FormBased' });
    }),
    http.delete('*/api/v1/session', () => {
      log.deletes += 1;
      current = publicSession;
      return HttpResponse.json(current);
    }),
  );
  return log;
}

/** Another query on screen (like the map's): counts its fetches, to see the role change refetch it. */
let metaFetches = 0;
function MetaProbe() {
  // An answer computed for the role (flows): dropped and asked again when the role changes (/meta, the same for every
  // role, is kept).
  const q = useQuery({
    queryKey: ['flows', { groupBy: 'route', probe: 'session-test' }],
    queryFn: ({ signal }) => {
      metaFetches += 1;
      return fetchJson('/flows', aggregateResponse, { signal, params: { from: '2016-01-01', to: '2016-12-31', groupBy: 'route' } });
    },
    staleTime: Infinity,
  });
  return <p data-testid="probe">{q.data ? `${q.data.rows.length} routes` : 'loading'}</p>;
}

function SessionRole() {
  const s = useSession();
  return <p data-testid="probe-role">{s.data?.role ?? 'unknown'}</p>;
}

beforeEach(async () => {
  metaFetches = 0;
  await setLanguage('en');
});

async function openDialog(user: ReturnType<typeof userEvent.setup>) {
  await user.click(await screen.findByTestId('sign-in-open'));
  return screen.findByTestId('sign-in-dialog');
}

describe('session menu and sign-in dialog', () => {
  it('signed out: shows the public role tag and a Sign in button', async () => {
    fakeAuth();
    renderWithClient(<SessionMenu />);
    const menu = screen.getByTestId('session-menu');
    await waitFor(() => expect(within(menu).getByTestId('session-role')).toHaveTextContent('Public view'));
    expect(within(menu).getByTestId('sign-in-open')).toHaveTextContent('Sign in');
    expect(within(menu).getByTestId('sign-in-open')).toHaveAttribute('aria-haspopup', 'dialog');
    expect(screen.queryByTestId('sign-out')).toBeNull();
    expect(screen.queryByTestId('sign-in-dialog')).toBeNull();
  });

  it('sign-in success updates the menu and role, closes the dialog and refetches the other queries', async () => {
    const log = fakeAuth();
    const user = userEvent.setup();
    renderWithClient(
      <>
        <SessionMenu />
        <SessionRole />
        <MetaProbe />
      </>,
    );
    await waitFor(() => expect(screen.getByTestId('probe')).toHaveTextContent(/routes$/));
    expect(metaFetches).toBe(1);
    expect(screen.getByTestId('probe-role')).toHaveTextContent('public');

    const dialog = await openDialog(user);
    // A native <dialog> shown with showModal() (components/Dialog; tests/components/dialog.test.tsx).
    expect(dialog.tagName).toBe('DIALOG');
    expect(dialog).toHaveAttribute('open');
    expect(screen.getByRole('dialog', { name: 'Sign in' })).toBe(dialog);
    const username = within(dialog).getByLabelText('User name');
    const password = within(dialog).getByLabelText('Password');
    expect(username).toBe(screen.getByTestId('sign-in-username'));
    expect(username).toHaveAttribute('autocomplete', 'username');
    expect(password).toHaveAttribute('autocomplete', 'current-password');
    expect(password).toHaveAttribute('type', 'password');
    expect(username).toHaveFocus();

    await user.type(username, 'amina');
    await user.type(password, PASSWORD);
    await user.click(screen.getByTestId('sign-in-submit'));

    await waitFor(() => expect(screen.getByTestId('session-role')).toHaveTextContent('amina · Programme'));
    expect(screen.queryByTestId('sign-in-dialog')).toBeNull();
    expect(screen.getByTestId('sign-out')).toHaveFocus();
    expect(screen.getByTestId('probe-role')).toHaveTextContent('programme');
    expect(log.posts).toHaveLength(1);
    expect(log.posts[0]!.body).toEqual({ username: 'amina', password: PASSWORD });
    expect(log.posts[0]!.contentType).toMatch(/^application\/json/);
    expect(log.posts[0]!.credentials).toBe('same-origin');
    // The other queries were reset and refetched for the new role.
    await waitFor(() => expect(metaFetches).toBe(2));
    // The session was set from the POST answer, not by asking again.
    expect(log.gets).toBe(1);
    // Nothing about the session is kept in web storage or the URL.
    // (msw keeps its own mock cookie jar in localStorage; that is the test double, not the app.)
    const stored = (st: Storage) =>
      Array.from({ length: st.length }, (_, i) => st.key(i)!)
        .filter((k) => !k.startsWith('__msw'))
        .map((k) => `${k}=${st.getItem(k)}`);
    expect(stored(window.localStorage)).toEqual([]);
    expect(stored(window.sessionStorage)).toEqual([]);
    expect(window.location.href).not.toContain(PASSWORD);
    expect(window.location.search).toBe('');
  });

  it('wrong password: says so without saying which part, keeps the dialog open, clears the password', async () => {
    const log = fakeAuth();
    const user = userEvent.setup();
    renderWithClient(<SessionMenu />);
    const dialog = await openDialog(user);
    await user.type(screen.getByTestId('sign-in-username'), 'amina');
    await user.type(screen.getByTestId('sign-in-password'), 'not the password');
    await user.keyboard('{Enter}');

    const error = await screen.findByText('Wrong user name or password.');
    expect(error).toBe(screen.getByTestId('sign-in-error'));
    expect(error).toHaveAttribute('role', 'alert');
    expect(screen.getByTestId('sign-in-dialog')).toBe(dialog);
    expect(screen.getByTestId('sign-in-username')).toHaveValue('amina');
    expect(screen.getByTestId('sign-in-password')).toHaveValue('');
    expect(screen.getByTestId('sign-in-password')).toHaveFocus();
    expect(screen.getByTestId('sign-in-password')).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByTestId('sign-in-password')).toHaveAccessibleDescription('Wrong user name or password.');
    expect(screen.getByTestId('session-role')).toHaveTextContent('Public view');
    expect(log.posts).toHaveLength(1);

    // A second try with the right password works from the same dialog.
    await user.type(screen.getByTestId('sign-in-password'), PASSWORD);
    await user.click(screen.getByTestId('sign-in-submit'));
    await waitFor(() => expect(screen.getByTestId('session-role')).toHaveTextContent('amina · Programme'));
  });

  it('429: shows how long to wait (from Retry-After) and does not send again meanwhile', async () => {
    const log = fakeAuth({ failLimit: 0, retryAfter: 42 });
    const user = userEvent.setup();
    renderWithClient(<SessionMenu />);
    await openDialog(user);
    await user.type(screen.getByTestId('sign-in-username'), 'amina');
    await user.type(screen.getByTestId('sign-in-password'), PASSWORD);
    await user.click(screen.getByTestId('sign-in-submit'));
    await waitFor(() => expect(screen.getByTestId('sign-in-error')).toHaveTextContent('Too many attempts; try again in 42 seconds.'));
    expect(screen.getByTestId('sign-in-submit')).toHaveAttribute('aria-disabled', 'true');
    await user.click(screen.getByTestId('sign-in-submit'));
    expect(log.posts).toHaveLength(1);
    expect(screen.getByTestId('sign-in-dialog')).toBeInTheDocument();
  });

  it('empty fields: asks for both without sending anything', async () => {
    const log = fakeAuth();
    const user = userEvent.setup();
    renderWithClient(<SessionMenu />);
    await openDialog(user);
    await user.click(screen.getByTestId('sign-in-submit'));
    expect(screen.getByTestId('sign-in-error')).toHaveTextContent('Enter your user name and password.');
    expect(screen.getByTestId('sign-in-username')).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByTestId('sign-in-username')).toHaveFocus();
    expect(log.posts).toHaveLength(0);
  });

  it('shows a busy state while signing in', async () => {
    fakeAuth();
    let release: () => void = () => {};
    const gate = new Promise<void>((r) => (release = r));
    server.use(
      http.post('*/api/v1/session', async () => {
        await gate;
        return HttpResponse.json(as('amina', 'donor'));
      }),
    );
    const user = userEvent.setup();
    renderWithClient(<SessionMenu />);
    await openDialog(user);
    await user.type(screen.getByTestId('sign-in-username'), 'amina');
    await user.type(screen.getByTestId('sign-in-password'), PASSWORD);
    await user.click(screen.getByTestId('sign-in-submit'));
    await waitFor(() => expect(screen.getByTestId('sign-in-submit')).toHaveTextContent('Signing in…'));
    expect(screen.getByTestId('sign-in-submit')).toHaveAttribute('aria-disabled', 'true');
    expect(screen.getByTestId('sign-in-dialog').querySelector('form')).toHaveAttribute('aria-busy', 'true');
    act(() => release());
    await waitFor(() => expect(screen.getByTestId('session-role')).toHaveTextContent('amina · Donor'));
  });

  it('sign-out returns to the public view, refetches the other queries and gives focus to Sign in', async () => {
    const log = fakeAuth({ start: as('amina', 'government') });
    const user = userEvent.setup();
    renderWithClient(
      <>
        <SessionMenu />
        <MetaProbe />
      </>,
    );
    await waitFor(() => expect(screen.getByTestId('session-role')).toHaveTextContent('amina · Government'));
    await waitFor(() => expect(metaFetches).toBe(1));
    await user.click(screen.getByTestId('sign-out'));
    await waitFor(() => expect(screen.getByTestId('session-role')).toHaveTextContent('Public view'));
    expect(log.deletes).toBe(1);
    expect(screen.queryByTestId('sign-out')).toBeNull();
    expect(screen.getByTestId('sign-in-open')).toHaveFocus();
    await waitFor(() => expect(metaFetches).toBe(2));
  });

  it('the dialog is keyboard-operable: focus moves in, Tab moves through it, Escape closes and focus returns to the opener', async () => {
    fakeAuth();
    const user = userEvent.setup();
    renderWithClient(<SessionMenu />);
    const opener = await screen.findByTestId('sign-in-open');
    await user.tab();
    expect(opener).toHaveFocus();
    await user.keyboard('{Enter}');
    const dialog = await screen.findByTestId('sign-in-dialog');
    expect(opener).toHaveAttribute('aria-expanded', 'true');

    const username = screen.getByTestId('sign-in-username');
    const password = screen.getByTestId('sign-in-password');
    const submit = screen.getByTestId('sign-in-submit');
    const cancel = within(dialog).getByRole('button', { name: 'Cancel' });
    expect(username).toHaveFocus();
    await user.tab();
    expect(password).toHaveFocus();
    await user.tab();
    expect(submit).toHaveFocus();
    await user.tab();
    expect(cancel).toHaveFocus();
    // Focus does not leave the dialog: showModal() makes the rest of the page inert (the browser's, not imitated by jsdom).

    await user.keyboard('{Escape}');
    expect(screen.queryByTestId('sign-in-dialog')).toBeNull();
    expect(opener).toHaveFocus();
    expect(opener).toHaveAttribute('aria-expanded', 'false');

    // Cancel with the keyboard too; typed text does not survive closing.
    await user.keyboard('{Enter}');
    await user.type(await screen.findByTestId('sign-in-username'), 'amina');
    await user.tab();
    await user.tab();
    await user.tab();
    expect(within(screen.getByTestId('sign-in-dialog')).getByRole('button', { name: 'Cancel' })).toHaveFocus();
    await user.keyboard('{Enter}');
    expect(screen.queryByTestId('sign-in-dialog')).toBeNull();
    expect(opener).toHaveFocus();
    await user.keyboard('{Enter}');
    expect(await screen.findByTestId('sign-in-username')).toHaveValue('');
  });

  it('renders a hostile user name as text, never as HTML', async () => {
    const evil = '<img src=x onerror=alert(1)>';
    fakeAuth({ start: as(evil, 'donor') });
    const { container } = renderWithClient(<SessionMenu />);
    await waitFor(() => expect(screen.getByTestId('session-role')).toHaveTextContent(`${evil} · Donor`));
    expect(container.querySelector('img')).toBeNull();
    expect(document.querySelector('img')).toBeNull();
    expect(screen.getByTestId('session-role').textContent).toBe(`${evil} · Donor`);
  });

  it('speaks French when the interface language is French, and follows a change at once', async () => {
    fakeAuth();
    await setLanguage('fr');
    const user = userEvent.setup();
    renderWithClient(<SessionMenu />);
    await waitFor(() => expect(screen.getByTestId('session-role')).toHaveTextContent('Vue publique'));
    expect(screen.getByTestId('sign-in-open')).toHaveTextContent('Se connecter');
    const dialog = await openDialog(user);
    expect(within(dialog).getByLabelText('Nom d’utilisateur')).toHaveFocus();
    await user.type(within(dialog).getByLabelText('Nom d’utilisateur'), 'amina');
    await user.type(within(dialog).getByLabelText('Mot de passe'), 'faux mot de passe');
    await user.click(screen.getByTestId('sign-in-submit'));
    await waitFor(() => expect(screen.getByTestId('sign-in-error')).toHaveTextContent('Nom d’utilisateur ou mot de passe incorrect.'));
    await act(() => setLanguage('en'));
    expect(screen.getByTestId('sign-in-error')).toHaveTextContent('Wrong user name or password.');
    expect(screen.getByTestId('session-role')).toHaveTextContent('Public view');
  });

  it('the wait after too many attempts is a real plural, in both languages', () => {
    expect(i18n.t('session:tooManyAttemptsIn', { count: 1 })).toBe('Too many attempts; try again in 1 second.');
    expect(i18n.t('session:tooManyAttemptsIn', { count: 42 })).toBe('Too many attempts; try again in 42 seconds.');
    expect(i18n.t('session:tooManyAttemptsIn', { count: 1, lng: 'fr' })).toBe('Trop de tentatives ; réessayez dans 1 seconde.');
    expect(i18n.t('session:tooManyAttemptsIn', { count: 42, lng: 'fr' })).toBe('Trop de tentatives ; réessayez dans 42 secondes.');
  });

  it('the dialog can be used on its own: returnFocusTo, onSignedIn', async () => {
    fakeAuth();
    const user = userEvent.setup();
    const signedIn: SessionResponse[] = [];
    const closed: string[] = [];
    const target = document.createElement('button');
    target.textContent = 'elsewhere';
    document.body.append(target);
    const { rerender } = renderWithClient(<SignInDialog open returnFocusTo={target} onClose={(r) => closed.push(r)} onSignedIn={(s) => signedIn.push(s)} />);
    await user.type(screen.getByTestId('sign-in-username'), 'amina');
    await user.type(screen.getByTestId('sign-in-password'), PASSWORD);
    await user.click(screen.getByTestId('sign-in-submit'));
    await waitFor(() => expect(closed).toEqual(['signed-in']));
    expect(signedIn.map((s) => s.role)).toEqual(['programme']);
    rerender(<SignInDialog open={false} returnFocusTo={target} onClose={() => {}} />);
    expect(target).toHaveFocus();
    target.remove();
  });
});
