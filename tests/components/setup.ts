/** Component-test setup: jest-dom matchers, msw (unhandled requests fail), stores reset after each test. */
import '@testing-library/jest-dom/vitest';
import { cleanup } from '@testing-library/react';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { resetStores } from '../../src/client/state/filters';
import { markFirstMapIdle } from '../../src/client/map/first-idle';
import { handlers, resetHandlerState } from './handlers';

export const server = setupServer(...handlers);

// MapLibre does not run in jsdom (MapView is mocked): say the first map is drawn, so the chunks waiting for it mount.
markFirstMapIdle();

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => {
  cleanup();
  server.resetHandlers();
  resetStores();
  resetHandlerState();
  window.history.replaceState(null, '', '/');
});
afterAll(() => server.close());
