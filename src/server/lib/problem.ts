/** RFC 9457 problem details: the body of every 4xx/5xx answer from /api. */
import type { FastifyReply } from 'fastify';
import { PROBLEM_CONTENT_TYPE, type Problem } from '../../shared/api';

export const PROBLEM_TYPES = {
  invalidParameter: 'urn:transit-atlas:problem:invalid-parameter',
  notFound: 'urn:transit-atlas:problem:not-found',
  methodNotAllowed: 'urn:transit-atlas:problem:method-not-allowed',
  internal: 'urn:transit-atlas:problem:internal',
  /** Not signed in, and a signed-in role could see this. */
  unauthorized: 'urn:transit-atlas:problem:unauthorized',
  /** The role may not see this resource or use this parameter. */
  forbidden: 'urn:transit-atlas:problem:forbidden',
  /** Wrong user name or password (never says which). */
  badCredentials: 'urn:transit-atlas:problem:bad-credentials',
  tooManyAttempts: 'urn:transit-atlas:problem:too-many-attempts',
  /** A cross-site or non-JSON state-changing request. */
  crossSite: 'urn:transit-atlas:problem:cross-site-request',
  unsupportedMediaType: 'urn:transit-atlas:problem:unsupported-media-type',
  setupClosed: 'urn:transit-atlas:problem:setup-closed',
  /** Every password-check slot is busy (503, Retry-After). */
  busy: 'urn:transit-atlas:problem:busy',
  /** The Host header names no host this server answers for (DNS-rebinding defence). */
  misdirected: 'urn:transit-atlas:problem:misdirected-request',
  /** The request (headers or body) did not arrive in time. */
  requestTimeout: 'urn:transit-atlas:problem:request-timeout',
  /** The request could not be read as HTTP: bad request line, header, URL, body framing or JSON. */
  malformedRequest: 'urn:transit-atlas:problem:malformed-request',
  other: 'about:blank',
} as const;

export interface FieldError {
  field: string;
  message: string;
}

export const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  406: 'Not Acceptable',
  408: 'Request Timeout',
  409: 'Conflict',
  410: 'Gone',
  413: 'Content Too Large',
  414: 'URI Too Long',
  415: 'Unsupported Media Type',
  421: 'Misdirected Request',
  429: 'Too Many Requests',
  431: 'Request Header Fields Too Large',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

/** Thrown by handlers to answer with a problem. */
export class ProblemError extends Error {
  constructor(
    readonly status: number,
    readonly type: string,
    detail: string,
    readonly errors?: FieldError[],
    readonly headers: Record<string, string> = {},
  ) {
    super(detail);
    this.name = 'ProblemError';
  }
}

/** "'from' is not a real calendar date" — or, for several, the sentences joined. */
export function detailOf(errors: FieldError[]): string {
  const sentences = errors.map((e) => (e.message.startsWith('Unknown parameter') ? e.message : `'${e.field}' ${e.message}`));
  if (sentences.length === 1) return sentences[0]!;
  return `${sentences.length} problems with the query: ${sentences.join('; ')}`;
}

export function invalidParameters(errors: FieldError[]): ProblemError {
  return new ProblemError(400, PROBLEM_TYPES.invalidParameter, detailOf(errors), errors);
}

export function problemBody(status: number, type: string, detail: string, instance?: string, errors?: FieldError[]): Problem {
  const body: Problem = { type, title: TITLES[status] ?? (status >= 500 ? 'Server Error' : 'Client Error'), status, detail };
  if (instance !== undefined) body.instance = instance;
  if (errors && errors.length > 0) body.errors = errors;
  return body;
}

export function sendProblem(reply: FastifyReply, p: Problem, headers: Record<string, string> = {}) {
  for (const [k, v] of Object.entries(headers)) reply.header(k, v);
  return reply.code(p.status).type(PROBLEM_CONTENT_TYPE).send(p);
}

interface ValidationIssue {
  keyword?: string;
  instancePath?: string;
  message?: string;
  params?: Record<string, unknown>;
}

/** Echoed input is clipped so an error cannot be made arbitrarily large. */
export function clip(s: string, max = 64): string {
  return s.length > max ? `${s.slice(0, max)}…` : s;
}

function quoteList(values: unknown[]): string {
  return values.map((v) => `'${String(v)}'`).join(', ');
}

/** The items of a list parameter as the shared csvList schema sees them (split on commas, trimmed, de-duplicated). */
function listItems(v: unknown): string[] {
  if (v === undefined) return [];
  const parts = (Array.isArray(v) ? v : [v]).flatMap((x) => String(x).split(','));
  return [...new Set(parts.map((s) => s.trim()).filter((s) => s.length > 0))];
}

/**
 * Turns zod issues (as fastify-type-provider-zod reports them) into field errors named by query key (or body member).
 * `raw` is the query as parsed from the URL (or the body), used to recognise a repeated single-valued parameter.
 * `root` names what an issue about the whole input blames: `(query)`, or `(body)` for a JSON body that is not an object.
 */
export function fieldErrorsFromValidation(
  issues: ValidationIssue[],
  raw: Record<string, unknown>,
  allowed: string[],
  root: '(query)' | '(body)' = '(query)',
): FieldError[] {
  const out: FieldError[] = [];
  const seen = new Set<string>();
  const push = (e: FieldError) => {
    const k = `${e.field}\0${e.message}`;
    if (!seen.has(k)) {
      seen.add(k);
      out.push(e);
    }
  };
  for (const issue of issues) {
    const params = issue.params ?? {};
    const path = (issue.instancePath ?? '').split('/').filter(Boolean);
    if (issue.keyword === 'unrecognized_keys') {
      const keys = Array.isArray(params.keys) ? (params.keys as string[]) : [];
      for (const key of keys) {
        push({
          field: clip(key),
          message: `Unknown parameter '${clip(key)}'` + (allowed.length ? `; this endpoint accepts ${allowed.join(', ')}` : ''),
        });
      }
      continue;
    }
    const field = path[0] ?? root;
    if (path.length === 0 && root === '(body)') {
      push({ field, message: 'must be a JSON object' });
      continue;
    }
    const rawValue = raw[field];
    const index = path.length > 1 ? Number(path[1]) : NaN;
    const item = Number.isInteger(index) ? listItems(rawValue)[index] : undefined;
    const subject = item !== undefined ? `value '${clip(item)}' ` : '';
    let message = issue.message ?? 'is invalid';
    if (Array.isArray(rawValue) && path.length === 1 && (issue.keyword === 'invalid_type' || issue.keyword === 'invalid_value')) {
      message = 'was given more than once; give it once';
    } else if (issue.keyword === 'invalid_value' && Array.isArray(params.values)) {
      message = `${subject}must be one of ${quoteList(params.values)}`;
    } else if (issue.keyword === 'invalid_type') {
      message = 'must be given a value';
    } else {
      message = `${subject}${message}`;
    }
    push({ field, message });
  }
  return out;
}
