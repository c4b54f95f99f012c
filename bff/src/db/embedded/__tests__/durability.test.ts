import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { MongoClient } from 'mongodb';
import { startEmbeddedMongo } from '..';

const tmpDirs: string[] = [];
function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'embedded-mongo-'));
  tmpDirs.push(dir);
  return dir;
}
afterAll(() => {
  for (const d of tmpDirs) fs.rmSync(d, { recursive: true, force: true });
});

describe('durability', () => {
  it('keeps data, indexes and unique rules across a clean restart', async () => {
    const dir = tempDir();
    let db = await startEmbeddedMongo({ dbPath: dir, port: 0 });
    let client = await MongoClient.connect(db.uri);
    const c = () => client.db('app').collection<{ _id?: number; email: string; n?: number }>('users');
    await c().createIndex({ email: 1 }, { unique: true });
    await c().insertMany([{ _id: 1, email: 'a' }, { _id: 2, email: 'b' }, { _id: 3, email: 'c' }]);
    await c().updateOne({ _id: 2 }, { $set: { n: 5 } });
    await c().deleteOne({ _id: 3 });
    await client.close();
    await db.stop();

    db = await startEmbeddedMongo({ dbPath: dir, port: 0 });
    client = await MongoClient.connect(db.uri);
    expect(await c().find().sort({ _id: 1 }).toArray()).toEqual([{ _id: 1, email: 'a' }, { _id: 2, email: 'b', n: 5 }]);
    await expect(c().insertOne({ email: 'a' })).rejects.toMatchObject({ code: 11000 });
    expect((await c().listIndexes().toArray()).map((i) => i.name)).toEqual(['_id_', 'email_1']);
    await client.close();
    await db.stop();
  });

  it('refuses a second engine on the same data directory with a clear message', async () => {
    const dir = tempDir();
    const db = await startEmbeddedMongo({ dbPath: dir, port: 0 });
    await expect(startEmbeddedMongo({ dbPath: dir, port: 0 })).rejects.toThrow(/in use/);
    await db.stop();
    const again = await startEmbeddedMongo({ dbPath: dir, port: 0 });
    await again.stop();
  });

  it('finds every acknowledged write and nothing else after kill -9', async () => {
    const dir = tempDir();
    // Run node itself (tsx as a loader) so SIGKILL hits the process that owns the engine.
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(__dirname, 'fixtures/kill-writer.ts'), dir], { stdio: ['ignore', 'pipe', 'pipe'] });
    const acked = new Set<number>();
    let maxInc = 0;
    let stderr = '';
    let buffer = '';
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
    });
    await new Promise<void>((resolve, reject) => {
      child.on('exit', (code) => reject(new Error(`writer exited early (${String(code)}): ${stderr}`)));
      child.stdout.on('data', (d: Buffer) => {
        buffer += d.toString();
        const lines = buffer.split('\n');
        buffer = lines.pop() ?? '';
        for (const line of lines) {
          const [kind, ...rest] = line.split(' ');
          if (kind === 'ack') for (const id of rest) acked.add(Number(id));
          if (kind === 'inc') maxInc = Math.max(maxInc, Number(rest[0]));
        }
        if (acked.size >= 300) resolve();
      });
    });
    // While the child runs, the directory is locked against other processes.
    await expect(startEmbeddedMongo({ dbPath: dir, port: 0 })).rejects.toThrow(new RegExp(`in use by another engine process \\(pid ${String(child.pid)}\\)`));
    child.removeAllListeners('exit');
    const exited = new Promise((resolve) => child.on('exit', resolve));
    child.kill('SIGKILL');
    await exited;

    const db = await startEmbeddedMongo({ dbPath: dir, port: 0 });
    const client = await MongoClient.connect(db.uri);
    try {
      const docs = await client.db('durable').collection<{ _id: number }>('docs').find({}, { projection: { _id: 1 } }).toArray();
      const present = new Set(docs.map((d) => d._id));
      for (const id of acked) expect(present.has(id)).toBe(true);
      // Nothing else: every present id was issued by a writer (ids are dense from 0), and none is duplicated.
      const highest = Math.max(...present);
      expect(present.size).toBe(docs.length);
      expect(highest).toBeLessThan(acked.size + 4 * 3 * 2);
      const counter = await client.db('durable').collection<{ _id: string; n: number }>('counter').findOne({ _id: 'c' });
      expect(counter?.n).toBeGreaterThanOrEqual(maxInc);
      expect(counter?.n).toBeLessThanOrEqual(maxInc + 4);
    } finally {
      await client.close();
      await db.stop();
    }
  }, 30_000);
});
