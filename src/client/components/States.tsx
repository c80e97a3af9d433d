/** Loading, empty, error and "stale data" states, shared by the map overlay, the views and the panels. */
import { useState } from 'react';
import { ApiError } from '../api/client';
import { formatClock } from '../i18n/format';
import { i18n, useLanguage, useTranslation } from '../i18n/i18n';

export function Loading({ label, inline = false }: { label?: string; inline?: boolean }) {
  const { t } = useTranslation();
  return (
    <div className={inline ? 'state state--inline' : 'state'} role="status" aria-live="polite" data-testid="loading">
      <span className="spinner" aria-hidden="true" />
      <span>{label ?? t('loading')}</span>
    </div>
  );
}

export function EmptyState({ message }: { message?: string }) {
  const { t } = useTranslation();
  return (
    <div className="state state--empty" role="status" data-testid="empty">
      {message ?? t('empty')}
    </div>
  );
}

/** What to show a person: a plain sentence for 403 (not allowed at this level), else the server's detail. */
export function errorDetail(error: unknown): string {
  if (error instanceof ApiError) return error.isForbidden ? i18n.t('forbidden') : error.detail;
  if (error instanceof Error) return error.message;
  return String(error);
}

export function ErrorState({ error, onRetry, title }: { error: unknown; onRetry?: (() => void) | undefined; title?: string }) {
  const forbidden = error instanceof ApiError && error.isForbidden;
  const { t } = useTranslation();
  return (
    <div className={forbidden ? 'state state--forbidden' : 'state state--error'} role="alert" data-testid={forbidden ? 'forbidden' : 'error'}>
      <strong>{title ?? (forbidden ? t('forbiddenTitle') : t('errorTitle'))}</strong>
      <p className="state__detail" data-testid="error-detail">
        {errorDetail(error)}
      </p>
      {onRetry && !forbidden ? (
        <button type="button" className="btn" onClick={onRetry} data-testid="retry">
          {t('retry')}
        </button>
      ) : null}
    </div>
  );
}

/** The last data stays on screen when a refresh fails: this note says from when, with a retry. */
export function StaleNote({ asOf, onRetry, error }: { asOf: number; onRetry: () => void; error: unknown }) {
  const { t } = useTranslation();
  const lang = useLanguage();
  return (
    <div className="state state--stale" role="alert" data-testid="stale">
      <span>{t('staleAsOf', { time: formatClock(asOf, lang) })}</span>
      <span className="visually-hidden">{errorDetail(error)}</span>
      <button type="button" className="btn btn--small" onClick={onRetry} data-testid="retry">
        {t('retry')}
      </button>
    </div>
  );
}

/**
 * The last defined value and when it was seen: a query that fails after a filter change loses its data
 * (react-query shows placeholder data only while pending), but the screen keeps the last good answer.
 */
export function useLastGood<T>(data: T | undefined, updatedAt: number): { data: T | undefined; at: number } {
  const [last, setLast] = useState<{ data: T | undefined; at: number }>({ data: undefined, at: 0 });
  // Adjusting state while rendering (React's pattern for state derived from changing props): no extra commit.
  if (data !== undefined && (data !== last.data || (updatedAt && updatedAt !== last.at))) {
    const next = { data, at: updatedAt || last.at };
    setLast(next);
    return next;
  }
  return last;
}
