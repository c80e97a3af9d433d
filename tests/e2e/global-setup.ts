/**
 * Browser tests run against the real thing: `vite build` of the SPA and the real Node server over a real
 * DuckDB file built from data/ (in a temp dir), listening on an ephemeral port on 127.0.0.1.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { TestProject } from 'vitest/node';
import { startServer } from '../../src/server/start';
import { buildSpa } from './build-spa';

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
    /** Accounts created for the browser tests, one per role, all with E2E_PASSWORD. */
    accounts: Record<'programme' | 'donor' | 'government' | 'admin', string>;
    password: string;
  }
}

const E2E_PASSWORD = 'e2e-password-long-enough';

const root = resolve(import.meta.dirname, '../..');

export default async function setup(project: TestProject) {
  const tmp = mkdtempSync(join(tmpdir(), 'atlas-e2e-'));
  const staticDir = join(tmp, 'dist');
  if (process.env.E2E_DIST && existsSync(join(process.env.E2E_DIST, 'index.html'))) {
    // Developer shortcut: reuse an existing build.
    execFileSync('cp', ['-r', process.env.E2E_DIST, staticDir]);
  } else {
    buildSpa(staticDir);
  }
  const server = await startServer({
    host: '127.0.0.1',
    port: 0,
    dataDir: join(root, 'data'),
    dbPath: join(tmp, 'atlas.duckdb'),
    staticDir,
    logger: false,
  });
  const accounts = { programme: 'e2e-programme', donor: 'e2e-donor', government: 'e2e-government', admin: 'e2e-admin' } as const;
  for (const [role, name] of Object.entries(accounts)) await server.users.add(name, role as keyof typeof accounts, E2E_PASSWORD);
  project.provide('baseUrl', server.url);
  project.provide('accounts', accounts);
  project.provide('password', E2E_PASSWORD);
  return async () => {
    await server.close();
    rmSync(tmp, { recursive: true, force: true });
  };
}
