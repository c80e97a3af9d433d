/**
 * Typed fetch client, the one module that calls `fetch` for the API (`apiFetch`): base URL and query string,
 * same-origin credentials, JSON or file bodies, abort signals; every answer is validated with the shared zod schema
 * of its endpoint; every failure becomes an ApiError carrying the problem+json detail when the server sent one.
 */
import * as z from 'zod/mini';
import { API_PREFIX, problem as problemSchema, type Problem } from '../../shared/api';
import { withQuery, type QueryParams } from './query-string';

export type ApiErrorKind = 'http' | 'network' | 'invalid-response';

export class ApiError extends Error {
  override name = 'ApiError';
  readonly status: number;
  readonly kind: ApiErrorKind;
  readonly problem: Problem | null;
  /** The answer's body as JSON (an endpoint's own problem fields beyond `problem`'s, e.g. an import's report); null when none. */
  readonly body: unknown;
  readonly url: string;
  /** From a Retry-After header (429/503), in milliseconds; null when absent or unreadable. */
  readonly retryAfterMs: number | null;

  constructor(args: {
    message: string;
    status: number;
    kind: ApiErrorKind;
    url: string;
    problem?: Problem | null;
    body?: unknown;
    retryAfterMs?: number | null;
  }) {
    super(args.message);
    this.status = args.status;
    this.kind = args.kind;
    this.url = args.url;
    this.problem = args.problem ?? null;
    this.body = args.body ?? null;
    this.retryAfterMs = args.retryAfterMs ?? null;
  }

  /** 403: the signed-in role (or anonymous) may not see this grouping or level of detail. */
  get isForbidden(): boolean {
    return this.kind === 'http' && this.status === 403;
  }

  /** What to show a person: the server's detail, or a plain sentence. */
  get detail(): string {
    return this.problem?.detail ?? this.message;
  }

  get isClientError(): boolean {
    return this.kind === 'http' && this.status >= 400 && this.status < 500;
  }
}

/** A Retry-After header value (delta-seconds or an HTTP date) → milliseconds from `now`, or null. */
export function parseRetryAfter(value: string | null, now = Date.now()): number | null {
  if (value === null || value.trim() === '') return null;
  const v = value.trim();
  if (/^\d+$/.test(v)) return Number(v) * 1000;
  const at = Date.parse(v);
  return Number.isNaN(at) ? null : Math.max(0, at - now);
}

export function apiUrl(path: string, params: QueryParams = {}): string {
  const p = path.startsWith('/api/') ? path : `${API_PREFIX}${path.startsWith('/') ? '' : '/'}${path}`;
  return withQuery(p, params);
}

export interface FetchOptions {
  signal?: AbortSignal;
  params?: QueryParams;
}

export interface RequestOptions extends FetchOptions {
  /** GET unless said. Other methods are sent with `cache: 'no-store'`. */
  method?: 'GET' | 'POST' | 'DELETE';
  /** A body sent as JSON. */
  json?: unknown;
  /** A body sent as it is (a file), with `contentType`. */
  body?: { data: Blob; contentType: string };
}

/** The answer's body parsed as JSON; null when it is empty or not JSON. */
async function readJsonBody(res: Response): Promise<unknown> {
  const text = await res.text();
  if (text.length === 0) return null;
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

/** The ApiError for a non-2xx answer, carrying its problem+json detail, its body and Retry-After when present. */
function httpError(res: Response, body: unknown, url: string): ApiError {
  const parsed = problemSchema.safeParse(body);
  return new ApiError({
    message: parsed.success ? parsed.data.detail : `The server answered ${res.status} ${res.statusText}`.trim(),
    status: res.status,
    kind: 'http',
    url,
    problem: parsed.success ? parsed.data : null,
    body,
    retryAfterMs: parseRetryAfter(res.headers.get('Retry-After')),
  });
}

/**
 * Asks the API (`path` under /api/v1, or a full /api/… path) and returns its answer validated with `schema`.
 * Rejects with an ApiError — `network` when the server could not be reached, `http` for a non-2xx answer (with its
 * problem+json), `invalid-response` when the answer does not match `schema` — or with the AbortError of `signal`.
 */
export async function apiFetch<S extends z.core.$ZodType>(path: string, schema: S, opts: RequestOptions = {}): Promise<z.output<S>> {
  const url = apiUrl(path, opts.params ?? {});
  const method = opts.method ?? 'GET';
  const headers: Record<string, string> = { Accept: 'application/json' };
  let body: BodyInit | undefined;
  if (opts.json !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(opts.json);
  } else if (opts.body) {
    headers['Content-Type'] = opts.body.contentType;
    body = opts.body.data;
  }
  let res: Response;
  try {
    res = await fetch(url, {
      method,
      headers,
      credentials: 'same-origin',
      ...(method === 'GET' ? {} : { cache: 'no-store' as const }),
      ...(body !== undefined ? { body } : {}),
      signal: opts.signal,
    });
  } catch (err) {
    if ((err as { name?: string })?.name === 'AbortError') throw err;
    throw new ApiError({ message: 'The server could not be reached.', status: 0, kind: 'network', url });
  }
  const answer = await readJsonBody(res);
  if (!res.ok) throw httpError(res, answer, url);
  const parsed = z.safeParse(schema, answer);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    const where = first ? `${first.path.join('.') || '(root)'}: ${first.message}` : 'unexpected shape';
    throw new ApiError({ message: `Unexpected answer from ${url.split('?')[0]} (${where})`, status: res.status, kind: 'invalid-response', url });
  }
  return parsed.data;
}

/** GET `path` (see apiFetch). */
export const fetchJson = <S extends z.core.$ZodType>(path: string, schema: S, opts: FetchOptions = {}): Promise<z.output<S>> => apiFetch(path, schema, opts);
