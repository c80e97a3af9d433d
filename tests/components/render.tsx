/** Renders a component with a fresh QueryClient (no retries, so error states show at once). */
import { render, type RenderOptions } from '@testing-library/react';
import type { ReactElement } from 'react';
import { AppProviders } from '../../src/client/app/providers';
import { createQueryClient } from '../../src/client/api/react-query';
import { useFilters } from '../../src/client/state/filters';
import { meta } from './handlers';

export function renderWithClient(ui: ReactElement, options?: RenderOptions) {
  const client = createQueryClient({ queries: { retry: false } });
  return { client, ...render(<AppProviders client={client}>{ui}</AppProviders>, options) };
}

/** The default period of the fixture meta, as the app sets it on start. */
export function setDefaultPeriod() {
  useFilters.getState().setPeriod(meta.defaultPeriod.from, meta.defaultPeriod.to);
}
