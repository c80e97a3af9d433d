/**
 * Exports of what is on screen: CSV of tables and breakdowns (links to the API with `format=csv` and the
 * same query), GeoJSON of the current layer (built in the browser, saved from a Blob) and a PNG of the map
 * with its legend and stamps.
 */
import { useState } from 'react';
import type { FeatureCollection } from 'geojson';
import { apiUrl } from '../api/client';
import type { QueryParams } from '../api/query-string';
import { downloadBlob, exportFilename } from '../lib/download';
import { useTranslation } from '../i18n/i18n';
import { composeMapImage, type ImageStamp } from '../lib/export-image';
import { useMapInstance } from '../state/map-instance';

export interface CsvLink {
  label: string;
  path: string;
  params: QueryParams;
}

/** The API URL of a table as CSV: the same query plus `format=csv`. */
export function csvHref(path: string, params: QueryParams): string {
  return apiUrl(path, { ...params, format: 'csv' });
}

export interface ExportBarProps {
  csv?: CsvLink[];
  geojson?: { name: string; build: () => FeatureCollection | Promise<FeatureCollection> };
  png?: { name: string; stamp: () => ImageStamp };
  period?: { from: string | null; to: string | null };
}

export function ExportBar({ csv = [], geojson, png, period = { from: null, to: null } }: ExportBarProps) {
  const [busy, setBusy] = useState(false);
  const { t } = useTranslation();
  return (
    <div className="exports no-print" role="group" aria-label={t('exports.label')} data-testid="exports">
      <span className="exports__label">{t('exports.label')}</span>
      {csv.map((c) => (
        <a key={c.path + c.label} className="btn btn--small" href={csvHref(c.path, c.params)} download data-testid="export-csv">
          {t('exports.csv')}
          <span className="visually-hidden">: {c.label}</span>
        </a>
      ))}
      {geojson ? (
        <button
          type="button"
          className="btn btn--small"
          data-testid="export-geojson"
          disabled={busy}
          onClick={async () => {
            setBusy(true);
            try {
              const fc = await geojson.build();
              downloadBlob(new Blob([JSON.stringify(fc)], { type: 'application/geo+json' }), exportFilename(geojson.name, period.from, period.to, 'geojson'));
            } finally {
              setBusy(false);
            }
          }}
        >
          {t('exports.geojson')}
        </button>
      ) : null}
      {png ? (
        <button
          type="button"
          className="btn btn--small"
          data-testid="export-png"
          onClick={() => {
            const map = useMapInstance.getState().map;
            if (!map) return;
            const draw = () => {
              const canvas = composeMapImage(map.getCanvas(), png.stamp());
              canvas.toBlob((blob) => {
                if (blob) downloadBlob(blob, exportFilename(png.name, period.from, period.to, 'png'));
              }, 'image/png');
            };
            // Draw right after a fresh render so the drawing buffer holds the current frame.
            map.once('render', draw);
            map.triggerRepaint();
          }}
        >
          {t('exports.png')}
        </button>
      ) : null}
    </div>
  );
}
