/**
 * Session state on the client: who is signed in and what their role may ask (GET /api/v1/session), sign-in
 * (POST) and sign-out (DELETE). The session id lives only in the server's HttpOnly cookie; the client keeps
 * nothing in localStorage, sessionStorage or URLs.
 *
 * The server enforces every rule. `canUse` / `allowedGroupBy` only read the `access` summary the session answer
 * carries so the UI can avoid offering what would be refused (a 403) — they are not a security boundary.
 */
import { useQueryClient, type Query, type QueryClient } from '@tanstack/react-query';
import { useCallback, useState } from 'react';
import type * as z from 'zod/mini';
import { sessionResponse, type EndpointAccess, type SessionResponse, type SignInRequest } from '../../../shared/api';
import { MAX_GROUP_BY } from '../../../shared/enums';
import { AGGREGATE_SHAPES, shapeErrors, type AggregateEndpoint } from '../../../shared/query-shape';
import { apiFetch } from '../../api/client';

export const SESSION_QUERY_KEY = ['session'] as const;

/** The `access` summary of a session answer: endpoint name → what the role may ask of it (absent = denied). */
export type AccessSummary = SessionResponse['access'];

// GET /api/v1/session lives in the api layer (api/session.ts), shared with the views that pick monthly vs weekly series.
export { sessionQueryOptions, useSession } from '../../api/session';

/**
 * POST/DELETE with a JSON body (or none), same-origin credentials, answer validated with `schema` (apiFetch).
 * Failures are ApiErrors carrying the problem+json and Retry-After, as fetchJson's.
 */
export function sendJson<S extends z.core.$ZodType>(method: 'POST' | 'DELETE', path: string, schema: S, body?: unknown): Promise<z.output<S>> {
  return apiFetch(path, schema, { method, json: body });
}

export const signIn = (credentials: SignInRequest) => sendJson('POST', '/session', sessionResponse, credentials);
export const signOut = () => sendJson('DELETE', '/session', sessionResponse);

/**
 * Answers that are the same for every role: the session itself, /meta, and the reference geography (places,
 * corridors: public to every visitor), and the basemap. Everything else is computed for the role that asked.
 */
const ROLE_FREE = new Set(['session', 'meta', 'places', 'routes', 'basemap-style']);
const forRole = (q: Query) => !ROLE_FREE.has(String(q.queryKey[0]));

/**
 * After the role changed: store the new session (the menu updates at once), then drop every answer computed for the
 * previous role — after a sign-out it may hold figures the public must not see — and refetch the ones on screen.
 * The reset waits for the app to render the new role first (a task later: react-query tells React of the new session
 * in a task of its own, and React renders and runs its effects before the next task), so the queries on screen are
 * then the new role's — a view it can use, whole months for roles that see months only — and none is asked again in
 * the old role's shape (a 403). Resetting cancels fetches still in flight for the old role. Not awaited: the dialog
 * need not wait for the map's data.
 */
export function applySession(client: QueryClient, session: SessionResponse): void {
  const earlier = new Set(
    client
      .getQueryCache()
      .findAll({ predicate: forRole })
      .map((q) => q.queryHash),
  );
  client.setQueryData(SESSION_QUERY_KEY, session);
  // Only the answers held before: the ones the new role's screen asked for meanwhile are its own.
  setTimeout(() => void client.resetQueries({ predicate: (q) => earlier.has(q.queryHash) }), 0);
}

/**
 * Sign out (ends the session on the server); on success the session cache says `public` and all other queries refetch.
 * A plain hook rather than react-query's useMutation: the header needs it on the first screen, and the mutation
 * machinery (≈2 kB gzipped) then waits for the sign-in dialog (use-sign-in.ts), which loads when first opened.
 */
export function useSignOut() {
  const client = useQueryClient();
  const [state, setState] = useState<{ isPending: boolean; isError: boolean }>({ isPending: false, isError: false });
  const mutate = useCallback(
    (_: undefined, opts?: { onSuccess?: (session: SessionResponse) => void }) => {
      setState({ isPending: true, isError: false });
      signOut().then(
        (session) => {
          applySession(client, session);
          setState({ isPending: false, isError: false });
          opts?.onSuccess?.(session);
        },
        () => setState({ isPending: false, isError: true }),
      );
    },
    [client],
  );
  return { ...state, mutate };
}

// ---------- reading the access summary ----------

/** What `access` says about `endpoint`, or undefined when the role may not use it (or the session is not known yet). */
export function endpointAccessOf(access: AccessSummary | undefined, endpoint: string): EndpointAccess | undefined {
  if (!access || !Object.prototype.hasOwnProperty.call(access, endpoint)) return undefined;
  return access[endpoint];
}

/**
 * The groupBy dimensions the role may use on an aggregate endpoint: `[]` when the endpoint is denied or the session
 * is unknown, `null` when the summary sets no list for it (a non-aggregate endpoint: no restriction to apply).
 */
export function allowedGroupBy(access: AccessSummary | undefined, endpoint: string): readonly string[] | null {
  const a = endpointAccessOf(access, endpoint);
  if (!a) return [];
  return a.groupBy ?? null;
}

/**
 * May this role use `endpoint` — and, when given, group it by `groupBy` (one dimension or several, checked against
 * the allowed list and the role's shape limits: most dimensions, breakdowns and attributes per request, the rule the
 * server applies, src/shared/query-shape.ts)? Unknown session (`access` undefined) → false.
 */
export function canUse(access: AccessSummary | undefined, endpoint: string, groupBy?: string | readonly string[]): boolean {
  const a = endpointAccessOf(access, endpoint);
  if (!a) return false;
  if (groupBy === undefined) return true;
  const dims = typeof groupBy === 'string' ? [groupBy] : groupBy;
  if (a.maxDimensions !== undefined && dims.length > a.maxDimensions) return false;
  if (a.groupBy !== undefined) {
    const allowed = a.groupBy;
    if (!dims.every((d) => allowed.includes(d))) return false;
  }
  if (!(endpoint in AGGREGATE_SHAPES)) return true;
  const limits = {
    maxDimensions: a.maxDimensions ?? MAX_GROUP_BY,
    maxBreakdowns: a.maxBreakdowns,
    maxAttributes: a.maxAttributes,
    singleValues: a.singleValues,
  };
  return shapeErrors(endpoint as AggregateEndpoint, limits, { groupBy: [...dims] }, 'this role').length === 0;
}

/** May this role filter `endpoint` by query parameter `param` (e.g. `point`, `nationality`)? */
export function canFilter(access: AccessSummary | undefined, endpoint: string, param: string): boolean {
  const a = endpointAccessOf(access, endpoint);
  if (!a) return false;
  return a.filters === undefined || a.filters.includes(param);
}

/** Finest time step the role sees on `endpoint` (`day` = any period; `month` = whole months only); undefined when denied or unrestricted. */
export function timeResolution(access: AccessSummary | undefined, endpoint: string): EndpointAccess['timeResolution'] {
  return endpointAccessOf(access, endpoint)?.timeResolution;
}

/** `{ method: 'cell-key', k, maxNoise, resolution }` when the role's answers from `endpoint` pass disclosure control (perturbed, small cells withheld), else undefined. */
export function disclosureOf(access: AccessSummary | undefined, endpoint: string): EndpointAccess['disclosure'] {
  return endpointAccessOf(access, endpoint)?.disclosure;
}
