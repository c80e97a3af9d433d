/** Body of a transit-centre panel: people assisted, services delivered, weekly series, who was assisted. */
import { CoverageNote } from '../../components/CoverageNote';
import type { Service } from '../../../shared/enums';
import { Bars } from '../../charts/Bars';
import { TimeSeries } from '../../charts/TimeSeries';
import { useMeta } from '../../api/queries';
import { EmptyState, ErrorState, Loading } from '../../components/States';
import { ProtectionNote } from '../../components/ProtectionNote';
import { countInfo, totalOf } from '../../lib/suppressed';
import { PLACE_COLOURS } from '../../map/colours';
import { formatCount } from '../../i18n/format';
import { useLanguage, useTranslation } from '../../i18n/i18n';
import { barsBy, BreakdownNote, disclosureOf, Headline, pointOf, rowCounts, sexAgeBars } from '../../components/panel/common';
import { AVERAGE_STAY_DAYS, estimateOccupancy } from '../../lib/occupancy';
import { OccupancyCell } from '../../components/OccupancyCell';
import { useCentreBreakdowns } from './api';
import { countryNames } from '../../i18n/dataset-text';

export function CentrePanel({ centre, capacity }: { centre: string; capacity: number | null }) {
  const { t } = useTranslation();
  const lang = useLanguage();
  const q = useCentreBreakdowns(centre);
  const meta = useMeta();
  const natName = countryNames(meta.data, lang);
  const failed = q.all.find((x) => x.isError);
  if (failed) {
    return <ErrorState error={failed.error} onRetry={() => q.all.forEach((x) => x.isError && void x.refetch())} />;
  }
  const total = q.total.data?.total;
  const totalCount = totalOf(q.total.data);
  const totalInfo = countInfo(totalCount);
  const colour = PLACE_COLOURS.transit_centre.fill;
  const services = barsBy(q.services.data, 'service', (s) => t(`service.${s as Service}`, { defaultValue: s }));
  const answers = [q.total.data, q.services.data, q.weekly.data, q.byNationality.data, q.bySexAge.data];
  const disclosure = disclosureOf(...answers);
  return (
    <>
      <Headline
        label={t('panel.peopleAssisted')}
        value={q.total.isPending ? undefined : totalCount}
        disclosure={disclosure}
        note={capacity !== null ? `${t('panel.capacity')}: ${t('panel.places', { capacity: formatCount(capacity, lang) })}` : null}
      />
      {capacity !== null && total !== undefined ? (
        <p className="occupancy" data-testid="panel-occupancy">
          <span>{t('donor.occupancy')}: </span>
          {/* From a perturbed (or partial) count, the occupancy is approximate too. */}
          <OccupancyCell share={estimateOccupancy(total, capacity, q.filters)?.share ?? null} approximate={totalInfo.perturbed || totalInfo.partial} />
          <span className="muted"> ({t('donor.occupancyFormula', { stayDays: AVERAGE_STAY_DAYS })})</span>
        </p>
      ) : null}
      <CoverageNote of="assistance" testId="panel-coverage" />
      <BreakdownNote plan={q.plan.total} role={q.role} />
      {q.total.isPending ? <Loading inline /> : null}
      {q.total.isSuccess && total === 0 ? <EmptyState /> : null}
      {total !== 0 && !q.total.isPending ? (
        <>
          <Bars title={t('panel.services')} bars={services} colour={colour} testId="bars-services" shares={false} />
          <BreakdownNote plan={q.plan.services} role={q.role} />
          <TimeSeries
            title={t('donor.monthly')}
            stepLabel={t('chart.month')}
            series={[
              {
                key: 'all',
                label: t('panel.peopleAssisted'),
                colour,
                points: (q.weekly.data?.rows ?? []).map((r) => pointOf(r, 'month')),
              },
            ]}
            events={meta.data?.events}
          />
          <BreakdownNote plan={q.plan.weekly} role={q.role} />
          {q.plan.byNationality.allowed ? (
            <Bars
              title={t('panel.byNationality')}
              bars={barsBy(q.byNationality.data, 'nationality', (c) => natName.get(c) ?? c)}
              colour={colour}
              limit={8}
              testId="bars-nationality"
            />
          ) : null}
          <BreakdownNote plan={q.plan.byNationality} role={q.role} />
          {q.plan.bySexAge.allowed ? (
            <Bars title={t('panel.bySexAge')} bars={sexAgeBars(q.bySexAge.data)} colour={colour} testId="bars-sex-age" sort={false} />
          ) : null}
          <BreakdownNote plan={q.plan.bySexAge} role={q.role} />
        </>
      ) : null}
      {!q.total.isPending ? <ProtectionNote disclosure={disclosure} counts={[totalCount, ...(total !== 0 ? rowCounts(...answers.slice(1)) : [])]} /> : null}
    </>
  );
}
