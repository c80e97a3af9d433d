/** Queries behind a flow panel (a monitoring point or a route), all for the current filters. */
import { flowFilterParams, useFlows } from '../../api/queries';
import { useFilterValues } from '../../state/filters';

export type FlowScope = { point: string } | { route: string };

export function useFlowBreakdowns(scope: FlowScope, enabled = true) {
  const filters = useFilterValues();
  const base = { ...flowFilterParams(filters), ...scope };
  const o = { enabled };
  const total = useFlows(base, o);
  const byDirection = useFlows({ ...base, groupBy: ['direction'] }, o);
  const weekly = useFlows({ ...base, groupBy: ['week', 'direction'] }, o);
  const byNationality = useFlows({ ...base, groupBy: ['nationality'] }, o);
  const bySexAge = useFlows({ ...base, groupBy: ['sex', 'ageGroup'] }, o);
  const byTransport = useFlows({ ...base, groupBy: ['transport'] }, o);
  return {
    filters,
    base,
    total,
    byDirection,
    weekly,
    byNationality,
    bySexAge,
    byTransport,
    all: [total, byDirection, weekly, byNationality, bySexAge, byTransport],
  };
}
