/**
 * Accounts of Transit Atlas: `npm run users -- <command>`.
 *
 *   add NAME --role ROLE   create an account (role: donor, government, programme or admin)
 *   passwd NAME            give an account a new password (its sessions end)
 *   remove NAME            delete an account (its sessions end at its next request)
 *   list                   list accounts with their roles
 *
 * Passwords are read from standard input: typed without echo at a terminal (twice), or the first line of a pipe
 * (`printf '%s\n' "$PW" | npm run users -- add ana --role programme`). Never on the command line, where other
 * users of the machine could read it. Accounts file: $USERS_PATH (default ./var/users.json).
 */
import { openPgUsers } from '../src/server/store/postgres/pg-shared-state';
import { ConfigError, loadConfig } from '../src/server/config';
import { checkPassword, checkRole, checkUsername, UserError, UserStore } from '../src/server/access/users';
import { ACCOUNT_ROLES } from '../src/shared/enums';

const USAGE = `Usage: npm run users -- <command>
  add NAME --role ROLE   create an account; ROLE is one of ${ACCOUNT_ROLES.join(', ')}
  passwd NAME            set a new password for an account
  remove NAME            delete an account
  list                   list accounts and their roles
The password is read from standard input (hidden when typed at a terminal; the first line when piped).
Accounts file: $USERS_PATH (default ./var/users.json).`;

class UsageError extends Error {}

/** Reads one line at a terminal without echoing it. */
function promptHidden(prompt: string): Promise<string> {
  const stdin = process.stdin;
  return new Promise((resolve, reject) => {
    process.stderr.write(prompt);
    stdin.setRawMode(true);
    stdin.resume();
    stdin.setEncoding('utf8');
    let chars: string[] = [];
    const finish = (err: Error | null) => {
      stdin.off('data', onData);
      stdin.setRawMode(false);
      stdin.pause();
      process.stderr.write('\n');
      if (err) reject(err);
      else resolve(chars.join(''));
    };
    const onData = (chunk: string) => {
      for (const ch of chunk) {
        if (ch === '\r' || ch === '\n' || ch === '\u0004') return finish(null);
        if (ch === '\u0003') return finish(new UserError('Cancelled'));
        if (ch === '\u007f' || ch === '\b') chars = chars.slice(0, -1);
        else if (ch >= ' ') chars.push(ch);
      }
    };
    stdin.on('data', onData);
  });
}

/** The first line of piped standard input. */
async function readPiped(): Promise<string> {
  const parts: Buffer[] = [];
  for await (const chunk of process.stdin) parts.push(chunk as Buffer);
  const text = Buffer.concat(parts).toString('utf8');
  return text.split(/\r?\n/)[0] ?? '';
}

async function readNewPassword(username: string): Promise<string> {
  if (process.stdin.isTTY) {
    const first = await promptHidden(`New password for ${username} (at least 10 characters): `);
    checkPassword(first);
    const second = await promptHidden('Type it again: ');
    if (first !== second) throw new UserError('The two passwords differ; nothing was changed');
    return first;
  }
  const pw = await readPiped();
  if (pw.length === 0) throw new UserError('No password on standard input (pipe it in, or run this at a terminal)');
  checkPassword(pw);
  return pw;
}

function parseArgs(argv: string[]): { command: string | undefined; positional: string[]; role: string | undefined } {
  const positional: string[] = [];
  let role: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--role') {
      role = argv[++i];
      if (role === undefined) throw new UsageError('--role needs a value');
    } else if (a.startsWith('--role=')) role = a.slice('--role='.length);
    else if (a === '--help' || a === '-h') positional.unshift('help');
    else if (a.startsWith('-')) throw new UsageError(`Unknown option ${a}`);
    else positional.push(a);
  }
  const [command, ...rest] = positional;
  return { command, positional: rest, role };
}

async function run(argv: string[]): Promise<number> {
  const { command, positional, role } = parseArgs(argv);
  if (command === undefined || command === 'help') {
    console.log(USAGE);
    return command === undefined ? 2 : 0;
  }
  const config = loadConfig();
  // With DATABASE_URL the accounts are in PostgreSQL (shared by every API process), else in the users file.
  const db = config.databaseUrl ? await openPgUsers(config.databaseUrl) : null;
  try {
    return await command_(command, positional, role, db?.users ?? UserStore.file(config.usersPath));
  } finally {
    await db?.close();
  }
}

async function command_(command: string, positional: string[], role: string | undefined, users: UserStore): Promise<number> {
  const one = () => {
    if (positional.length !== 1) throw new UsageError(`'${command}' takes exactly one user name`);
    return checkUsername(positional[0]!);
  };
  switch (command) {
    case 'add': {
      const name = one();
      if (role === undefined) throw new UsageError(`'add' needs --role (${ACCOUNT_ROLES.join(', ')})`);
      checkRole(role);
      if (await users.get(name)) throw new UserError(`A user named '${name}' already exists`);
      const password = await readNewPassword(name);
      const u = await users.add(name, role, password);
      console.log(`Added ${u.username} (${u.role}) to ${users.where}`);
      return 0;
    }
    case 'passwd': {
      const name = one();
      if (!(await users.get(name))) throw new UserError(`There is no user named '${name}'`);
      await users.setPassword(name, await readNewPassword(name));
      console.log(`Changed the password of ${name}; their sessions have ended`);
      return 0;
    }
    case 'remove': {
      const name = one();
      if (!(await users.remove(name))) throw new UserError(`There is no user named '${name}'`);
      console.log(`Removed ${name}; their sessions have ended`);
      return 0;
    }
    case 'list': {
      if (positional.length > 0) throw new UsageError("'list' takes no arguments");
      const list = await users.list();
      if (list.length === 0) console.log(`No accounts in ${users.where}`);
      for (const u of list) console.log(`${u.username}\t${u.role}\t${u.createdAt}`);
      return 0;
    }
    default:
      throw new UsageError(`Unknown command '${command}'`);
  }
}

run(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (e: unknown) => {
    if (e instanceof UsageError) {
      console.error(`${e.message}\n\n${USAGE}`);
      process.exit(2);
    }
    if (e instanceof UserError || e instanceof ConfigError) {
      console.error(e.message);
      process.exit(1);
    }
    console.error(e);
    process.exit(1);
  },
);
