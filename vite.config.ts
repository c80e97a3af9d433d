import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, extname, join, relative, resolve } from 'node:path';
import { brotliCompressSync, constants as zlib, gzipSync } from 'node:zlib';
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';

const apiTarget = `http://${process.env.HOST ?? '127.0.0.1'}:${process.env.PORT ?? '8080'}`;

/**
 * After the build, writes `name.gz` (gzip -9) and `name.br` (brotli 11) beside every text asset of 1 KiB or more.
 * The server sends them as they are (app.ts: @fastify/static `preCompressed`), so no compression work per request.
 */
function precompress(): Plugin {
  const compressible = new Set(['.js', '.mjs', '.css', '.html', '.svg', '.json', '.geojson', '.txt']);
  const walk = (dir: string): string[] => readdirSync(dir).flatMap((n) => (statSync(join(dir, n)).isDirectory() ? walk(join(dir, n)) : [join(dir, n)]));
  let outDir = 'dist';
  return {
    name: 'atlas-precompress',
    apply: 'build',
    configResolved(config) {
      outDir = resolve(config.root, config.build.outDir);
    },
    closeBundle(error?: Error) {
      if (error || !existsSync(outDir)) return;
      for (const p of walk(outDir)) {
        if (!compressible.has(extname(p))) continue;
        const bytes = readFileSync(p);
        if (bytes.length < 1024) continue;
        writeFileSync(`${p}.gz`, gzipSync(bytes, { level: 9 }));
        writeFileSync(`${p}.br`, brotliCompressSync(bytes, { params: { [zlib.BROTLI_PARAM_QUALITY]: 11, [zlib.BROTLI_PARAM_SIZE_HINT]: bytes.length } }));
      }
    },
  };
}

/**
 * Source maps hold the full sources: they are built `hidden` (no sourceMappingURL comment in the bundles) and moved
 * out of the served folder, to `<outDir>-sourcemaps/` beside it (e.g. `dist-sourcemaps/`), for debugging a stack trace.
 * The server refuses `*.map` paths as well (app.ts), in case a build left some behind.
 */
function sourceMapsOutOfDist(): Plugin {
  const walk = (dir: string): string[] => readdirSync(dir).flatMap((n) => (statSync(join(dir, n)).isDirectory() ? walk(join(dir, n)) : [join(dir, n)]));
  let outDir = 'dist';
  return {
    name: 'atlas-sourcemaps-out-of-dist',
    apply: 'build',
    configResolved(config) {
      outDir = resolve(config.root, config.build.outDir);
    },
    closeBundle(error?: Error) {
      if (error || !existsSync(outDir)) return;
      const mapsDir = join(dirname(outDir), `${basename(outDir)}-sourcemaps`);
      rmSync(mapsDir, { recursive: true, force: true });
      for (const p of walk(outDir)) {
        if (!p.endsWith('.map')) continue;
        const target = join(mapsDir, relative(outDir, p));
        mkdirSync(dirname(target), { recursive: true });
        renameSync(p, target);
      }
    },
  };
}

export default defineConfig({
  plugins: [react(), precompress(), sourceMapsOutOfDist()],
  build: {
    outDir: 'dist',
    sourcemap: 'hidden',
    chunkSizeWarningLimit: 1500,
    rolldownOptions: {
      output: {
        // Vendor chunks change less often than the app: maplibre-gl (the largest) and React keep their hashed files,
        // and so their long-lived cache entries, across app releases.
        codeSplitting: {
          groups: [
            { name: 'maplibre', test: /node_modules[\\/]maplibre-gl[\\/]/, priority: 20 },
            { name: 'react', test: /node_modules[\\/](react|react-dom|scheduler)[\\/]/, priority: 10 },
          ],
        },
      },
    },
  },
  server: {
    // `npm run dev`: Vite serves the SPA with hot reload and forwards /api to `npm run serve`. The server answers
    // only Hosts on its allow-list (DNS-rebinding defence) and same-origin state changes, so the forwarded request
    // names the server's own host, and the dev page's own Origin (only that one) becomes the server's.
    proxy: {
      '/api': {
        target: apiTarget,
        changeOrigin: true,
        configure: (proxy) => {
          proxy.on('proxyReq', (proxyReq, req) => {
            if (req.headers.origin !== undefined && req.headers.origin === `http://${req.headers.host}`) proxyReq.setHeader('origin', apiTarget);
          });
        },
      },
    },
  },
});
