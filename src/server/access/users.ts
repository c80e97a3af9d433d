/**
 * Accounts, kept in a JSON file apart from the DuckDB data file (which is rebuilt whenever data/ changes):
 * USERS_PATH, default ./var/users.json. Written atomically (temporary file in the same folder, fsync, rename) with
 * mode 0600 in a 0700 folder. No account exists until someone creates one (`npm run users -- add …` or the one-time
 * setup token); there are no default passwords.
 *
 * The file is re-read whenever it changes on disk, so `npm run users -- remove NAME` takes effect on a running
 * server at that user's next request (their sessions end, see guard.ts).
 */
import { randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { z } from 'zod';
import { newPasswordSchema, USERNAME_PATTERN } from '../../shared/api';
import { ACCOUNT_ROLES, type AccountRole } from '../../shared/enums';
import { DEFAULT_SCRYPT, scryptHasher, type PasswordHasher, type ScryptParams } from './passwords';

export const userRecord = z.object({
  username: z.string().regex(USERNAME_PATTERN),
  role: z.enum(ACCOUNT_ROLES),
  passwordHash: z.string(),
  createdAt: z.string(),
});
export type UserRecord = z.infer<typeof userRecord>;

const usersFile = z.object({ version: z.literal(1), users: z.array(userRecord) });

/** A refused account operation (bad name, short password, duplicate…); the message is for the person at the keyboard. */
export class UserError extends Error {
  override name = 'UserError';
}

/** Account names are case-insensitive: stored and compared in lowercase. */
export const normaliseUsername = (name: string) => name.trim().toLowerCase();

export function checkUsername(name: string): string {
  const n = normaliseUsername(name);
  if (!USERNAME_PATTERN.test(n)) {
    throw new UserError(
      `'${n.slice(0, 64)}' is not a valid user name: use 1–64 lowercase letters, digits, '.', '_', '-' or '@', starting with a letter or digit`,
    );
  }
  return n;
}

export function checkPassword(password: string): void {
  const r = newPasswordSchema.safeParse(password);
  if (!r.success) throw new UserError(`The password ${r.error.issues[0]?.message ?? 'is not acceptable'}`);
}

export function checkRole(role: string): AccountRole {
  if (!(ACCOUNT_ROLES as readonly string[]).includes(role)) {
    throw new UserError(`'${role}' is not a role: use one of ${ACCOUNT_ROLES.join(', ')} (signed-out visitors are 'public')`);
  }
  return role as AccountRole;
}

/** Where the accounts live: a file, memory, or a database table (several API processes share it). */
export interface Backing {
  read(): UserRecord[] | Promise<UserRecord[]>;
  /** Replaces the accounts with `change(current)`, atomically with respect to other writers; returns what `change` returned. */
  update<T>(change: (users: UserRecord[]) => { users: UserRecord[]; result: T }): Promise<T>;
}

class FileBacking implements Backing {
  private cache: { stamp: string; users: UserRecord[] } | null = null;
  constructor(readonly path: string) {}

  private stamp(): string | null {
    try {
      const s = statSync(this.path);
      return `${s.ino}:${s.size}:${s.mtimeMs}`;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw e;
    }
  }

  read(): UserRecord[] {
    const stamp = this.stamp();
    if (stamp === null) return [];
    if (this.cache?.stamp === stamp) return this.cache.users;
    const text = readFileSync(this.path, 'utf8');
    let parsed: z.infer<typeof usersFile>;
    try {
      parsed = usersFile.parse(JSON.parse(text));
    } catch {
      throw new UserError(`${this.path} is not a valid users file; fix or remove it`);
    }
    this.cache = { stamp, users: parsed.users };
    return parsed.users;
  }

  async update<T>(change: (users: UserRecord[]) => { users: UserRecord[]; result: T }): Promise<T> {
    const { users, result } = change(this.read());
    if (users !== this.cache?.users) this.write(users);
    return result;
  }

  private write(users: UserRecord[]): void {
    mkdirSync(dirname(this.path), { recursive: true, mode: 0o700 });
    const tmp = `${this.path}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
    const fd = openSync(tmp, 'wx', 0o600);
    try {
      writeSync(fd, `${JSON.stringify({ version: 1, users }, null, 2)}\n`);
      fsyncSync(fd);
    } catch (e) {
      closeSync(fd);
      rmSync(tmp, { force: true });
      throw e;
    }
    closeSync(fd);
    try {
      renameSync(tmp, this.path);
    } catch (e) {
      rmSync(tmp, { force: true });
      throw e;
    }
    this.cache = null;
  }
}

class MemoryBacking implements Backing {
  constructor(private users: UserRecord[] = []) {}
  read() {
    return this.users;
  }
  async update<T>(change: (users: UserRecord[]) => { users: UserRecord[]; result: T }): Promise<T> {
    const { users, result } = change(this.users);
    this.users = users;
    return result;
  }
}

export interface UserStoreOptions {
  scrypt?: ScryptParams;
  hasher?: PasswordHasher;
}

export class UserStore {
  /** A hash of a random password, checked for unknown names so they take as long as known ones. */
  private dummy: Promise<string> | null = null;

  private constructor(
    private readonly backing: Backing,
    private readonly scryptParams: ScryptParams,
    private readonly hasher: PasswordHasher,
  ) {}

  /** Accounts in a JSON file (created on first write). `hasher`: scrypt unless given (tests count the calls). */
  static file(path: string, opts: UserStoreOptions = {}): UserStore {
    return new UserStore(new FileBacking(path), opts.scrypt ?? DEFAULT_SCRYPT, opts.hasher ?? scryptHasher);
  }

  /** Accounts in a database table (PostgreSQL: shared by every API process; see access/shared-state.ts). */
  static backedBy(backing: Backing, label: string, opts: UserStoreOptions = {}): UserStore {
    const store = new UserStore(backing, opts.scrypt ?? DEFAULT_SCRYPT, opts.hasher ?? scryptHasher);
    store.label = label;
    return store;
  }

  /** Accounts in memory only (tests, or a server started without USERS_PATH). */
  static memory(opts: UserStoreOptions = {}): UserStore {
    return new UserStore(new MemoryBacking(), opts.scrypt ?? DEFAULT_SCRYPT, opts.hasher ?? scryptHasher);
  }

  private label: string | null = null;

  /** The file path, or null for an in-memory store. */
  get path(): string | null {
    return this.backing instanceof FileBacking ? this.backing.path : null;
  }

  /** Where the accounts are, for messages: the file, the database, or "memory". */
  get where(): string {
    return this.path ?? this.label ?? 'memory';
  }

  async list(): Promise<UserRecord[]> {
    return [...(await this.backing.read())].sort((a, b) => a.username.localeCompare(b.username));
  }

  async get(username: string): Promise<UserRecord | undefined> {
    const n = normaliseUsername(username);
    return (await this.backing.read()).find((u) => u.username === n);
  }

  async hasAdmin(): Promise<boolean> {
    return (await this.backing.read()).some((u) => u.role === 'admin');
  }

  async add(username: string, role: string, password: string): Promise<UserRecord> {
    const name = checkUsername(username);
    const r = checkRole(role);
    checkPassword(password);
    const passwordHash = await this.hasher.hash(password, this.scryptParams);
    const record: UserRecord = { username: name, role: r, passwordHash, createdAt: new Date().toISOString() };
    return this.backing.update((users) => {
      if (users.some((u) => u.username === name)) throw new UserError(`A user named '${name}' already exists`);
      return { users: [...users, record], result: record };
    });
  }

  async setPassword(username: string, password: string): Promise<void> {
    const name = normaliseUsername(username);
    checkPassword(password);
    const passwordHash = await this.hasher.hash(password, this.scryptParams);
    await this.backing.update((users) => {
      if (!users.some((u) => u.username === name)) throw new UserError(`There is no user named '${name}'`);
      return { users: users.map((u) => (u.username === name ? { ...u, passwordHash } : u)), result: undefined };
    });
  }

  /** Removes an account; false when there was none. */
  async remove(username: string): Promise<boolean> {
    const name = normaliseUsername(username);
    return this.backing.update((users) =>
      users.some((u) => u.username === name) ? { users: users.filter((u) => u.username !== name), result: true } : { users, result: false },
    );
  }

  /** The account when the password is right, else null. Unknown names cost one hash too. */
  async verify(username: string, password: string): Promise<UserRecord | null> {
    const user = await this.get(username);
    if (!user) {
      await this.checkDummy(password);
      return null;
    }
    return (await this.checkPassword(user, password)) ? user : null;
  }

  /** One password check against an account's stored hash (the sign-in route runs it in a PasswordCheckPool slot). */
  checkPassword(user: UserRecord, password: string): Promise<boolean> {
    return this.hasher.verify(password, user.passwordHash);
  }

  /** The hash of a random password (made once), for checks that must cost what a real one costs. */
  dummyHash(): Promise<string> {
    this.dummy ??= this.hasher.hash(randomBytes(18).toString('base64url'), this.scryptParams);
    return this.dummy;
  }

  /** A check against `dummyHash`, as long as a real one (always false): for unknown names. */
  async checkDummy(password: string): Promise<false> {
    await this.hasher.verify(password, await this.dummyHash());
    return false;
  }
}

/**
 * Creates an account in a users file (for scripts and tests, e.g. the browser tests' programme user):
 * `await createUser('/tmp/x/users.json', 'ana', 'programme', 'a long password')`.
 */
export async function createUser(usersPath: string, username: string, role: AccountRole, password: string): Promise<UserRecord> {
  return UserStore.file(usersPath).add(username, role, password);
}
