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
import type { AggregateResult, Store } from './db/store';
import { LruCache } from './lib/cache';
import { fieldErrorsFromValidation, invalidParameters, problemBody, PROBLEM_TYPES, ProblemError, sendProblem } from './lib/problem';
import { assistanceRoutes } from './routes/assistance';
import type { RouteContext, ZodApp } from './routes/context';
import { flowsRoutes } from './routes/flows';
import { metaRoutes } from './routes/meta';
import { placesRoutes } from './routes/places';
import { regionsRoutes } from './routes/regions';
import { returnsRoutes } from './routes/returns';
import { routesRoutes } from './routes/routes';

export interface BuildAppOptions {
  store: Store;
  /** Directory of the built SPA (vite build); served at / when it exists. */
  staticDir?: string | null;
  logger?: FastifyServerOptions['logger'];
  /** Aggregate result cache (default: a new 500-entry LRU). */
  cache?: LruCache<AggregateResult>;
}

const IMMUTABLE = 'public, max-age=31536000, immutable';

export function buildApp(opts: BuildAppOptions): FastifyInstance {
  const app = Fastify({ logger: opts.logger ?? false, routerOptions: { ignoreTrailingSlash: false } });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  const ctx: RouteContext = { store: opts.store, cache: opts.cache ?? new LruCache<AggregateResult>(500) };
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
  });

  app.setErrorHandler((err: FastifyError, request, reply) => {
    const instance = request.url.split('?')[0];
    if (err instanceof ProblemError) {
      return sendProblem(reply, problemBody(err.status, err.type, err.message, instance, err.errors), err.headers);
    }
    if (hasZodFastifySchemaValidationErrors(err)) {
      const schema = request.routeOptions.schema?.querystring as { shape?: Record<string, unknown> } | undefined;
      const allowed = schema?.shape ? Object.keys(schema.shape) : [];
      const raw = (request.query ?? {}) as Record<string, unknown>;
      const errors = fieldErrorsFromValidation(err.validation, raw, allowed);
      const p = invalidParameters(errors);
      return sendProblem(reply, problemBody(400, p.type, p.message, instance, p.errors));
    }
    const status = typeof err.statusCode === 'number' ? err.statusCode : 500;
    if (status >= 400 && status < 500) {
      return sendProblem(reply, problemBody(status, PROBLEM_TYPES.other, err.message || 'The request could not be handled', instance));
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
      if (!readMethod && app.hasRoute({ method: 'GET', url: path })) {
        return sendProblem(
          reply,
          problemBody(405, PROBLEM_TYPES.methodNotAllowed, `${request.method} is not allowed on ${path}; use GET`, path),
          { Allow: 'GET, HEAD' },
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

  app.register(async (api) => {
    const zapp = api.withTypeProvider<ZodTypeProvider>() as unknown as ZodApp;
    metaRoutes(zapp, ctx);
    placesRoutes(zapp, ctx);
    routesRoutes(zapp, ctx);
    regionsRoutes(zapp, ctx);
    flowsRoutes(zapp, ctx);
    assistanceRoutes(zapp, ctx);
    returnsRoutes(zapp, ctx);
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
      cacheControl: false,
      setHeaders: (reply, path) => {
        const hashed = path.includes(`${sep}assets${sep}`);
        reply.header('Cache-Control', hashed ? IMMUTABLE : 'no-cache');
      },
    });
  }

  return app;
}
