/** Queries behind a transit-centre panel, all for the current filters (direction does not apply). */
import { PEOPLE_ASSISTED_SERVICE } from '../../../shared/enums';
import { assistanceFilterParams, useAssistance } from '../../api/queries';
import { useFilterValues } from '../../state/filters';

export function useCentreBreakdowns(centre: string) {
  const filters = useFilterValues();
  const base = { ...assistanceFilterParams(filters), centre };
  const assisted = { ...base, service: PEOPLE_ASSISTED_SERVICE };
  const total = useAssistance(assisted);
  const services = useAssistance({ ...base, groupBy: ['service'] });
  const weekly = useAssistance({ ...assisted, groupBy: ['month'] });
  const byNationality = useAssistance({ ...assisted, groupBy: ['nationality'] });
  const bySexAge = useAssistance({ ...assisted, groupBy: ['sex', 'ageGroup'] });
  return { filters, total, services, weekly, byNationality, bySexAge, all: [total, services, weekly, byNationality, bySexAge] };
}
