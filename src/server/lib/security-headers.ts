/**
 * Response headers set on every answer (API, SPA files, errors, 404s).
 *
 * The Content-Security-Policy is ONE constant, easy to adjust. It allows what the built SPA and MapLibre need:
 * scripts and styles only from this origin (no inline script; MapLibre's CSS is a bundled file and it styles elements
 * through the CSSOM, which style-src does not govern), the MapLibre worker from this origin or a blob: URL, images
 * and fonts from this origin or data:/blob: URLs, and fetches to this origin only. If an online basemap style is
 * built in (VITE_BASEMAP_STYLE_URL), add its hosts to connect-src, img-src and font-src here.
 */
import type { FastifyInstance } from 'fastify';

export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "worker-src 'self' blob:",
  'child-src blob:',
  "img-src 'self' data: blob:",
  "style-src 'self'",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
  'Cross-Origin-Opener-Policy': 'same-origin',
};

const isApi = (url: string) => url === '/api' || url.startsWith('/api/') || url.startsWith('/api?');

/** Adds the headers above to every response, and `Cache-Control: no-store` to every /api answer. */
export function installSecurityHeaders(app: FastifyInstance): void {
  app.addHook('onSend', async (request, reply, payload) => {
    for (const [k, v] of Object.entries(SECURITY_HEADERS)) reply.header(k, v);
    if (isApi(request.url)) {
      reply.header('Cache-Control', 'no-store');
      reply.header('Pragma', 'no-cache');
    }
    return payload;
  });
}
