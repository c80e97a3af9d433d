/**
 * The hotspots view's map layers: the region choropleth, anomaly outlines and selection outline on the
 * basemap's `regions` source (promoteId 'pcode'), driven by feature-state from GET /hotspots — a new period
 * re-paints, the region geometry is never reloaded. Layer specs come from map/layers/hotspots.ts.
 */
import { useCallback, useEffect, useMemo } from 'react';
import { Layer, useMap, type LayerProps } from 'react-map-gl/maplibre';
import type { HotspotsResponse } from '../../../shared/api';
import { useLastGood } from '../../components/States';
import { formatChange } from '../../i18n/format';
import { i18n, useLanguage } from '../../i18n/i18n';
import { approximate, regionCount } from '../../lib/suppressed';
import { REGIONS_OUTLINE_LAYER_ID } from '../../map/basemap-style';
import { describeCount, type Description } from '../../map/describe';
import {
  REGIONS_CHOROPLETH_LAYER_ID,
  REGIONS_SOURCE,
  hotspotsAnomalyLayer,
  hotspotsChoroplethLayer,
  hotspotsFeatureStates,
  hotspotsSelectedLayer,
} from '../../map/layers/hotspots';
import { useFilterValues, useSelection } from '../../state/filters';
import { useHotspots } from './api';
import './i18n';

const INTERACTIVE = [REGIONS_CHOROPLETH_LAYER_ID] as const;

/** The hotspots query for the current period, its last good answer, and what the map needs to make regions interactive. */
export function useHotspotsOverlay(enabled: boolean) {
  const f = useFilterValues();
  const query = useHotspots({ from: f.from, to: f.to }, { enabled: enabled && !!f.from && !!f.to });
  const last = useLastGood(query.data, query.dataUpdatedAt);
  const data = last.data;
  // A new language makes a new `describe`, so what the map shows is worded again.
  const lang = useLanguage();
  const describe = useCallback(
    (ref: { type: string; id: string }): Description | null => {
      const r = data?.regions.find((x) => x.pcode === ref.id);
      if (!r) return null;
      const kind = i18n.t('hotspots.region', { lng: lang });
      if (!r.monitored) return { title: r.name, kind, detail: i18n.t('hotspots:notMonitored', { lng: lang }) };
      // Counts under disclosure control read "≈12,000" / "12,000†" / "withheld"; a change from them is approximate.
      const { detail, note } = describeCount(regionCount(r, 'flows', data?.disclosure), i18n.t('metric.observed', { lng: lang }));
      return { title: r.name, kind, detail: `${detail} · ${approximate(formatChange(r.change, lang), data?.disclosure !== undefined)}`, note };
    },
    [data, lang],
  );
  return { query, data, asOf: last.at, interactiveIds: enabled ? INTERACTIVE : NONE, describe };
}
const NONE: readonly string[] = [];

export function HotspotsLayers({ data }: { data: HotspotsResponse | undefined }) {
  const { current } = useMap();
  const selected = useSelection((s) => s.selected);
  const states = useMemo(() => hotspotsFeatureStates(data), [data]);
  const fill = hotspotsChoroplethLayer('change');
  const anomaly = hotspotsAnomalyLayer();
  const sel = hotspotsSelectedLayer();

  useEffect(() => {
    const map = current?.getMap();
    if (!map || !map.getSource(REGIONS_SOURCE)) return;
    for (const s of states) map.setFeatureState({ source: REGIONS_SOURCE, id: s.id }, { ...s.state });
  }, [current, states]);

  const selectedRegion = selected?.type === 'region' ? selected.id : null;
  useEffect(() => {
    const map = current?.getMap();
    if (!map || !selectedRegion || !map.getSource(REGIONS_SOURCE)) return;
    map.setFeatureState({ source: REGIONS_SOURCE, id: selectedRegion }, { selected: true });
    return () => {
      if (map.getSource(REGIONS_SOURCE)) map.setFeatureState({ source: REGIONS_SOURCE, id: selectedRegion }, { selected: false });
    };
  }, [current, selectedRegion]);

  return (
    <>
      <Layer {...(fill as unknown as LayerProps)} beforeId={REGIONS_OUTLINE_LAYER_ID} />
      <Layer {...(anomaly as unknown as LayerProps)} />
      <Layer {...(sel as unknown as LayerProps)} />
    </>
  );
}
