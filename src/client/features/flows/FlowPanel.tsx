/** Body of a panel about flows observed at a monitoring point or on a route. */
import { DIRECTIONS, type Transport } from '../../../shared/enums';
import { ExportBar } from '../exports/ExportBar';
import { Bars } from '../../charts/Bars';
import { TimeSeries } from '../../charts/TimeSeries';
import { useMeta } from '../../api/queries';
import { EmptyState, ErrorState, Loading } from '../../components/States';
import { ROUTE_COLOURS } from '../../map/colours';
import { t } from '../../lib/strings';
import { barsBy, Headline, sexAgeBars, weeklySeries } from '../panel/common';
import { useFlowBreakdowns, type FlowScope } from './api';
import { countryNames } from '../../lib/localise';

export function FlowPanel({ scope }: { scope: FlowScope }) {
  const q = useFlowBreakdowns(scope);
  const meta = useMeta();
  const natName = countryNames(meta.data);
  const failed = q.all.find((x) => x.isError);
  if (failed) {
    return <ErrorState error={failed.error} onRetry={() => q.all.forEach((x) => x.isError && void x.refetch())} />;
  }
  const total = q.total.data?.total;
  const directionBars = barsBy(q.byDirection.data, 'direction', (d) => t.direction[d as 'incoming'] ?? d);
  return (
    <>
      <Headline label={t.panel.peopleObserved} value={q.total.isPending ? undefined : (total ?? null)} />
      {q.total.isPending ? <Loading inline /> : null}
      {q.total.isSuccess && total === 0 ? <EmptyState /> : null}
      {total !== 0 && !q.total.isPending ? (
        <>
          <Bars
            title={t.panel.byDirection}
            bars={DIRECTIONS.map((d) => directionBars.find((b) => b.key === d) ?? { key: d, label: t.direction[d], value: 0 })}
            colour={ROUTE_COLOURS.both}
            testId="bars-direction"
            sort={false}
          />
          <TimeSeries
            title={t.panel.weeklyObserved}
            series={weeklySeries(q.weekly.data, {
              dim: 'direction',
              values: DIRECTIONS.map((d) => ({ key: d, label: t.direction[d], colour: ROUTE_COLOURS[d] })),
            })}
            events={meta.data?.events}
          />
          <Bars
            title={t.panel.byNationality}
            bars={barsBy(q.byNationality.data, 'nationality', (c) => natName.get(c) ?? c)}
            limit={8}
            testId="bars-nationality"
          />
          <Bars title={t.panel.bySexAge} bars={sexAgeBars(q.bySexAge.data)} testId="bars-sex-age" sort={false} />
          <Bars
            title={t.panel.byTransport}
            bars={barsBy(q.byTransport.data, 'transport', (m) => t.transport[m as Transport] ?? m)}
            testId="bars-transport"
          />
          <ExportBar
            period={q.filters}
            csv={(
              [
                [t.panel.byDirection, ['direction']],
                [t.panel.weeklyObserved, ['week', 'direction']],
                [t.panel.byNationality, ['nationality']],
                [t.panel.bySexAge, ['sex', 'ageGroup']],
                [t.panel.byTransport, ['transport']],
              ] as const
            ).map(([label, groupBy]) => ({ label, path: '/flows', params: { ...q.base, groupBy: [...groupBy] } }))}
          />
        </>
      ) : null}
    </>
  );
}
