/** Shared react-query defaults (bulletproof-react style). */
import { QueryClient, type DefaultOptions } from '@tanstack/react-query';
import { ApiError } from '../api/client';

/** Client errors (4xx) and invalid answers will not get better by asking again; others get two more tries. */
export function shouldRetry(failureCount: number, error: unknown): boolean {
  if (error instanceof ApiError && (error.isClientError || error.kind === 'invalid-response')) return false;
  return failureCount < 2;
}

export const queryDefaults: DefaultOptions = {
  queries: {
    staleTime: 5 * 60_000,
    gcTime: 30 * 60_000,
    retry: shouldRetry,
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
