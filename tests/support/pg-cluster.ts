/**
 * A throwaway PostgreSQL cluster for tests and the bench: `initdb` + `pg_ctl` in a temp folder on a free port,
 * trust authentication on 127.0.0.1 only, removed on stop. initdb refuses to run as root: as root the cluster runs as
 * the `postgres` system user (Debian's package creates it).
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, chownSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
// @ts-expect-error a plain .mjs script without types
import { findPgBin } from '../../scripts/ensure-postgres.mjs';

export interface Cluster {
  /** postgres://…/postgres: the maintenance database; make one per test with createDatabase. */
  url: string;
  port: number;
  createDatabase(name: string): Promise<string>;
  /** A streaming replica of this cluster (pg_basebackup -R), on its own port; its URL names `database`. */
  startReplica(database: string): Promise<{ url: string; stop(): Promise<void> }>;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const a = s.address();
      const port = typeof a === 'object' && a ? a.port : 0;
      s.close(() => resolve(port));
    });
  });
}

export async function startCluster(): Promise<Cluster> {
  const bin = findPgBin() as string | null;
  if (!bin) throw new Error('PostgreSQL server binaries not found: run `node scripts/ensure-postgres.mjs` (Debian: apt-get install postgresql)');
  const dir = mkdtempSync(join(tmpdir(), 'atlas-pg-'));
  const data = join(dir, 'data');
  const asRoot = process.getuid?.() === 0;
  let uid = 0;
  let gid = 0;
  if (asRoot) {
    uid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim());
    gid = Number(execFileSync('id', ['-g', 'postgres']).toString().trim());
    chownSync(dir, uid, gid);
    chmodSync(dir, 0o700);
  }
  const run = (cmd: string, args: string[]) =>
    asRoot
      ? execFileSync('runuser', ['-u', 'postgres', '--', join(bin, cmd), ...args], { stdio: 'pipe' })
      : execFileSync(join(bin, cmd), args, { stdio: 'pipe' });
  const port = await freePort();
  run('initdb', ['-D', data, '-U', 'postgres', '--auth=trust', '--no-sync', '-E', 'UTF8', '--locale=C']);
  const opts = [
    `-p ${port}`,
    `-k ${dir}`,
    "-c listen_addresses='127.0.0.1'",
    '-c fsync=off',
    '-c synchronous_commit=off',
    '-c full_page_writes=off',
    '-c max_connections=200',
    '-c shared_buffers=256MB',
    '-c timezone=UTC',
  ].join(' ');
  run('pg_ctl', ['-D', data, '-o', opts, '-l', join(dir, 'log'), '-w', '-t', '60', 'start']);
  const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
  let stopped = false;
  const replicas: Array<() => void> = [];
  return {
    url,
    port,
    async createDatabase(name: string) {
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      try {
        await c.query(`CREATE DATABASE "${name.replace(/[^a-z0-9_]/g, '_')}"`);
      } finally {
        await c.end();
      }
      return `postgres://postgres@127.0.0.1:${port}/${name.replace(/[^a-z0-9_]/g, '_')}`;
    },
    async startReplica(database: string) {
      const rdata = join(dir, `replica-${replicas.length}`);
      const rport = await freePort();
      run('pg_basebackup', ['-h', '127.0.0.1', '-p', String(port), '-U', 'postgres', '-D', rdata, '-R', '-X', 'stream', '--no-sync', '--checkpoint=fast']);
      const ropts = opts.replace(`-p ${port}`, `-p ${rport}`);
      run('pg_ctl', ['-D', rdata, '-o', ropts, '-l', join(dir, `replica-${replicas.length}.log`), '-w', '-t', '60', 'start']);
      let down = false;
      const stopReplica = () => {
        if (down) return;
        down = true;
        run('pg_ctl', ['-D', rdata, '-m', 'immediate', '-w', 'stop']);
      };
      replicas.push(stopReplica);
      return { url: `postgres://postgres@127.0.0.1:${rport}/${database}`, stop: async () => stopReplica() };
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      for (const r of replicas) {
        try {
          r();
        } catch {
          // already down
        }
      }
      try {
        run('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
