/**
 * The rings the pressure panel draws on the map, one per transit centre (pure): where it stands, the share of
 * capacity now (the last week for programme staff, the last month for everyone else) and the highest share forecast
 * in the coming weeks (programme staff only). A withheld month or a centre without capacity has no share (null): its
 * ring is drawn empty and says so, never as 0 %.
 */
import type { PlacesResponse } from '../../../shared/api';
import type { PressureCentre, PressureResponse } from '../../../shared/api-pressure';

export interface CentreRing {
  id: string;
  name: string;
  lngLat: [number, number];
  now: number | null;
  /** The highest forecast share in the horizon; null without a forecast (outside roles, or none could be made). */
  forecast: number | null;
  /** The week (first day) of the highest forecast share. */
  forecastWeek: string | null;
  /** The week or month `now` is for. */
  nowPeriod: string;
  resolution: 'week' | 'month';
  /** `now` or `forecast` is above the asked threshold. */
  above: boolean;
}

/** The forecast week with the highest share of capacity, or null. */
export function peakForecast(c: Pick<PressureCentre, 'forecast'>): PressureCentre['forecast'][number] | null {
  return c.forecast.reduce<PressureCentre['forecast'][number] | null>(
    (best, f) => (f.share !== null && (best === null || f.share > best.share!) ? f : best),
    null,
  );
}

export function ringsOf(data: PressureResponse | undefined, places: PlacesResponse | undefined): CentreRing[] {
  if (!data || data.locked || !places) return [];
  const at = new Map(
    places.features
      .filter((f) => f.properties.kind === 'transit_centre')
      .map((f) => [f.properties.id, [f.geometry.coordinates[0]!, f.geometry.coordinates[1]!] as [number, number]]),
  );
  const out: CentreRing[] = [];
  if (data.resolution === 'week') {
    for (const c of data.centres) {
      const lngLat = at.get(c.id);
      if (!lngLat) continue;
      const last = c.recent.at(-1);
      const p = peakForecast(c);
      const now = last?.share ?? null;
      out.push({
        id: c.id,
        name: c.name,
        lngLat,
        now,
        forecast: p?.share ?? null,
        forecastWeek: p?.week ?? null,
        nowPeriod: last?.week ?? data.lastWeek,
        resolution: 'week',
        above: (now !== null && now > data.threshold) || (p?.share !== null && p?.share !== undefined && p.share > data.threshold),
      });
    }
  } else {
    for (const c of data.centres) {
      const lngLat = at.get(c.id);
      if (!lngLat) continue;
      const last = c.months.at(-1);
      out.push({
        id: c.id,
        name: c.name,
        lngLat,
        now: last?.share ?? null,
        forecast: null,
        forecastWeek: null,
        nowPeriod: last?.month ?? data.lastMonth,
        resolution: 'month',
        above: last?.above ?? false,
      });
    }
  }
  return out;
}
