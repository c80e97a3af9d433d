/**
 * The OpenAPI document (/api/v1/openapi.json) tells the truth: it passes a standard OpenAPI 3.1 validator
 * (@seriousme/openapi-schema-validator), every operation has a unique operationId, dates say `format: date`, every
 * non-2xx answer is application/problem+json, the session cookie is a security scheme, the imports document their
 * bodies — and, for real requests to every operation (good, bad parameter, signed out, wrong role, CSV, no body…),
 * the status the server sends is documented for that operation and its content type is one documented for that status.
 */
import { Validator } from '@seriousme/openapi-schema-validator';
import type { InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SESSION_COOKIE } from '../../src/server/access/cookies';
import { DATE_PATTERN } from '../../src/shared/calendar';
import type { Role } from '../../src/shared/enums';
import { copyFixture, FIXTURE_DIR, startTestApp, type TestServer } from './helpers';

interface Response {
  description?: string;
  content?: Record<string, { schema?: unknown }>;
  headers?: Record<string, unknown>;
}
interface Operation {
  operationId?: string;
  responses: Record<string, Response>;
  requestBody?: { required?: boolean; content: Record<string, { schema?: unknown }> };
  security?: Array<Record<string, string[]>>;
  parameters?: Array<{ name: string; in: string; schema: { format?: string } }>;
}
interface Doc {
  openapi: string;
  paths: Record<string, Record<string, Operation>>;
  components: { securitySchemes?: Record<string, { type: string; in: string; name: string }> };
}

let t: TestServer;
let doc: Doc;

beforeAll(async () => {
  // A copy of the fixture: the admin's dry-run imports write nothing, but the store must be writable to take them.
  t = await startTestApp({ dataDir: copyFixture() });
  const res = await t.inject('/api/v1/openapi.json');
  expect(res.statusCode).toBe(200);
  doc = res.json();
});
afterAll(async () => {
  await t?.close();
});

const operations = (): Array<[string, string, Operation]> =>
  Object.entries(doc.paths).flatMap(([path, ops]) => Object.entries(ops).map(([method, op]) => [path, method, op] as [string, string, Operation]));

describe('the OpenAPI document', () => {
  it('passes the standard OpenAPI validator', async () => {
    const validator = new Validator();
    const result = await validator.validate(doc as unknown as Record<string, unknown>);
    expect(result.errors ?? [], JSON.stringify(result.errors, null, 1)).toEqual([]);
    expect(result.valid).toBe(true);
    expect(validator.version).toBe('3.1');
    // The validator does check what this document adds: a cookie scheme without `in` is refused.
    const broken = structuredClone(doc) as unknown as { components: { securitySchemes: Record<string, Record<string, unknown>> } };
    delete broken.components.securitySchemes.session!.in;
    expect((await new Validator().validate(broken as unknown as Record<string, unknown>)).valid).toBe(false);
  });

  it('gives every operation a camelCase operationId, unique across the document', () => {
    const ids = operations().map(([path, method, op]) => {
      expect(op.operationId, `${method} ${path}`).toMatch(/^[a-z][a-zA-Z0-9]+$/);
      return op.operationId;
    });
    expect(ids.length).toBeGreaterThan(15);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('says `format: date` on every YYYY-MM-DD string (parameters and answers)', () => {
    const dates: Array<Record<string, unknown>> = [];
    const walk = (node: unknown): void => {
      if (Array.isArray(node)) return node.forEach(walk);
      if (node === null || typeof node !== 'object') return;
      const o = node as Record<string, unknown>;
      if (o.type === 'string' && o.pattern === DATE_PATTERN.source) dates.push(o);
      Object.values(o).forEach(walk);
    };
    walk(doc.paths);
    expect(dates.length).toBeGreaterThan(10);
    for (const d of dates) expect(d.format).toBe('date');
    const from = doc.paths['/api/v1/flows']!.get!.parameters!.find((p) => p.name === 'from');
    expect(from?.schema.format).toBe('date');
  });

  it('documents every 4xx/5xx answer as application/problem+json, and nothing else', () => {
    let errors = 0;
    for (const [path, method, op] of operations()) {
      for (const [status, response] of Object.entries(op.responses)) {
        if (/^[23]/.test(status)) continue;
        errors++;
        expect(Object.keys(response.content ?? {}), `${method} ${path} ${status}`).toEqual(['application/problem+json']);
        expect(response.description, `${method} ${path} ${status}`).not.toMatch(/^(Default Response)?$/);
      }
    }
    expect(errors).toBeGreaterThan(50);
  });

  it('documents text/csv beside JSON for the exports, and GeoJSON as application/geo+json', () => {
    for (const path of ['/api/v1/flows', '/api/v1/assistance', '/api/v1/returns', '/api/v1/hotspots']) {
      expect(Object.keys(doc.paths[path]!.get!.responses['200']!.content!).sort(), path).toEqual(['application/json', 'text/csv']);
    }
    for (const path of ['/api/v1/places', '/api/v1/routes', '/api/v1/regions']) {
      expect(Object.keys(doc.paths[path]!.get!.responses['200']!.content!), path).toEqual(['application/geo+json']);
    }
  });

  it('names the session cookie as a security scheme, required where signed-out visitors are refused', () => {
    expect(doc.components.securitySchemes?.session).toEqual(expect.objectContaining({ type: 'apiKey', in: 'cookie', name: SESSION_COOKIE }));
    const security = (path: string, method = 'get') => doc.paths[path]![method]!.security;
    expect(security('/api/v1/hotspots')).toEqual([{ session: [] }]);
    expect(security('/api/v1/imports/flows', 'post')).toEqual([{ session: [] }]);
    expect(security('/api/v1/imports')).toEqual([{ session: [] }]);
    // Open to everyone, the answer depending on the role: the cookie is optional.
    expect(security('/api/v1/flows')).toEqual([{}, { session: [] }]);
    expect(security('/api/v1/meta')).toEqual([]);
    expect(security('/api/v1/session', 'post')).toEqual([]);
  });

  it('lists 401 exactly where signed-out visitors are refused (or credentials checked), 403 where a role or a query can be refused', () => {
    const statuses = (path: string, method = 'get') => Object.keys(doc.paths[path]![method]!.responses);
    expect(statuses('/api/v1/hotspots')).toEqual(expect.arrayContaining(['401', '403']));
    expect(statuses('/api/v1/imports/places', 'post')).toEqual(expect.arrayContaining(['401', '403', '413', '415']));
    expect(statuses('/api/v1/session', 'post')).toEqual(expect.arrayContaining(['401', '415', '429']));
    expect(statuses('/api/v1/flows')).toContain('403');
    expect(statuses('/api/v1/flows')).not.toContain('401'); // flows are public: nobody is asked to sign in
    expect(statuses('/api/v1/meta')).not.toContain('401');
    expect(statuses('/api/v1/meta')).not.toContain('403');
    const header = (path: string, method: string, status: string) => Object.keys(doc.paths[path]![method]!.responses[status]!.headers ?? {});
    expect(header('/api/v1/hotspots', 'get', '401')).toEqual(['WWW-Authenticate']);
    expect(header('/api/v1/session', 'post', '429')).toEqual(['Retry-After']);
  });

  it('documents the import bodies (CSV, GeoJSON) and the sign-in body (JSON)', () => {
    for (const d of ['flows', 'assistance', 'returns']) {
      const body = doc.paths[`/api/v1/imports/${d}`]!.post!.requestBody;
      expect(body?.required, d).toBe(true);
      expect(Object.keys(body!.content), d).toEqual(['text/csv']);
    }
    expect(Object.keys(doc.paths['/api/v1/imports/places']!.post!.requestBody!.content)).toContain('application/geo+json');
    expect(Object.keys(doc.paths['/api/v1/session']!.post!.requestBody!.content)).toEqual(['application/json']);
  });
});

// ---------- conformance: what the server sends is what the document says ----------

interface Case {
  name: string;
  req: InjectOptions;
  role?: Role;
  /** The status this request must get (so each case exercises what it says). */
  status: number;
  /** Another app over the same store (e.g. a small import limit, a strict sign-in limit). */
  app?: Parameters<TestServer['another']>[0];
  /** Requests sent first on that app (e.g. failed sign-ins before the 429). */
  before?: number;
}

const CSV_ROW = 'date,centre,destination,count\n2018-12-01,agadez-tc,GIN,10\n';
// From an address of its own: with PostgreSQL the sign-in back-off is shared by every app on the database, so the
// lock-out these attempts earn must not fall on the address the other cases sign in from.
const badSignIn = {
  method: 'POST',
  url: '/api/v1/session',
  payload: { username: 'admin', password: 'not the password at all' },
  remoteAddress: '203.0.113.77',
} as const;

const CASES: Case[] = [
  { name: 'meta', req: { url: '/api/v1/meta' }, status: 200 },
  { name: 'meta, unknown parameter', req: { url: '/api/v1/meta?lang=fr' }, status: 400 },
  { name: 'meta, Host not allowed', req: { url: '/api/v1/meta', headers: { host: 'evil.example' } }, status: 421 },
  { name: 'places', req: { url: '/api/v1/places' }, status: 200 },
  { name: 'places, unknown parameter', req: { url: '/api/v1/places?kind=office' }, status: 400 },
  { name: 'routes', req: { url: '/api/v1/routes' }, status: 200 },
  { name: 'regions', req: { url: '/api/v1/regions' }, status: 200 },
  { name: 'regions, unknown parameter', req: { url: '/api/v1/regions?simplify=1' }, status: 400 },
  { name: 'flows', req: { url: '/api/v1/flows?groupBy=month' }, role: 'public', status: 200 },
  { name: 'flows, not modified', req: { url: '/api/v1/flows?groupBy=month', headers: { 'if-none-match': '*' } }, role: 'public', status: 304 },
  { name: 'places, not modified', req: { url: '/api/v1/places', headers: { 'if-none-match': '*' } }, status: 304 },
  { name: 'flows as CSV', req: { url: '/api/v1/flows?groupBy=month&format=csv' }, role: 'public', status: 200 },
  { name: 'flows, bad enum', req: { url: '/api/v1/flows?direction=sideways' }, status: 400 },
  { name: 'flows, malformed date', req: { url: '/api/v1/flows?from=2016-1-1' }, status: 400 },
  { name: 'flows, weekly for a signed-out visitor', req: { url: '/api/v1/flows?groupBy=week' }, role: 'public', status: 403 },
  { name: 'assistance', req: { url: '/api/v1/assistance?groupBy=service' }, status: 200 },
  { name: 'assistance as CSV', req: { url: '/api/v1/assistance?groupBy=service&format=csv' }, status: 200 },
  { name: 'assistance, bad enum', req: { url: '/api/v1/assistance?sex=x' }, status: 400 },
  { name: 'assistance by sex for a signed-out visitor', req: { url: '/api/v1/assistance?groupBy=sex' }, role: 'public', status: 403 },
  { name: 'returns', req: { url: '/api/v1/returns?groupBy=centre' }, role: 'donor', status: 200 },
  { name: 'returns as CSV', req: { url: '/api/v1/returns?groupBy=centre&format=csv' }, status: 200 },
  { name: 'returns by destination for government', req: { url: '/api/v1/returns?groupBy=destination' }, role: 'government', status: 403 },
  { name: 'hotspots', req: { url: '/api/v1/hotspots' }, status: 200 },
  { name: 'coverage', req: { url: '/api/v1/coverage' }, status: 200 },
  { name: 'coverage signed out', req: { url: '/api/v1/coverage' }, role: 'public', status: 200 },
  { name: 'coverage, malformed date', req: { url: '/api/v1/coverage?to=soon' }, status: 400 },
  { name: 'coverage, part of a month signed out', req: { url: '/api/v1/coverage?from=2019-01-07' }, role: 'public', status: 403 },
  { name: 'pathway', req: { url: '/api/v1/pathway?route=R4' }, app: { dataDir: FIXTURE_DIR }, status: 200 },
  { name: 'pathway signed out', req: { url: '/api/v1/pathway' }, role: 'public', app: { dataDir: FIXTURE_DIR }, status: 200 },
  { name: 'pathway, unknown route', req: { url: '/api/v1/pathway?route=R99' }, app: { dataDir: FIXTURE_DIR }, status: 400 },
  { name: 'pathway, part of a month signed out', req: { url: '/api/v1/pathway?from=2019-01-07' }, role: 'public', app: { dataDir: FIXTURE_DIR }, status: 403 },
  { name: 'pathway without a data directory', req: { url: '/api/v1/pathway' }, status: 503 },
  { name: 'pressure', req: { url: '/api/v1/pressure' }, app: { dataDir: FIXTURE_DIR }, status: 200 },
  { name: 'pressure signed out (months)', req: { url: '/api/v1/pressure' }, role: 'public', status: 200 },
  { name: 'pressure without a data directory', req: { url: '/api/v1/pressure' }, status: 503 },
  { name: 'pressure, bad horizon', req: { url: '/api/v1/pressure?horizon=12' }, status: 400 },
  { name: 'hotspots as CSV', req: { url: '/api/v1/hotspots?format=csv' }, status: 200 },
  { name: 'hotspots, malformed date', req: { url: '/api/v1/hotspots?from=soon' }, status: 400 },
  { name: 'hotspots signed out', req: { url: '/api/v1/hotspots' }, role: 'public', status: 401 },
  { name: 'hotspots as a donor', req: { url: '/api/v1/hotspots' }, role: 'donor', status: 403 },
  { name: 'session', req: { url: '/api/v1/session' }, status: 200 },
  { name: 'session, unknown parameter', req: { url: '/api/v1/session?who=1' }, status: 400 },
  {
    name: 'sign-in',
    req: { method: 'POST', url: '/api/v1/session', payload: { username: 'donor', password: 'a long test password' } },
    role: 'public',
    status: 200,
  },
  { name: 'sign-in, wrong password', req: badSignIn, role: 'public', status: 401 },
  { name: 'sign-in, no password', req: { method: 'POST', url: '/api/v1/session', payload: { username: 'admin' } }, role: 'public', status: 400 },
  {
    name: 'sign-in as text/plain',
    req: { method: 'POST', url: '/api/v1/session', headers: { 'content-type': 'text/plain' }, payload: 'admin' },
    role: 'public',
    status: 415,
  },
  {
    name: 'sign-in from another site',
    req: { ...badSignIn, headers: { origin: 'https://evil.example' } },
    role: 'public',
    status: 403,
  },
  {
    name: 'sign-in, body too large',
    req: { method: 'POST', url: '/api/v1/session', payload: { username: 'admin', password: 'x'.repeat(9000) } },
    role: 'public',
    status: 413,
  },
  { name: 'sign-in, too many attempts', req: badSignIn, role: 'public', status: 429, app: { signInLimit: { max: 2 } }, before: 2 },
  // On an app of its own: signing out ends the session the other cases share.
  { name: 'sign-out', req: { method: 'DELETE', url: '/api/v1/session' }, status: 200, app: {} },
  {
    name: 'setup once an admin exists',
    req: { method: 'POST', url: '/api/v1/setup', payload: { token: 'x', username: 'someone', password: 'long enough password' } },
    role: 'public',
    status: 410,
  },
  { name: 'setup, no body fields', req: { method: 'POST', url: '/api/v1/setup', payload: {} }, role: 'public', status: 400 },
  {
    name: 'import (dry run)',
    req: { method: 'POST', url: '/api/v1/imports/returns?dryRun=true', headers: { 'content-type': 'text/csv' }, payload: CSV_ROW },
    role: 'admin',
    status: 200,
  },
  { name: 'import without a body', req: { method: 'POST', url: '/api/v1/imports/flows?dryRun=true' }, role: 'admin', status: 415 },
  {
    name: 'import, empty CSV',
    req: { method: 'POST', url: '/api/v1/imports/flows?dryRun=true', headers: { 'content-type': 'text/csv' }, payload: '' },
    role: 'admin',
    status: 400,
  },
  {
    name: 'import, bad rows',
    req: { method: 'POST', url: '/api/v1/imports/assistance?dryRun=true', headers: { 'content-type': 'text/csv' }, payload: 'nonsense\n1,2\n' },
    role: 'admin',
    status: 400,
  },
  {
    name: 'import, bad dryRun',
    req: { method: 'POST', url: '/api/v1/imports/returns?dryRun=maybe', headers: { 'content-type': 'text/csv' }, payload: CSV_ROW },
    role: 'admin',
    status: 400,
  },
  {
    name: 'import places as CSV',
    req: { method: 'POST', url: '/api/v1/imports/places?dryRun=true', headers: { 'content-type': 'text/csv' }, payload: CSV_ROW },
    role: 'admin',
    status: 415,
  },
  {
    name: 'import places, not a FeatureCollection',
    req: { method: 'POST', url: '/api/v1/imports/places?dryRun=true', headers: { 'content-type': 'application/geo+json' }, payload: '{"type":"Point"}' },
    role: 'admin',
    status: 400,
  },
  {
    name: 'import, larger than the limit',
    req: { method: 'POST', url: '/api/v1/imports/returns?dryRun=true', headers: { 'content-type': 'text/csv' }, payload: CSV_ROW.repeat(20) },
    role: 'admin',
    status: 413,
    app: { imports: { maxBytes: 100 } },
  },
  {
    name: 'import signed out',
    req: { method: 'POST', url: '/api/v1/imports/returns?dryRun=true', headers: { 'content-type': 'text/csv' }, payload: CSV_ROW },
    role: 'public',
    status: 401,
  },
  {
    name: 'import as programme staff',
    req: { method: 'POST', url: '/api/v1/imports/returns?dryRun=true', headers: { 'content-type': 'text/csv' }, payload: CSV_ROW },
    role: 'programme',
    status: 403,
  },
  { name: 'import history', req: { url: '/api/v1/imports' }, role: 'admin', status: 200 },
  { name: 'import template', req: { url: '/api/v1/imports/templates/flows.csv' }, role: 'admin', status: 200 },
  { name: 'import template signed out', req: { url: '/api/v1/imports/templates/returns.csv' }, role: 'public', status: 401 },
  { name: 'import template, unknown parameter', req: { url: '/api/v1/imports/templates/assistance.csv?lang=fr' }, role: 'admin', status: 400 },
  { name: 'import history signed out', req: { url: '/api/v1/imports' }, role: 'public', status: 401 },
  { name: 'undo an unknown import', req: { method: 'POST', url: '/api/v1/imports/999/undo' }, role: 'admin', status: 404 },
  { name: 'undo, malformed id', req: { method: 'POST', url: '/api/v1/imports/first/undo' }, role: 'admin', status: 400 },
  { name: 'undo as a donor', req: { method: 'POST', url: '/api/v1/imports/1/undo' }, role: 'donor', status: 403 },
];

/** The documented operation a request path and method fall under. */
function operationFor(method: string, url: string): { key: string; op: Operation } {
  const path = url.split('?')[0]!;
  for (const [template, ops] of Object.entries(doc.paths)) {
    const re = new RegExp(`^${template.replace(/\{[^}]+\}/g, '[^/]+')}$`);
    const op = ops[method.toLowerCase()];
    if (re.test(path) && op) return { key: `${method} ${template}`, op };
  }
  throw new Error(`no documented operation for ${method} ${path}`);
}

const mediaType = (header: string | string[] | number | undefined) =>
  String(header ?? '')
    .split(';')[0]!
    .trim();

describe('what the server sends is documented', () => {
  it('covers every documented operation', () => {
    const covered = new Set(CASES.map((c) => operationFor(c.req.method ?? 'GET', c.req.url as string).key));
    const documented = operations().map(([path, method]) => `${method.toUpperCase()} ${path}`);
    expect(documented.filter((k) => !covered.has(k))).toEqual([]);
  });

  for (const c of CASES) {
    it(c.name, async () => {
      const method = c.req.method ?? 'GET';
      const inject = c.app ? t.another(c.app).inject : t.inject;
      for (let i = 0; i < (c.before ?? 0); i++) await inject(c.req, c.role);
      const res = await inject(c.req, c.role);
      expect(res.statusCode, res.body.slice(0, 300)).toBe(c.status);
      const { key, op } = operationFor(method, c.req.url as string);
      const documented = op.responses[String(res.statusCode)];
      expect(documented, `${key} does not document ${res.statusCode}`).toBeDefined();
      if (res.statusCode === 304) expect(res.body).toBe('');
      else expect(Object.keys(documented!.content ?? {}), `${key} ${res.statusCode}`).toContain(mediaType(res.headers['content-type']));
      for (const header of Object.keys(documented!.headers ?? {}))
        expect(res.headers[header.toLowerCase()], `${key} ${res.statusCode} ${header}`).toBeDefined();
    });
  }
});
