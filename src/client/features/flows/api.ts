/** Queries behind a flow panel (a monitoring point or a route), for the filters the role may combine with each. */
import { useFlows, type FlowParams } from '../../api/queries';
import { FLOWS_TAKE, monthsOnly, useViewFilters } from '../../api/view-filters';
import { fitPanelQuery } from '../../api/panel-query';

export type FlowScope = { point: string } | { route: string };

export function useFlowBreakdowns(scope: FlowScope, enabled = true) {
  const { applied: filters, access, role } = useViewFilters();
  const ask = (groupBy?: string[]) => fitPanelQuery<FlowParams>(access, 'flows', groupBy ? { ...scope, groupBy } : { ...scope }, FLOWS_TAKE, filters);
  // Month-resolution roles get the series by month (the published cells), everyone else by ISO week.
  const step = monthsOnly(access) ? 'month' : 'week';
  const plan = {
    total: ask(),
    byDirection: ask(['direction']),
    weekly: ask([step, 'direction']),
    byNationality: ask(['nationality']),
    bySexAge: ask(['sex', 'ageGroup']),
    // Roles that see one breakdown at a time get sex and age group apart.
    bySex: ask(['sex']),
    byAge: ask(['ageGroup']),
    byTransport: ask(['transport']),
  };
  const splitSexAge = !plan.bySexAge.allowed;
  const use = (k: keyof typeof plan, on = true) => useFlows(plan[k].params, { enabled: enabled && on && plan[k].allowed });
  const total = use('total');
  const byDirection = use('byDirection');
  const weekly = use('weekly');
  const byNationality = use('byNationality');
  const bySexAge = use('bySexAge', !splitSexAge);
  const bySex = use('bySex', splitSexAge);
  const byAge = use('byAge', splitSexAge);
  const byTransport = use('byTransport');
  const asked = [total, byDirection, weekly, byNationality, ...(splitSexAge ? [bySex, byAge] : [bySexAge]), byTransport];
  return {
    filters,
    base: plan.total.params,
    plan,
    role,
    step,
    splitSexAge,
    total,
    byDirection,
    weekly,
    byNationality,
    bySexAge,
    bySex,
    byAge,
    byTransport,
    all: asked,
  };
}
