/** Component-test setup: jest-dom matchers, msw (unhandled requests fail), stores reset after each test. */
import '@testing-library/jest-dom/vitest';
import { cleanup, configure } from '@testing-library/react';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { resetStores } from '../../src/client/state/filters';
import { setLanguage } from '../../src/client/i18n/i18n';
import { markFirstMapIdle } from '../../src/client/map/first-idle';
import { handlers, resetHandlerState } from './handlers';

export const server = setupServer(...handlers);

// The views' side panels are lazy chunks: on a busy CI machine the first import of one (vite transforming it) has
// taken longer than testing-library's 1 s default (role-navigation, CI of 2026-12-05). findBy*/waitFor wait up to 5 s;
// a panel that never appears still fails.
configure({ asyncUtilTimeout: 5000 });

// jsdom has no modal dialogs (components/Dialog uses showModal): showModal/close set and clear `open` (close fires
// `close`), and Escape cancels the topmost modal dialog as browsers do: a cancelable `cancel` event on it, then
// close() unless that was cancelled; nothing when the key's default was prevented. Focus trapping (the page made
// inert) is the browser's and is not imitated.
const modals: HTMLDialogElement[] = [];
HTMLDialogElement.prototype.showModal = function showModal(this: HTMLDialogElement) {
  if (this.open) throw new DOMException('The dialog is already open.', 'InvalidStateError');
  this.setAttribute('open', '');
  modals.push(this);
};
HTMLDialogElement.prototype.close = function close(this: HTMLDialogElement) {
  if (!this.open) return;
  this.removeAttribute('open');
  modals.splice(modals.indexOf(this), 1);
  this.dispatchEvent(new Event('close'));
};
document.addEventListener(
  'keydown',
  (e) => {
    if (e.key !== 'Escape') return;
    // After the event's dispatch, as the browser's default action would be.
    queueMicrotask(() => {
      const top = modals.filter((d) => d.isConnected).at(-1);
      if (!top || e.defaultPrevented) return;
      if (top.dispatchEvent(new Event('cancel', { cancelable: true }))) top.close();
    });
  },
  true,
);

// MapLibre does not run in jsdom (MapView is mocked): say the first map is drawn, so the chunks waiting for it mount.
markFirstMapIdle();

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(async () => {
  cleanup();
  server.resetHandlers();
  resetStores();
  // resetStores switches back to English; the next test starts once it has.
  await setLanguage('en');
  resetHandlerState();
  window.history.replaceState(null, '', '/');
});
afterAll(() => server.close());
