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
import { ApiError, apiUrl, fetchJson, httpError, readJsonBody } from '../../api/client';

/** The react-query key of the import history (every query is invalidated after an import or an undo anyway). */
export const IMPORT_HISTORY_KEY = ['admin', 'imports'] as const;

export const fetchImportHistory = (signal?: AbortSignal): Promise<ImportHistoryResponse> =>
  fetchJson('/imports', importHistoryResponse, { signal });

/** Undoes import `id`; resolves with the new data version, rejects with an ApiError (404, 409 …). */
export async function undoImport(id: number): Promise<ImportUndoResponse> {
  const url = apiUrl(`/imports/${id}/undo`);
  let res: Response;
  try {
    res = await fetch(url, { method: 'POST', headers: { Accept: 'application/json' }, credentials: 'same-origin', cache: 'no-store' });
  } catch {
    throw new ApiError({ message: 'The server could not be reached.', status: 0, kind: 'network', url });
  }
  const body = await readJsonBody(res);
  if (!res.ok) throw httpError(res, body, url);
  const parsed = importUndoResponse.safeParse(body);
  if (!parsed.success) throw new ApiError({ message: `Unexpected answer from ${url}`, status: res.status, kind: 'invalid-response', url });
  return parsed.data;
}

export type ImportResult = { ok: true; response: ImportResponse } | { ok: false; report: ImportProblem };

export const contentTypeOf = (dataset: ImportDatasetName) => (dataset === 'places' ? 'application/geo+json' : 'text/csv');

/** Uploads `file`; resolves with the server's answer or its validation report (400). */
export async function uploadImport(
  dataset: ImportDatasetName,
  file: Blob,
  opts: { dryRun: boolean; signal?: AbortSignal },
): Promise<ImportResult> {
  const url = apiUrl(`/imports/${dataset}`, opts.dryRun ? { dryRun: 'true' } : {});
  let res: Response;
  try {
    res = await fetch(url, {
      method: 'POST',
      headers: { Accept: 'application/json', 'Content-Type': contentTypeOf(dataset) },
      credentials: 'same-origin',
      cache: 'no-store',
      body: file,
      signal: opts.signal,
    });
  } catch (e) {
    if ((e as Error).name === 'AbortError') throw e;
    throw new ApiError({ message: 'The server could not be reached.', status: 0, kind: 'network', url });
  }
  const body = await readJsonBody(res);
  if (res.ok) {
    const parsed = importResponse.safeParse(body);
    if (!parsed.success) throw new ApiError({ message: `Unexpected answer from ${url}`, status: res.status, kind: 'invalid-response', url });
    return { ok: true, response: parsed.data };
  }
  if (res.status === 400) {
    const report = importProblem.safeParse(body);
    if (report.success && report.data.errors) return { ok: false, report: report.data };
  }
  throw httpError(res, body, url);
}
