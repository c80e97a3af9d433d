#!/usr/bin/env node
// Makes sure PostgreSQL server binaries (initdb, pg_ctl) exist for the PostgreSQL tests. Order: $PG_BIN, Debian's
// /usr/lib/postgresql/<newest>/bin, then (as root with apt-get) installs Debian's `postgresql` package; otherwise
// fails naming what to install. Never a silent skip: `npm test` runs the PostgreSQL contract suite.
import { existsSync, readdirSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

export function findPgBin() {
  if (process.env.PG_BIN && existsSync(join(process.env.PG_BIN, 'initdb'))) return process.env.PG_BIN;
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return null;
  const versions = readdirSync(root)
    .filter((v) => /^\d+$/.test(v) && existsSync(join(root, v, 'bin', 'initdb')))
    .sort((a, b) => Number(b) - Number(a));
  return versions.length > 0 ? join(root, versions[0], 'bin') : null;
}

function main() {
  const found = findPgBin();
  if (found) {
    console.log(`postgresql: ${found}`);
    return 0;
  }
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (isRoot && existsSync('/usr/bin/apt-get')) {
    console.log('postgresql: not found, installing Debian package "postgresql" with apt-get…');
    try {
      execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit' });
      execFileSync('apt-get', ['install', '-y', '-qq', 'postgresql'], { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
    } catch (err) {
      console.error(`postgresql: apt-get install failed (${err.message}).`);
      return 1;
    }
    const now = findPgBin();
    if (now) {
      console.log(`postgresql: installed at ${now}`);
      return 0;
    }
  }
  console.error(
    'postgresql: no PostgreSQL server binaries (initdb, pg_ctl) found for the PostgreSQL tests.\n' +
      '  Install them (Debian/Ubuntu: `sudo apt-get install postgresql`) or set PG_BIN to the folder holding initdb and pg_ctl.',
  );
  return 1;
}

if (import.meta.url === `file://${process.argv[1]}`) process.exit(main());
