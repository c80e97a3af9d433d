/**
 * The basemap the map starts with: the offline style built in code (the default; nothing leaves the machine), or,
 * when the SPA was built with `VITE_BASEMAP_STYLE_URL`, that online style with the app's thematic layers on top
 * (online-basemap.ts). An online style that cannot be fetched or is not a style falls back to the offline basemap,
 * and says so.
 */
import { queryOptions, useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import type { StyleSpecification } from '@maplibre/maplibre-gl-style-spec';
import latinFontUrl from '@fontsource/noto-sans/files/noto-sans-latin-400-normal.woff2?url';
import latinExtFontUrl from '@fontsource/noto-sans/files/noto-sans-latin-ext-400-normal.woff2?url';
import { API_PREFIX } from '../../shared/api';
import { basemapStyle } from './basemap-style';
import { isStyleJson, withOnlineBasemap } from './online-basemap';

/** Set at build time; empty or unset: the offline basemap only. */
export const ONLINE_STYLE_URL: string | null = import.meta.env.VITE_BASEMAP_STYLE_URL || null;

/** How long the online style may take before the offline basemap is used instead. */
export const ONLINE_STYLE_TIMEOUT_MS = 8000;

export const absoluteUrl = (path: string) => new URL(path, window.location.origin).href;

export function basemapStyleQueryOptions(url: string) {
  return queryOptions({
    queryKey: ['basemap-style', url],
    queryFn: async ({ signal }): Promise<StyleSpecification> => {
      const res = await fetch(url, { signal: AbortSignal.any([signal, AbortSignal.timeout(ONLINE_STYLE_TIMEOUT_MS)]), credentials: 'omit' });
      if (!res.ok) throw new Error(`the online basemap style answered HTTP ${res.status}`);
      const json: unknown = await res.json();
      if (!isStyleJson(json)) throw new Error('the online basemap URL did not answer a MapLibre style (version 8, sources, layers)');
      return json;
    },
    retry: 0,
    staleTime: Infinity,
    gcTime: Infinity,
  });
}

export interface Basemap {
  /** null while the online style loads. */
  style: StyleSpecification | null;
  online: boolean;
  /** Why the online style is not used (the offline basemap is shown instead). */
  fallback: Error | null;
}

export function useBasemap(): Basemap {
  const styleUrl = ONLINE_STYLE_URL;
  const offline = useMemo(
    () =>
      basemapStyle({
        countriesUrl: absoluteUrl('/basemap/countries.geojson'),
        regionsUrl: absoluteUrl(`${API_PREFIX}/regions`),
        fonts: { latin: absoluteUrl(latinFontUrl), latinExt: absoluteUrl(latinExtFontUrl) },
      }),
    [],
  );
  const online = useQuery({ ...basemapStyleQueryOptions(styleUrl ?? ''), enabled: !!styleUrl });
  return useMemo((): Basemap => {
    if (!styleUrl) return { style: offline, online: false, fallback: null };
    if (online.data) return { style: withOnlineBasemap(online.data, offline, styleUrl), online: true, fallback: null };
    if (online.error) return { style: offline, online: false, fallback: online.error };
    return { style: null, online: false, fallback: null };
  }, [styleUrl, offline, online.data, online.error]);
}
