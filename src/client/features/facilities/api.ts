/** Queries behind a transit-centre panel, for the filters the role may combine with each (direction does not apply). */
import { PEOPLE_ASSISTED_SERVICE } from '../../../shared/enums';
import { useAssistance, type AssistanceParams } from '../../api/queries';
import { ASSISTANCE_TAKES, useViewFilters } from '../../api/view-filters';
import { fitPanelQuery } from '../../api/panel-query';

export function useCentreBreakdowns(centre: string) {
  const { applied: filters, access, role } = useViewFilters();
  const ask = (extra: Record<string, unknown>) => fitPanelQuery<AssistanceParams>(access, 'assistance', { centre, ...extra }, ASSISTANCE_TAKES, filters);
  const assisted = { service: PEOPLE_ASSISTED_SERVICE };
  const plan = {
    total: ask(assisted),
    services: ask({ groupBy: ['service'] }),
    weekly: ask({ ...assisted, groupBy: ['month'] }),
    // People assisted (shelter and food) by who they are: a breakdown of a breakdown, so not for outside roles.
    byNationality: ask({ ...assisted, groupBy: ['nationality'] }),
    bySexAge: ask({ ...assisted, groupBy: ['sex', 'ageGroup'] }),
  };
  const use = (k: keyof typeof plan) => useAssistance(plan[k].params, { enabled: plan[k].allowed });
  const total = use('total');
  const services = use('services');
  const weekly = use('weekly');
  const byNationality = use('byNationality');
  const bySexAge = use('bySexAge');
  return { filters, plan, role, total, services, weekly, byNationality, bySexAge, all: [total, services, weekly, byNationality, bySexAge] };
}
