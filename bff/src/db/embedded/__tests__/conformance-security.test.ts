/**
 * Access control as mongod with `--auth` and a private data directory:
 * - the data directory is 0700 and its files 0600 (mongod leaves this to the operator; here it is the default);
 * - standalone on TCP, every command but the handshake requires a SCRAM-SHA-256 login (RFC 5802/7677,
 *   mongod's 15,000 iterations); users are made with `npm run db -- user add NAME`; wrong passwords and
 *   missing credentials are refused (AuthenticationFailed 18, Unauthorized 13);
 * - the BFF's own engine needs no login: in-process, or in its own process on a private Unix socket.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { MongoClient } from 'mongodb';
import { startEmbeddedMongo } from '..';
import { scramCredential, UserStore } from '../auth/users';
import { startEmbeddedMongoProcess } from '../process';

const tmpDirs: string[] = [];
function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'engine-security-'));
  tmpDirs.push(dir);
  return dir;
}
afterAll(() => {
  for (const d of tmpDirs) fs.rmSync(d, { recursive: true, force: true });
});

const mode = (p: string): number => fs.statSync(p).mode & 0o777;
const PASSWORD = 'correct horse battery 草原';

function cli(args: string[], stdin?: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(__dirname, '..', 'cli.ts'), ...args], { stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(stdin ?? '');
  });
}

describe('file permissions', () => {
  it('when the engine starts on a new or a loosely permitted data directory, then the directory is 0700 and every file in it 0600', async () => {
    const parent = tempDir();
    const fresh = path.join(parent, 'fresh');
    const loose = path.join(parent, 'loose');
    fs.mkdirSync(loose, { mode: 0o755 });
    fs.chmodSync(loose, 0o755);
    for (const dir of [fresh, loose]) {
      const db = await startEmbeddedMongo({ dbPath: dir, port: 0 });
      const client = await MongoClient.connect(db.uri);
      await client.db('app').collection('workers').insertOne({ name: '巴特尔' });
      expect(mode(dir)).toBe(0o700);
      expect(fs.readdirSync(dir).length).toBeGreaterThan(0);
      for (const f of fs.readdirSync(dir)) expect([f, mode(path.join(dir, f))]).toEqual([f, 0o600]);
      await client.close();
      await db.stop();
      const files = fs.readdirSync(dir);
      expect(files.some((f) => f.startsWith('journal'))).toBe(true);
      for (const f of files) expect([f, mode(path.join(dir, f))]).toEqual([f, 0o600]);
    }
  });

  it('when a user is added, then users.json is 0600 and holds no password, only salted keys', () => {
    const dir = tempDir();
    const users = UserStore.forDataDir(dir);
    users.put(scramCredential('admin', 'ops', PASSWORD));
    expect(mode(users.file)).toBe(0o600);
    const text = fs.readFileSync(users.file, 'utf8');
    expect(text).not.toContain('correct horse');
    expect(JSON.parse(text)).toEqual({ users: [expect.objectContaining({ db: 'admin', user: 'ops', mechanism: 'SCRAM-SHA-256', iterations: 15000 })] });
  });
});

describe('SCRAM-SHA-256 authentication', () => {
  let db: Awaited<ReturnType<typeof startEmbeddedMongo>>;
  const host = () => `127.0.0.1:${db.port}`;
  beforeAll(async () => {
    const users = UserStore.forDataDir(tempDir());
    users.put(scramCredential('admin', 'ops', PASSWORD));
    db = await startEmbeddedMongo({ dbPath: null, port: 0, users });
  });
  afterAll(async () => {
    await db.stop();
  });

  it('when the driver logs in with the right password (SCRAM-SHA-256, authSource admin), then it reads and writes', async () => {
    const client = await MongoClient.connect(`mongodb://${host()}/?replicaSet=rs0`, { auth: { username: 'ops', password: PASSWORD }, authSource: 'admin', authMechanism: 'SCRAM-SHA-256' });
    try {
      const c = client.db('app').collection<{ name: string }>('workers');
      await c.insertOne({ name: '阿依古丽' });
      expect(await c.countDocuments({ name: '阿依古丽' })).toBe(1);
      expect((await client.db('admin').command({ connectionStatus: 1 })).ok).toBe(1);
    } finally {
      await client.close();
    }
  });

  it('when no mechanism is named, then the driver negotiates SCRAM-SHA-256 through hello saslSupportedMechs', async () => {
    const client = await MongoClient.connect(`mongodb://ops:${encodeURIComponent(PASSWORD)}@${host()}/?replicaSet=rs0&authSource=admin`);
    try {
      expect((await client.db('app').command({ ping: 1 })).ok).toBe(1);
      expect(await client.db('app').collection('workers').countDocuments()).toBeGreaterThanOrEqual(0);
    } finally {
      await client.close();
    }
  });

  it('when the password is wrong or the user unknown, then the login is refused with AuthenticationFailed', async () => {
    for (const auth of [{ username: 'ops', password: 'wrong password!!' }, { username: 'nobody', password: PASSWORD }]) {
      const client = new MongoClient(`mongodb://${host()}/?replicaSet=rs0`, { auth, authSource: 'admin', authMechanism: 'SCRAM-SHA-256', serverSelectionTimeoutMS: 2000 });
      await expect(client.connect()).rejects.toMatchObject({ code: 18 });
      await client.close();
    }
  });

  it('when a client sends no credentials, then the handshake works but every data command is refused with Unauthorized', async () => {
    const client = await MongoClient.connect(`mongodb://${host()}/?replicaSet=rs0`, { retryReads: false, retryWrites: false });
    try {
      expect((await client.db('admin').command({ ping: 1 })).ok).toBe(1);
      await expect(client.db('app').collection('workers').findOne({})).rejects.toMatchObject({ code: 13 });
      await expect(client.db('app').collection('workers').insertOne({ name: 'x' })).rejects.toMatchObject({ code: 13 });
      await expect(client.db('admin').command({ listDatabases: 1 })).rejects.toMatchObject({ code: 13 });
    } finally {
      await client.close();
    }
  });
});

describe('standalone command line', () => {
  it('when run on TCP without users it refuses to start; after `user add` it serves SCRAM logins only', async () => {
    const dir = tempDir();
    const refused = await cli(['--port', '0', '--dbpath', dir]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/no users in .*users\.json.*user add NAME/);
    const added = await cli(['user', 'add', 'ops', '--dbpath', dir], `${PASSWORD}\n`);
    expect(added.stdout).toMatch(/user admin\.ops added \(SCRAM-SHA-256\)/);
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(__dirname, '..', 'cli.ts'), '--port', '0', '--dbpath', dir], { stdio: ['ignore', 'pipe', 'pipe'] });
    try {
      const uri = await new Promise<string>((resolve, reject) => {
        child.stdout.once('data', (d: Buffer) => resolve(d.toString().trim()));
        child.once('exit', (code) => reject(new Error(`engine exited ${String(code)}`)));
      });
      const anonymous = await MongoClient.connect(uri, { retryReads: false });
      await expect(anonymous.db('app').collection('x').findOne({})).rejects.toMatchObject({ code: 13 });
      await anonymous.close();
      const client = await MongoClient.connect(uri, { auth: { username: 'ops', password: PASSWORD }, authSource: 'admin', authMechanism: 'SCRAM-SHA-256' });
      await client.db('app').collection('x').insertOne({ ok: true });
      expect(await client.db('app').collection('x').countDocuments()).toBe(1);
      await client.close();
    } finally {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    }
  }, 60_000);

  it("when the BFF runs the engine in its own process, then it serves a private socket (0600 in a 0700 directory) without logins", async () => {
    const engine = await startEmbeddedMongoProcess({ dbPath: null });
    try {
      const sockPath = decodeURIComponent(engine.uri.slice('mongodb://'.length, engine.uri.indexOf('/?')));
      expect(sockPath).toMatch(/\.sock$/);
      expect(mode(sockPath)).toBe(0o600);
      expect(mode(path.dirname(sockPath))).toBe(0o700);
      const client = await MongoClient.connect(engine.uri);
      await client.db('app').collection('x').insertOne({ ok: 1 });
      expect(await client.db('app').collection('x').countDocuments()).toBe(1);
      await client.close();
    } finally {
      await engine.stop();
    }
  }, 60_000);
});
