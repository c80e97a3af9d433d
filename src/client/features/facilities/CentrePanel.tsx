/** Body of a transit-centre panel: people assisted, services delivered, weekly series, who was assisted. */
import { Bars } from '../../charts/Bars';
import { TimeSeries } from '../../charts/TimeSeries';
import { useMeta } from '../../api/queries';
import { EmptyState, ErrorState, Loading } from '../../components/States';
import { PLACE_COLOURS } from '../../map/colours';
import { formatCount } from '../../lib/format';
import { t } from '../../lib/strings';
import { barsBy, Headline, sexAgeBars } from '../panel/common';
import { AVERAGE_STAY_DAYS, estimateOccupancy } from '../donor/occupancy';
import { OccupancyCell } from '../donor/OccupancyCell';
import { useCentreBreakdowns } from './api';
import { countryNames } from '../../lib/localise';

export function CentrePanel({ centre, capacity }: { centre: string; capacity: number | null }) {
  const q = useCentreBreakdowns(centre);
  const meta = useMeta();
  const natName = countryNames(meta.data);
  const failed = q.all.find((x) => x.isError);
  if (failed) {
    return <ErrorState error={failed.error} onRetry={() => q.all.forEach((x) => x.isError && void x.refetch())} />;
  }
  const total = q.total.data?.total;
  const colour = PLACE_COLOURS.transit_centre.fill;
  const services = barsBy(q.services.data, 'service', (s) => t.service[s as 'health'] ?? s);
  return (
    <>
      <Headline
        label={t.panel.peopleAssisted}
        value={q.total.isPending ? undefined : (total ?? null)}
        note={capacity !== null ? `${t.panel.capacity}: ${t.panel.places(formatCount(capacity))}` : null}
      />
      {capacity !== null && total !== undefined ? (
        <p className="occupancy" data-testid="panel-occupancy">
          <span>{t.donor.occupancy}: </span>
          <OccupancyCell share={estimateOccupancy(total, capacity, q.filters)?.share ?? null} />
          <span className="muted"> ({t.donor.occupancyFormula(AVERAGE_STAY_DAYS)})</span>
        </p>
      ) : null}
      {q.total.isPending ? <Loading inline /> : null}
      {q.total.isSuccess && total === 0 ? <EmptyState /> : null}
      {total !== 0 && !q.total.isPending ? (
        <>
          <Bars title={t.panel.services} bars={services} colour={colour} testId="bars-services" shares={false} />
          <TimeSeries
            title={t.donor.monthly}
            stepLabel={t.chart.month}
            series={[
              {
                key: 'all',
                label: t.panel.peopleAssisted,
                colour,
                points: (q.weekly.data?.rows ?? []).map((r) => ({ date: String(r['month']), value: r.count })),
              },
            ]}
            events={meta.data?.events}
          />
          <Bars
            title={t.panel.byNationality}
            bars={barsBy(q.byNationality.data, 'nationality', (c) => natName.get(c) ?? c)}
            colour={colour}
            limit={8}
            testId="bars-nationality"
          />
          <Bars title={t.panel.bySexAge} bars={sexAgeBars(q.bySexAge.data)} colour={colour} testId="bars-sex-age" sort={false} />
        </>
      ) : null}
    </>
  );
}
