/**
 * MapLibre's own UI words (control tooltips, the canvas's accessible name) in the interface language: its `locale`
 * option, built from the common catalogue's `maplibre.*` keys. MapLibre reads the option when the map is made only
 * (it has no public way to change it later): map/useMapLanguage.ts relabels what this map shows on a language change.
 */
import { i18n, type Language } from '../i18n/i18n';

/** MapLibre's string ids (its `defaultLocale`) → the catalogue's keys. */
const KEYS = {
  'Map.Title': 'maplibre.mapTitle',
  'AttributionControl.ToggleAttribution': 'maplibre.toggleAttribution',
  'AttributionControl.MapFeedback': 'maplibre.mapFeedback',
  'LogoControl.Title': 'maplibre.logoTitle',
  'Marker.Title': 'maplibre.markerTitle',
  'Popup.Close': 'maplibre.popupClose',
  'NavigationControl.ZoomIn': 'maplibre.zoomIn',
  'NavigationControl.ZoomOut': 'maplibre.zoomOut',
  'NavigationControl.ResetBearing': 'maplibre.resetBearing',
  'FullscreenControl.Enter': 'maplibre.fullscreenEnter',
  'FullscreenControl.Exit': 'maplibre.fullscreenExit',
  'GeolocateControl.FindMyLocation': 'maplibre.findMyLocation',
  'GeolocateControl.LocationNotAvailable': 'maplibre.locationNotAvailable',
  'GlobeControl.Enable': 'maplibre.globeEnable',
  'GlobeControl.Disable': 'maplibre.globeDisable',
  'TerrainControl.Enable': 'maplibre.terrainEnable',
  'TerrainControl.Disable': 'maplibre.terrainDisable',
  'CooperativeGesturesHandler.WindowsHelpText': 'maplibre.ctrlScrollHelp',
  'CooperativeGesturesHandler.MacHelpText': 'maplibre.cmdScrollHelp',
  'CooperativeGesturesHandler.MobileHelpText': 'maplibre.twoFingersHelp',
} as const;

/** The `locale` option of a map made now, in `lang`. */
export function maplibreLocale(lang: Language): Record<string, string> {
  return Object.fromEntries(Object.entries(KEYS).map(([id, key]) => [id, i18n.t(key, { lng: lang })]));
}
