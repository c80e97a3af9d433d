/**
 * A panel's breakdowns as the role may ask them (nothing before the session says who is asking): each query carries the filters it can combine with its own
 * breakdown (`fitFilters`, the server's shape rule), says which it left out, and is not sent at all when the role may
 * not ask it even unfiltered. Nothing is shown as filtered that is not, and nothing is asked that would be refused.
 */
import type { AggregateEndpoint } from '../../shared/query-shape';
import { fitFilters, mayQuery, type Access, type BreakdownFilter } from './view-filters';
import type { FilterValues } from '../state/filters';

export interface PanelQuery<P> {
  params: P;
  /** The role may ask it (else it is not sent, and the panel says why). */
  allowed: boolean;
  /** Filters set in the bar that this query does not carry. */
  dropped: BreakdownFilter[];
}

export function fitPanelQuery<P extends object>(
  access: Access,
  endpoint: AggregateEndpoint,
  base: Readonly<Record<string, unknown>>,
  takes: readonly BreakdownFilter[],
  applied: FilterValues,
): PanelQuery<P> {
  const { kept, dropped } = fitFilters(access, { endpoint, base, takes }, applied);
  const params = { from: applied.from, to: applied.to, ...base, ...kept } as unknown as P;
  // Until the session is known nothing is asked: a panel must not ask in a shape its role will be refused.
  const allowed = access !== undefined && mayQuery(access, endpoint, { ...base, ...kept });
  return { params, allowed, dropped: dropped.filter((d) => takes.includes(d)) };
}
