/**
 * Limits of the HTTP server itself, and the answers to requests that never reach a route:
 *
 * - Timeouts. Headers must arrive within `headersMs` (Node's headersTimeout); once they have, the body within
 *   `requestMs` — or `importRequestMs` for an admin's `POST /api/v1/imports/*`, whose files may be large and slow (a
 *   timer per request, since Node's own requestTimeout is one value for the whole server; it is kept as a backstop,
 *   and a request the guard refuses keeps the short limit, so nobody else can hold a connection that long). A silent
 *   connection is closed after `idleMs` (Fastify connectionTimeout) and an idle keep-alive one after `keepAliveMs`.
 *   A request cut short gets a 408 problem and its connection is closed.
 * - The Host allow-list (DNS-rebinding defence): a page on another name that resolves to this server sends that name
 *   in Host; such requests get 421 before any session, sign-in or setup code sees them.
 * - Node's and Fastify's own error answers (431 headers too large, 400 malformed request or URL, 408) are
 *   application/problem+json with the security headers and `Cache-Control: no-store`, like every other error.
 */
import { networkInterfaces } from 'node:os';
import { Socket } from 'node:net';
import { STATUS_CODES, type ServerOptions } from 'node:http';
import type { FastifyInstance, FastifyReply, FastifyRequest, FastifyServerOptions } from 'fastify';
import { PROBLEM_CONTENT_TYPE } from '../../shared/api';
import { clip, problemBody, PROBLEM_TYPES, ProblemError, type FieldError } from './problem';
import { securityHeaders } from './security-headers';

export interface ServerLimits {
  /** Time to receive a request's headers (default 10 s). */
  headersMs: number;
  /** Time to receive a request's body once its headers are in (default 30 s). */
  requestMs: number;
  /** The same for `POST /api/v1/imports/*` (default 30 minutes). */
  importRequestMs: number;
  /** A connection on which nothing arrives for this long is closed (default 60 s; lifted while an import runs). */
  idleMs: number;
  /**
   * An idle keep-alive connection is closed after this long (default 65 s: longer than the 60 s idle timeout of common
   * reverse proxies, so the client side closes first; at 5 s a client reusing a connection just as the server closed
   * it got ECONNRESET — seen in the browser tests). Idle connections still close after `idleMs` without traffic.
   */
  keepAliveMs: number;
}

export const DEFAULT_LIMITS: ServerLimits = {
  headersMs: 10_000,
  requestMs: 30_000,
  importRequestMs: 30 * 60_000,
  idleMs: 60_000,
  keepAliveMs: 65_000,
};

/** The head and body of a raw problem answer written straight to a socket (no Fastify reply exists). */
export function rawProblemResponse(
  status: number,
  type: string,
  detail: string,
  errors: FieldError[] | undefined,
  basemapOrigins: readonly string[] = [],
): string {
  const body = JSON.stringify(problemBody(status, type, detail, undefined, errors));
  const headers: Record<string, string> = {
    ...securityHeaders(basemapOrigins),
    'Cache-Control': 'no-store',
    'Content-Type': `${PROBLEM_CONTENT_TYPE}; charset=utf-8`,
    'Content-Length': String(Buffer.byteLength(body)),
    Connection: 'close',
  };
  const head = Object.entries(headers)
    .map(([k, v]) => `${k}: ${v}\r\n`)
    .join('');
  return `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? 'Error'}\r\n${head}\r\n${body}`;
}

interface ClientError extends Error {
  code?: string;
}

/** What a connection-level error answers: status, problem type, detail and the field it blames. */
export function describeClientError(err: ClientError): { status: number; type: string; detail: string; field: string } {
  switch (err.code) {
    case 'HPE_HEADER_OVERFLOW':
      return { status: 431, type: PROBLEM_TYPES.malformedRequest, detail: 'The request headers are too large', field: '(headers)' };
    case 'ERR_HTTP_REQUEST_TIMEOUT':
      return { status: 408, type: PROBLEM_TYPES.requestTimeout, detail: 'The request did not arrive in time; the connection is closed', field: '(request)' };
    case 'HPE_CHUNK_EXTENSIONS_OVERFLOW':
    case 'HPE_INVALID_CHUNK_SIZE':
    case 'HPE_INVALID_TRANSFER_ENCODING':
    case 'HPE_UNEXPECTED_CONTENT_LENGTH':
    case 'HPE_INVALID_CONTENT_LENGTH':
      return { status: 400, type: PROBLEM_TYPES.malformedRequest, detail: 'The request body is not framed correctly', field: '(body)' };
    case 'HPE_INVALID_HEADER_TOKEN':
    case 'HPE_LF_EXPECTED':
    case 'HPE_CR_EXPECTED':
      return { status: 400, type: PROBLEM_TYPES.malformedRequest, detail: 'A request header is malformed', field: '(headers)' };
    case 'HPE_INVALID_METHOD':
      return { status: 400, type: PROBLEM_TYPES.malformedRequest, detail: 'The request method is not valid HTTP', field: '(method)' };
    case 'HPE_INVALID_URL':
      return { status: 400, type: PROBLEM_TYPES.malformedRequest, detail: 'The request URL is not valid', field: '(url)' };
    default:
      return { status: 400, type: PROBLEM_TYPES.malformedRequest, detail: 'The request is not valid HTTP', field: '(request)' };
  }
}

/**
 * Answers a connection-level error (Node's 'clientError': headers too large, unparsable request, request timeout)
 * with a problem, unless an answer is already under way on that connection, then closes it.
 */
export function clientErrorResponder(basemapOrigins: readonly string[] = [], log?: (err: ClientError) => void) {
  return (err: ClientError, socket: Socket): void => {
    if (err.code === 'ECONNRESET' || socket.destroyed) return;
    log?.(err);
    const inFlight = (socket as Socket & { _httpMessage?: { headersSent?: boolean } })._httpMessage;
    if (socket.writable && !inFlight?.headersSent) {
      const d = describeClientError(err);
      socket.write(rawProblemResponse(d.status, d.type, d.detail, [{ field: d.field, message: d.detail }], basemapOrigins));
    }
    socket.destroy();
  };
}

/** Fastify's own errors before routing (a URL it cannot decode, a parameter too long) as problems. */
export function frameworkErrorResponder(basemapOrigins: readonly string[] = []) {
  const headers = { ...securityHeaders(basemapOrigins), 'Cache-Control': 'no-store', Pragma: 'no-cache' };
  return (error: Error & { code?: string; statusCode?: number }, request: FastifyRequest, reply: FastifyReply): void => {
    const tooLong = error.code === 'FST_ERR_MAX_PARAM_LENGTH';
    const status = tooLong ? 414 : error.code === 'FST_ERR_BAD_URL' ? 400 : (error.statusCode ?? 500);
    const path = (request.raw.url ?? '/').split('?')[0]!;
    const detail =
      status === 414
        ? 'A part of the URL is too long'
        : status === 400
          ? 'The URL is not valid (a %-escape does not decode)'
          : 'The request could not be routed';
    const body = problemBody(status, status >= 500 ? PROBLEM_TYPES.internal : PROBLEM_TYPES.malformedRequest, detail, clip(path, 200), [
      { field: '(url)', message: detail },
    ]);
    void reply.code(status).headers(headers).type(`${PROBLEM_CONTENT_TYPE}; charset=utf-8`).send(JSON.stringify(body));
  };
}

/** Fastify constructor options for the limits above. */
export function serverOptions(
  limits: ServerLimits,
  basemapOrigins: readonly string[] = [],
): Pick<FastifyServerOptions, 'connectionTimeout' | 'keepAliveTimeout' | 'requestTimeout' | 'clientErrorHandler' | 'frameworkErrors'> & {
  http: ServerOptions;
} {
  const backstop = limits.headersMs + Math.max(limits.requestMs, limits.importRequestMs);
  const http: ServerOptions = {
    headersTimeout: limits.headersMs,
    requestTimeout: backstop,
    // How often Node looks for connections past headersTimeout/requestTimeout (its default, 30 s, is coarser than they are).
    connectionsCheckingInterval: Math.min(5_000, Math.max(100, Math.floor(limits.headersMs / 4))),
    // A request without Host is refused by the Host check below, as a problem (Node's own answer has no body).
    requireHostHeader: false,
  };
  return {
    http,
    connectionTimeout: limits.idleMs,
    keepAliveTimeout: limits.keepAliveMs,
    requestTimeout: backstop,
    clientErrorHandler: clientErrorResponder(basemapOrigins),
    frameworkErrors: frameworkErrorResponder(basemapOrigins) as FastifyServerOptions['frameworkErrors'],
  };
}

/**
 * The body deadline: once a request's headers are in, its body must be complete within `requestMs`, else it gets a
 * 408 problem (when no answer has started) and the connection is closed. Requests answered early whose body keeps
 * trickling are cut the same way. A request `longBody` accepts (an import the guard let through: it runs in
 * preHandler, after the access decision) gets `importRequestMs` instead, and no idle timeout while it is processed.
 * Not applied to `inject` (no socket).
 */
export function installRequestDeadline(
  app: FastifyInstance,
  limits: ServerLimits,
  opts: { basemapOrigins?: readonly string[]; longBody?: (request: FastifyRequest) => boolean } = {},
): void {
  const timeout = clientErrorResponder(opts.basemapOrigins);
  const timers = new WeakMap<FastifyRequest['raw'], NodeJS.Timeout>();
  const arm = (request: FastifyRequest, socket: Socket, ms: number) => {
    const raw = request.raw;
    clearTimeout(timers.get(raw));
    const timer = setTimeout(() => {
      if (raw.complete || socket.destroyed) return;
      request.log.info({ url: request.url }, 'request body not received in time: connection closed');
      timeout(Object.assign(new Error('request timeout'), { code: 'ERR_HTTP_REQUEST_TIMEOUT' }), socket);
    }, ms);
    timer.unref();
    timers.set(raw, timer);
  };
  app.addHook('onRequest', (request, reply, done) => {
    const socket = request.raw.socket;
    if (!(socket instanceof Socket)) return done();
    arm(request, socket, limits.requestMs);
    reply.raw.once('close', () => {
      if (request.raw.complete) clearTimeout(timers.get(request.raw));
    });
    done();
  });
  if (!opts.longBody) return;
  const longBody = opts.longBody;
  app.addHook('preHandler', (request, _reply, done) => {
    const socket = request.raw.socket;
    if (socket instanceof Socket && !request.raw.complete && longBody(request)) {
      // An import may be processed for a while after its last byte: its own deadline and the backstop apply instead.
      socket.setTimeout(0);
      arm(request, socket, limits.importRequestMs);
    }
    done();
  });
}

// ---------- Host allow-list ----------

export interface HostEntry {
  /** Lowercase host name, IPv4 address or [IPv6] address. */
  host: string;
  /** null: any port. */
  port: number | null;
}

/** Parses `name`, `name:port`, `[v6]` or `[v6]:port` (lowercased, trailing dot dropped); null when malformed. */
export function parseHostEntry(value: string): HostEntry | null {
  const v = value.trim().toLowerCase();
  const m = /^(\[[0-9a-f:.]+\]|[a-z0-9_](?:[a-z0-9_.-]{0,251}[a-z0-9_.])?)(?::(\d{1,5}))?$/.exec(v);
  if (!m) return null;
  const port = m[2] === undefined ? null : Number(m[2]);
  if (port !== null && port > 65535) return null;
  return { host: m[1]!.replace(/\.$/, ''), port };
}

const WILDCARDS = new Set(['0.0.0.0', '::', '[::]', '']);

/** The default allow-list: the listening host, localhost, 127.0.0.1 and [::1] (and, on a wildcard, this machine's addresses). */
export function defaultAllowedHosts(listenHost: string): string[] {
  const bracket = (h: string) => (h.includes(':') && !h.startsWith('[') ? `[${h}]` : h);
  const hosts = new Set(['localhost', '127.0.0.1', '[::1]']);
  if (WILDCARDS.has(listenHost)) {
    for (const list of Object.values(networkInterfaces())) {
      for (const a of list ?? []) if (!a.address.startsWith('fe80')) hosts.add(bracket(a.address.toLowerCase()));
    }
  } else {
    hosts.add(bracket(listenHost.toLowerCase()));
  }
  return [...hosts];
}

export interface HostCheckOptions {
  /**
   * Hosts requests may name (`name`, `name:port`, `[v6]:port`; without a port, any port), or `['*']` for no check.
   * Default: `defaultAllowedHosts(listenHost)` on the port the server listens on (any port before it listens).
   */
  allowedHosts?: readonly string[];
  /** The address the server binds to (default 127.0.0.1). */
  listenHost?: string;
}

/** Refuses (421) a request whose Host (X-Forwarded-Host from a trusted proxy) is not on the allow-list, 400 without one. */
export function installHostCheck(app: FastifyInstance, opts: HostCheckOptions = {}): void {
  if (opts.allowedHosts?.includes('*')) return;
  const configured = opts.allowedHosts?.map((h) => {
    const e = parseHostEntry(h);
    if (!e) throw new Error(`'${h}' is not a host name or address (with an optional :port)`);
    return e;
  });
  const defaults = configured ? null : defaultAllowedHosts(opts.listenHost ?? '127.0.0.1');
  let listeningPort: number | null | undefined;
  const entries = (): HostEntry[] => {
    if (configured) return configured;
    if (listeningPort === undefined || listeningPort === null) {
      const addr = app.server.listening ? app.server.address() : null;
      listeningPort = addr && typeof addr === 'object' ? addr.port : null;
    }
    return defaults!.map((host) => ({ host, port: listeningPort ?? null }));
  };

  app.addHook('onRequest', async (request) => {
    const raw = request.host;
    if (!raw) {
      const message = 'is required: name the host this server answers for';
      throw new ProblemError(400, PROBLEM_TYPES.malformedRequest, `'Host' ${message}`, [{ field: 'Host', message }], { Connection: 'close' });
    }
    const given = parseHostEntry(raw);
    const port = given?.port ?? (request.protocol === 'https' ? 443 : 80);
    const allowed = given !== null && entries().some((e) => e.host === given.host && (e.port === null || e.port === port));
    if (!allowed) {
      const message = `names a host this server does not answer for: '${clip(raw)}' (ALLOWED_HOSTS lists the ones it does)`;
      throw new ProblemError(421, PROBLEM_TYPES.misdirected, `'Host' ${message}`, [{ field: 'Host', message }], { Connection: 'close' });
    }
  });
}
