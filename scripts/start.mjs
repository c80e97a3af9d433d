#!/usr/bin/env node
// `npm start`: serves the compiled server (build/server/main.js) and the built SPA (dist/). Builds first only when a
// build is missing or older than the sources it comes from; then replaces itself with `node build/server/main.js`
// (signals reach the server directly).
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const newest = (paths) => {
  let t = 0;
  const walk = (p) => {
    if (!existsSync(p)) return;
    const s = statSync(p);
    if (s.isDirectory()) for (const f of readdirSync(p)) walk(join(p, f));
    else t = Math.max(t, s.mtimeMs);
  };
  for (const p of paths) walk(resolve(root, p));
  return t;
};
const sources = newest(['src', 'public', 'index.html', 'vite.config.ts', 'package.json', 'package-lock.json', 'tsconfig.json', 'scripts/build-server.mjs']);
const built = (file) => (existsSync(resolve(root, file)) ? statSync(resolve(root, file)).mtimeMs : 0);
const stale = Math.min(built('dist/index.html'), built('build/server/main.js')) < sources;
if (stale) {
  console.log('Building (a build is missing or older than the sources) …');
  const r = spawnSync('npm', ['run', '-s', 'build'], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}
const server = spawnSync(process.execPath, ['--enable-source-maps', resolve(root, 'build/server/main.js')], { cwd: process.cwd(), stdio: 'inherit' });
process.exit(server.status ?? (server.signal ? 1 : 0));
