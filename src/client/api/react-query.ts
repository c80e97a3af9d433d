/** Shared react-query defaults (bulletproof-react style). */
import { QueryClient, type DefaultOptions } from '@tanstack/react-query';
import { ApiError } from './client';

export const MAX_RETRIES = 2;
/** Longest wait between tries, whatever Retry-After asks (the user is looking at the screen). */
export const MAX_RETRY_DELAY_MS = 30_000;

/**
 * Retries network errors, 5xx and 429 (too many requests), never another 4xx (asking again will not
 * help: bad parameter, forbidden…) nor an answer that failed validation. Two more tries at most.
 */
export function shouldRetry(failureCount: number, error: unknown): boolean {
  if (failureCount >= MAX_RETRIES) return false;
  if (!(error instanceof ApiError)) return true;
  if (error.kind === 'network') return true;
  if (error.kind === 'invalid-response') return false;
  return error.status === 429 || error.status >= 500;
}

/** Waits what Retry-After says when the server said it (capped), else exponential back-off: 1 s, 2 s, 4 s… */
export function retryDelay(failureCount: number, error: unknown): number {
  if (error instanceof ApiError && error.retryAfterMs !== null) return Math.min(error.retryAfterMs, MAX_RETRY_DELAY_MS);
  return Math.min(1000 * 2 ** Math.max(0, failureCount), MAX_RETRY_DELAY_MS);
}

export const queryDefaults: DefaultOptions = {
  queries: {
    staleTime: 5 * 60_000,
    gcTime: 30 * 60_000,
    retry: shouldRetry,
    retryDelay,
    refetchOnWindowFocus: false,
  },
};

export function createQueryClient(overrides: DefaultOptions = {}): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: { ...queryDefaults.queries, ...overrides.queries },
      mutations: { ...queryDefaults.mutations, ...overrides.mutations },
    },
  });
}
