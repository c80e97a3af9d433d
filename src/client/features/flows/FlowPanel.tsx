/** Body of a panel about flows observed at a monitoring point or on a route. */
import { DIRECTIONS, type AgeGroup, type Direction, type Sex, type Transport } from '../../../shared/enums';
import { CoverageNote } from '../../components/CoverageNote';
import { ExportBar } from '../../components/ExportBar';
import { Bars } from '../../charts/Bars';
import { TimeSeries } from '../../charts/TimeSeries';
import { useMeta } from '../../api/queries';
import { EmptyState, ErrorState, Loading } from '../../components/States';
import { ProtectionNote } from '../../components/ProtectionNote';
import { totalOf } from '../../lib/suppressed';
import { ROUTE_COLOURS } from '../../map/colours';
import { barsBy, BreakdownNote, disclosureOf, Headline, rowCounts, sexAgeBars, weeklySeries } from '../../components/panel/common';
import { useFlowBreakdowns, type FlowScope } from './api';
import { countryNames } from '../../i18n/dataset-text';
import { useLanguage, useTranslation } from '../../i18n/i18n';

export function FlowPanel({ scope }: { scope: FlowScope }) {
  const { t } = useTranslation();
  const lang = useLanguage();
  const q = useFlowBreakdowns(scope);
  const meta = useMeta();
  const natName = countryNames(meta.data, lang);
  const failed = q.all.find((x) => x.isError);
  if (failed) {
    return <ErrorState error={failed.error} onRetry={() => q.all.forEach((x) => x.isError && void x.refetch())} />;
  }
  const total = q.total.data?.total;
  const directionBars = barsBy(q.byDirection.data, 'direction', (d) => t(`direction.${d as Direction}`, { defaultValue: d }));
  const answers = [q.total.data, q.byDirection.data, q.weekly.data, q.byNationality.data, q.bySexAge.data, q.bySex.data, q.byAge.data, q.byTransport.data];
  const note = (k: keyof typeof q.plan) => <BreakdownNote plan={q.plan[k]} role={q.role} />;
  const disclosure = disclosureOf(...answers);
  return (
    <>
      <Headline label={t('panel.peopleObserved')} value={q.total.isPending ? undefined : totalOf(q.total.data)} disclosure={disclosure} />
      <CoverageNote of={scope} testId="panel-coverage" />
      {q.total.isPending ? <Loading inline /> : null}
      {q.total.isSuccess && total === 0 ? <EmptyState /> : null}
      {total !== 0 && !q.total.isPending ? (
        <>
          {q.plan.byDirection.allowed ? (
            <Bars
              title={t('panel.byDirection')}
              bars={DIRECTIONS.map((d) => directionBars.find((b) => b.key === d) ?? { key: d, label: t(`direction.${d}`), value: 0 })}
              colour={ROUTE_COLOURS.both}
              testId="bars-direction"
              sort={false}
            />
          ) : null}
          {note('byDirection')}
          {q.plan.weekly.allowed ? (
            <TimeSeries
              title={q.step === 'month' ? t('panel.monthlyObserved') : t('panel.weeklyObserved')}
              stepLabel={q.step === 'month' ? t('chart.month') : undefined}
              series={weeklySeries(q.weekly.data, {
                dim: 'direction',
                values: DIRECTIONS.map((d) => ({ key: d, label: t(`direction.${d}`), colour: ROUTE_COLOURS[d] })),
              })}
              events={meta.data?.events}
            />
          ) : null}
          {note('weekly')}
          {q.plan.byNationality.allowed ? (
            <Bars
              title={t('panel.byNationality')}
              bars={barsBy(q.byNationality.data, 'nationality', (c) => natName.get(c) ?? c)}
              limit={8}
              testId="bars-nationality"
            />
          ) : null}
          {note('byNationality')}
          {q.splitSexAge ? (
            <>
              {q.plan.bySex.allowed ? (
                <Bars
                  title={t('panel.bySex')}
                  bars={barsBy(q.bySex.data, 'sex', (v) => t(`sex.${v as Sex}`, { defaultValue: v }))}
                  testId="bars-sex"
                  sort={false}
                />
              ) : null}
              {note('bySex')}
              {q.plan.byAge.allowed ? (
                <Bars
                  title={t('panel.byAge')}
                  bars={barsBy(q.byAge.data, 'ageGroup', (v) => t(`ageGroup.${v as AgeGroup}`, { defaultValue: v }))}
                  testId="bars-age"
                  sort={false}
                />
              ) : null}
              {note('byAge')}
            </>
          ) : (
            <>
              <Bars title={t('panel.bySexAge')} bars={sexAgeBars(q.bySexAge.data)} testId="bars-sex-age" sort={false} />
              {note('bySexAge')}
            </>
          )}
          {q.plan.byTransport.allowed ? (
            <Bars
              title={t('panel.byTransport')}
              bars={barsBy(q.byTransport.data, 'transport', (m) => t(`transport.${m as Transport}`, { defaultValue: m }))}
              testId="bars-transport"
            />
          ) : null}
          {note('byTransport')}
          <ProtectionNote disclosure={disclosure} counts={[totalOf(q.total.data), ...rowCounts(...answers.slice(1))]} />
          <ExportBar
            period={q.filters}
            csv={(
              [
                [t('panel.byDirection'), 'byDirection'],
                [q.step === 'month' ? t('panel.monthlyObserved') : t('panel.weeklyObserved'), 'weekly'],
                [t('panel.byNationality'), 'byNationality'],
                ...(q.splitSexAge
                  ? ([
                      [t('panel.bySex'), 'bySex'],
                      [t('panel.byAge'), 'byAge'],
                    ] as const)
                  : ([[t('panel.bySexAge'), 'bySexAge']] as const)),
                [t('panel.byTransport'), 'byTransport'],
              ] as const
            )
              .filter(([, k]) => q.plan[k].allowed)
              .map(([label, k]) => ({ label, path: '/flows', params: { ...q.plan[k].params } }))}
          />
        </>
      ) : null}
      {total === 0 ? <ProtectionNote disclosure={disclosure} counts={[totalOf(q.total.data)]} /> : null}
    </>
  );
}
