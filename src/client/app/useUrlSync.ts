/**
 * URL ⇄ stores. Once /meta is known the state is restored from the URL (any version, migrated), then the
 * URL follows the stores: deliberate changes (view, period, filters, selection, language) push a history
 * entry, map panning only replaces the current one. Back/forward (popstate) restore the state of the entry.
 */
import { useEffect, useRef, useState } from 'react';
import type { MetaResponse, SessionResponse } from '../../shared/api';
import { viewsFor } from '../../shared/views';
import { viewFilters, wholeMonthsFor, type Access } from '../api/view-filters';
import { currentLanguage, i18n, setLanguage, type Language } from '../i18n/i18n';
import { selectFilterValues, useFilters, useSelection } from '../state/filters';
import { useView, type View } from '../state/view';
import { historyKey, parseUrlState, serializeUrlState } from './url';

/** Set while the stores are being written from the URL, so that writing does not echo back into history. */
let restoring = false;
/**
 * The language the URL is switching to (set until i18next has changed to it): switching loads the catalogue first, so
 * its `languageChanged` comes after `restoring` is over, and must not push a history entry either.
 */
let restoringLanguage: Language | null = null;

/**
 * Applies the URL to the stores. `landingView` is the view for a link that names none (a bare address, `/?lang=fr`):
 * the visitor's own (src/shared/views.ts). With the session's `access` known, what the role cannot use is not
 * applied: a view it cannot use becomes its landing view with a notice saying why, the period is widened to whole
 * months for roles that see months only, and of two breakdown filters the role may not combine the later is dropped.
 */
export function applyUrlToStores(meta: MetaResponse, search: string, landingView: View = 'flows', access?: Access): void {
  restoring = true;
  try {
    const url = parseUrlState(search, meta.dateRange);
    const asked = url.view ?? null;
    const usable = access ? viewsFor(access) : null;
    const view = asked === null ? landingView : usable && !usable.includes(asked) ? landingView : asked;
    const period = wholeMonthsFor(access, { from: url.filters.from ?? meta.defaultPeriod.from, to: url.filters.to ?? meta.defaultPeriod.to }, meta.dateRange);
    const s = useFilters.getState();
    s.patch({
      direction: url.filters.direction ?? null,
      nationality: url.filters.nationality ?? null,
      sex: url.filters.sex ?? null,
      ageGroup: url.filters.ageGroup ?? null,
    });
    s.setPeriod(period.from, period.to);
    const conflicting = viewFilters(view, access, selectFilterValues(useFilters.getState())).conflicting;
    if (conflicting.length > 0) s.patch(Object.fromEntries(conflicting.map((k) => [k, null])));
    useSelection.getState().select(url.selected);
    // The language is i18next's: switched here (English at once, French once its catalogue is in), and the
    // `languageChanged` it fires is not written back to history (see `restoringLanguage`).
    const lang = url.lang ?? 'en';
    if (lang !== currentLanguage()) {
      restoringLanguage = lang;
      void setLanguage(lang).finally(() => {
        if (restoringLanguage === lang) restoringLanguage = null;
      });
    }
    useView.setState({
      view,
      requested: asked,
      notice: asked !== null && asked !== view ? asked : null,
      viewport: url.viewport ?? null,
      colourBy: url.colourBy ?? 'direction',
    });
  } finally {
    restoring = false;
  }
}

/**
 * Runs `change` (store writes the app makes on its own: following a sign-in, fitting filters to a role) without a
 * history entry of its own: the current entry is replaced with the result.
 */
export function withoutHistory(change: () => void): void {
  if (restoring) return change();
  restoring = true;
  try {
    change();
  } finally {
    restoring = false;
  }
  writeUrl('replace');
}

export function currentUrlSearch(): string {
  const v = useView.getState();
  return serializeUrlState({
    filters: selectFilterValues(useFilters.getState()),
    selected: useSelection.getState().selected,
    view: v.view,
    // The language being restored counts as current: the URL keeps it while its catalogue loads.
    lang: restoringLanguage ?? currentLanguage(),
    viewport: v.viewport,
    colourBy: v.colourBy,
  });
}

/** Writes the stores to the URL: a new history entry when something other than the viewport changed. */
export function writeUrl(mode: 'auto' | 'replace' = 'auto'): void {
  if (restoring) return;
  const next = currentUrlSearch();
  const cur = window.location.search;
  if (next === cur) return;
  const push = mode === 'auto' && !useView.getState().playing && historyKey(next) !== historyKey(cur);
  const href = `${window.location.pathname}${next}${window.location.hash}`;
  if (push) window.history.pushState(null, '', href);
  else window.history.replaceState(window.history.state, '', href);
}

/**
 * Returns true once the stores hold the initial state (so queries can start). Waits for /meta and the landing view
 * (which waits for the session); later changes of either do not re-read the URL (App follows a role change itself).
 */
export function useUrlSync(meta: MetaResponse | undefined, landingView: View | undefined, session?: SessionResponse): boolean {
  const [ready, setReady] = useState(false);
  // Read by back/forward: the role may have changed since the page opened.
  const current = useRef({ meta, landingView, access: session?.access });
  useEffect(() => {
    current.current = { meta: meta ?? current.current.meta, landingView, access: session?.access };
  });
  const canStart = !!meta && !!landingView;

  // Once: the URL → the stores.
  useEffect(() => {
    const c = current.current;
    if (!canStart || ready || !c.meta) return;
    applyUrlToStores(c.meta, window.location.search, c.landingView, c.access);
    writeUrl('replace');
    setReady(true);
  }, [canStart, ready]);

  // Then: the stores → the URL, and back/forward → the stores.
  useEffect(() => {
    if (!ready) return;
    const unsubFilters = useFilters.subscribe(() => writeUrl());
    const unsubSelection = useSelection.subscribe((s, prev) => {
      if (s.selected !== prev.selected) writeUrl();
    });
    const unsubView = useView.subscribe((s, prev) => {
      if (s.view !== prev.view || s.colourBy !== prev.colourBy) writeUrl();
      else if (s.viewport !== prev.viewport) writeUrl('replace');
    });
    // A language chosen in the header is a deliberate change (a history entry); one restored from the URL is not.
    const onLanguage = (lng: string) => {
      if (restoringLanguage === lng) {
        restoringLanguage = null;
        writeUrl('replace');
      } else writeUrl();
    };
    i18n.on('languageChanged', onLanguage);
    const onPop = () => {
      const c = current.current;
      if (c.meta) applyUrlToStores(c.meta, window.location.search, c.landingView, c.access);
    };
    window.addEventListener('popstate', onPop);
    return () => {
      unsubFilters();
      unsubSelection();
      unsubView();
      i18n.off('languageChanged', onLanguage);
      window.removeEventListener('popstate', onPop);
    };
  }, [ready]);

  return ready;
}
