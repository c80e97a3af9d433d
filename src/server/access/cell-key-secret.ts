/**
 * The cell-key method's secret: whoever holds it can tell the noise of every cell, so it never leaves the server.
 * From CELL_KEY_SECRET when set (several API processes must share one), else from a file beside the database,
 * generated on first start with mode 0600 in a 0700 folder.
 */
import { randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

export const MIN_SECRET_LENGTH = 32;

export function loadCellKeySecret(opts: { env?: string | undefined; path: string; log?: (line: string) => void }): string {
  if (opts.env !== undefined && opts.env !== '') {
    if (opts.env.length < MIN_SECRET_LENGTH) throw new Error(`CELL_KEY_SECRET must be at least ${MIN_SECRET_LENGTH} characters long`);
    return opts.env;
  }
  try {
    const text = readFileSync(opts.path, 'utf8').trim();
    if (text.length >= MIN_SECRET_LENGTH) return text;
    throw new Error(`${opts.path} holds no usable secret (fewer than ${MIN_SECRET_LENGTH} characters): remove it to generate a new one`);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
  }
  mkdirSync(dirname(opts.path), { recursive: true, mode: 0o700 });
  const secret = randomBytes(32).toString('hex');
  // wx: never overwrite a secret another process wrote meanwhile (then read that one).
  try {
    writeFileSync(opts.path, `${secret}\n`, { mode: 0o600, flag: 'wx' });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') return loadCellKeySecret({ path: opts.path });
    throw e;
  }
  chmodSync(opts.path, 0o600);
  opts.log?.(`Generated the disclosure-control secret in ${opts.path} (mode 0600). Keep it: a new one changes every published figure.`);
  return secret;
}
