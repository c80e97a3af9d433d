/**
 * The header's account corner. Signed out: a "Public view" role tag and a "Sign in" button that opens the
 * sign-in dialog. Signed in: "username · Role" and "Sign out". While the session is loading, or when it cannot be
 * read, it shows the public state (the server decides what is sent either way).
 */
import { lazy, Suspense, useEffect, useRef, useState } from 'react';
import type { SessionResponse } from '../../../shared/api';
import { useSession, useSignOut } from './api';
import { useTranslation } from '../../i18n/i18n';
import './i18n';
import './session.css';

/** The sign-in dialog loads when it is first opened: it is not part of the first map's JavaScript. */
const SignInDialog = lazy(() => import('./SignInDialog').then((m) => ({ default: m.SignInDialog })));

export interface SessionMenuProps {
  /** Called after a sign-in or sign-out has been applied (the query cache is already updated). */
  onSessionChange?: (session: SessionResponse) => void;
}

export function SessionMenu({ onSessionChange }: SessionMenuProps) {
  const { t } = useTranslation('session');
  const session = useSession();
  const signOut = useSignOut();
  const [open, setOpen] = useState(false);
  const openerRef = useRef<HTMLButtonElement>(null);
  const signOutRef = useRef<HTMLButtonElement>(null);
  /** Where focus goes after the role changed (the button that had it is gone). */
  const [focusNext, setFocusNext] = useState<{ to: 'sign-out' | 'sign-in'; n: number } | null>(null);
  /** The last request moved, so a later change of role does not move focus again. */
  const focusDone = useRef(0);

  const data = session.data;
  const signedIn = !!data && data.username !== null && data.role !== 'public';

  useEffect(() => {
    if (!focusNext || focusDone.current === focusNext.n) return;
    if (focusNext.to === 'sign-out' && signedIn) signOutRef.current?.focus();
    else if (focusNext.to === 'sign-in' && !signedIn) openerRef.current?.focus();
    else return;
    focusDone.current = focusNext.n;
  }, [focusNext, signedIn]);

  const onSignOut = () => {
    if (signOut.isPending) return;
    signOut.mutate(undefined, {
      onSuccess: (next) => {
        setFocusNext((p) => ({ to: 'sign-in', n: (p?.n ?? 0) + 1 }));
        onSessionChange?.(next);
      },
    });
  };

  return (
    <div className="session-menu" role="group" aria-label={t('menuLabel')} data-testid="session-menu" data-role={data?.role ?? 'public'}>
      {signedIn ? (
        <>
          <span className="session-menu__role session-menu__role--signed-in" data-testid="session-role">
            {t('signedInAs', { username: data.username!, role: t(`roles.${data.role}`) })}
          </span>
          <button
            ref={signOutRef}
            type="button"
            className="btn btn--small session-menu__button"
            onClick={onSignOut}
            aria-disabled={signOut.isPending || undefined}
            data-testid="sign-out"
          >
            {signOut.isPending ? t('signingOut') : t('signOut')}
          </button>
          {signOut.isError ? (
            <span className="session-menu__error" role="alert" data-testid="sign-out-error">
              {t('signOutFailed')}
            </span>
          ) : null}
        </>
      ) : (
        <>
          <span className="session-menu__role" data-testid="session-role">
            {t('publicView')}
          </span>
          <button
            ref={openerRef}
            type="button"
            className="btn btn--small session-menu__button"
            aria-haspopup="dialog"
            aria-expanded={open}
            onClick={() => setOpen(true)}
            data-testid="sign-in-open"
          >
            {t('signIn')}
          </button>
        </>
      )}
      {open ? (
        <Suspense fallback={null}>
          <SignInDialog
            open={open}
            onClose={(reason) => {
              setOpen(false);
              if (reason === 'signed-in') setFocusNext((p) => ({ to: 'sign-out', n: (p?.n ?? 0) + 1 }));
            }}
            onSignedIn={onSessionChange}
          />
        </Suspense>
      ) : null}
    </div>
  );
}
