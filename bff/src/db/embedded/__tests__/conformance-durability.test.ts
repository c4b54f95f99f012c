/**
 * Durability as mongod with journaling gives it (j: true writes), plus "durable before visible":
 * - a write is acknowledged, and shown to any other connection, only after its journal record is
 *   fsynced (concurrent writes share one fsync);
 * - a failed journal write or fsync stops the engine (fail-stop): it refuses every request, closes its
 *   connections and never serves the write it could not make durable;
 * - a transaction's commit is one journal record, or parts ending with a commit marker: a commit torn
 *   by a crash is dropped whole, never applied in part;
 * - start-up streams the snapshot and journal through a bounded buffer instead of reading files whole.
 */
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { MongoClient } from 'mongodb';
import { startEmbeddedMongo } from '..';
import { Engine } from '../engine';
import { Store, type StoreOptions } from '../storage/store';

const tmpDirs: string[] = [];
function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'engine-durable-'));
  tmpDirs.push(dir);
  return dir;
}
afterAll(() => {
  for (const d of tmpDirs) fs.rmSync(d, { recursive: true, force: true });
});

/** An fsync that can be held: calls made while held wait until release(). */
function holdableFsync(): { fsync: NonNullable<NonNullable<StoreOptions['io']>['fsync']>; hold(): void; release(): void; reached: () => Promise<void> } {
  let held = false;
  let waiting: (() => void)[] = [];
  let onReach: (() => void) | null = null;
  return {
    fsync: (fd, cb) => {
      const run = (): void => fs.fdatasync(fd, cb);
      if (!held) return run();
      waiting.push(run);
      onReach?.();
    },
    hold: () => {
      held = true;
    },
    release: () => {
      held = false;
      const list = waiting;
      waiting = [];
      for (const run of list) run();
    },
    reached: () => new Promise<void>((resolve) => (onReach = resolve)),
  };
}

/** Record boundaries of a journal file ([u32 length][u32 crc][body]). */
function recordStarts(file: string): number[] {
  const buf = fs.readFileSync(file);
  const starts: number[] = [];
  for (let at = 0; at + 8 <= buf.length; at += 8 + buf.readUInt32LE(at)) starts.push(at);
  return starts;
}

function journalOf(dir: string): string {
  const name = fs.readdirSync(dir).find((f) => /^journal\.\d+\.bson$/.test(f));
  if (!name) throw new Error('no journal');
  return path.join(dir, name);
}

function openStore(dir: string, opts: StoreOptions = {}): { engine: Engine; store: Store } {
  const engine = new Engine();
  return { engine, store: new Store(dir, engine, opts) };
}

describe('a write is visible to other connections only once durable', () => {
  it('when the journal fsync of an insert is held, then a reader on another connection waits and sees the document only after the fsync completes', async () => {
    const dir = tempDir();
    const gate = holdableFsync();
    const db = await startEmbeddedMongo({ dbPath: dir, port: 0, storage: { io: { fsync: gate.fsync } } });
    const writer = await MongoClient.connect(db.uri);
    const reader = await MongoClient.connect(db.uri);
    try {
      const w = writer.db('app').collection<{ _id: number; s: string }>('docs');
      const r = reader.db('app').collection<{ _id: number; s: string }>('docs');
      await w.insertOne({ _id: 0, s: 'before' });
      const events: string[] = [];
      gate.hold();
      const reached = gate.reached();
      const insert = w.insertOne({ _id: 1, s: 'held' }).then(() => events.push('insert acknowledged'));
      await reached;
      // The document is in memory and its record written, but not yet fsynced.
      const find = r.findOne({ _id: 1 }).then((d) => {
        events.push(d ? 'reader saw it' : 'reader missed it');
        return d;
      });
      const count = r.countDocuments({}).then((n) => {
        events.push(`reader counted ${n}`);
        return n;
      });
      const agg = r.aggregate<{ n: number }>([{ $count: 'n' }]).toArray().then((a) => {
        events.push(`reader aggregated ${a[0]?.n ?? 0}`);
        return a;
      });
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(events).toEqual([]);
      events.push('fsync completed');
      gate.release();
      await insert;
      expect(await find).toEqual({ _id: 1, s: 'held' });
      expect(await count).toBe(2);
      expect((await agg)[0]?.n).toBe(2);
      expect(events[0]).toBe('fsync completed');
      expect(events).toEqual(expect.arrayContaining(['insert acknowledged', 'reader saw it', 'reader counted 2', 'reader aggregated 2']));
    } finally {
      gate.release();
      await writer.close();
      await reader.close();
      await db.stop();
    }
  });

  it('when six writers and three readers run together, then every read is answered (reads wait at most for the fsync in flight) and every write is acknowledged', async () => {
    const dir = tempDir();
    const db = await startEmbeddedMongo({ dbPath: dir, port: 0 });
    const client = await MongoClient.connect(db.uri, { maxPoolSize: 8 });
    try {
      const c = client.db('app').collection<{ _id: number }>('mix');
      const writes = Array.from({ length: 6 }, (_, w) => (async () => {
        for (let i = 0; i < 30; i++) await c.insertOne({ _id: w * 1000 + i });
      })());
      let reads = 0;
      const readers = Array.from({ length: 3 }, () => (async () => {
        for (let i = 0; i < 30; i++) {
          await c.find({}).toArray();
          reads++;
        }
      })());
      await Promise.all([...writes, ...readers]);
      expect(reads).toBe(90);
      expect(await c.countDocuments()).toBe(180);
    } finally {
      await client.close();
      await db.stop();
    }
  });
});

describe('fail-stop on a journal failure', () => {
  it('when an fsync fails, then that write is refused, the engine reports the failure, refuses further requests, closes its port, and the data directory restarts at the last acknowledged write', async () => {
    const dir = tempDir();
    let failNext = false;
    let fatal: Error | null = null;
    const db = await startEmbeddedMongo({
      dbPath: dir,
      port: 0,
      storage: {
        io: {
          fsync: (fd, cb) => (failNext ? cb(Object.assign(new Error('EIO: i/o error, fsync'), { code: 'EIO' })) : fs.fdatasync(fd, cb)),
        },
      },
      onFatal: (err) => {
        fatal = err;
      },
    });
    const writer = await MongoClient.connect(db.uri, { retryWrites: false, serverSelectionTimeoutMS: 1500 });
    const reader = await MongoClient.connect(db.uri, { serverSelectionTimeoutMS: 1500 });
    try {
      const c = writer.db('app').collection<{ _id: number }>('docs');
      await c.insertOne({ _id: 1 });
      failNext = true;
      await expect(c.insertOne({ _id: 2 })).rejects.toThrow();
      expect(fatal).not.toBeNull();
      expect(String((fatal as Error | null)?.message)).toMatch(/journal write or fsync failed \(EIO: i\/o error, fsync\)/);
      // Another connection never gets the unacknowledged write, nor anything else.
      await expect(reader.db('app').collection<{ _id: number }>('docs').findOne({ _id: 2 })).rejects.toThrow();
      const refused = await new Promise<string>((resolve) => {
        const s = net.connect(db.port, '127.0.0.1');
        s.once('connect', () => {
          s.destroy();
          resolve('connected');
        });
        s.once('error', (e: NodeJS.ErrnoException) => resolve(e.code ?? 'error'));
      });
      expect(refused).toBe('ECONNREFUSED');
    } finally {
      await writer.close().catch(() => undefined);
      await reader.close().catch(() => undefined);
      await db.stop();
    }
    const again = await startEmbeddedMongo({ dbPath: dir, port: 0 });
    const client = await MongoClient.connect(again.uri);
    try {
      expect(await client.db('app').collection<{ _id: number }>('docs').findOne({ _id: 1 })).toEqual({ _id: 1 });
      // The refused write was written but never fsynced: the store cut it off the journal.
      expect(await client.db('app').collection<{ _id: number }>('docs').findOne({ _id: 2 })).toBeNull();
      const more = client.db('app').collection<{ _id: number }>('docs');
      await more.insertOne({ _id: 3 });
      expect(await more.countDocuments({ _id: 3 })).toBe(1);
    } finally {
      await client.close();
      await again.stop();
    }
  });

  it('when a journal write fails, then the store refuses every later write and sync', async () => {
    const dir = tempDir();
    let failWrites = false;
    const { engine, store } = openStore(dir, {
      io: { write: (fd, buf, off, len, cb) => (failWrites ? cb(new Error('ENOSPC: no space left on device, write'), 0) : fs.write(fd, buf, off, len, null, (e, n) => cb(e, n))) },
    });
    const coll = engine.catalog.ensure('app', 'docs');
    engine.autocommit.insert(coll, { _id: 1 });
    await store.sync();
    failWrites = true;
    engine.autocommit.insert(coll, { _id: 2 });
    await expect(store.sync()).rejects.toThrow(/ENOSPC/);
    expect(store.failed?.message).toMatch(/the embedded engine stopped/);
    expect(() => engine.autocommit.insert(coll, { _id: 3 })).toThrow(/the embedded engine stopped/);
    await store.close();
  });
});

describe('a torn transaction commit is dropped whole', () => {
  async function commitTransaction(dir: string, storage: StoreOptions): Promise<void> {
    const db = await startEmbeddedMongo({ dbPath: dir, port: 0, storage });
    const client = await MongoClient.connect(db.uri);
    try {
      const c = client.db('bank').collection<{ _id: string; fen: number }>('accounts');
      await c.insertMany([{ _id: 'a', fen: 1000 }, { _id: 'b', fen: 0 }]);
      const session = client.startSession();
      try {
        await session.withTransaction(async () => {
          await c.updateOne({ _id: 'a' }, { $inc: { fen: -300 } }, { session });
          await c.updateOne({ _id: 'b' }, { $inc: { fen: 300 } }, { session });
          await c.insertOne({ _id: 'log', fen: 300 }, { session });
        });
      } finally {
        await session.endSession();
      }
    } finally {
      await client.close();
      await db.stop();
    }
  }

  async function checkEveryCut(storage: StoreOptions): Promise<number> {
    const dir = tempDir();
    await commitTransaction(dir, storage);
    const journal = journalOf(dir);
    const full = fs.readFileSync(journal);
    const starts = recordStarts(journal);
    // The commit's records come last; with parts they start where the last non-transaction record ends.
    const before = { a: 1000, b: 0, log: undefined as number | undefined };
    const after = { a: 700, b: 300, log: 300 as number | undefined };
    const probe = tempDir();
    let firstCommitByte = full.length;
    for (let i = starts.length - 1; i >= 0; i--) {
      const s = starts[i] as number;
      const body = full.subarray(s + 8, s + 8 + full.readUInt32LE(s));
      if (body.includes(Buffer.from('bank.accounts')) && (body.includes(Buffer.from('tp')) || body.includes(Buffer.from('\u0004ops')))) firstCommitByte = s;
      else break;
    }
    expect(firstCommitByte).toBeLessThan(full.length);
    let checked = 0;
    for (let cut = firstCommitByte; cut <= full.length; cut++) {
      fs.rmSync(probe, { recursive: true, force: true });
      fs.mkdirSync(probe);
      fs.writeFileSync(path.join(probe, path.basename(journal)), full.subarray(0, cut));
      const { engine, store } = openStore(probe);
      const coll = engine.catalog.get('bank', 'accounts');
      const fen = (id: string): number | undefined => {
        const rid = coll?.ridForId(id);
        return rid === undefined ? undefined : (coll?.doc(rid)?.fen as number);
      };
      const state = { a: fen('a'), b: fen('b'), log: fen('log') };
      expect(state).toEqual(cut === full.length ? after : before);
      await store.close();
      checked++;
    }
    return checked;
  }

  it('when the journal is cut at every byte offset of the last commit (one record), then start-up has either the whole transaction or none of it', async () => {
    expect(await checkEveryCut({})).toBeGreaterThan(100);
  }, 60_000);

  it('when a commit too large for one record is cut at every byte offset, then its parts without the commit marker are dropped', async () => {
    expect(await checkEveryCut({ txnRecordBytes: 50 })).toBeGreaterThan(100);
  }, 60_000);
});

describe('start-up streams its files', () => {
  it('when the journal is many times larger than the read buffer, then start-up reads it in buffer-sized chunks and restores every document', async () => {
    const dir = tempDir();
    const { engine, store } = openStore(dir);
    const coll = engine.catalog.ensure('app', 'docs');
    for (let b = 0; b < 40; b++) {
      for (let i = 0; i < 50; i++) engine.autocommit.insert(coll, { _id: b * 50 + i, text: 'x'.repeat(1000) });
      await store.sync();
    }
    // One record larger than the buffer gets a buffer of its own size, then the buffer shrinks back.
    engine.autocommit.insert(coll, { _id: 'big', text: 'y'.repeat(300_000) });
    await store.sync();
    await store.close();
    const journalSize = fs.statSync(journalOf(dir)).size;
    expect(journalSize).toBeGreaterThan(2_000_000);

    const chunk = 64 * 1024;
    const again = openStore(dir, { readChunkBytes: chunk });
    try {
      const c = again.engine.catalog.get('app', 'docs');
      expect(c?.size).toBe(2001);
      expect(c?.doc(c.ridForId(1999) as number)).toEqual({ _id: 1999, text: 'x'.repeat(1000) });
      expect((c?.doc(c.ridForId('big') as number)?.text as string).length).toBe(300_000);
      const stats = again.store.loadStats;
      expect(stats.bytes).toBeGreaterThanOrEqual(journalSize);
      expect(stats.reads).toBeGreaterThanOrEqual(Math.floor(journalSize / chunk));
      // Never the whole file: at most the largest single record.
      expect(stats.maxBufferBytes).toBeLessThan(400_000);
    } finally {
      await again.store.close();
    }
  });
});
