/**
 * The bare MapLibre page's build, and the bench's static server for pages other than the app's own build (the bare
 * page, or another build of the app to compare), forwarding /api/* — method, cookies, body and Set-Cookie — to the
 * real server.
 */
import { join, resolve } from 'node:path';
import fastifyStatic from '@fastify/static';
import Fastify from 'fastify';
import { build as viteBuild } from 'vite';

const ROOT = resolve(import.meta.dirname, '..');

/** Builds the bare MapLibre page (bench/bare) with the project's Vite config into `outDir`. */
export async function buildBarePage(outDir: string): Promise<void> {
  await viteBuild({
    root: join(ROOT, 'bench/bare'),
    configFile: join(ROOT, 'vite.config.ts'),
    publicDir: join(ROOT, 'public'),
    logLevel: 'warn',
    build: { outDir, emptyOutDir: true, sourcemap: false },
  });
}

export async function bareServer(dir: string, apiUrl: string) {
  const app = Fastify({ logger: false });
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'buffer' }, (_req, body, done) => done(null, body));
  app.all('/api/*', async (req, reply) => {
    const headers: Record<string, string> = { accept: String(req.headers.accept ?? '*/*') };
    for (const h of ['cookie', 'content-type'] as const) if (req.headers[h]) headers[h] = String(req.headers[h]);
    const res = await fetch(apiUrl + req.url, {
      method: req.method,
      headers,
      body: req.method === 'GET' || req.method === 'HEAD' || !req.body ? undefined : new Uint8Array(req.body as Buffer),
    });
    reply.code(res.status).header('content-type', res.headers.get('content-type') ?? 'application/octet-stream');
    const setCookie = res.headers.getSetCookie();
    if (setCookie.length) reply.header('set-cookie', setCookie);
    return reply.send(Buffer.from(await res.arrayBuffer()));
  });
  await app.register(fastifyStatic, { root: dir, preCompressed: true });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const addr = app.server.address();
  return { app, url: `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}` };
}
