#!/usr/bin/env node
// Compiles the server (src/server/main.ts and what it imports) to one JavaScript file, build/server/main.js, with
// esbuild: npm packages stay imports (node_modules), everything of ours is bundled. `npm start` runs the result
// with plain node (no TypeScript compiler at run time).
import { build } from 'esbuild';
import { resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
await build({
  entryPoints: [resolve(root, 'src/server/main.ts')],
  outfile: resolve(root, 'build/server/main.js'),
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  sourcemap: 'linked',
  logLevel: 'warning',
});
console.log('server: build/server/main.js');
