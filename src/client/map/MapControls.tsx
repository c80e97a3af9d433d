/**
 * The map's controls, top right: zoom in / out (MapLibre's NavigationControl, no compass: the map never rotates),
 * "fit to Niger" (a small control of our own, in MapLibre's control look) and a metric scale bar (ScaleControl).
 * Loaded after the first map is drawn (MapView): MapLibre's control code is in its own bundle already, and none of it
 * is needed to see the first map. MapLibre's own buttons take their words from the map's `locale` (maplibre-locale.ts,
 * relabelled on a language change by useMapLanguage); the fit button is remade in the new language.
 */
import type { ControlPosition, IControl, Map as MaplibreMap } from 'maplibre-gl';
import { useEffect } from 'react';
import { NavigationControl, ScaleControl, useControl, useMap } from 'react-map-gl/maplibre';
import { useLanguage, useTranslation } from '../i18n/i18n';
import { useView } from '../state/view';
import { fitPadding, legendIsOpen, NIGER_BOUNDS } from './base-layers';
import './i18n';

/** Fits the map to Niger, leaving out the open legend's strip (base-layers.ts fitPadding). */
export function fitToNiger(map: Pick<MaplibreMap, 'fitBounds' | 'getContainer'>): void {
  const width = map.getContainer().clientWidth;
  map.fitBounds(NIGER_BOUNDS, { padding: fitPadding(width, legendIsOpen(useView.getState().legendOpen, width)), duration: 400 });
}

/** A one-button MapLibre control (maplibregl-ctrl-group) that fits the map to Niger. */
class FitControl implements IControl {
  private container: HTMLElement | null = null;
  constructor(
    private readonly label: string,
    private readonly short: string,
  ) {}
  onAdd(map: MaplibreMap): HTMLElement {
    const div = document.createElement('div');
    div.className = 'maplibregl-ctrl maplibregl-ctrl-group map-fit';
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'map-fit__button';
    button.title = this.label;
    button.setAttribute('aria-label', this.label);
    button.dataset['testid'] = 'fit-niger';
    button.textContent = this.short;
    button.addEventListener('click', () => fitToNiger(map));
    div.append(button);
    this.container = div;
    return div;
  }
  onRemove(): void {
    this.container?.remove();
    this.container = null;
  }
  getDefaultPosition(): ControlPosition {
    return 'top-right';
  }
}

function FitNiger({ label, short }: { label: string; short: string }) {
  useControl(() => new FitControl(label, short), { position: 'top-right' });
  return null;
}

/**
 * MapLibre names the zoom buttons from the `locale` the map was made with: relabelled here when the language changes
 * (as useMapLanguage does for the attribution button).
 */
function useZoomLabels() {
  const { current: map } = useMap();
  const { t } = useTranslation();
  const lang = useLanguage();
  useEffect(() => {
    const container = map?.getContainer();
    if (!container) return;
    for (const [cls, label] of [
      ['.maplibregl-ctrl-zoom-in', t('maplibre.zoomIn')],
      ['.maplibregl-ctrl-zoom-out', t('maplibre.zoomOut')],
    ] as const) {
      const button = container.querySelector(cls);
      button?.setAttribute('title', label);
      button?.setAttribute('aria-label', label);
    }
  }, [map, lang, t]);
}

export function MapControls() {
  const { t } = useTranslation('map');
  const lang = useLanguage();
  useZoomLabels();
  return (
    <>
      <NavigationControl position="top-right" showCompass={false} visualizePitch={false} />
      <FitNiger key={lang} label={t('fitNiger')} short={t('fitNigerShort')} />
      <ScaleControl position="bottom-right" unit="metric" maxWidth={120} />
    </>
  );
}
