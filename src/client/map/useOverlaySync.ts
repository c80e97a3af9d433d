/**
 * Keeps the map's own overlay (sources and layers of the view, overlay-style.ts) in step with what it encodes.
 *
 * The map starts with the page: its first style holds the overlay as it is at the first render (the geometry is
 * usually still on its way). When the style has loaded, `sync` brings the overlay up to date at once, with the
 * geometry react-query holds by then (main.tsx asks for it before React starts), so the overlay's sources go to
 * MapLibre's worker with the basemap's. Later changes reach the map as style-spec diff commands.
 */
import type { StyleSpecification } from '@maplibre/maplibre-gl-style-spec';
import { useQueryClient } from '@tanstack/react-query';
import type { Map as MaplibreMap } from 'maplibre-gl';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { PlacesResponse, RoutesResponse } from '../../shared/api';
import { placesQueryOptions, routesQueryOptions } from '../api/queries';
import type { FeatureStateCache } from './feature-state-cache';
import { applyOverlayCommands, overlayCommands, overlayStyle, sourcesReplaced, withOverlay, type Overlay, type OverlayInput } from './overlay-style';

export interface OverlaySync {
  /** The map's first style: the basemap with the overlay as it was at the first render. */
  initialStyle: StyleSpecification;
  /** Brings the map's overlay up to date with the latest input (called once when the style has loaded). */
  sync: (map: MaplibreMap) => void;
  /** Counts the overlay's sources being added or replaced: feature states are set again then. */
  sourcesRevision: number;
}

export function useOverlaySync(map: MaplibreMap | null, basemap: StyleSpecification, input: OverlayInput, stateCache: FeatureStateCache): OverlaySync {
  const queryClient = useQueryClient();
  const [initial] = useState(() => {
    const overlay = overlayStyle(input);
    return { style: withOverlay(basemap, overlay), overlay };
  });
  const latest = useRef(input);
  useEffect(() => {
    latest.current = input;
  }, [input]);
  const applied = useRef<Overlay>(initial.overlay);
  const [sourcesRevision, setSourcesRevision] = useState(0);

  const sync = useCallback(
    (target: MaplibreMap) => {
      const now = latest.current;
      const next = overlayStyle({
        ...now,
        places: now.places ?? queryClient.getQueryData<PlacesResponse>(placesQueryOptions().queryKey) ?? null,
        routes: now.routes ?? queryClient.getQueryData<RoutesResponse>(routesQueryOptions().queryKey) ?? null,
      });
      const commands = overlayCommands(applied.current, next);
      const replaced = sourcesReplaced(commands);
      for (const id of replaced) stateCache.forget(id);
      applyOverlayCommands(target, commands);
      applied.current = next;
      if (replaced.length > 0) setSourcesRevision((r) => r + 1);
    },
    [queryClient, stateCache],
  );

  useEffect(() => {
    if (map) sync(map);
  }, [map, input, sync]);

  return { initialStyle: initial.style, sync, sourcesRevision };
}
