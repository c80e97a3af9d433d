/** What a hovered place or route says about itself for the current period (pure; used by the tooltip). */
import type { PlaceProperties, RouteProperties } from '../../shared/api';
import { formatCount, formatDate } from '../lib/format';
import { t } from '../lib/strings';
import type { PlaceState, RouteState } from './metrics';

export interface Description {
  title: string;
  kind: string;
  detail: string | null;
}

export function describePlace(p: PlaceProperties, state: PlaceState | undefined): Description {
  const kind = t.placeKind[p.kind];
  if (p.kind === 'transit_centre') {
    const n = state?.suppressed ? formatCount(null) : formatCount(state?.assisted ?? null);
    return { title: p.name, kind, detail: state ? `${n} ${t.metric.assisted}` : null };
  }
  if (p.kind === 'monitoring_point') {
    if (state && state.active === false && p.activeFrom) {
      return { title: p.name, kind, detail: t.metric.inactive(formatDate(p.activeFrom)) };
    }
    const n = state?.suppressed ? formatCount(null) : formatCount(state?.flow ?? null);
    return { title: p.name, kind, detail: state ? `${n} ${t.metric.observed}` : null };
  }
  return { title: p.name, kind, detail: null };
}

export function describeRoute(r: RouteProperties, state: RouteState | undefined): Description {
  const kind = r.corridor;
  if (r.monitoredBy.length === 0) return { title: `${r.id} ${r.name}`, kind, detail: t.metric.notMonitored };
  const n = state?.suppressed ? formatCount(null) : formatCount(state?.flow ?? null);
  return { title: `${r.id} ${r.name}`, kind, detail: state ? `${n} ${t.metric.observed}` : null };
}
