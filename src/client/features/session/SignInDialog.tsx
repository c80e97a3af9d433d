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
import { useSignIn } from './api';
import { sessionStringsFor, type SessionStrings } from './strings';
import './session.css';

export interface SignInDialogProps {
  /** Shown while true. */
  open: boolean;
  /** Asked to close: Escape, Cancel, or after a successful sign-in (`reason` says which). */
  onClose: (reason: 'cancel' | 'signed-in') => void;
  /** Called with the new session after a successful sign-in (the ['session'] cache is already updated). */
  onSignedIn?: (session: SessionResponse) => void;
  /** "en" or "fr"; defaults to `<html lang>`. */
  lang?: string;
  /** Where focus goes on close; defaults to the element focused when the dialog opened (if still in the page). */
  returnFocusTo?: HTMLElement | null;
}

/** The message for a failed sign-in. */
export function signInErrorMessage(error: unknown, s: SessionStrings): string {
  if (error instanceof ApiError) {
    if (error.kind === 'network') return s.network;
    if (error.status === 401) return s.wrongCredentials;
    if (error.status === 429) return s.tooManyAttempts(error.retryAfterMs === null ? null : Math.max(1, Math.ceil(error.retryAfterMs / 1000)));
    return s.unexpected(error.detail);
  }
  return s.unexpected(error instanceof Error ? error.message : String(error));
}

export function SignInDialog({ open, onClose, lang, returnFocusTo, onSignedIn }: SignInDialogProps) {
  const usernameRef = useRef<HTMLInputElement>(null);
  const introId = `${useId()}-intro`;
  const s = sessionStringsFor(lang);
  return (
    <Dialog
      open={open}
      title={s.dialogTitle}
      onClose={() => onClose('cancel')}
      initialFocus={usernameRef}
      returnFocusTo={returnFocusTo}
      describedBy={introId}
      lang={lang}
      testId="sign-in-dialog"
    >
      <p id={introId} className="session-dialog__intro">
        {s.dialogIntro}
      </p>
      <SignInForm onClose={onClose} onSignedIn={onSignedIn} lang={lang} usernameRef={usernameRef} />
    </Dialog>
  );
}

/** The form; mounted with each opening, so nothing typed survives closing. */
function SignInForm({
  onClose,
  onSignedIn,
  lang,
  usernameRef,
}: Pick<SignInDialogProps, 'onClose' | 'onSignedIn' | 'lang'> & { usernameRef: RefObject<HTMLInputElement | null> }) {
  const s = sessionStringsFor(lang);
  const ids = useId();
  const errorId = `${ids}-error`;
  const passwordRef = useRef<HTMLInputElement>(null);
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<{ message: string; field: 'username' | 'password' | 'both' | null } | null>(null);
  /** Until when (ms) the server asked us to wait after a 429. */
  const [blockedUntil, setBlockedUntil] = useState<number | null>(null);
  const signIn = useSignIn();
  const busy = signIn.isPending;

  // After a 429, the form will not submit until the server's wait is over; then the message goes.
  useEffect(() => {
    if (blockedUntil === null) return;
    const timer = setTimeout(() => {
      setBlockedUntil(null);
      setError(null);
    }, Math.max(0, blockedUntil - Date.now()));
    return () => clearTimeout(timer);
  }, [blockedUntil]);

  const blocked = blockedUntil !== null && blockedUntil > Date.now();

  const onSubmit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    if (busy || blocked) return;
    const name = username.trim();
    if (name === '' || password === '') {
      const field = name === '' && password === '' ? 'both' : name === '' ? 'username' : 'password';
      setError({ message: s.missingFields, field });
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
          setError({ message: signInErrorMessage(err, s), field: err instanceof ApiError && err.status === 401 ? 'both' : null });
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
        <span className="session-dialog__label">{s.username}</span>
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
        <span className="session-dialog__label">{s.password}</span>
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
        {error?.message}
      </p>
      <div className="dialog__actions">
        <button
          type="submit"
          className="btn session-dialog__submit"
          aria-disabled={busy || blocked || undefined}
          data-testid="sign-in-submit"
        >
          {busy ? s.signingIn : s.submit}
        </button>
        <button type="button" className="btn" onClick={() => onClose('cancel')} data-testid="sign-in-cancel">
          {s.cancel}
        </button>
      </div>
    </form>
  );
}
