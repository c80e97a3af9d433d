/**
 * Admin data imports: `POST /api/v1/imports/{flows|assistance|returns}` (body text/csv) and
 * `POST /api/v1/imports/places` (body application/geo+json or application/json, a FeatureCollection of points).
 * `?dryRun=true` validates and counts without writing. The body is streamed straight into the validator (never held
 * whole, except GeoJSON, which is capped lower); past the byte limit the answer is 413.
 *
 * Dates must be plausible (data start − 1 year … today + 31 days; import/limits.ts) and text of a sane length; the
 * answer (a dry run's too) says what the import changes: rows added and replaced, the data's extent and "data as of"
 * before and after, and warnings when the extent jumps.
 *
 * `GET /api/v1/imports` lists the committed imports (undone ones too); `POST /api/v1/imports/{id}/undo` reverts one,
 * atomically: the data is then exactly as if it had never been made (DuckDbStore.undoImport).
 *
 * Admin only (policy.ts `imports`); the guard lets these bodies through its JSON-only rule (guard.ts FILE_BODY_TYPES).
 * Same code path as `npm run import` (import/run.ts).
 */
import type { Readable } from 'node:stream';
import * as z from 'zod/mini';
import {
  API_PREFIX,
  importHistoryResponse,
  importProblem,
  importQuery,
  importResponse,
  importUndoParams,
  importUndoResponse,
  noQuery,
  problem,
  PROBLEM_CONTENT_TYPE,
  type ImportHistoryResponse,
  type ImportProblem,
  type ImportResponse,
  type ImportUndoResponse,
} from '../../shared/api';
import { columnsOf, METRIC_DATASETS, type MetricDatasetName } from '../../shared/dataset-schema';
import { importTemplate } from '../import/template';
import { DEFAULT_IMPORT_MAX_BYTES, listImports, runImport, runUndo } from '../import/run';
import { IMPORT_DATASETS, ImportsUnavailableError, UndoRefusedError, type ImportDataset } from '../import/types';
import { ImportTooLargeError } from '../import/validate-csv';
import { PROBLEM_TYPES, ProblemError } from '../lib/problem';
import type { RouteContext, ZodApp } from './context';

export const IMPORT_PROBLEM_TYPES = {
  invalid: 'urn:transit-atlas:problem:invalid-import',
  tooLarge: 'urn:transit-atlas:problem:import-too-large',
  unavailable: 'urn:transit-atlas:problem:imports-unavailable',
  /** The import cannot be undone (already undone, or the imports after it would not stand without it). */
  undoRefused: 'urn:transit-atlas:problem:undo-refused',
} as const;

const CSV_TYPE = /^text\/csv\s*(;|$)/i;
const GEOJSON_TYPE = /^application\/(geo\+)?json\s*(;|$)/i;

/** A CSV format in words, from the dataset schema: the columns, and those a file may leave out. */
function csvFormat(dataset: MetricDatasetName): string {
  const cols = columnsOf(dataset);
  const required = cols.filter((c) => c.absentValue === undefined).map((c) => c.name);
  const optional = cols.filter((c) => c.absentValue !== undefined).map((c) => `a \`${c.name}\` column`);
  const last = required[required.length - 1]!;
  return `CSV: \`${required.join(',')}\`${optional.length > 0 ? `, optionally with ${optional.join(' and ')} (before or after ${last})` : ''}.`;
}

const DESCRIPTIONS: Record<ImportDataset, string> = {
  flows: csvFormat('flows'),
  assistance: csvFormat('assistance'),
  returns: csvFormat('returns'),
  places:
    'GeoJSON FeatureCollection of Point features whose properties follow the places schema (id, name, kind, countryIso3, admin1Pcode, capacity, activeFrom, activeTo, routes, source).',
};

function tooLarge(limit: number): ProblemError {
  return new ProblemError(413, IMPORT_PROBLEM_TYPES.tooLarge, `The file is larger than the import limit of ${limit} bytes`, undefined, { Connection: 'close' });
}

export function importsRoutes(app: ZodApp, ctx: RouteContext) {
  const maxBytes = ctx.imports?.maxBytes ?? DEFAULT_IMPORT_MAX_BYTES;
  app.register(async (scope) => {
    // The body reaches the handler as the request stream: validated while it arrives, never buffered here.
    const passThrough = (_req: unknown, payload: Readable, done: (err: Error | null, body?: unknown) => void) => done(null, payload);
    scope.removeContentTypeParser(['application/json']);
    scope.addContentTypeParser(['text/csv', 'application/json', 'application/geo+json'], passThrough);

    for (const dataset of IMPORT_DATASETS) {
      const url = `${API_PREFIX}/imports/${dataset}`;
      scope.route({
        method: 'POST',
        url,
        schema: {
          summary: `Import ${dataset} (admin): validate every row, then replace by natural key in one transaction`,
          description:
            `${DESCRIPTIONS[dataset]} With a row of HXL hashtags (under the header, above it, or alone: GET …/imports/templates/{dataset}.csv) the columns are found by their hashtags, in any order; #loc+name names places by name. On any error nothing is written and the ` +
            `answer (400) lists the first 100 errors with line, field and message. \`?dryRun=true\` validates and counts only.`,
          querystring: importQuery,
          response: { 200: importResponse, 400: importProblem, 401: problem, 403: problem, 413: problem, 415: problem, 503: problem },
        },
        handler: async (request, reply) => {
          const type = request.headers['content-type'] ?? '';
          const wanted = dataset === 'places' ? GEOJSON_TYPE : CSV_TYPE;
          if (!wanted.test(type)) {
            throw new ProblemError(
              415,
              PROBLEM_TYPES.unsupportedMediaType,
              dataset === 'places' ? 'Send places as application/geo+json (a GeoJSON FeatureCollection)' : `Send ${dataset} as text/csv`,
            );
          }
          const declared = Number(request.headers['content-length'] ?? NaN);
          if (Number.isFinite(declared) && declared > maxBytes) throw tooLarge(maxBytes);
          const imports = ctx.store.imports;
          if (!imports) {
            throw new ProblemError(503, IMPORT_PROBLEM_TYPES.unavailable, 'This server cannot take imports (its store is not writable)');
          }
          const body = request.body as AsyncIterable<Uint8Array | string> | undefined;
          const input: AsyncIterable<Uint8Array | string> = body ?? (async function* () {})();
          const dryRun = (request.query as { dryRun: 'true' | 'false' }).dryRun === 'true';
          let result;
          try {
            result = await runImport(imports, dataset, input, { dryRun, maxBytes, dates: ctx.imports?.dates });
            request.raw.resume(); // anything left unread (after a header error) is discarded
          } catch (e) {
            if (e instanceof ImportTooLargeError) {
              // The rest of the body is discarded (the connection closes after the answer).
              request.raw.resume();
              throw tooLarge(e.limit);
            }
            if (e instanceof ImportsUnavailableError) throw new ProblemError(503, IMPORT_PROBLEM_TYPES.unavailable, e.message);
            throw e;
          }
          if (!result.ok) {
            const body: ImportProblem = {
              type: IMPORT_PROBLEM_TYPES.invalid,
              title: 'Bad Request',
              status: 400,
              detail:
                `${result.errorCount} error${result.errorCount === 1 ? '' : 's'} in ${result.rows} ${dataset} ` +
                `${dataset === 'places' ? 'feature' : 'row'}${result.rows === 1 ? '' : 's'}; nothing was written` +
                (result.errorCount > result.errors.length ? ` (the first ${result.errors.length} are listed)` : ''),
              instance: url,
              errors: result.errors,
              errorCount: result.errorCount,
              rows: result.rows,
            };
            return reply.code(400).type(PROBLEM_CONTENT_TYPE).send(body);
          }
          if (!result.outcome.dryRun) newDataVersion(ctx, request.log, 'an import');
          const answer: ImportResponse = result.outcome;
          return answer;
        },
      });
    }
  });

  // The templates: admin only, like the imports they serve — the example row names a stored place, and transit
  // centres and offices are not on every role's map (policy.ts places).
  for (const dataset of METRIC_DATASETS) {
    app.get(
      `${API_PREFIX}/imports/templates/${dataset}.csv`,
      {
        schema: {
          summary: `Import template for ${dataset} (admin): the CSV header, the HXL hashtag row and one example row`,
          description:
            `${DESCRIPTIONS[dataset]} Fill in rows under the example (or replace it); the hashtag row may stay, and a file with ` +
            'the hashtags alone (or above the header) imports too: columns are found by their HXL hashtags.',
          querystring: noQuery,
          response: { 200: z.string(), 401: problem, 403: problem },
        },
      },
      async (_request, reply) => {
        const info = ctx.store.info();
        const places = (await ctx.store.places()).features.map((f) => ({ id: f.properties.id, kind: f.properties.kind, region: f.properties.admin1Pcode }));
        const text = importTemplate(dataset, { latest: info.dateRange.max, places, countries: info.countries.map((c) => c.iso3) });
        return reply
          .type('text/csv; charset=utf-8')
          .header('Content-Disposition', `attachment; filename="transit-atlas_${dataset}_import-template.csv"`)
          .send(text as never);
      },
    );
  }

  const unavailable = () => new ProblemError(503, IMPORT_PROBLEM_TYPES.unavailable, 'This server keeps no import history (its store is not writable)');

  app.get(
    `${API_PREFIX}/imports`,
    {
      schema: {
        summary: 'Import history (admin): committed imports, newest first, undone ones included',
        response: { 200: importHistoryResponse, 401: problem, 403: problem, 503: problem },
      },
    },
    async () => {
      const imports = ctx.store.imports;
      if (!imports) throw unavailable();
      const answer: ImportHistoryResponse = { imports: await listImports(imports), dataVersion: ctx.store.info().dataVersion };
      return answer;
    },
  );

  app.post(
    `${API_PREFIX}/imports/:id/undo`,
    {
      schema: {
        summary: 'Undo an import (admin): the data afterwards is exactly as if it had never been made',
        description:
          'Rebuilds the database from data/ and replays every other journal entry, in order, then swaps it in at once. ' +
          '409 when the import was undone already, or when an import made after it no longer validates without it ' +
          '(e.g. counts at a place it added: undo that one first). No body.',
        params: importUndoParams,
        response: { 200: importUndoResponse, 400: problem, 401: problem, 403: problem, 404: problem, 409: problem, 503: problem },
      },
    },
    async (request) => {
      const imports = ctx.store.imports;
      if (!imports) throw unavailable();
      const id = Number((request.params as { id: string }).id);
      let outcome;
      try {
        outcome = await runUndo(imports, id);
      } catch (e) {
        if (e instanceof UndoRefusedError) {
          throw new ProblemError(e.status, e.status === 404 ? PROBLEM_TYPES.notFound : IMPORT_PROBLEM_TYPES.undoRefused, e.message);
        }
        if (e instanceof ImportsUnavailableError) throw new ProblemError(503, IMPORT_PROBLEM_TYPES.unavailable, e.message);
        throw e;
      }
      newDataVersion(ctx, request.log, 'an undo');
      const answer: ImportUndoResponse = { ...outcome, undone: true };
      return answer;
    },
  );
}

/** A new data version: cached answers of the old one go, and the published cells of the new one are built now. */
function newDataVersion(ctx: RouteContext, log: { error: (obj: object, msg: string) => void }, what: string) {
  ctx.cache.clear();
  // Built now rather than by the next outside visitor.
  ctx.published.tables().catch((e: unknown) => log.error({ err: e }, `building the published cells after ${what} failed`));
}
