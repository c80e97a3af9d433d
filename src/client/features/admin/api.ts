/**
 * Admin imports on the client: POST /api/v1/imports/<dataset>[?dryRun=true] with the file as the body (sent as it is,
 * never parsed here). A 400 with an import problem (the validation report) is a result, not a failure; every other
 * failure is an ApiError carrying the server's problem+json.
 */
import {
  importProblem,
  importResponse,
  type ImportDatasetName,
  type ImportProblem,
  type ImportResponse,
} from '../../../shared/api';
import { ApiError, apiUrl, httpError, readJsonBody } from '../../api/client';

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
