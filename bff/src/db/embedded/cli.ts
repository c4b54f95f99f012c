import fs from 'node:fs';
import path from 'node:path';
import { Session } from 'node:inspector/promises';
import { createInterface } from 'node:readline';
import { startEmbeddedMongo } from './index';
import { scramCredential, UserStore } from './auth/users';
import type { StoreOptions } from './storage/store';

/**
 * `npm run db -- --port 27017 --dbpath ./data/db`: serves until SIGINT or SIGTERM. On TCP every
 * connection must log in with SCRAM-SHA-256 as a user made by `npm run db -- user add NAME` (password
 * read from stdin); `--socket PATH` serves a private Unix socket (mode 0600) without logins instead.
 */
interface Args {
  port: number;
  dbPath: string | null;
  exitWithParent: boolean;
  socketPath: string | null;
  usersFile: string | null;
  userDb: string;
  rest: string[];
}

const USAGE = `usage: npm run db -- [--port N] [--dbpath DIR] [--inMemory --users FILE] [--socket PATH]
       npm run db -- user add NAME [--dbpath DIR | --users FILE] [--db admin]   (password on stdin)
       npm run db -- user remove NAME [--dbpath DIR | --users FILE] [--db admin]
`;

function parseArgs(argv: string[]): Args {
  const a: Args = { port: 27017, dbPath: path.resolve('data/db'), exitWithParent: false, socketPath: null, usersFile: null, userDb: 'admin', rest: [] };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    const [flag, inline] = arg.includes('=') ? (arg.split('=', 2) as [string, string]) : [arg, undefined];
    const value = (): string => {
      const v = inline ?? argv[++i];
      if (v === undefined) throw new Error(`${flag} needs a value`);
      return v;
    };
    if (flag === '--port') a.port = Number(value());
    else if (flag === '--dbpath') a.dbPath = path.resolve(value());
    else if (flag === '--inMemory' || flag === '--nodb') a.dbPath = null;
    else if (flag === '--exit-with-parent') a.exitWithParent = true;
    else if (flag === '--socket') a.socketPath = path.resolve(value());
    else if (flag === '--users') a.usersFile = path.resolve(value());
    else if (flag === '--db') a.userDb = value();
    else if (flag === '--bind_ip' || flag === '--replSet') value();
    else if (flag === '--help' || flag === '-h') {
      process.stdout.write(USAGE);
      process.exit(0);
    } else if (!flag.startsWith('--')) a.rest.push(arg);
    else throw new Error(`unknown option ${arg}`);
  }
  if (!Number.isInteger(a.port) || a.port < 0 || a.port > 65535) throw new Error(`invalid --port ${String(a.port)}`);
  return a;
}

function userStore(a: Args): UserStore {
  if (a.usersFile) return new UserStore(a.usersFile);
  if (a.dbPath) return UserStore.forDataDir(a.dbPath);
  throw new Error('--inMemory on TCP needs --users FILE (users made with `npm run db -- user add NAME --users FILE`), or serve on a private --socket');
}

async function readPassword(): Promise<string> {
  const rl = createInterface({ input: process.stdin });
  try {
    for await (const line of rl) return line;
  } finally {
    rl.close();
  }
  throw new Error('no password given on stdin');
}

async function userCommand(a: Args): Promise<void> {
  const [, verb, name] = a.rest;
  if (!name || (verb !== 'add' && verb !== 'remove')) throw new Error(USAGE);
  const users = userStore(a);
  if (verb === 'remove') {
    process.stdout.write(users.remove(a.userDb, name) ? `removed ${a.userDb}.${name}\n` : `no user ${a.userDb}.${name}\n`);
    return;
  }
  if (process.stdin.isTTY) process.stderr.write(`password for ${name}: `);
  const password = await readPassword();
  if (password.length < 12) throw new Error('the password must have at least 12 characters');
  users.put(scramCredential(a.userDb, name, password));
  process.stdout.write(`user ${a.userDb}.${name} added (SCRAM-SHA-256) to ${users.file}\n`);
}

/**
 * Test seam for the fail-stop test: while the file named by EMBEDDED_ENGINE_FAIL_FSYNC exists, every
 * journal fsync fails with EIO. Unset (always, outside tests) the store uses the real fsync.
 */
function injectedFaults(): StoreOptions | undefined {
  const flag = process.env.EMBEDDED_ENGINE_FAIL_FSYNC;
  if (!flag) return undefined;
  return {
    io: {
      fsync: (fd, cb) => (fs.existsSync(flag) ? cb(Object.assign(new Error('EIO: i/o error, fsync'), { code: 'EIO' })) : fs.fdatasync(fd, cb)),
    },
  };
}

/** For a developer: with ENGINE_PROFILE=file.cpuprofile, SIGUSR2 starts a CPU profile and the next SIGUSR2 writes it. */
function profileOnSignal(): void {
  const file = process.env.ENGINE_PROFILE;
  if (!file) return;
  const session = new Session();
  session.connect();
  let running = false;
  process.on('SIGUSR2', () => {
    running = !running;
    const step = running
      ? session.post('Profiler.enable').then(() => session.post('Profiler.start'))
      : session.post('Profiler.stop').then(({ profile }) => fs.writeFileSync(file, JSON.stringify(profile)));
    step.catch((err: unknown) => process.stderr.write(`profile: ${String(err)}\n`));
  });
}

async function main(): Promise<void> {
  const a = parseArgs(process.argv.slice(2));
  if (a.rest[0] === 'user') return userCommand(a);
  if (a.rest.length > 0) throw new Error(`unknown argument ${a.rest[0] as string}\n${USAGE}`);
  const users = a.socketPath ? undefined : userStore(a);
  if (users && users.list().length === 0) {
    throw new Error(`no users in ${users.file}: on TCP the engine requires SCRAM-SHA-256 logins. Add one with \`npm run db -- user add NAME${a.dbPath ? ` --dbpath ${a.dbPath}` : ` --users ${users.file}`}\`, or serve a private --socket`);
  }
  const db = await startEmbeddedMongo({
    port: a.port,
    dbPath: a.dbPath,
    socketPath: a.socketPath ?? undefined,
    users,
    storage: injectedFaults(),
    onFatal: (err) => {
      process.stderr.write(`${err.message}\n`);
      process.exit(14);
    },
  });
  process.stdout.write(`${db.uri}\n`);
  const where = a.socketPath ? `socket ${a.socketPath}` : `127.0.0.1:${db.port}, logins required`;
  process.stderr.write(`embedded MongoDB-compatible engine listening on ${where} (${a.dbPath ?? 'memory only'})\n`);
  let stopping = false;
  const shutdown = (): void => {
    if (stopping) return;
    stopping = true;
    db.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
  profileOnSignal();
  if (a.exitWithParent) {
    // Started by an application (process.ts): its end, even by kill -9, closes our stdin.
    process.stdin.once('end', shutdown);
    process.stdin.once('close', shutdown);
    process.stdin.resume();
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
