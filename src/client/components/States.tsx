/** Loading, empty and error states, shared by the map overlay and the panels. */
import { ApiError } from '../api/client';
import { t } from '../lib/strings';

export function Loading({ label = t.loading, inline = false }: { label?: string; inline?: boolean }) {
  return (
    <div className={inline ? 'state state--inline' : 'state'} role="status" aria-live="polite" data-testid="loading">
      <span className="spinner" aria-hidden="true" />
      <span>{label}</span>
    </div>
  );
}

export function EmptyState({ message = t.empty }: { message?: string }) {
  return (
    <div className="state state--empty" role="status" data-testid="empty">
      {message}
    </div>
  );
}

export function errorDetail(error: unknown): string {
  if (error instanceof ApiError) return error.detail;
  if (error instanceof Error) return error.message;
  return String(error);
}

export function ErrorState({ error, onRetry, title = t.errorTitle }: { error: unknown; onRetry?: () => void; title?: string }) {
  return (
    <div className="state state--error" role="alert" data-testid="error">
      <strong>{title}</strong>
      <p className="state__detail" data-testid="error-detail">
        {errorDetail(error)}
      </p>
      {onRetry ? (
        <button type="button" className="btn" onClick={onRetry} data-testid="retry">
          {t.retry}
        </button>
      ) : null}
    </div>
  );
}
