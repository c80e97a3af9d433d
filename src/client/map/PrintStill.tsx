/**
 * Print layout of every view: a still of the map, scaled to fit its printed box, instead of the live canvas. The
 * print layout resizes the map's box, and MapLibre clears and redraws a resized canvas too late for the printout,
 * which then showed a cropped or blank map. The still is taken on `beforeprint` (the canvas keeps its drawing buffer,
 * see MapView) while the screen layout is still in place. Loaded after the first map idle (App.tsx).
 */
import { useEffect, useState } from 'react';
import { flushSync } from 'react-dom';
import { useTranslation } from '../i18n/i18n';
import { mapStill } from './print-still';

export function PrintStill() {
  const { t } = useTranslation();
  const [url, setUrl] = useState<string | null>(null);
  useEffect(() => {
    const take = () => {
      // Already laid out for print (print emulation, a second print): the canvas may be resized and not redrawn yet.
      if (window.matchMedia('print').matches && url !== null) return;
      const still = mapStill();
      if (still) flushSync(() => setUrl(still));
    };
    window.addEventListener('beforeprint', take);
    return () => window.removeEventListener('beforeprint', take);
  }, [url]);
  return url ? <img className="print-only print-still" src={url} alt={t('maplibre.mapTitle')} data-testid="print-still" /> : null;
}
