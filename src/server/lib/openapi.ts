/**
 * The OpenAPI document's finishing pass (@fastify/swagger `transformObject`), so that it says what the server does:
 *
 * - operationIds, from one table (OPERATIONS; a route missing from it fails the document build, see finishOpenApi);
 * - the media types: 2xx `application/json`, GeoJSON answers `application/geo+json`, `format=csv` answers `text/csv`
 *   too, and every 4xx/5xx `application/problem+json` (RFC 9457) with the problem schema;
 * - every status an operation can answer: those its route declares, the access policy's 401/403 (policy.ts, guard.ts),
 *   the state-changing requests' 403 (cross-site), 408, 413 and 415 (guard.ts, server-limits.ts, Fastify's body
 *   parser), the Host check's 400/421 and the error handler's 500 (app.ts);
 * - the session cookie as a security scheme, required where signed-out visitors are refused and optional where the
 *   answer depends on who asks;
 * - `format: date` on YYYY-MM-DD strings (zod gives only their `pattern`);
 * - the import operations' request bodies (the routes take the raw stream, so zod describes none).
 *
 * Pure: no Fastify; checked by tests/api/openapi.test.ts against real answers.
 */
import { isRevalidated } from './http-cache';
import { API_PREFIX } from '../../shared/api';
import { DATE_PATTERN } from '../../shared/calendar';
import { ROLES } from '../../shared/enums';
import { SESSION_COOKIE } from '../access/cookies';
import { endpointOf, isAggregateEndpoint, POLICY, type Endpoint } from '../access/policy';
import { TITLES } from './problem';

export const PROBLEM_MEDIA_TYPE = 'application/problem+json';
export const GEOJSON_MEDIA_TYPE = 'application/geo+json';
export const CSV_MEDIA_TYPE = 'text/csv';
export const SECURITY_SCHEME = 'session';

interface OperationSpec {
  operationId: string;
  /** 200 answers are GeoJSON (application/geo+json). */
  geojson?: true;
  /** `format=csv` answers text/csv. */
  csv?: true;
  /** 200 answers are text/csv only (the import templates). */
  csvOnly?: true;
  /** The answer depends on the session cookie although signed-out visitors are answered too. */
  readsSession?: true;
  /** Request body the route reads as a raw stream: media type → schema. */
  body?: Record<string, object>;
  /** Statuses the handler answers that the route's schema does not declare. */
  more?: Record<number, string>;
}

const CSV_BODY = { type: 'string', description: 'A CSV file (RFC 4180, UTF-8), header row first.' };
const GEOJSON_BODY = {
  type: 'object',
  description: 'A GeoJSON FeatureCollection (RFC 7946) of Point features.',
  required: ['type', 'features'],
  properties: { type: { const: 'FeatureCollection' }, features: { type: 'array', items: { type: 'object' } } },
};

/** Every operation, by `METHOD fastify-url`. */
export const OPERATIONS: Readonly<Record<string, OperationSpec>> = {
  [`GET ${API_PREFIX}/meta`]: { operationId: 'getMeta' },
  [`GET ${API_PREFIX}/places`]: { operationId: 'listPlaces', geojson: true },
  [`GET ${API_PREFIX}/routes`]: { operationId: 'listRoutes', geojson: true },
  [`GET ${API_PREFIX}/regions`]: { operationId: 'listRegions', geojson: true },
  [`GET ${API_PREFIX}/flows`]: { operationId: 'getFlows', csv: true },
  [`GET ${API_PREFIX}/assistance`]: { operationId: 'getAssistance', csv: true },
  [`GET ${API_PREFIX}/returns`]: { operationId: 'getReturns', csv: true },
  [`GET ${API_PREFIX}/hotspots`]: { operationId: 'getHotspots', csv: true },
  [`GET ${API_PREFIX}/coverage`]: { operationId: 'getCoverage' },
  [`GET ${API_PREFIX}/pathway`]: { operationId: 'getPathway', more: { 503: 'The server was started without a data directory (centre-routes.json)' } },
  [`GET ${API_PREFIX}/pressure`]: { operationId: 'getPressure', readsSession: true },
  [`GET ${API_PREFIX}/session`]: { operationId: 'getSession', readsSession: true },
  [`POST ${API_PREFIX}/session`]: { operationId: 'signIn', more: { 401: 'The user name or password is not right (WWW-Authenticate: Session)' } },
  [`DELETE ${API_PREFIX}/session`]: { operationId: 'signOut', readsSession: true },
  [`POST ${API_PREFIX}/setup`]: { operationId: 'setUpFirstAdmin' },
  [`POST ${API_PREFIX}/imports/flows`]: { operationId: 'importFlows', body: { [CSV_MEDIA_TYPE]: CSV_BODY } },
  [`POST ${API_PREFIX}/imports/assistance`]: { operationId: 'importAssistance', body: { [CSV_MEDIA_TYPE]: CSV_BODY } },
  [`POST ${API_PREFIX}/imports/returns`]: { operationId: 'importReturns', body: { [CSV_MEDIA_TYPE]: CSV_BODY } },
  [`POST ${API_PREFIX}/imports/places`]: {
    operationId: 'importPlaces',
    body: { [GEOJSON_MEDIA_TYPE]: GEOJSON_BODY, 'application/json': GEOJSON_BODY },
  },
  [`GET ${API_PREFIX}/imports`]: { operationId: 'listImports' },
  [`POST ${API_PREFIX}/imports/:id/undo`]: { operationId: 'undoImport' },
  [`GET ${API_PREFIX}/imports/templates/flows.csv`]: { operationId: 'getFlowsImportTemplate', csvOnly: true },
  [`GET ${API_PREFIX}/imports/templates/assistance.csv`]: { operationId: 'getAssistanceImportTemplate', csvOnly: true },
  [`GET ${API_PREFIX}/imports/templates/returns.csv`]: { operationId: 'getReturnsImportTemplate', csvOnly: true },
};

/** What each added status means here (the route's own declared statuses get the same words). */
const WHY: Record<number, string> = {
  400: 'The request is malformed or a parameter is invalid (or the Host header is missing); `errors` names each field',
  401: 'Sign in first: this resource is not public (WWW-Authenticate: Session), or the credentials are not right',
  403: 'Refused: this role may not ask this, or a state-changing request came from another site',
  404: 'No such resource',
  408: 'The request body did not arrive in time; the connection is closed',
  409: 'Conflict with the current state',
  410: 'Gone for good',
  413: 'The request body is larger than this operation accepts',
  415: 'The request body is not of a media type this operation accepts',
  421: 'The Host header names a host this server does not answer for',
  429: 'Too many attempts; wait for Retry-After seconds',
  500: 'An unexpected error, logged on the server',
  503: 'Temporarily unable to answer; retry later',
};

/** Headers every answer of a status carries (guard.ts AUTH_CHALLENGE, routes/session.ts tooManyAttempts). */
const HEADERS: Record<number, Json> = {
  401: { 'WWW-Authenticate': { description: 'The sign-in challenge: `Session realm="Transit Atlas"`', schema: { type: 'string' } } },
  429: { 'Retry-After': { description: 'Seconds to wait before the next attempt', schema: { type: 'integer', minimum: 1 } } },
};

const SUCCESS: Record<number, string> = { 200: 'OK', 201: 'Created' };

const STATE_CHANGING = new Set(['post', 'put', 'patch', 'delete']);

/** Statuses the access policy gives an endpoint: 401 when signed-out visitors are refused but an account is let in, 403 when some role is refused or the query is checked per role. */
export function policyStatuses(endpoint: Endpoint): number[] {
  const row = POLICY[endpoint];
  const out: number[] = [];
  const someAccount = ROLES.some((r) => r !== 'public' && row[r]);
  if (!row.public && someAccount) out.push(401);
  const someAccountRefused = ROLES.some((r) => r !== 'public' && !row[r]);
  if (someAccountRefused || (!row.public && !someAccount) || isAggregateEndpoint(endpoint)) out.push(403);
  return out;
}

/** Signed-out visitors are refused: the session is required. */
function needsSession(endpoint: Endpoint): boolean {
  return !POLICY[endpoint].public;
}

/** The answer differs by role: the session is optional. */
function dependsOnRole(endpoint: Endpoint): boolean {
  const row = POLICY[endpoint];
  const first = JSON.stringify(row.public ?? null);
  return ROLES.some((r) => JSON.stringify(row[r] ?? null) !== first);
}

type Json = Record<string, unknown>;

/** Adds `format: date` to every YYYY-MM-DD string schema, in place. */
export function markDates(node: unknown): void {
  if (Array.isArray(node)) {
    for (const n of node) markDates(n);
    return;
  }
  if (node === null || typeof node !== 'object') return;
  const o = node as Json;
  if (o.type === 'string' && o.pattern === DATE_PATTERN.source && o.format === undefined) o.format = 'date';
  for (const v of Object.values(o)) markDates(v);
}

/** A response's schema, whatever media type the route builder put it under. */
function schemaOf(response: Json): unknown {
  const content = response.content as Record<string, { schema?: unknown }> | undefined;
  if (!content) return undefined;
  return Object.values(content)[0]?.schema;
}

/** The problem schema (RFC 9457 with `errors`), as zod renders it for the routes' `problem`. */
const PROBLEM_SCHEMA = {
  type: 'object',
  properties: {
    type: { type: 'string' },
    title: { type: 'string' },
    status: { type: 'integer' },
    detail: { type: 'string' },
    instance: { type: 'string' },
    errors: {
      type: 'array',
      items: { type: 'object', properties: { field: { type: 'string' }, message: { type: 'string' } }, required: ['field', 'message'] },
    },
  },
  required: ['type', 'title', 'status', 'detail'],
};

/** @fastify/swagger `transformObject`: the finishing pass described at the top of this file. Throws when a route has no entry in OPERATIONS. */
export function finishOpenApi(input: { openapiObject: Partial<Json> }): Json {
  const doc = input.openapiObject as Json;
  const components = ((doc.components as Json | undefined) ?? {}) as Json;
  doc.components = components;
  components.schemas = { ...((components.schemas as Json | undefined) ?? {}), Problem: PROBLEM_SCHEMA };
  components.securitySchemes = {
    ...((components.securitySchemes as Json | undefined) ?? {}),
    [SECURITY_SCHEME]: {
      type: 'apiKey',
      in: 'cookie',
      name: SESSION_COOKIE,
      description: 'The HttpOnly session cookie set by POST /api/v1/session (sign-in) and cleared by DELETE /api/v1/session.',
    },
  };
  const problemRef = { $ref: '#/components/schemas/Problem' };

  const paths = (doc.paths ?? {}) as Record<string, Record<string, Json>>;
  for (const [path, operations] of Object.entries(paths)) {
    const url = path.replace(/\{([^}]+)\}/g, ':$1');
    for (const [method, op] of Object.entries(operations)) {
      const key = `${method.toUpperCase()} ${url}`;
      const spec = OPERATIONS[key];
      const endpoint = endpointOf(method, url);
      if (!spec || !endpoint) throw new Error(`OpenAPI: ${key} has no entry in OPERATIONS (src/server/lib/openapi.ts) or in the access policy`);
      op.operationId = spec.operationId;

      const responses = ((op.responses as Record<string, Json> | undefined) ?? {}) as Record<string, Json>;
      op.responses = responses;
      // Statuses the server can answer here beyond those the route declares.
      const extra = new Set<number>([400, 421, 500, ...policyStatuses(endpoint), ...Object.keys(spec.more ?? {}).map(Number)]);
      if (STATE_CHANGING.has(method)) for (const s of [403, 408, 413, 415]) extra.add(s);
      for (const s of extra) if (!responses[String(s)]) responses[String(s)] = { content: { [PROBLEM_MEDIA_TYPE]: { schema: problemRef } } };
      // 401 only where the server can answer it: the policy refuses signed-out visitors, or the handler says so (sign-in).
      if (!extra.has(401)) delete responses['401'];

      for (const [status, response] of Object.entries(responses)) {
        const code = Number(status);
        const schema = schemaOf(response);
        if (code >= 400) {
          response.description = spec.more?.[code] ?? WHY[code] ?? TITLES[code] ?? 'Error';
          response.content = { [PROBLEM_MEDIA_TYPE]: { schema: schema ?? problemRef } };
          if (HEADERS[code]) response.headers = HEADERS[code];
        } else if (code >= 200 && code < 300) {
          if (response.description === undefined || response.description === 'Default Response') response.description = SUCCESS[code] ?? 'Success';
          const content: Json = spec.csvOnly
            ? { [CSV_MEDIA_TYPE]: { schema: { type: 'string', description: 'CSV (RFC 4180): the header row, the HXL hashtag row, one example row.' } } }
            : { [spec.geojson ? GEOJSON_MEDIA_TYPE : 'application/json']: { schema } };
          if (spec.csv)
            content[CSV_MEDIA_TYPE] = {
              schema: {
                type: 'string',
                description: 'With `format=csv`: the same rows as CSV (RFC 4180), header row first; with `format=hxl`, an HXL hashtag row follows the header.',
              },
            };
          response.content = content;
        }
      }
      if (isRevalidated(method, url)) {
        const etag = { ETag: { description: 'A weak validator of this answer (data version, role and query)', schema: { type: 'string' } } };
        if (responses['200']) responses['200'].headers = { ...((responses['200'].headers as Json | undefined) ?? {}), ...etag };
        responses['304'] = { description: 'Not modified: the If-None-Match ETag is still current (no body)', headers: etag };
      }
      // Sorted by status, for readers.
      op.responses = Object.fromEntries(Object.entries(responses).sort(([a], [b]) => Number(a) - Number(b)));

      if (needsSession(endpoint)) op.security = [{ [SECURITY_SCHEME]: [] }];
      else if (dependsOnRole(endpoint) || spec.readsSession) op.security = [{}, { [SECURITY_SCHEME]: [] }];
      else op.security = [];

      if (spec.body) {
        op.requestBody = {
          required: true,
          content: Object.fromEntries(Object.entries(spec.body).map(([type, schema]) => [type, { schema }])),
        };
      }
    }
  }
  markDates(doc);
  return doc;
}
