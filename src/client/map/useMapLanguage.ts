/**
 * The map in the interface language, kept there when it changes: the basemap's country labels follow the style's
 * `lang` global state (basemap-style.ts), set here when the map starts, on every language change and when a new style
 * loads (a style starts from its default). MapLibre's own words come from its `locale` option, which it reads when the
 * map is made only: what this map shows of them — the canvas's accessible name and the attribution button's label —
 * is relabelled here on a change (MapView remounts the attribution control itself, for its text).
 */
import type { Map as MaplibreMap } from 'maplibre-gl';
import { useEffect } from 'react';
import { useLanguage, useTranslation } from '../i18n/i18n';
import { LANG_STATE } from './basemap-style';

export function useMapLanguage(map: MaplibreMap | null): void {
  const lang = useLanguage();
  const { t } = useTranslation();
  useEffect(() => {
    if (!map) return;
    const apply = () => {
      map.setGlobalStateProperty(LANG_STATE, lang);
    };
    // `map` is set once its style is parsed (MapView's first `styledata`), so the style can take the state now.
    apply();
    map.on('style.load', apply);
    map.getCanvas().setAttribute('aria-label', t('maplibre.mapTitle'));
    const toggle = map.getContainer().querySelector('.maplibregl-ctrl-attrib-button');
    if (toggle) {
      toggle.setAttribute('title', t('maplibre.toggleAttribution'));
      toggle.setAttribute('aria-label', t('maplibre.toggleAttribution'));
    }
    return () => {
      map.off('style.load', apply);
    };
  }, [map, lang, t]);
}
