/**
 * Entry point. MapLibre's workers start first (map/boot.ts), then the first requests, then React — after the French
 * catalogue when the link asks for French, so the first screen is not drawn in English.
 */
import './map/boot';
import 'maplibre-gl/dist/maplibre-gl.css';
import '@fontsource/noto-sans/latin-400.css';
import '@fontsource/noto-sans/latin-ext-400.css';
import '@fontsource/noto-sans/latin-600.css';
import './styles.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { AppProviders } from './app/providers';
import { metaQueryOptions, placesQueryOptions, routesQueryOptions } from './api/queries';
import { sessionQueryOptions } from './api/session';
import { createQueryClient } from './api/react-query';
import { basemapStyleQueryOptions, ONLINE_STYLE_URL } from './map/useBasemap';
import { setLanguage } from './i18n/i18n';

// What the first screen needs is asked for now, before React's first render (the hooks then find it in flight).
const queryClient = createQueryClient();
void queryClient.prefetchQuery(metaQueryOptions());
void queryClient.prefetchQuery(sessionQueryOptions());
void queryClient.prefetchQuery(placesQueryOptions());
// Geography is public: the corridors are drawn for every visitor, signed in or not.
void queryClient.prefetchQuery(routesQueryOptions());
// Only when the SPA was built with an online basemap (VITE_BASEMAP_STYLE_URL): its style, so the map need not wait.
if (ONLINE_STYLE_URL) void queryClient.prefetchQuery(basemapStyleQueryOptions(ONLINE_STYLE_URL));

// The language of the link (app/useUrlSync.ts applies the URL again once /meta is known; this only starts early).
const french = new URLSearchParams(window.location.search).get('lang') === 'fr';
// If the catalogue cannot load, the app starts in English rather than not at all.
const language = french ? setLanguage('fr').catch(() => undefined) : Promise.resolve();

const root = document.getElementById('root');
if (!root) throw new Error('#root is missing from index.html');
void language.then(() =>
  createRoot(root).render(
    <StrictMode>
      <AppProviders client={queryClient}>
        <App />
      </AppProviders>
    </StrictMode>,
  ),
);
