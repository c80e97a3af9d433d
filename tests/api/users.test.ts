/**
 * Accounts: the `npm run users` CLI (spawned as `tsx scripts/users.ts` with a temp USERS_PATH, password piped in),
 * the users file (scrypt hashes with their parameters, mode 0600, atomic replacement), and password checks.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { hashPassword, parseStoredHash, verifyPassword } from '../../src/server/access/passwords';
import { createUser, UserError, UserStore } from '../../src/server/access/users';
import { TEST_SCRYPT, tempDir } from './helpers';

const ROOT = resolve(import.meta.dirname, '../..');
const TSX = join(ROOT, 'node_modules/.bin/tsx');
const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

function usersPath(): string {
  const d = tempDir('atlas-users-');
  dirs.push(d);
  return join(d, 'var', 'users.json');
}

function cli(path: string, args: string[], input = '') {
  const r = spawnSync(TSX, ['scripts/users.ts', ...args], {
    cwd: ROOT,
    input,
    env: { ...process.env, USERS_PATH: path },
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe('npm run users', () => {
  it('add (password piped), list, remove', () => {
    const path = usersPath();
    const add = cli(path, ['add', 'Ana', '--role', 'programme'], 'correct horse battery\n');
    expect(add.err).toBe('');
    expect(add.code).toBe(0);
    expect(add.out).toMatch(/Added ana \(programme\)/);
    expect(cli(path, ['add', 'bea', '--role=donor'], 'another long password').code).toBe(0);

    const file = readFileSync(path, 'utf8');
    expect(file).not.toContain('correct horse battery');
    const stored = JSON.parse(file);
    expect(stored.version).toBe(1);
    expect(stored.users.map((u: { username: string; role: string }) => [u.username, u.role])).toEqual([
      ['ana', 'programme'],
      ['bea', 'donor'],
    ]);
    expect(stored.users[0].passwordHash).toMatch(/^scrypt\$ln=15,r=8,p=1\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{43}$/);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(statSync(join(path, '..')).mode & 0o777).toBe(0o700);
    expect(readdirSync(join(path, '..'))).toEqual(['users.json']); // no temp files left

    const list = cli(path, ['list']);
    expect(list.code).toBe(0);
    expect(list.out).toMatch(/^ana\tprogramme\t\d{4}-/m);
    expect(list.out).toMatch(/^bea\tdonor\t/m);
    expect(list.out).not.toMatch(/scrypt/);

    const rm = cli(path, ['remove', 'ana']);
    expect(rm.code).toBe(0);
    expect(cli(path, ['list']).out).not.toMatch(/ana/);
    expect(cli(path, ['remove', 'ana']).code).toBe(1);
  });

  it('the password works for sign-in checks, and passwd changes it', async () => {
    const path = usersPath();
    expect(cli(path, ['add', 'gov', '--role', 'government'], 'first long password\n').code).toBe(0);
    const users = UserStore.file(path);
    expect((await users.verify('gov', 'first long password'))?.role).toBe('government');
    expect(await users.verify('gov', 'first long passwor')).toBeNull();
    expect(cli(path, ['passwd', 'gov'], 'second long password\n').code).toBe(0);
    expect(await users.verify('gov', 'first long password')).toBeNull();
    expect((await users.verify('GOV', 'second long password'))?.username).toBe('gov');
  });

  it.each([
    [['add', 'x1', '--role', 'programme'], 'short\n', 1, /at least 10 characters/],
    [['add', 'x1', '--role', 'programme'], '', 1, /No password on standard input/],
    [['add', 'x1', '--role', 'boss'], 'long enough password\n', 1, /'boss' is not a role/],
    [['add', 'x1', '--role', 'public'], 'long enough password\n', 1, /'public' is not a role/],
    [['add', 'x1'], 'long enough password\n', 2, /needs --role/],
    [['add', 'no spaces', '--role', 'donor'], 'long enough password\n', 1, /not a valid user name/],
    [['add', '--role', 'donor'], '', 2, /exactly one user name/],
    [['frobnicate'], '', 2, /Unknown command/],
    [[], '', 2, /Usage/],
    [['passwd', 'ghost'], 'long enough password\n', 1, /no user named 'ghost'/],
  ])('users %j, standard input %j → exit %i', (args, input, code, message) => {
    const r = cli(usersPath(), args as string[], input as string);
    expect(r.code).toBe(code);
    expect(r.err + r.out).toMatch(message as RegExp);
  });

  it('refuses a duplicate name without asking for a password', () => {
    const path = usersPath();
    expect(cli(path, ['add', 'dup', '--role', 'donor'], 'long enough password\n').code).toBe(0);
    const again = cli(path, ['add', 'DUP', '--role', 'admin'], 'long enough password\n');
    expect(again.code).toBe(1);
    expect(again.err).toMatch(/already exists/);
    expect(JSON.parse(readFileSync(path, 'utf8')).users).toHaveLength(1);
  });

  it('a broken users file is reported, not overwritten', () => {
    const path = usersPath();
    expect(cli(path, ['add', 'ok1', '--role', 'donor'], 'long enough password\n').code).toBe(0);
    writeFileSync(path, '{ not json');
    const r = cli(path, ['add', 'ok2', '--role', 'donor'], 'long enough password\n');
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/not a valid users file/);
    expect(readFileSync(path, 'utf8')).toBe('{ not json');
  });
});

describe('users file and passwords (module)', () => {
  it('createUser writes an account the server can check', async () => {
    const path = usersPath();
    await createUser(path, 'e2e', 'programme', 'a long e2e password');
    expect((await UserStore.file(path).verify('e2e', 'a long e2e password'))?.role).toBe('programme');
    await expect(createUser(path, 'e2e', 'donor', 'a long e2e password')).rejects.toThrow(UserError);
  });

  it('a running store sees changes made by another process (the file is re-read when it changes)', async () => {
    const path = usersPath();
    const server = UserStore.file(path, { scrypt: TEST_SCRYPT });
    expect(await server.get('late')).toBeUndefined();
    expect(cli(path, ['add', 'late', '--role', 'donor'], 'long enough password\n').code).toBe(0);
    expect((await server.get('late'))?.role).toBe('donor');
    expect(cli(path, ['remove', 'late']).code).toBe(0);
    expect(await server.get('late')).toBeUndefined();
  });

  it('scrypt hashes: random salt, parameters stored, constant-format, bounded parameters', async () => {
    const a = await hashPassword('same password here', TEST_SCRYPT);
    const b = await hashPassword('same password here', TEST_SCRYPT);
    expect(a).not.toBe(b);
    expect(await verifyPassword('same password here', a)).toBe(true);
    expect(await verifyPassword('same password herE', a)).toBe(false);
    expect(parseStoredHash(a)?.params).toEqual(TEST_SCRYPT);
    // a tampered file cannot make the server allocate gigabytes, nor pass with a malformed hash
    expect(parseStoredHash(a.replace('ln=10', 'ln=30'))).toBeUndefined();
    expect(await verifyPassword('x', 'plain-text')).toBe(false);
    expect(await verifyPassword('x', '')).toBe(false);
  });

  it('password and name rules', async () => {
    const users = UserStore.memory({ scrypt: TEST_SCRYPT });
    await expect(users.add('ok', 'donor', '123456789')).rejects.toThrow(/at least 10/);
    await expect(users.add('ok', 'donor', 'x'.repeat(1025))).rejects.toThrow(/at most 1024/);
    await expect(users.add('-bad', 'donor', 'long enough password')).rejects.toThrow(/not a valid user name/);
    await expect(users.add('ok', 'root', 'long enough password')).rejects.toThrow(/not a role/);
    expect((await users.add('OK.Name@x', 'donor', '1234567890')).username).toBe('ok.name@x');
    expect(await users.hasAdmin()).toBe(false);
  });
});
