/**
 * Applies the policy table (policy.ts) to every request, in hooks on the root instance:
 *
 * - onRoute: every route registered must belong to an endpoint of the table, or the server refuses to start.
 * - onRequest: resolves the session cookie to a role (re-checking the account on every request), refuses
 *   cross-site or non-JSON state-changing requests, then allows or denies the endpoint for the role
 *   (401 when signed out and an account could see it, else 403). The decision is attached to the request.
 * - preHandler (after validation): checks an aggregate query's groupBy, filters, dimensions, period alignment and
 *   sensitive combinations against the role's entry → 403 naming the parameter.
 *
 * Route handlers never decide access; they read `request.access` (disclosure on/off, place kinds) and fail closed
 * when it is missing.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { EndpointAccess } from '../../shared/api';
import type { Role } from '../../shared/enums';
import type { Store } from '../store/types';
import { detailOf, PROBLEM_TYPES, ProblemError } from '../lib/problem';
import { clearedSessionCookie, readCookie, SESSION_COOKIE } from './cookies';
import { disclosureInfo, type CellKeyParams } from './cell-key';
import {
  decideEndpoint,
  decideQuery,
  describeAccess,
  endpointOf,
  finestTime,
  isAggregateEndpoint,
  type Access,
  type AggregateAccess,
  type Endpoint,
} from './policy';
import type { Sessions } from './shared-state';
import type { UserStore } from './users';

export interface Auth {
  role: Role;
  username: string | null;
  /** The session id from the cookie when it names a live session. */
  sessionId: string | null;
  /** A session cookie was sent that names no live session: the answer clears it. */
  staleCookie: boolean;
}

export interface RequestAccess {
  endpoint: Endpoint;
  role: Role;
  access: Access;
}

declare module 'fastify' {
  interface FastifyRequest {
    auth: Auth;
    access: RequestAccess | null;
  }
}

export interface GuardDeps {
  users: UserStore;
  sessions: Sessions;
  store: Store;
}

const PUBLIC: Auth = { role: 'public', username: null, sessionId: null, staleCookie: false };
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
export const AUTH_CHALLENGE = 'Session realm="Transit Atlas"';

const inventories = new WeakMap<FastifyInstance, string[]>();

/** Every route registered on the app, as `METHOD url` (collected by the onRoute hook). */
export function registeredRoutes(app: FastifyInstance): string[] {
  return [...(inventories.get(app) ?? [])];
}

/** Resolves the session cookie to who is asking. An account that was removed, re-roled or re-passworded ends its sessions. */
export async function resolveAuth(request: FastifyRequest, deps: GuardDeps): Promise<Auth> {
  const id = readCookie(request.headers.cookie, SESSION_COOKIE);
  if (id === undefined) return PUBLIC;
  const session = await deps.sessions.get(id);
  if (!session) return { ...PUBLIC, staleCookie: true };
  let user;
  try {
    user = await deps.users.get(session.username);
  } catch (e) {
    request.log.error({ err: e }, 'users file unreadable: treating the request as signed out');
    return PUBLIC;
  }
  if (!user || user.role !== session.role || user.passwordHash !== session.credential) {
    await deps.sessions.destroy(id);
    return { ...PUBLIC, staleCookie: true };
  }
  return { role: user.role, username: user.username, sessionId: id, staleCookie: false };
}

/** host[:port] of an origin, default ports (80, 443) left out; null when malformed or opaque ("null"). */
function originHost(origin: string): string | null {
  try {
    const u = new URL(origin);
    if (u.host === '') return null;
    return u.port === '80' || u.port === '443' ? u.hostname : u.host;
  } catch {
    return null;
  }
}

/** Endpoints whose body is a data file rather than JSON (the CSRF defences below still apply). */
const FILE_BODY_TYPES: Partial<Record<Endpoint, RegExp>> = {
  imports: /^(text\/csv|application\/(geo\+)?json)\s*(;|$)/i,
};

/** CSRF defence for state-changing requests (the cookie is SameSite=Lax too). */
function checkStateChange(request: FastifyRequest, endpoint: Endpoint | undefined): void {
  if (SAFE_METHODS.has(request.method)) return;
  const origin = request.headers.origin;
  if (origin !== undefined) {
    if (originHost(origin) === null || originHost(origin) !== originHost(`http://${request.host}`)) {
      throw new ProblemError(403, PROBLEM_TYPES.crossSite, 'Cross-origin requests may not change anything here');
    }
  }
  const site = request.headers['sec-fetch-site'];
  if (site !== undefined && site !== 'same-origin' && site !== 'none') {
    throw new ProblemError(403, PROBLEM_TYPES.crossSite, 'Cross-site requests may not change anything here');
  }
  const length = request.headers['content-length'];
  const hasBody = (length !== undefined && length !== '0') || request.headers['transfer-encoding'] !== undefined;
  const type = request.headers['content-type'] ?? '';
  const fileTypes = endpoint === undefined ? undefined : FILE_BODY_TYPES[endpoint];
  if (hasBody && fileTypes) {
    if (!fileTypes.test(type))
      throw new ProblemError(415, PROBLEM_TYPES.unsupportedMediaType, 'Send the file as text/csv (CSV) or application/geo+json (GeoJSON)');
  } else if (hasBody && !/^application\/json\s*(;|$)/i.test(type)) {
    throw new ProblemError(415, PROBLEM_TYPES.unsupportedMediaType, 'Send the request body as application/json');
  }
}

export function installGuard(app: FastifyInstance, deps: GuardDeps): void {
  const inventory: string[] = [];
  inventories.set(app, inventory);
  app.decorateRequest('auth', null as unknown as Auth);
  app.decorateRequest('access', null);

  app.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    for (const m of methods) {
      const key = `${String(m).toUpperCase()} ${route.url}`;
      inventory.push(key);
      if (endpointOf(String(m), route.url) === undefined) {
        throw new Error(`Route ${key} is not covered by the access policy table (src/server/access/policy.ts): add it to ENDPOINT_ROUTES and POLICY`);
      }
    }
  });

  app.addHook('onRequest', async (request) => {
    request.auth = await resolveAuth(request, deps);
    if (request.is404) return; // the not-found handler: a 404/405 problem or the SPA shell, no data
    const endpoint = endpointOf(request.method, request.routeOptions.url);
    checkStateChange(request, endpoint);
    const decision = decideEndpoint(endpoint, request.auth.role);
    if (!decision.allow) {
      const type = decision.status === 401 ? PROBLEM_TYPES.unauthorized : PROBLEM_TYPES.forbidden;
      throw new ProblemError(decision.status, type, decision.detail, undefined, decision.status === 401 ? { 'WWW-Authenticate': AUTH_CHALLENGE } : {});
    }
    request.access = { endpoint: endpoint!, role: request.auth.role, access: decision.access };
  });

  app.addHook('preHandler', async (request) => {
    const a = request.access;
    if (!a || a.access.kind !== 'aggregate' || !isAggregateEndpoint(a.endpoint)) return;
    const errors = decideQuery(a.endpoint, a.access, a.role, (request.query ?? {}) as Record<string, unknown>, deps.store.info().dateRange);
    if (errors.length > 0) throw new ProblemError(403, PROBLEM_TYPES.forbidden, detailOf(errors), errors);
  });

  app.addHook('onSend', async (request, reply, payload) => {
    if (request.auth?.staleCookie && reply.getHeader('set-cookie') === undefined) {
      reply.header('Set-Cookie', clearedSessionCookie(request.protocol === 'https'));
    }
    return payload;
  });
}

/** The aggregate entry the guard attached, or a 500 (fail closed) when a handler runs without one. */
export function aggregateAccessOf(request: FastifyRequest): AggregateAccess {
  const a = request.access?.access;
  if (!a || a.kind !== 'aggregate') throw new Error(`No aggregate access decision on ${request.method} ${request.url}`);
  return a;
}

/** What a role may ask, per endpoint, for the session answer (the UI adapts to it; the server enforces it). */
export function accessSummary(role: Role, disclosure: CellKeyParams): Record<string, EndpointAccess> {
  const out: Record<string, EndpointAccess> = {};
  for (const [endpoint, a] of Object.entries(describeAccess(role))) {
    if (endpoint === 'spa') continue;
    if (a.kind === 'aggregate') {
      const e: EndpointAccess = {
        groupBy: [...a.groupBy],
        filters: [...a.filters],
        maxDimensions: a.maxDimensions,
        timeResolution: finestTime(a.time),
      };
      if (a.maxBreakdowns !== undefined) e.maxBreakdowns = a.maxBreakdowns;
      if (a.maxAttributes !== undefined) e.maxAttributes = a.maxAttributes;
      if (a.singleValues) e.singleValues = true;
      if (a.disclosure) e.disclosure = disclosureInfo(disclosure);
      out[endpoint] = e;
    } else if (a.kind === 'places') {
      out[endpoint] = { placeKinds: [...a.placeKinds] };
    } else {
      out[endpoint] = {};
    }
  }
  return out;
}
