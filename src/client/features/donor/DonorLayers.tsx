/** The donor view's own map layers: voluntary-return arcs in their own GeoJSON source (rebuilt only when the period's returns change). */
import { useMemo } from 'react';
import { Layer, Source, type LayerProps, type SourceProps } from 'react-map-gl/maplibre';
import type { AggregateResponse, MetaResponse, PlacesResponse } from '../../../shared/api';
import { RETURNS_SOURCE_ID, returnsLayer, returnsSource } from '../../map/layers/returns';
import { returnArcs } from './arcs';

export function centrePositions(places: PlacesResponse | undefined): Map<string, readonly [number, number]> {
  return new Map(
    (places?.features ?? [])
      .filter((f) => f.properties.kind === 'transit_centre')
      .map((f) => [f.properties.id, [f.geometry.coordinates[0], f.geometry.coordinates[1]] as const]),
  );
}

export function capitalPositions(meta: MetaResponse | undefined): Map<string, readonly [number, number]> {
  return new Map((meta?.nationalities ?? []).map((n) => [n.id, [n.lon, n.lat] as const]));
}

export function DonorLayers({
  returns,
  maxReturns,
  places,
  meta,
}: {
  returns: AggregateResponse | undefined;
  maxReturns: number;
  places: PlacesResponse | undefined;
  meta: MetaResponse | undefined;
}) {
  const centres = useMemo(() => centrePositions(places), [places]);
  const capitals = useMemo(() => capitalPositions(meta), [meta]);
  const source = useMemo(() => returnsSource(returnArcs(returns, centres, capitals) as never), [returns, centres, capitals]);
  const layer = useMemo(() => returnsLayer(maxReturns), [maxReturns]);
  return (
    <Source id={RETURNS_SOURCE_ID} {...(source as unknown as SourceProps)}>
      <Layer {...(layer as unknown as LayerProps)} />
    </Source>
  );
}
