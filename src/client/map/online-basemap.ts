/**
 * The optional online basemap (DESIGN §6, `VITE_BASEMAP_STYLE_URL` at build time): a MapLibre style fetched from a
 * tile host draws the cartography (land, water, roads, place names), and the app's own thematic basemap layers go on
 * top of it — Niger's outline, its admin-1 regions (the hotspots view colours them) and their labels — with the
 * app's local label font. Pure functions; the fetch is in useBasemap.ts. The offline basemap stays the default and
 * the fallback when the style cannot be fetched.
 */
import type { LayerSpecification, SourceSpecification, StyleSpecification } from '@maplibre/maplibre-gl-style-spec';
import { NIGER_OUTLINE_LAYER_ID, REGIONS_LABEL_LAYER_ID, REGIONS_OUTLINE_LAYER_ID } from './basemap-style';

/** The offline basemap's layers drawn over an online style (in the offline basemap's order). */
export const THEMATIC_LAYER_IDS = [NIGER_OUTLINE_LAYER_ID, REGIONS_OUTLINE_LAYER_ID, REGIONS_LABEL_LAYER_ID] as const;

/** Loosely, a style JSON: what must hold before MapLibre is given it (MapLibre validates the rest). */
export function isStyleJson(x: unknown): x is StyleSpecification {
  if (!x || typeof x !== 'object') return false;
  const s = x as Record<string, unknown>;
  return s['version'] === 8 && !!s['sources'] && typeof s['sources'] === 'object' && Array.isArray(s['layers']);
}

const ABSOLUTE = /^[a-z][a-z0-9+.-]*:/i;

/**
 * A URL of the style made absolute against the style's own URL (MapLibre does this only for a style it loads by URL;
 * this one is handed over as an object). `{z}`, `{fontstack}` and the like are kept as they are.
 */
export function resolveStyleUrl(url: string, styleUrl: string): string {
  if (ABSOLUTE.test(url)) return url;
  return new URL(url, styleUrl).href.replace(/%7B/gi, '{').replace(/%7D/gi, '}');
}

function resolveSource(source: SourceSpecification, styleUrl: string): SourceSpecification {
  const s = { ...source } as Record<string, unknown>;
  if (typeof s['url'] === 'string') s['url'] = resolveStyleUrl(s['url'], styleUrl);
  if (Array.isArray(s['tiles'])) s['tiles'] = (s['tiles'] as string[]).map((t) => resolveStyleUrl(t, styleUrl));
  if (typeof s['data'] === 'string') s['data'] = resolveStyleUrl(s['data'], styleUrl);
  return s as unknown as SourceSpecification;
}

function resolveSprite(sprite: StyleSpecification['sprite'], styleUrl: string): StyleSpecification['sprite'] {
  if (typeof sprite === 'string') return resolveStyleUrl(sprite, styleUrl);
  if (Array.isArray(sprite)) return sprite.map((s) => ({ ...s, url: resolveStyleUrl(s.url, styleUrl) }));
  return sprite;
}

/**
 * The online style with the offline basemap's thematic layers (and their sources, and the label font) on top. Where
 * an id is taken by both, the app's own wins: its sources and layers are what the app's views refer to.
 */
export function withOnlineBasemap(online: StyleSpecification, offline: StyleSpecification, styleUrl: string): StyleSpecification {
  const keep = offline.layers.filter((l) => (THEMATIC_LAYER_IDS as readonly string[]).includes(l.id));
  const keptIds = new Set(keep.map((l) => l.id));
  const neededSources = new Set(keep.map((l) => (l as { source?: string }).source).filter((s): s is string => !!s));
  const sources: Record<string, SourceSpecification> = {};
  for (const [id, src] of Object.entries(online.sources)) if (!neededSources.has(id)) sources[id] = resolveSource(src, styleUrl);
  for (const id of neededSources) sources[id] = offline.sources[id]!;
  const onlineLayers: LayerSpecification[] = online.layers.filter((l) => !keptIds.has(l.id) && !neededSources.has((l as { source?: string }).source ?? ''));
  const style: StyleSpecification = {
    ...online,
    name: `${online.name ?? 'Online basemap'} + Transit Atlas`,
    sources,
    layers: [...onlineLayers, ...keep],
  };
  if (offline['font-faces']) style['font-faces'] = { ...(online['font-faces'] ?? {}), ...offline['font-faces'] };
  if (online.sprite !== undefined) style.sprite = resolveSprite(online.sprite, styleUrl);
  if (online.glyphs !== undefined) style.glyphs = resolveStyleUrl(online.glyphs, styleUrl);
  return style;
}
