/**
 * Builds the HTTP server (no port): the v1 API, its OpenAPI document and, when a built SPA is present, the SPA.
 * Testable with `app.inject`.
 */
import { existsSync } from 'node:fs';
import { extname, join, sep } from 'node:path';
import fastifySwagger from '@fastify/swagger';
import fastifyStatic from '@fastify/static';
import Fastify, { type FastifyError, type FastifyInstance, type FastifyServerOptions } from 'fastify';
import {
  createJsonSchemaTransform,
  hasZodFastifySchemaValidationErrors,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { API_PREFIX } from '../shared/api';
import { randomBytes as secretBytes } from 'node:crypto';
import { checkCellKeyParams, DEFAULT_CELL_KEY, type CellKeyParams } from './access/cell-key';
import { ProtectedData } from './access/protected-data';
import { installGuard } from './access/guard';
import { PasswordCheckPool, type PasswordCheckPoolOptions } from './access/passwords';
import { SignInLimiter, type LimiterOptions } from './access/rate-limit';
import { SessionStore, type SessionOptions } from './access/sessions';
import { MemorySetupTokens, type Sessions, type SetupTokens } from './access/shared-state';
import { UserStore } from './access/users';
import type { Store } from './store/types';
import { LruCache } from './lib/cache';
import { fieldErrorsFromValidation, invalidParameters, problemBody, PROBLEM_TYPES, ProblemError, sendProblem } from './lib/problem';
import { finishOpenApi } from './lib/openapi';
import { installSecurityHeaders } from './lib/security-headers';
import { installHttpCache } from './lib/http-cache';
import { DEFAULT_LIMITS, installHostCheck, installRequestDeadline, serverOptions, type ServerLimits } from './lib/server-limits';
import { assistanceRoutes } from './routes/assistance';
import type { PublishedResult, RouteContext, ZodApp } from './routes/context';
import { flowsRoutes } from './routes/flows';
import { hotspotsRoutes } from './routes/hotspots';
import { coverageRoutes } from './routes/coverage';
import { pathwayRoutes } from './routes/pathway';
import { loadCentreRoutes } from './analytics/centre-routes-data';
import type { CentreRoutes } from '../shared/centre-routes';
import { pressureRoutes } from './routes/pressure';
import { importsRoutes } from './routes/imports';
import { healthRoutes } from './routes/health';
import { metaRoutes } from './routes/meta';
import { placesRoutes } from './routes/places';
import { regionsRoutes } from './routes/regions';
import { returnsRoutes } from './routes/returns';
import { routesRoutes } from './routes/routes';
import { sessionRoutes } from './routes/session';
import { setupRoutes } from './routes/setup';

export interface BuildAppOptions {
  store: Store;
  /** Directory of the built SPA (vite build); served at / when it exists. */
  staticDir?: string | null;
  logger?: FastifyServerOptions['logger'];
  /** Aggregate result cache (default: a new 500-entry LRU). */
  cache?: LruCache<PublishedResult>;
  /** Accounts (default: an empty in-memory store, so only the public role until one is added). */
  users?: UserStore;
  /** Session store, or its options (idle and absolute expiry, clock). */
  sessions?: SessionStore | SessionOptions;
  /** Disclosure control for outside roles: cell-key parameters (default k = 10, maxNoise 3, variance 1.5). */
  disclosure?: Partial<CellKeyParams>;
  /** The cell-key secret (default: a random one for this app only; the server keeps one in var/, see cell-key-secret.ts). */
  cellKeySecret?: string;
  /** Sign-in attempts allowed per address and per (user name, address), and the per-name ceiling (default 5 a minute). */
  signInLimit?: LimiterOptions;
  /** The server-wide cap on concurrent password checks (default 2 at once, 8 waiting). */
  passwordChecks?: PasswordCheckPoolOptions;
  /** Header, body, idle and keep-alive timeouts (lib/server-limits.ts DEFAULT_LIMITS); imports get a longer body limit. */
  limits?: Partial<ServerLimits>;
  /**
   * Hosts requests may name in Host (`name`, `name:port`, `[v6]:port`; `*` for any). Default: `listenHost`, localhost,
   * 127.0.0.1 and [::1] on the listening port (ALLOWED_HOSTS).
   */
  allowedHosts?: readonly string[];
  /** The address the server listens on, for the default allow-list (default 127.0.0.1). */
  listenHost?: string;
  /** Fastify's trustProxy: trust X-Forwarded-For/-Proto/-Host from these proxies (for the client IP and Secure cookies). */
  trustProxy?: FastifyServerOptions['trustProxy'];
  /** Called once, at build, with the one-time admin setup token when no admin account exists. */
  onSetupToken?: (token: string) => void;
  /** Data imports (admin): byte limit of one file (default 200 MB, IMPORT_MAX_BYTES), plausible dates (IMPORT_DATE_MIN, IMPORT_MAX_DAYS_AHEAD). */
  imports?: RouteContext['imports'];
  /** Origins of an online basemap the SPA was built with (VITE_BASEMAP_STYLE_URL), allowed by the CSP. Default none. */
  basemapOrigins?: readonly string[];
  /**
   * The data directory (config DATA_DIR): the pathway's reference data, centre-routes.json, is read from it and checked
   * against the store's centres and routes at start (a bad file stops the start). Without it /pathway answers 503.
   */
  dataDir?: string;
}

const IMMUTABLE = 'public, max-age=31536000, immutable';

/** Fastify's own request errors → the field they blame. */
const FRAMEWORK_FIELDS: Record<string, string> = {
  FST_ERR_CTP_EMPTY_JSON_BODY: '(body)',
  FST_ERR_CTP_INVALID_JSON_BODY: '(body)',
  FST_ERR_CTP_BODY_TOO_LARGE: '(body)',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'Content-Length',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'Content-Type',
  FST_ERR_CTP_INVALID_TYPE: 'Content-Type',
  FST_ERR_CTP_EMPTY_TYPE: 'Content-Type',
};
/** Source maps are never served, even if a build left some in the static folder. */
const SOURCE_MAP = /\.map$/i;

export function buildApp(opts: BuildAppOptions): FastifyInstance {
  const limits: ServerLimits = { ...DEFAULT_LIMITS, ...opts.limits };
  const app = Fastify({
    logger: opts.logger ?? false,
    routerOptions: { ignoreTrailingSlash: false },
    trustProxy: opts.trustProxy ?? false,
    // onReady builds the published cells (one pass over each table): at benchmark volume (10 M+ rows) on a busy or
    // PostgreSQL-backed server that takes longer than Fastify's 10 s default for start-up hooks.
    pluginTimeout: 300_000,
    // Timeouts, and Node's and Fastify's own error answers (431, malformed request, bad URL) as problems.
    ...serverOptions(limits, opts.basemapOrigins),
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  const disclosure: CellKeyParams = { ...DEFAULT_CELL_KEY, ...opts.disclosure };
  checkCellKeyParams(disclosure);
  const published = new ProtectedData(opts.store, opts.cellKeySecret ?? secretBytes(32).toString('hex'), disclosure);
  // Accounts, sessions, sign-in back-off and setup tokens: kept by the store when it can (PostgreSQL: shared by every
  // API process), else in this process. A SessionStore or UserStore passed in is used as it is.
  const shared =
    opts.store.sharedState?.({ sessions: opts.sessions instanceof SessionStore ? undefined : opts.sessions, signInLimit: opts.signInLimit }) ?? null;
  const users = opts.users ?? shared?.users ?? UserStore.memory();
  const sessions: Sessions = opts.sessions instanceof SessionStore ? opts.sessions : (shared?.sessions ?? new SessionStore(opts.sessions));
  const setup: SetupTokens = shared?.setup ?? new MemorySetupTokens();
  // While no admin exists, a one-time token (printed) creates the first one.
  app.addHook('onReady', async () => {
    if (!(await users.hasAdmin())) opts.onSetupToken?.(await setup.issue());
  });
  const ctx: RouteContext = {
    store: opts.store,
    cache: opts.cache ?? new LruCache<PublishedResult>(500),
    disclosure,
    published,
    users,
    sessions,
    limiter: shared?.limiter ?? new SignInLimiter(opts.signInLimit),
    passwordChecks: new PasswordCheckPool(opts.passwordChecks),
    setup,
    imports: opts.imports,
  };

  // The published cells of outside roles are built before the first request is taken (one pass over each table).
  app.addHook('onReady', async () => {
    await published.tables();
  });
  // Which transit centre serves which route (data/centre-routes.json), checked against the store at start.
  let centreRoutes: CentreRoutes | null = null;
  if (opts.dataDir !== undefined) {
    const dataDir = opts.dataDir;
    app.addHook('onReady', async () => {
      centreRoutes = await loadCentreRoutes(dataDir, opts.store);
    });
  }

  // Every response: security headers; every request: the body deadline and the Host allow-list; every route: the
  // access policy (all before any route is registered, in this order).
  installSecurityHeaders(app, opts.basemapOrigins);
  installHttpCache(app);
  installRequestDeadline(app, limits, { basemapOrigins: opts.basemapOrigins, longBody: (request) => request.access?.endpoint === 'imports' });
  installHostCheck(app, { allowedHosts: opts.allowedHosts, listenHost: opts.listenHost });
  installGuard(app, { users, sessions, store: opts.store });
  const staticDir = opts.staticDir && existsSync(join(opts.staticDir, 'index.html')) ? opts.staticDir : null;

  app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Transit Atlas API',
        description:
          'Migrant flows through Niger, assistance at transit centres and assisted voluntary returns (illustrative data). ' +
          'Every 4xx/5xx answer is application/problem+json (RFC 9457).',
        version: '1.0.0',
      },
    },
    transform: createJsonSchemaTransform({ zodToJsonConfig: { unrepresentable: 'any' } as never }),
    // Media types, every status, operationIds, the session cookie, `format: date`, the import bodies (lib/openapi.ts).
    transformObject: finishOpenApi as never,
  });

  app.setErrorHandler((err: FastifyError, request, reply) => {
    const instance = request.url.split('?')[0];
    if (err instanceof ProblemError) {
      return sendProblem(reply, problemBody(err.status, err.type, err.message, instance, err.errors), err.headers);
    }
    if (hasZodFastifySchemaValidationErrors(err)) {
      const inBody = (err as { validationContext?: string }).validationContext === 'body';
      const schema = (inBody ? request.routeOptions.schema?.body : request.routeOptions.schema?.querystring) as { shape?: Record<string, unknown> } | undefined;
      const allowed = schema?.shape ? Object.keys(schema.shape) : [];
      const raw = ((inBody ? request.body : request.query) ?? {}) as Record<string, unknown>;
      const errors = fieldErrorsFromValidation(err.validation, raw, allowed, inBody ? '(body)' : '(query)');
      const p = invalidParameters(errors);
      return sendProblem(reply, problemBody(400, p.type, p.message, instance, p.errors));
    }
    const status = typeof err.statusCode === 'number' ? err.statusCode : 500;
    if (status >= 400 && status < 500) {
      // Fastify's own 4xx (body parsing, framing): name what was wrong.
      const blamed = FRAMEWORK_FIELDS[err.code];
      const errors = blamed ? [{ field: blamed, message: err.message }] : undefined;
      const type = blamed ? PROBLEM_TYPES.malformedRequest : PROBLEM_TYPES.other;
      return sendProblem(reply, problemBody(status, type, err.message || 'The request could not be handled', instance, errors));
    }
    request.log.error({ err }, 'unexpected error');
    return sendProblem(
      reply,
      problemBody(500, PROBLEM_TYPES.internal, 'An unexpected error occurred while answering this request; it has been logged.', instance),
    );
  });

  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?')[0] ?? '/';
    const isApi = path === '/api' || path.startsWith('/api/');
    const readMethod = request.method === 'GET' || request.method === 'HEAD';
    if (isApi) {
      const allowed = (['GET', 'POST', 'DELETE'] as const).filter((method) => app.hasRoute({ method, url: path }));
      if (allowed.length > 0) {
        const allow = allowed.flatMap((m) => (m === 'GET' ? ['GET', 'HEAD'] : [m]));
        return sendProblem(
          reply,
          problemBody(405, PROBLEM_TYPES.methodNotAllowed, `${request.method} is not allowed on ${path}; use ${allow.join(' or ')}`, path),
          { Allow: allow.join(', ') },
        );
      }
      return sendProblem(reply, problemBody(404, PROBLEM_TYPES.notFound, `There is no API resource at ${path}`, path));
    }
    if (staticDir && readMethod && extname(path) === '') {
      // Client-side routing: any page path gets the SPA shell.
      return reply.header('Cache-Control', 'no-cache').type('text/html; charset=utf-8').sendFile('index.html');
    }
    return sendProblem(reply, problemBody(404, PROBLEM_TYPES.notFound, `Nothing at ${path}`, path));
  });

  healthRoutes(app, ctx);

  app.register(async (api) => {
    const zapp = api.withTypeProvider<ZodTypeProvider>() as unknown as ZodApp;
    metaRoutes(zapp, ctx);
    placesRoutes(zapp, ctx);
    routesRoutes(zapp, ctx);
    regionsRoutes(zapp, ctx);
    flowsRoutes(zapp, ctx);
    assistanceRoutes(zapp, ctx);
    returnsRoutes(zapp, ctx);
    hotspotsRoutes(zapp, ctx);
    coverageRoutes(zapp, ctx);
    pathwayRoutes(zapp, ctx, () => centreRoutes);
    pressureRoutes(zapp, ctx, () => centreRoutes);
    sessionRoutes(zapp, ctx);
    setupRoutes(zapp, ctx);
    importsRoutes(zapp, ctx);
    api.get(`${API_PREFIX}/openapi.json`, { schema: { hide: true } }, async (request, reply) => {
      if (Object.keys((request.query ?? {}) as object).length > 0) {
        const key = Object.keys(request.query as object)[0]!;
        throw invalidParameters([{ field: key, message: `Unknown parameter '${key}'; this endpoint accepts none` }]);
      }
      return reply.type('application/json; charset=utf-8').send(app.swagger());
    });
  });

  if (staticDir) {
    app.register(fastifyStatic, {
      root: staticDir,
      prefix: '/',
      dotfiles: 'ignore',
      // vite build writes .br and .gz beside each text asset (vite.config.ts): sent as they are when accepted.
      preCompressed: true,
      cacheControl: false,
      allowedPath: (pathName) => !SOURCE_MAP.test(pathName),
      setHeaders: (reply, path) => {
        const hashed = path.includes(`${sep}assets${sep}`);
        reply.header('Cache-Control', hashed ? IMMUTABLE : 'no-cache');
      },
    });
  }

  return app;
}
