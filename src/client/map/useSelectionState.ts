/**
 * The selected and hovered feature as feature-state (`selected` / `hovered`), set again when the overlay's sources
 * arrive or are replaced (a selection from the opening link usually comes before the corridors' geometry).
 */
import type { Map as MaplibreMap } from 'maplibre-gl';
import { useEffect } from 'react';
import type { SelectionRef } from '../state/filters';
import { PLACES_SOURCE_ID } from './layers/places';
import { ROUTES_SOURCE_ID } from './layers/routes';

export function useSelectionState(map: MaplibreMap | null, ref: SelectionRef | null, key: 'selected' | 'hovered', sourcesRevision: number): void {
  const type = ref?.type;
  const id = ref?.id;
  useEffect(() => {
    if (!map || !id || (type !== 'place' && type !== 'route')) return;
    const source = type === 'place' ? PLACES_SOURCE_ID : ROUTES_SOURCE_ID;
    if (!map.getSource(source)) return;
    map.setFeatureState({ source, id }, { [key]: true });
    return () => {
      if (map.getSource(source)) map.setFeatureState({ source, id }, { [key]: false });
    };
  }, [map, type, id, key, sourcesRevision]);
}
