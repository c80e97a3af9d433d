#!/usr/bin/env node
// Makes sure PostgreSQL server binaries (initdb, pg_ctl) exist for the PostgreSQL tests. Order: $PG_BIN, Debian's
// /usr/lib/postgresql/<newest>/bin, then (as root with apt-get) installs Debian's `postgresql` package; otherwise
// fails naming what to install. Never a silent skip: `npm test` runs the PostgreSQL contract suite.
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { ensureTool } from './ensure-tool.mjs';

export function findPgBin() {
  if (process.env.PG_BIN && existsSync(join(process.env.PG_BIN, 'initdb'))) return process.env.PG_BIN;
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return null;
  const versions = readdirSync(root)
    .filter((v) => /^\d+$/.test(v) && existsSync(join(root, v, 'bin', 'initdb')))
    .sort((a, b) => Number(b) - Number(a));
  return versions.length > 0 ? join(root, versions[0], 'bin') : null;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  process.exit(
    ensureTool({
      name: 'postgresql',
      pkg: 'postgresql',
      find: findPgBin,
      hint: 'Install the server binaries (Debian/Ubuntu: `sudo apt-get install postgresql`) or set PG_BIN to the folder holding initdb and pg_ctl.',
    }),
  );
}
