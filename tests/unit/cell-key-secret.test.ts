/**
 * The cell-key secret (src/server/access/cell-key-secret.ts): generated on first start into a file only the server's
 * user can read (0600, in a 0700 folder), reused on every later start, replaced by CELL_KEY_SECRET when that is set,
 * and never accepted when too short.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadCellKeySecret, MIN_SECRET_LENGTH } from '../../src/server/access/cell-key-secret';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'atlas-secret-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

const mode = (path: string) => statSync(path).mode & 0o777;
const ENV_SECRET = 'e'.repeat(MIN_SECRET_LENGTH);

describe('loadCellKeySecret', () => {
  it('generates a random secret on first start: 0600 file in a new 0700 folder, and says so once', () => {
    const path = join(dir, 'var', 'cell-key.secret');
    const lines: string[] = [];
    const secret = loadCellKeySecret({ path, log: (l) => lines.push(l) });
    expect(secret).toMatch(/^[0-9a-f]{64}$/);
    expect(readFileSync(path, 'utf8')).toBe(`${secret}\n`);
    expect(mode(path)).toBe(0o600);
    expect(mode(join(dir, 'var'))).toBe(0o700);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(path);
    expect(lines[0]).toMatch(/0600/);
  });

  it('reuses the file on later starts (the published figures stay the same), without a word', () => {
    const path = join(dir, 'cell-key.secret');
    const first = loadCellKeySecret({ path });
    const lines: string[] = [];
    expect(loadCellKeySecret({ path, log: (l) => lines.push(l) })).toBe(first);
    expect(loadCellKeySecret({ path })).toBe(first);
    expect(lines).toEqual([]);
    // another folder, another secret: it is random, not derived from anything
    expect(loadCellKeySecret({ path: join(dir, 'other', 'cell-key.secret') })).not.toBe(first);
  });

  it('reads a secret written by hand, surrounding whitespace trimmed', () => {
    const path = join(dir, 'cell-key.secret');
    const mine = 'my-own-shared-secret-of-enough-length-0123456789';
    writeFileSync(path, `  ${mine}\n\n`, { mode: 0o600 });
    expect(loadCellKeySecret({ path })).toBe(mine);
  });

  it('CELL_KEY_SECRET wins over the file, and then no file is written', () => {
    const path = join(dir, 'var', 'cell-key.secret');
    expect(loadCellKeySecret({ env: ENV_SECRET, path })).toBe(ENV_SECRET);
    expect(existsSync(path)).toBe(false);
    const fromFile = loadCellKeySecret({ path });
    expect(fromFile).not.toBe(ENV_SECRET);
    expect(loadCellKeySecret({ env: ENV_SECRET, path })).toBe(ENV_SECRET);
    expect(readFileSync(path, 'utf8').trim()).toBe(fromFile);
  });

  it('an empty CELL_KEY_SECRET counts as unset', () => {
    const path = join(dir, 'cell-key.secret');
    const secret = loadCellKeySecret({ env: '', path });
    expect(secret).toMatch(/^[0-9a-f]{64}$/);
    expect(existsSync(path)).toBe(true);
  });

  it(`refuses a CELL_KEY_SECRET shorter than ${MIN_SECRET_LENGTH} characters`, () => {
    const path = join(dir, 'cell-key.secret');
    expect(MIN_SECRET_LENGTH).toBeGreaterThanOrEqual(32);
    expect(() => loadCellKeySecret({ env: 'short', path })).toThrow(/CELL_KEY_SECRET must be at least 32 characters/);
    expect(() => loadCellKeySecret({ env: 'x'.repeat(MIN_SECRET_LENGTH - 1), path })).toThrow(/at least/);
    expect(existsSync(path)).toBe(false);
  });

  it('refuses a file holding too short a secret, naming it, and leaves it alone', () => {
    const path = join(dir, 'cell-key.secret');
    writeFileSync(path, 'tiny\n');
    expect(() => loadCellKeySecret({ path })).toThrow(new RegExp(`${path.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')} holds no usable secret`));
    expect(readFileSync(path, 'utf8')).toBe('tiny\n');
  });

  it('an unreadable path (a folder) is an error, not a new secret', () => {
    const path = join(dir, 'cell-key.secret');
    mkdirSync(path);
    expect(() => loadCellKeySecret({ path })).toThrow();
  });
});
