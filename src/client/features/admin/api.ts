/**
 * Admin imports on the client: POST /api/v1/imports/<dataset>[?dryRun=true] with the file as the body (sent as it is,
 * never parsed here). A 400 with an import problem (the validation report) is a result, not a failure; every other
 * failure is an ApiError carrying the server's problem+json. The history: GET /api/v1/imports; undo:
 * POST /api/v1/imports/<id>/undo (no body).
 */
import {
  importHistoryResponse,
  importProblem,
  importResponse,
  importUndoResponse,
  type ImportDatasetName,
  type ImportHistoryResponse,
  type ImportProblem,
  type ImportResponse,
  type ImportUndoResponse,
} from '../../../shared/api';
import { ApiError, apiFetch, fetchJson } from '../../api/client';

/** The react-query key of the import history (every query is invalidated after an import or an undo anyway). */
export const IMPORT_HISTORY_KEY = ['admin', 'imports'] as const;

export const fetchImportHistory = (signal?: AbortSignal): Promise<ImportHistoryResponse> => fetchJson('/imports', importHistoryResponse, { signal });

/** Undoes import `id`; resolves with the new data version, rejects with an ApiError (404, 409 …). */
export const undoImport = (id: number): Promise<ImportUndoResponse> => apiFetch(`/imports/${id}/undo`, importUndoResponse, { method: 'POST' });

export type ImportResult = { ok: true; response: ImportResponse } | { ok: false; report: ImportProblem };

export const contentTypeOf = (dataset: ImportDatasetName) => (dataset === 'places' ? 'application/geo+json' : 'text/csv');

/** Uploads `file`; resolves with the server's answer or its validation report (400). */
export async function uploadImport(dataset: ImportDatasetName, file: Blob, opts: { dryRun: boolean; signal?: AbortSignal }): Promise<ImportResult> {
  try {
    const response = await apiFetch(`/imports/${dataset}`, importResponse, {
      method: 'POST',
      params: opts.dryRun ? { dryRun: 'true' } : {},
      body: { data: file, contentType: contentTypeOf(dataset) },
      signal: opts.signal,
    });
    return { ok: true, response };
  } catch (e) {
    if (e instanceof ApiError && e.kind === 'http' && e.status === 400) {
      const report = importProblem.safeParse(e.body);
      if (report.success && report.data.errors) return { ok: false, report: report.data };
    }
    throw e;
  }
}
