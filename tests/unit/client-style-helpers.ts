/** Helpers for the client's style tests: wrap layers in a minimal style, evaluate expressions like MapLibre does. */
import {
  createPropertyExpression,
  featureFilter,
  latest,
  validateStyleMin,
  type FilterSpecification,
  type LayerSpecification,
  type SourceSpecification,
  type StylePropertySpecification,
  type StyleSpecification,
} from '@maplibre/maplibre-gl-style-spec';

export function minimalStyle(sources: Record<string, SourceSpecification>, layers: LayerSpecification[]): StyleSpecification {
  return { version: 8, sources, layers };
}

/** validateStyleMin's messages, for readable assertion failures. */
export function styleErrors(style: StyleSpecification): string[] {
  return validateStyleMin(style).map((e) => e.message);
}

type Kind = 'paint' | 'layout';

function propertySpec(layerType: string, kind: Kind, name: string): StylePropertySpecification {
  const group = (latest as unknown as Record<string, Record<string, StylePropertySpecification>>)[`${kind}_${layerType}`];
  const spec = group?.[name];
  if (!spec) throw new Error(`no ${kind} property ${name} on ${layerType}`);
  return spec;
}

export interface EvalInput {
  zoom?: number;
  properties?: Record<string, unknown>;
  state?: Record<string, unknown>;
  geometryType?: 'Point' | 'LineString' | 'Polygon';
}

/** Evaluates a layer's paint or layout value for one feature and feature-state. */
export function evaluate(layer: LayerSpecification, kind: Kind, name: string, input: EvalInput = {}): unknown {
  const value = (layer as unknown as Record<Kind, Record<string, unknown> | undefined>)[kind]?.[name];
  if (value === undefined) throw new Error(`${layer.id} has no ${kind} ${name}`);
  const spec = propertySpec(layer.type, kind, name);
  const parsed = createPropertyExpression(value, `${layer.id}.${kind}.${name}`, spec);
  if (parsed.result === 'error') throw new Error(parsed.value.map((e) => e.message).join('; '));
  const out = parsed.value.evaluate({ zoom: input.zoom ?? 4 }, { type: input.geometryType ?? 'Point', properties: input.properties ?? {} }, input.state ?? {});
  return out;
}

/** Evaluates a layer filter for a feature. */
export function passesFilter(layer: LayerSpecification, properties: Record<string, unknown>, geometryType: 'Point' | 'LineString' = 'Point'): boolean {
  const filter = (layer as { filter?: FilterSpecification }).filter;
  const f = featureFilter(filter, 'filter');
  return f.filter({ zoom: 4 }, { type: geometryType === 'Point' ? 1 : 2, properties });
}

/** A colour value evaluated by the style-spec (a Color) → "#rrggbb". */
export function hex(colour: unknown): string {
  const c = colour as { r: number; g: number; b: number; a: number };
  const to = (v: number) =>
    Math.round((v / (c.a || 1)) * 255)
      .toString(16)
      .padStart(2, '0');
  return `#${to(c.r)}${to(c.g)}${to(c.b)}`;
}
