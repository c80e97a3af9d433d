/**
 * Response headers set on every answer (API, SPA files, errors, 404s).
 *
 * The Content-Security-Policy is ONE constant, easy to adjust. It allows what the built SPA and MapLibre need:
 * scripts and styles only from this origin (no inline script; MapLibre's CSS is a bundled file and it styles elements
 * through the CSSOM, which style-src does not govern), the MapLibre worker from this origin or a blob: URL, images
 * and fonts from this origin or data:/blob: URLs, and fetches to this origin only. With an online basemap
 * (VITE_BASEMAP_STYLE_URL, see config.ts) its origins are added to connect-src and img-src, and nothing else.
 */
import type { FastifyInstance } from 'fastify';

/** The policy; `basemapOrigins` (e.g. `https://tiles.example.org`) may be fetched from: style, tiles, glyphs, sprites. */
export function contentSecurityPolicy(basemapOrigins: readonly string[] = []): string {
  const extra = basemapOrigins.map((o) => ` ${o}`).join('');
  return [
    "default-src 'self'",
    "script-src 'self'",
    "worker-src 'self' blob:",
    'child-src blob:',
    `img-src 'self' data: blob:${extra}`,
    "style-src 'self'",
    "font-src 'self' data:",
    `connect-src 'self'${extra}`,
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** The policy of the default, offline app: nothing leaves this origin. */
export const CONTENT_SECURITY_POLICY = contentSecurityPolicy();

export function securityHeaders(basemapOrigins: readonly string[] = []): Readonly<Record<string, string>> {
  return {
    'Content-Security-Policy': contentSecurityPolicy(basemapOrigins),
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'X-Frame-Options': 'DENY',
    'Cross-Origin-Opener-Policy': 'same-origin',
  };
}

const isApi = (url: string) => url === '/api' || url.startsWith('/api/') || url.startsWith('/api?');

/** Adds the headers above to every response, and `Cache-Control: no-store` to every /api answer. */
export function installSecurityHeaders(app: FastifyInstance, basemapOrigins: readonly string[] = []): void {
  const headers = securityHeaders(basemapOrigins);
  app.addHook('onSend', async (request, reply, payload) => {
    for (const [k, v] of Object.entries(headers)) reply.header(k, v);
    if (isApi(request.url)) {
      reply.header('Cache-Control', 'no-store');
      reply.header('Pragma', 'no-cache');
    }
    return payload;
  });
}
