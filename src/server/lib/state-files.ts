/**
 * The server's state (`var/` by default: the database and its WAL, the accounts file, the cell-key secret, the import
 * journal) holds exactly what disclosure control hides, so nobody else on the machine may read it: folders 0700,
 * files 0600. Checked at every start (before the database is opened, and again after, for files it created):
 * anything looser that this user owns is tightened (and said so); what it cannot tighten stops the start with a
 * message naming the path. A shared sticky folder such as /tmp, the home folder and the file system's root are left as
 * they are (the state files in them are still made 0600).
 * The server also runs with umask 077 (main.ts), so files created later (imports, DuckDB's WAL) start private.
 */
import { chmodSync, existsSync, mkdirSync, readdirSync, statSync, type Stats } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, parse } from 'node:path';

export interface StatePaths {
  dbPath: string;
  usersPath?: string | null;
  cellKeySecretPath?: string | null;
  /** The import journal (default: `imports/` beside the database). */
  importsDir?: string;
}

export class StateModeError extends Error {
  override name = 'StateModeError';
}

const octal = (mode: number) => (mode & 0o777).toString(8).padStart(4, '0');

function statOrNull(path: string): Stats | null {
  try {
    return statSync(path);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw e;
  }
}

/** Creates missing state folders 0700 and tightens existing folders (0700) and files (0600); see the module comment. */
export function secureStateFiles(paths: StatePaths, log?: (line: string) => void): void {
  if (process.platform === 'win32' || typeof process.getuid !== 'function') return;
  const uid = process.getuid();
  const importsDir = paths.importsDir ?? join(dirname(paths.dbPath), 'imports');
  const dirs = new Set([dirname(paths.dbPath), importsDir]);
  if (paths.usersPath) dirs.add(dirname(paths.usersPath));
  if (paths.cellKeySecretPath) dirs.add(dirname(paths.cellKeySecretPath));
  // DuckDB spills to `<db>.tmp/` when it exists.
  const spill = `${paths.dbPath}.tmp`;
  if (existsSync(spill)) dirs.add(spill);

  const tighten = (path: string, st: Stats, mode: number) => {
    if ((st.mode & 0o077) === 0) return;
    if (st.uid !== uid) {
      throw new StateModeError(
        `${path} is readable by other users (mode ${octal(st.mode)}) and belongs to another user, so this server cannot make it private: ` +
          `run \`chmod ${octal(mode)} ${path}\` as its owner, or point the server at a folder of its own.`,
      );
    }
    try {
      chmodSync(path, mode);
    } catch (e) {
      throw new StateModeError(`${path} is readable by other users (mode ${octal(st.mode)}) and could not be made ${octal(mode)}: ${(e as Error).message}`);
    }
    log?.(`Made ${path} private (mode ${octal(st.mode)} → ${octal(mode)}).`);
  };

  const files: string[] = [paths.dbPath, `${paths.dbPath}.wal`];
  if (paths.usersPath) files.push(paths.usersPath);
  if (paths.cellKeySecretPath) files.push(paths.cellKeySecretPath);
  for (const dir of dirs) {
    const st = statOrNull(dir);
    if (st === null) {
      // Created private; the import journal and DuckDB's spill folder are created when needed (umask 077).
      if (dir !== importsDir && dir !== spill) mkdirSync(dir, { recursive: true, mode: 0o700 });
      continue;
    }
    if (!st.isDirectory()) throw new StateModeError(`${dir} should be a folder`);
    // A shared sticky folder (/tmp), the home folder or / are not ours to close; the state files in them are still 0600.
    const shared = (st.mode & 0o1000) !== 0 || dir === homedir() || dir === parse(dir).root;
    if (!shared) tighten(dir, st, 0o700);
    if (dir === importsDir || dir === spill) {
      for (const name of readdirSync(dir)) files.push(join(dir, name));
    }
  }
  for (const file of files) {
    const st = statOrNull(file);
    if (st === null) continue;
    if (st.isDirectory()) tighten(file, st, 0o700);
    else if (st.isFile()) tighten(file, st, 0o600);
  }
}
