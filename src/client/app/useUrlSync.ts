/** URL ⇄ store: restore filters and selection from the URL once /meta is known, then keep the URL current. */
import { useEffect, useState } from 'react';
import type { MetaResponse } from '../../shared/api';
import { selectFilterValues, useFilters, useSelection } from '../state/filters';
import { parseUrlState, serializeUrlState } from './url';

function applyFromUrl(meta: MetaResponse, search: string) {
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
}

function writeUrl() {
  const next = serializeUrlState(selectFilterValues(useFilters.getState()), useSelection.getState().selected);
  if (next !== window.location.search) {
    window.history.replaceState(window.history.state, '', `${window.location.pathname}${next}${window.location.hash}`);
  }
}

/** Returns true once the store holds the initial state (so queries can start). */
export function useUrlSync(meta: MetaResponse | undefined): boolean {
  const [ready, setReady] = useState(false);

  useEffect(() => {
    if (!meta) return;
    applyFromUrl(meta, window.location.search);
    writeUrl();
    setReady(true);
    const unsubFilters = useFilters.subscribe(writeUrl);
    const unsubSelection = useSelection.subscribe((s, prev) => {
      if (s.selected !== prev.selected) writeUrl();
    });
    const onPop = () => applyFromUrl(meta, window.location.search);
    window.addEventListener('popstate', onPop);
    return () => {
      unsubFilters();
      unsubSelection();
      window.removeEventListener('popstate', onPop);
    };
  }, [meta]);

  return ready;
}
