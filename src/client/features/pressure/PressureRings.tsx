/**
 * The pressure rings on the map: one MapLibre marker beside each transit centre while the pressure panel is open,
 * holding the ring (components as in the panel's table) and its share in words. Markers, not a style layer: a ring
 * is a partial arc, which no MapLibre layer type draws, and there are four centres. The markers' elements are
 * MapLibre's to place; React renders into them through portals. Part of the pressure chunk (after the first map).
 */
import type { TFunction } from 'i18next';
import { Marker } from 'maplibre-gl';
import { useEffect, useMemo } from 'react';
import { createPortal } from 'react-dom';
import type { PressureResponse } from '../../../shared/api-pressure';
import { usePlaces } from '../../api/queries';
import { formatDate, formatMonthYear, formatPercent, parseIsoDate } from '../../i18n/format';
import { useTranslation } from '../../i18n/i18n';
import { shortCentreName } from '../../lib/place-names';
import { PERTURBED_MARK } from '../../lib/suppressed';
import { useMapInstance } from '../../state/map-instance';
import { Ring } from './Ring';
import { ringsOf, type CentreRing } from './rings';

/** The share in words; "≈" when worked out from perturbed counts (the monthly answer of outside roles). */
const shareText = (r: CentreRing, x: number) => `${r.resolution === 'month' ? PERTURBED_MARK : ''}${formatPercent(x)}`;

export function ringLabel(r: CentreRing, t: TFunction<'pressure'>): string {
  const now = r.now === null ? t('noEstimate') : shareText(r, r.now);
  const name = shortCentreName(r.name);
  if (r.resolution === 'month') return t('ringMonth', { name, now, month: formatMonthYear(parseIsoDate(r.nowPeriod)!) });
  const forecast = r.forecast === null ? t('noEstimate') : `${formatPercent(r.forecast)} (${formatDate(r.forecastWeek!)})`;
  return t('ringWeek', { name, now, week: formatDate(r.nowPeriod), forecast });
}

export function PressureRings({ data }: { data: PressureResponse | undefined }) {
  const { t } = useTranslation('pressure');
  const map = useMapInstance((s) => s.map);
  const places = usePlaces();
  const rings = useMemo(() => ringsOf(data, places.data), [data, places.data]);
  const where = rings.map((r) => `${r.id}@${r.lngLat.join(',')}`).join(';');
  // One element per centre, made again only when the centres or their places change, not on every answer; React
  // renders into them, MapLibre places them while the map is there.
  const elements = useMemo(
    () =>
      new Map(
        (where === '' ? [] : where.split(';')).map((entry) => {
          const [id, at] = entry.split('@') as [string, string];
          const el = document.createElement('div');
          el.className = 'pressure-marker';
          el.dataset['centre'] = id;
          el.setAttribute('data-testid', 'pressure-marker');
          return [id, { el, lngLat: at.split(',').map(Number) as [number, number] }] as const;
        }),
      ),
    [where],
  );
  useEffect(() => {
    if (!map) return;
    const markers = [...elements.values()].map(({ el, lngLat }) =>
      new Marker({ element: el, anchor: 'bottom-left', offset: [6, -6] }).setLngLat(lngLat).addTo(map),
    );
    return () => {
      for (const m of markers) m.remove();
    };
  }, [map, elements]);
  return (
    <>
      {rings.map((r) => {
        const el = elements.get(r.id)?.el;
        if (!el) return null;
        const label = ringLabel(r, t);
        return createPortal(
          <div className={`pressure-marker__body${r.above ? ' pressure-marker__body--above' : ''}`} data-above={r.above} title={label}>
            <Ring now={r.now} forecast={r.forecast} label={label} size={30} />
            <span className="pressure-marker__text" aria-hidden="true">
              {r.now === null ? '—' : shareText(r, r.now)}
              {r.forecast !== null ? ` → ${formatPercent(r.forecast)}` : ''}
            </span>
          </div>,
          el,
          r.id,
        );
      })}
    </>
  );
}
