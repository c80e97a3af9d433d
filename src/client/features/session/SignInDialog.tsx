/**
 * The sign-in dialog: a modal `role="dialog"` (portalled to <body>) with a focus trap, labelled user name and
 * password fields, Escape to close and focus returned to whatever opened it. Errors come from the server's
 * problem+json: 401 → "Wrong user name or password." (the server never says which), 429 → the Retry-After wait,
 * during which the form will not submit. Nothing typed here is stored anywhere but React state.
 */
import { useEffect, useId, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { createPortal } from 'react-dom';
import type { SessionResponse } from '../../../shared/api';
import { ApiError } from '../../api/client';
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

const FOCUSABLE = 'a[href], button:not([disabled]), input:not([disabled]):not([type="hidden"]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

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

export function SignInDialog({ open, onClose, onSignedIn, lang, returnFocusTo }: SignInDialogProps) {
  if (!open || typeof document === 'undefined') return null;
  return createPortal(<DialogBody onClose={onClose} onSignedIn={onSignedIn} lang={lang} returnFocusTo={returnFocusTo} />, document.body);
}

function DialogBody({ onClose, onSignedIn, lang, returnFocusTo }: Omit<SignInDialogProps, 'open'>) {
  const s = sessionStringsFor(lang);
  const ids = useId();
  const titleId = `${ids}-title`;
  const introId = `${ids}-intro`;
  const errorId = `${ids}-error`;
  const dialogRef = useRef<HTMLDivElement>(null);
  const usernameRef = useRef<HTMLInputElement>(null);
  const passwordRef = useRef<HTMLInputElement>(null);
  const returnRef = useRef<HTMLElement | null>(null);
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<{ message: string; field: 'username' | 'password' | 'both' | null } | null>(null);
  /** Until when (ms) the server asked us to wait after a 429. */
  const [blockedUntil, setBlockedUntil] = useState<number | null>(null);
  const signIn = useSignIn();
  const busy = signIn.isPending;

  // Remember the opener, focus the first field; on close, give focus back.
  useEffect(() => {
    const active = document.activeElement;
    returnRef.current = returnFocusTo ?? (active instanceof HTMLElement && active !== document.body ? active : null);
    usernameRef.current?.focus();
    return () => {
      const target = returnRef.current;
      if (target && target.isConnected) target.focus();
    };
    // Runs once per opening (the body mounts with the dialog); a later returnFocusTo is taken by the next effect.
  }, []);
  useEffect(() => {
    if (returnFocusTo) returnRef.current = returnFocusTo;
  }, [returnFocusTo]);

  // Keep focus inside while open (a click on the backdrop, or focus moved by script).
  useEffect(() => {
    const onFocusIn = (e: FocusEvent) => {
      const dialog = dialogRef.current;
      if (dialog && e.target instanceof Node && !dialog.contains(e.target)) usernameRef.current?.focus();
    };
    document.addEventListener('focusin', onFocusIn);
    return () => document.removeEventListener('focusin', onFocusIn);
  }, []);

  // After a 429, the form will not submit until the server's wait is over; then the message goes.
  useEffect(() => {
    if (blockedUntil === null) return;
    const timer = setTimeout(() => {
      setBlockedUntil(null);
      setError(null);
    }, Math.max(0, blockedUntil - Date.now()));
    return () => clearTimeout(timer);
  }, [blockedUntil]);

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.key === 'Escape') {
      e.preventDefault();
      e.stopPropagation();
      onClose('cancel');
      return;
    }
    if (e.key !== 'Tab') return;
    const dialog = dialogRef.current;
    if (!dialog) return;
    const items = [...dialog.querySelectorAll<HTMLElement>(FOCUSABLE)].filter((el) => el.tabIndex >= 0);
    if (items.length === 0) return;
    const first = items[0]!;
    const last = items[items.length - 1]!;
    const active = document.activeElement;
    if (e.shiftKey && (active === first || !dialog.contains(active))) {
      e.preventDefault();
      last.focus();
    } else if (!e.shiftKey && (active === last || !dialog.contains(active))) {
      e.preventDefault();
      first.focus();
    }
  };

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
    <div className="session-backdrop">
      <div
        ref={dialogRef}
        className="session-dialog"
        role="dialog"
        aria-modal="true"
        aria-labelledby={titleId}
        aria-describedby={introId}
        lang={lang}
        data-testid="sign-in-dialog"
        onKeyDown={onKeyDown}
      >
        <h2 id={titleId} className="session-dialog__title">
          {s.dialogTitle}
        </h2>
        <p id={introId} className="session-dialog__intro">
          {s.dialogIntro}
        </p>
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
          <div className="session-dialog__actions">
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
      </div>
    </div>
  );
}
