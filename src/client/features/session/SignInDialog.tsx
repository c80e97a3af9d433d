/**
 * The sign-in dialog (components/Dialog: a native modal <dialog>, so the browser keeps focus inside), with labelled
 * user name and password fields, Escape to close and focus returned to whatever opened it. Errors come from the server's
 * problem+json: 401 → "Wrong user name or password." (the server never says which), 429 → the Retry-After wait,
 * during which the form will not submit. Nothing typed here is stored anywhere but React state.
 */
import { useEffect, useId, useRef, useState, type FormEvent, type RefObject } from 'react';
import type { SessionResponse } from '../../../shared/api';
import { ApiError } from '../../api/client';
import { Dialog } from '../../components/Dialog';
import { useSignIn } from './use-sign-in';
import type { TFunction } from 'i18next';
import { useTranslation } from '../../i18n/i18n';
import './i18n';
import './session.css';

export interface SignInDialogProps {
  /** Shown while true. */
  open: boolean;
  /** Asked to close: Escape, Cancel, or after a successful sign-in (`reason` says which). */
  onClose: (reason: 'cancel' | 'signed-in') => void;
  /** Called with the new session after a successful sign-in (the ['session'] cache is already updated). */
  onSignedIn?: (session: SessionResponse) => void;
  /** Where focus goes on close; defaults to the element focused when the dialog opened (if still in the page). */
  returnFocusTo?: HTMLElement | null;
}

/** The message for a failed sign-in, in the language of `t` (the `session` namespace's). */
export function signInErrorMessage(error: unknown, t: TFunction<'session'>): string {
  if (error instanceof ApiError) {
    if (error.kind === 'network') return t('network');
    if (error.status === 401) return t('wrongCredentials');
    if (error.status === 429) {
      return error.retryAfterMs === null ? t('tooManyAttempts') : t('tooManyAttemptsIn', { count: Math.max(1, Math.ceil(error.retryAfterMs / 1000)) });
    }
    return t('unexpected', { detail: error.detail });
  }
  return t('unexpected', { detail: error instanceof Error ? error.message : String(error) });
}

export function SignInDialog({ open, onClose, returnFocusTo, onSignedIn }: SignInDialogProps) {
  const usernameRef = useRef<HTMLInputElement>(null);
  const introId = `${useId()}-intro`;
  const { t } = useTranslation('session');
  return (
    <Dialog
      open={open}
      title={t('dialogTitle')}
      onClose={() => onClose('cancel')}
      initialFocus={usernameRef}
      returnFocusTo={returnFocusTo}
      describedBy={introId}
      testId="sign-in-dialog"
    >
      <p id={introId} className="session-dialog__intro">
        {t('dialogIntro')}
      </p>
      <SignInForm onClose={onClose} onSignedIn={onSignedIn} usernameRef={usernameRef} />
    </Dialog>
  );
}

/** The form; mounted with each opening, so nothing typed survives closing. */
function SignInForm({
  onClose,
  onSignedIn,
  usernameRef,
}: Pick<SignInDialogProps, 'onClose' | 'onSignedIn'> & { usernameRef: RefObject<HTMLInputElement | null> }) {
  const { t } = useTranslation('session');
  const ids = useId();
  const errorId = `${ids}-error`;
  const passwordRef = useRef<HTMLInputElement>(null);
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  /** What went wrong (`missing`: an empty field; else the sign-in's error), worded at render in the current language. */
  const [error, setError] = useState<{ cause: 'missing' | { error: unknown }; field: 'username' | 'password' | 'both' | null } | null>(null);
  /** Until when (ms) the server asked us to wait after a 429. */
  const [blockedUntil, setBlockedUntil] = useState<number | null>(null);
  const signIn = useSignIn();
  const busy = signIn.isPending;

  // After a 429, the form will not submit until the server's wait is over; then the message goes.
  useEffect(() => {
    if (blockedUntil === null) return;
    const timer = setTimeout(
      () => {
        setBlockedUntil(null);
        setError(null);
      },
      Math.max(0, blockedUntil - Date.now()),
    );
    return () => clearTimeout(timer);
  }, [blockedUntil]);

  // The timer above clears it when the wait is over.
  const blocked = blockedUntil !== null;

  const onSubmit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    if (busy || blocked) return;
    const name = username.trim();
    if (name === '' || password === '') {
      const field = name === '' && password === '' ? 'both' : name === '' ? 'username' : 'password';
      setError({ cause: 'missing', field });
      (field === 'password' ? passwordRef : usernameRef).current?.focus();
      return;
    }
    setError(null);
    signIn.mutate(
      { username: name, password },
      {
        onSuccess: (session) => {
          setPassword('');
          onSignedIn?.(session);
          onClose('signed-in');
        },
        onError: (err) => {
          setError({ cause: { error: err }, field: err instanceof ApiError && err.status === 401 ? 'both' : null });
          if (err instanceof ApiError && err.status === 429) {
            setBlockedUntil(Date.now() + (err.retryAfterMs ?? 30_000));
          }
          if (err instanceof ApiError && err.status === 401) {
            setPassword('');
            passwordRef.current?.focus();
          }
        },
      },
    );
  };

  const invalid = (f: 'username' | 'password') => (error && (error.field === f || error.field === 'both') ? true : undefined);
  const describedBy = (f: 'username' | 'password') => (invalid(f) ? errorId : undefined);

  return (
    <form className="session-dialog__form" method="post" noValidate onSubmit={onSubmit} aria-busy={busy || undefined}>
      <label className="session-dialog__field">
        <span className="session-dialog__label">{t('username')}</span>
        <input
          ref={usernameRef}
          name="username"
          type="text"
          autoComplete="username"
          autoCapitalize="none"
          autoCorrect="off"
          spellCheck={false}
          maxLength={128}
          required
          aria-invalid={invalid('username')}
          aria-describedby={describedBy('username')}
          value={username}
          onChange={(e) => setUsername(e.target.value)}
          data-testid="sign-in-username"
        />
      </label>
      <label className="session-dialog__field">
        <span className="session-dialog__label">{t('password')}</span>
        <input
          ref={passwordRef}
          name="password"
          type="password"
          autoComplete="current-password"
          maxLength={1024}
          required
          aria-invalid={invalid('password')}
          aria-describedby={describedBy('password')}
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          data-testid="sign-in-password"
        />
      </label>
      <p id={errorId} className="session-dialog__error" role="alert" data-testid="sign-in-error">
        {error ? (error.cause === 'missing' ? t('missingFields') : signInErrorMessage(error.cause.error, t)) : null}
      </p>
      <div className="dialog__actions">
        <button type="submit" className="btn session-dialog__submit" aria-disabled={busy || blocked || undefined} data-testid="sign-in-submit">
          {busy ? t('signingIn') : t('submit')}
        </button>
        <button type="button" className="btn" onClick={() => onClose('cancel')} data-testid="sign-in-cancel">
          {t('cancel')}
        </button>
      </div>
    </form>
  );
}
