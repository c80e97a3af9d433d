/**
 * The table alternative to the map: routes, monitoring points and transit centres with their
 * numbers for the period, ranked; each name opens its panel (keyboard-reachable).
 */
import { useMemo } from 'react';
import { usePlaces, useRoutes } from '../../api/queries';
import { formatCount } from '../../lib/format';
import { t } from '../../lib/strings';
import { isActiveInPeriod, placeStates, routeStates } from '../../map/metrics';
import type { MapMetrics } from '../../map/useMapMetrics';
import { useSelection, type SelectionRef } from '../../state/filters';

interface Line {
  ref: SelectionRef;
  name: string;
  value: number | null;
  note?: string;
}

function Table({ caption, unit, lines, testId }: { caption: string; unit: string; lines: Line[]; testId: string }) {
  const select = useSelection((s) => s.select);
  return (
    <table className="overview__table" data-testid={testId}>
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{t.overview.name}</th>
          <th scope="col" className="num">
            {unit}
          </th>
        </tr>
      </thead>
      <tbody>
        {lines.map((l) => (
          <tr key={l.ref.id}>
            <th scope="row">
              <button type="button" className="btn--row" onClick={() => select(l.ref)}>
                {l.name}
              </button>
            </th>
            <td className="num">{l.note ?? formatCount(l.value)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

const byValue = (a: Line, b: Line) => (b.value ?? -1) - (a.value ?? -1) || a.name.localeCompare(b.name);

export function Overview({ metrics }: { metrics: MapMetrics }) {
  const places = usePlaces();
  const routes = useRoutes();
  const { filters } = metrics;
  const placeProps = useMemo(() => places.data?.features.map((f) => f.properties) ?? [], [places.data]);
  const routeProps = useMemo(() => routes.data?.features.map((f) => f.properties) ?? [], [routes.data]);
  const rs = routeStates(routeProps, metrics.routeFlows.data);
  const ps = placeStates(placeProps, metrics.pointFlows.data, metrics.assisted.data, filters);

  const routeLines: Line[] = routeProps
    .map((r) => {
      const s = rs.get(r.id);
      const monitored = r.monitoredBy.length > 0;
      return {
        ref: { type: 'route' as const, id: r.id },
        name: `${r.id} ${r.name}`,
        value: monitored ? (s?.suppressed ? null : (s?.flow ?? 0)) : -1,
        ...(monitored ? {} : { note: t.legend.notMonitored }),
      };
    })
    .sort(byValue);
  const pointLines: Line[] = placeProps
    .filter((p) => p.kind === 'monitoring_point')
    .map((p) => {
      const s = ps.get(p.id);
      const active = isActiveInPeriod(p, filters.from, filters.to);
      return {
        ref: { type: 'place' as const, id: p.id },
        name: p.name,
        value: active ? (s?.suppressed ? null : (s?.flow ?? 0)) : -1,
        ...(active ? {} : { note: t.overview.inactive }),
      };
    })
    .sort(byValue);
  const centreLines: Line[] = placeProps
    .filter((p) => p.kind === 'transit_centre')
    .map((p) => {
      const s = ps.get(p.id);
      return { ref: { type: 'place' as const, id: p.id }, name: p.name, value: s?.suppressed ? null : (s?.assisted ?? 0) };
    })
    .sort(byValue);

  return (
    <section className="overview" data-testid="overview" aria-labelledby="overview-title">
      <h2 id="overview-title" className="overview__title">
        {t.overview.title}
      </h2>
      <p className="muted overview__hint">{t.overview.hint}</p>
      <Table caption={t.overview.routes} unit={t.overview.observed} lines={routeLines} testId="overview-routes" />
      <Table caption={t.overview.points} unit={t.overview.observed} lines={pointLines} testId="overview-points" />
      <Table caption={t.overview.centres} unit={t.overview.assisted} lines={centreLines} testId="overview-centres" />
    </section>
  );
}
