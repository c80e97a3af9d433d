/**
 * Exports of what is on screen, each button saying what it saves ("CSV: By nationality", "Map image (PNG)"): CSV of
 * tables and breakdowns (the API's `format=csv` answer to the same query, with the context added as columns), GeoJSON
 * of the current layer (built in the browser, saved from a Blob), a PNG of the map with its legend and stamps, and a
 * button that copies the link to this view. Every file name carries the place, the filters, the period, how the counts
 * are protected for this role and whether the data are illustrative (lib/export-context.ts).
 */
import { useState } from 'react';
import type { FeatureCollection } from 'geojson';
import type { DisclosureInfo } from '../../shared/api';
import { EXTERNAL_ROLES, type Role } from '../../shared/enums';
import { apiUrl } from '../api/client';
import { useMeta, usePlaces, useRoutes } from '../api/queries';
import { useSession } from '../api/session';
import type { QueryParams } from '../api/query-string';
import { downloadBlob, exportFilename } from '../lib/download';
import { appendCsvColumns, contextColumns, contextOf, contextSlugs, type ExportContext } from '../lib/export-context';
import { parametersOf } from '../lib/suppressed';
import { useTranslation } from '../i18n/i18n';
import { composeMapImage, type ImageStamp } from '../lib/export-image';
import { useMapInstance } from '../state/map-instance';
import './shell-i18n';

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
  /** The place and filters the GeoJSON and PNG show (query parameters: point, route, centre, nationality…). */
  scope?: QueryParams;
  /** The answers' disclosure (for the ±maxNoise in the protection column). */
  disclosure?: Partial<DisclosureInfo> | undefined;
  /** The copy-link button (on by default). */
  copyLink?: boolean;
}

const isOutside = (role: Role | undefined) => role === undefined || (EXTERNAL_ROLES as readonly Role[]).includes(role);

/** The names of places and routes, and whether the data are illustrative and the counts protected, for export contexts. */
export function useExportContext() {
  const places = usePlaces();
  const routes = useRoutes();
  const meta = useMeta();
  const session = useSession();
  const names = (id: string) => {
    const place = places.data?.features.find((f) => f.properties.id === id)?.properties;
    if (place) return place.name;
    const route = routes.data?.features.find((f) => f.properties.id === id)?.properties;
    return route ? `${route.id} ${route.name}` : undefined;
  };
  return {
    of: (params: QueryParams, period?: { from: string | null; to: string | null }): ExportContext =>
      contextOf(params, {
        names,
        protectedCounts: isOutside(session.data?.role),
        illustrative: meta.data?.illustrative !== false,
        from: period?.from ?? null,
        to: period?.to ?? null,
      }),
  };
}

export function ExportBar({ csv = [], geojson, png, period = { from: null, to: null }, scope = {}, disclosure, copyLink = true }: ExportBarProps) {
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState<string | null>(null);
  const { t } = useTranslation();
  const { t: ts } = useTranslation('shell');
  const context = useExportContext();
  const protectionText = (ctx: ExportContext) =>
    ctx.protectedCounts ? ts('exports.protectedText', { maxNoise: parametersOf(disclosure).maxNoise }) : ts('exports.exactText');
  const scoped = context.of({ ...scope, from: period.from, to: period.to });
  const nameOf = (what: string, ext: string, ctx: ExportContext) => exportFilename(what, ctx.from, ctx.to, ext, contextSlugs(ctx));

  const saveCsv = async (c: CsvLink, href: string, filename: string, ctx: ExportContext) => {
    setStatus(null);
    try {
      const res = await fetch(href, { credentials: 'same-origin', headers: { accept: 'text/csv' } });
      if (!res.ok) throw new Error(String(res.status));
      const text = appendCsvColumns(await res.text(), contextColumns(ctx, protectionText(ctx)));
      downloadBlob(new Blob([text], { type: 'text/csv;charset=utf-8' }), filename);
    } catch {
      setStatus(ts('exports.failed'));
    }
  };

  return (
    <div className="exports no-print" role="group" aria-label={t('exports.label')} data-testid="exports">
      <span className="exports__label">{t('exports.label')}</span>
      {csv.map((c) => {
        const href = csvHref(c.path, c.params);
        const ctx = context.of(c.params, period);
        const filename = nameOf(c.label, 'csv', ctx);
        return (
          <a
            key={c.path + c.label}
            className="btn btn--small"
            href={href}
            download={filename}
            title={ts('exports.csvTitle', { what: c.label })}
            data-testid="export-csv"
            onClick={(e) => {
              // Saved through the page, so the file carries its context; the link itself still works without script.
              e.preventDefault();
              void saveCsv(c, href, filename, ctx);
            }}
          >
            {ts('exports.csvOf', { what: c.label })}
          </a>
        );
      })}
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
              const ctx = scoped;
              const withContext = { ...fc, context: { ...ctx, protection: protectionText(ctx) } };
              downloadBlob(new Blob([JSON.stringify(withContext)], { type: 'application/geo+json' }), nameOf(geojson.name, 'geojson', ctx));
            } finally {
              setBusy(false);
            }
          }}
        >
          {ts('exports.geojsonOf')}
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
                if (blob) downloadBlob(blob, nameOf(png.name, 'png', scoped));
              }, 'image/png');
            };
            // Draw right after a fresh render so the drawing buffer holds the current frame.
            map.once('render', draw);
            map.triggerRepaint();
          }}
        >
          {ts('exports.pngOf')}
        </button>
      ) : null}
      {copyLink ? (
        <button
          type="button"
          className="btn btn--small"
          data-testid="copy-link"
          onClick={async () => {
            try {
              await navigator.clipboard.writeText(window.location.href);
              setStatus(ts('exports.copied'));
            } catch {
              setStatus(ts('exports.copyFailed'));
            }
          }}
        >
          {ts('exports.copyLink')}
        </button>
      ) : null}
      <span className="exports__status" role="status" data-testid="exports-status">
        {status}
      </span>
    </div>
  );
}
