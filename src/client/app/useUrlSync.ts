/**
 * URL ⇄ stores. Once /meta is known the state is restored from the URL (any version, migrated), then the
 * URL follows the stores: deliberate changes (view, period, filters, selection, language) push a history
 * entry, map panning only replaces the current one. Back/forward (popstate) restore the state of the entry.
 */
import { useEffect, useState } from 'react';
import type { MetaResponse } from '../../shared/api';
import { setLanguage } from '../lib/strings';
import { selectFilterValues, useFilters, useSelection } from '../state/filters';
import { useView, type View } from '../state/view';
import { historyKey, parseUrlState, serializeUrlState } from './url';

/** Set while the stores are being written from the URL, so that writing does not echo back into history. */
let restoring = false;

/**
 * `landingView` is the view for a bare address (no query string): the one the visitor's role can use
 * (signed-out visitors only get admin-1 figures, so they land on hotspots). Any link with parameters keeps its own.
 */
export function applyUrlToStores(meta: MetaResponse, search: string, landingView: View = 'flows'): void {
  restoring = true;
  try {
    const url = parseUrlState(search, meta.dateRange);
    const from = url.filters.from ?? meta.defaultPeriod.from;
    const to = url.filters.to ?? meta.defaultPeriod.to;
    const s = useFilters.getState();
    s.patch({
      direction: url.filters.direction ?? null,
      nationality: url.filters.nationality ?? null,
      sex: url.filters.sex ?? null,
      ageGroup: url.filters.ageGroup ?? null,
    });
    s.setPeriod(from, to);
    useSelection.getState().select(url.selected);
    const lang = url.lang ?? 'en';
    setLanguage(lang);
    const bare = search === '' || search === '?';
    useView.setState({ view: bare ? landingView : (url.view ?? 'flows'), lang, viewport: url.viewport ?? null, colourBy: url.colourBy ?? 'direction' });
  } finally {
    restoring = false;
  }
}

export function currentUrlSearch(): string {
  const v = useView.getState();
  return serializeUrlState({
    filters: selectFilterValues(useFilters.getState()),
    selected: useSelection.getState().selected,
    view: v.view,
    lang: v.lang,
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

/** Returns true once the stores hold the initial state (so queries can start). */
export function useUrlSync(meta: MetaResponse | undefined, landingView: View | undefined): boolean {
  const [ready, setReady] = useState(false);

  useEffect(() => {
    if (!meta || !landingView) return;
    applyUrlToStores(meta, window.location.search, landingView);
    writeUrl('replace');
    setReady(true);
    const unsubFilters = useFilters.subscribe(() => writeUrl());
    const unsubSelection = useSelection.subscribe((s, prev) => {
      if (s.selected !== prev.selected) writeUrl();
    });
    const unsubView = useView.subscribe((s, prev) => {
      if (s.lang !== prev.lang && !restoring) setLanguage(s.lang);
      if (s.view !== prev.view || s.lang !== prev.lang || s.colourBy !== prev.colourBy) writeUrl();
      else if (s.viewport !== prev.viewport) writeUrl('replace');
    });
    const onPop = () => applyUrlToStores(meta, window.location.search, landingView);
    window.addEventListener('popstate', onPop);
    return () => {
      unsubFilters();
      unsubSelection();
      unsubView();
      window.removeEventListener('popstate', onPop);
    };
  }, [meta, landingView]);

  return ready;
}
