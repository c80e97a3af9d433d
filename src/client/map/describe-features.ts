/** What a hovered place or route says about itself for the current period, in the interface language (used by the tooltip). */
import type { PlaceProperties, RouteProperties } from '../../shared/api';
import { formatDate } from '../i18n/format';
import { i18n } from '../i18n/i18n';
import { countInfo, displayCount, PERTURBED_MARK, type CountInput } from '../lib/suppressed';
import { countOf, describeCount, type Description } from './describe';
import { netOf, type PlaceState, type RouteState } from './metrics';
import './i18n';

export function describePlace(p: PlaceProperties, state: PlaceState | undefined): Description {
  const kind = i18n.t(`placeKind.${p.kind}`);
  if (p.kind === 'transit_centre') {
    if (!state) return { title: p.name, kind, detail: null };
    return { title: p.name, kind, ...describeCount(countOf(state.assisted, state), i18n.t('metric.assisted')) };
  }
  if (p.kind === 'monitoring_point') {
    if (state?.gap) return { title: p.name, kind, detail: i18n.t('map:noReportPeriod') };
    if (state && state.active === false && p.activeFrom) {
      return { title: p.name, kind, detail: i18n.t('metric.inactive', { date: formatDate(p.activeFrom) }) };
    }
    if (!state) return { title: p.name, kind, detail: null };
    return { title: p.name, kind, ...describeCount(countOf(state.flow, state), i18n.t('metric.observed')) };
  }
  return { title: p.name, kind, detail: null };
}

export function describeRoute(r: RouteProperties, state: RouteState | undefined): Description {
  const kind = r.corridor;
  const title = `${r.id} ${r.name}`;
  if (r.monitoredBy.length === 0) return { title, kind, detail: i18n.t('metric.notMonitored') };
  if (!state) return { title, kind, detail: null };
  // Its monitoring points were not active in the period: no count, not a 0.
  if (!state.monitored) {
    return {
      title,
      kind,
      detail: state.gap
        ? i18n.t('map:noReportPeriod')
        : state.monitoredFrom
          ? i18n.t('map:notMonitoredUntil', { date: formatDate(state.monitoredFrom) })
          : i18n.t('map:notMonitoredPeriod'),
    };
  }
  const total = describeCount(countOf(state.flow, state), i18n.t('metric.observed'));
  if (!state.directions) return { title, kind, ...total };
  const d = state.directions;
  const net = netOf(d);
  const netInfo = countInfo(net);
  const signed = (c: CountInput) => {
    const shown = displayCount(c);
    return netInfo.value !== null && netInfo.value > 0 ? shown.replace(/^(≈?)/, '$1+') : shown;
  };
  const rows = [
    { key: 'incoming', label: i18n.t('map:incoming'), value: displayCount(d.incoming) },
    { key: 'outgoing', label: i18n.t('map:outgoing'), value: displayCount(d.outgoing) },
    { key: 'net', label: i18n.t('map:net'), value: signed(net) },
  ];
  const marks = [d.incoming, d.outgoing].map((c) => countInfo(c));
  const notes = [
    total.note,
    !total.note && marks.some((m) => m.perturbed) ? `${PERTURBED_MARK} ${i18n.t('protection.perturbedLabel')}` : null,
    !total.note && marks.some((m) => m.withheld) ? i18n.t('protection.withheldTitle') : null,
  ].filter(Boolean);
  return { title, kind, detail: total.detail, rows, ...(notes.length ? { note: notes.join(' · ') } : {}) };
}
