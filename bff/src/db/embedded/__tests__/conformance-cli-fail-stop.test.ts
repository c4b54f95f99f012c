/**
 * The standalone engine's fail-stop, as mongod does it: when a journal fsync fails, mongod logs a fatal
 * assertion and the process ends (it never goes on serving a write it could not make durable). Here the CLI
 * (`npm run db`) prints the store's message and exits with code 14, and a restart on the same data directory
 * serves exactly the acknowledged writes. The fault is injected through the CLI's EMBEDDED_ENGINE_FAIL_FSYNC
 * seam: while the named file exists, fsync fails with EIO.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { MongoClient } from 'mongodb';

const tmpDirs: string[] = [];
/** Lower-case names: the driver lower-cases a socket path given as the host. */
function tempDir(): string {
  const dir = path.join(os.tmpdir(), `engine-cli-${randomBytes(6).toString('hex')}`);
  fs.mkdirSync(dir, { mode: 0o700 });
  tmpDirs.push(dir);
  return dir;
}
afterAll(() => {
  for (const d of tmpDirs) fs.rmSync(d, { recursive: true, force: true });
});

interface Running {
  child: ChildProcessWithoutNullStreams;
  uri: string;
  exit: Promise<{ code: number | null; stderr: string }>;
}

function startCli(dbPath: string, socket: string, env: NodeJS.ProcessEnv = {}): Promise<Running> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(__dirname, '..', 'cli.ts'), '--socket', socket, '--dbpath', dbPath], {
    stdio: ['pipe', 'pipe', 'pipe'],
    env: { ...process.env, ...env },
  });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const exit = new Promise<{ code: number | null; stderr: string }>((resolve) => child.once('exit', (code) => resolve({ code, stderr })));
  return new Promise((resolve, reject) => {
    child.stdout.once('data', (d: Buffer) => resolve({ child, uri: d.toString().trim(), exit }));
    void exit.then(({ code }) => reject(new Error(`engine exited ${String(code)} before listening: ${stderr}`)));
  });
}

async function stopCli(r: Running): Promise<void> {
  if (r.child.exitCode !== null) return;
  r.child.kill('SIGTERM');
  await r.exit;
}

describe('standalone CLI fail-stop', () => {
  it('when a journal fsync fails, then the process exits with code 14 and a clear message, and a restart serves only the acknowledged writes', async () => {
    const dir = tempDir();
    const dbPath = path.join(dir, 'db');
    const flag = path.join(dir, 'fail-fsync');
    const first = await startCli(dbPath, path.join(dir, 'a.sock'), { EMBEDDED_ENGINE_FAIL_FSYNC: flag });
    const client = await MongoClient.connect(first.uri, { retryWrites: false, serverSelectionTimeoutMS: 1500 });
    try {
      const docs = client.db('app').collection<{ _id: number; v: string }>('docs');
      await docs.insertOne({ _id: 1, v: 'acknowledged' });
      await docs.updateOne({ _id: 1 }, { $set: { v: 'acknowledged too' } });
      fs.writeFileSync(flag, '');
      await expect(docs.insertOne({ _id: 2, v: 'never acknowledged' })).rejects.toThrow();
      const { code, stderr } = await first.exit;
      expect(code).toBe(14);
      expect(stderr).toMatch(/the embedded engine stopped: a journal write or fsync failed \(EIO: i\/o error, fsync\)/);
      expect(stderr).toMatch(/restart/);
    } finally {
      await client.close().catch(() => undefined);
      await stopCli(first);
    }
    fs.rmSync(flag, { force: true });
    const second = await startCli(dbPath, path.join(dir, 'b.sock'));
    const again = await MongoClient.connect(second.uri);
    try {
      const docs = again.db('app').collection<{ _id: number; v: string }>('docs');
      expect(await docs.find({}).toArray()).toEqual([{ _id: 1, v: 'acknowledged too' }]);
      await docs.insertOne({ _id: 3, v: 'after restart' });
      expect(await docs.countDocuments()).toBe(2);
    } finally {
      await again.close();
      await stopCli(second);
    }
  }, 60_000);
});
