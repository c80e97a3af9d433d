/**
 * The shell follows the role: each role is offered the views it can use and opens on its own
 * (src/shared/views.ts); after a sign-in or sign-out the view follows the new role; the filters and the period in
 * the stores stay ones the role's queries can carry (so the URL and the filter bar say what the numbers are).
 */
import { useEffect, useRef } from 'react';
import type { MetaResponse } from '../../shared/api';
import { landingView, VIEWS, viewsFor, type View } from '../../shared/views';
import { viewFilters, wholeMonthsFor } from '../api/view-filters';
import { useSession } from '../features/session';
import { selectFilterValues, useFilters, useFilterValues } from '../state/filters';
import { useView } from '../state/view';
import { withoutHistory } from './useUrlSync';

/** The view a link naming none opens on: the visitor's own (undefined while the session loads; Flows when it cannot be read). */
export function useLandingView(): View | undefined {
  const session = useSession();
  if (session.data) return landingView(session.data.role, session.data.access);
  if (session.isError) return 'flows';
  return undefined;
}

/** The views this visitor can use, in the header's order (all of them when the session cannot be read: the server decides). */
export function useUsableViews(): readonly View[] {
  const session = useSession();
  if (session.data) return viewsFor(session.data.access);
  return VIEWS;
}

/**
 * After the stores hold the URL's state (`ready`): when the role changes, go to the view the link named if the new
 * role can use it, else to the role's landing view; whenever the view is one the role cannot use (a back step after
 * signing out), show the landing view and say why. Filters and the period are fitted to the role and the view.
 */
export function useFollowRole(ready: boolean, meta: MetaResponse | undefined): void {
  const session = useSession();
  const role = session.data?.role;
  const access = session.data?.access;
  const view = useView((s) => s.view);
  const filters = useFilterValues();
  const lastRole = useRef<string | undefined>(undefined);

  useEffect(() => {
    if (!ready || !role || !access) return;
    const usable = viewsFor(access);
    const { requested, view: current } = useView.getState();
    const roleChanged = lastRole.current !== undefined && lastRole.current !== role;
    lastRole.current = role;
    if (roleChanged) {
      const target = requested !== null && usable.includes(requested) ? requested : landingView(role, access);
      const notice = requested !== null && !usable.includes(requested) ? requested : null;
      if (target !== current || useView.getState().notice !== notice) withoutHistory(() => useView.setState({ view: target, notice }));
    } else if (!usable.includes(current)) {
      withoutHistory(() => useView.setState({ view: landingView(role, access), notice: current }));
    }
  }, [ready, role, access, view]);

  useEffect(() => {
    if (!ready || !meta || !filters.from || !filters.to) return;
    const period = wholeMonthsFor(access, { from: filters.from, to: filters.to }, meta.dateRange);
    const { conflicting } = viewFilters(view, access, filters);
    if (period.from === filters.from && period.to === filters.to && conflicting.length === 0) return;
    withoutHistory(() => {
      const s = useFilters.getState();
      if (conflicting.length > 0) s.patch(Object.fromEntries(conflicting.map((k) => [k, null])));
      const p = selectFilterValues(useFilters.getState());
      if (p.from !== period.from || p.to !== period.to) s.setPeriod(period.from, period.to);
    });
  }, [ready, meta, access, view, filters]);
}
