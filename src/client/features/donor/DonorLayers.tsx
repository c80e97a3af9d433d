/**
 * The donor view's own map layers (map/layers/returns.ts says why this encoding): the capitals of the countries of
 * origin sized and labelled by the people returned, and the arcs of the one transit centre chosen in the side column.
 * Every number is the API's: all centres → GET /returns?groupBy=destination (the server adds the centres' published
 * cells), one centre → its rows of groupBy=centre,destination. Loaded lazily, with the donor view only.
 */
import { useMemo } from 'react';
import { Layer, Source, type LayerProps, type SourceProps } from 'react-map-gl/maplibre';
import type { AggregateResponse, MetaResponse, PlacesResponse } from '../../../shared/api';
import { useReturns } from '../../api/queries';
import { useLanguage } from '../../i18n/i18n';
import { maxCount } from '../../map/scales';
import { CAPITALS_SOURCE_ID, RETURNS_SOURCE_ID, capitalsCircleLayer, capitalsLabelLayer, returnsLayer, returnsSource } from '../../map/layers/returns';
import { capitalFeatures, capitalPositions, returnArcs } from './arcs';

import { useDonorState } from './donor-state';

export function centrePositions(places: PlacesResponse | undefined): Map<string, readonly [number, number]> {
  return new Map(
    (places?.features ?? [])
      .filter((f) => f.properties.kind === 'transit_centre')
      .map((f) => [f.properties.id, [f.geometry.coordinates[0], f.geometry.coordinates[1]] as const]),
  );
}

/**
 * The returns per destination the map and the bars show, as the API answers them: GET /returns?groupBy=destination,
 * for all centres (the server adds the centres' published cells) or with `centre` for the one chosen. Its `total` is
 * the API's too.
 */
export function useReturnsByDestination(period: { from: string | null; to: string | null }) {
  const centre = useDonorState((s) => s.returnsCentre);
  const answer = useReturns({ ...period, ...(centre !== null ? { centre } : {}), groupBy: ['destination'] });
  return { centre, answer, rows: answer.data?.rows ?? EMPTY };
}
const EMPTY: AggregateResponse['rows'] = [];

export function DonorLayers({
  returns,
  maxReturns,
  places,
  meta,
  period,
}: {
  returns: AggregateResponse | undefined;
  /** Largest centre × destination count: the arcs' width scale, as the map legend draws it. */
  maxReturns: number;
  places: PlacesResponse | undefined;
  meta: MetaResponse | undefined;
  period: { from: string | null; to: string | null };
}) {
  const lang = useLanguage();
  const { centre, rows } = useReturnsByDestination(period);
  const centres = useMemo(() => centrePositions(places), [places]);
  const capitals = useMemo(() => capitalPositions(meta), [meta]);
  const arcRows = useMemo(
    () => (returns && centre !== null ? { ...returns, rows: returns.rows.filter((r) => r['centre'] === centre) } : undefined),
    [returns, centre],
  );
  const arcs = useMemo(() => returnsSource(returnArcs(arcRows, centres, capitals) as never), [arcRows, centres, capitals]);
  const points = useMemo(() => returnsSource(capitalFeatures(rows, meta, lang) as never), [rows, meta, lang]);
  const max = useMemo(() => maxCount(rows.map((r) => r.count)), [rows]);
  const line = useMemo(() => returnsLayer(maxReturns), [maxReturns]);
  const circle = useMemo(() => capitalsCircleLayer(max), [max]);
  const label = useMemo(() => capitalsLabelLayer(), []);
  return (
    <>
      <Source id={RETURNS_SOURCE_ID} {...(arcs as unknown as SourceProps)}>
        <Layer {...(line as unknown as LayerProps)} />
      </Source>
      <Source id={CAPITALS_SOURCE_ID} {...(points as unknown as SourceProps)}>
        <Layer {...(circle as unknown as LayerProps)} />
        <Layer {...(label as unknown as LayerProps)} />
      </Source>
    </>
  );
}
