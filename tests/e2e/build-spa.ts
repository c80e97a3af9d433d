/**
 * `vite build` of the SPA for the browser tests: the real build, as `npm start` makes it, plus the test hooks
 * (VITE_TEST_HOOKS=1: `window.__atlasMap` and `window.__atlasReady`, src/client/map/map-instance.ts). `testHooks: false`
 * makes exactly the production build.
 */
import { execFileSync } from 'node:child_process';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '../..');

/** Builds into `outDir`; `env` adds build-time variables (e.g. VITE_BASEMAP_STYLE_URL). */
export function buildSpa(outDir: string, env: Record<string, string> = {}, { testHooks = true } = {}): void {
  execFileSync(process.execPath, [join(root, 'node_modules/vite/bin/vite.js'), 'build', '--outDir', outDir, '--emptyOutDir', '--logLevel', 'warn'], {
    cwd: root,
    stdio: 'inherit',
    // Vitest sets NODE_ENV=test; a build inheriting it bundles React's development build (about twice the size).
    env: { ...process.env, NODE_ENV: 'production', VITE_TEST_HOOKS: testHooks ? '1' : '', ...env },
  });
}
