import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { MongoClient, type ChangeStream, type ChangeStreamDocument, type Document, type Timestamp } from 'mongodb';
import mongoose, { Schema } from 'mongoose';
import { startEmbeddedMongo } from '..';
import { useEngine } from './helpers';

/**
 * Conformance with mongod 8.0 change streams (manual: "Change Streams", "Change Events" — insert, update,
 * replace, delete, drop, rename, dropDatabase, invalidate —, "Lookup Full Document for Update Operations",
 * "Resume a Change Stream", "Change Streams in Transactions"). Events have mongod's fields in mongod's order,
 * `_id` is a resume token that `resumeAfter`/`startAfter` accept, also after a restart of the server;
 * updates carry `updateDescription`; transaction writes appear when (and only if) the transaction commits.
 */
const engine = useEngine();
const db = () => engine.client().db('streams');
type Event = ChangeStreamDocument<Document> & Document;

/** Opens a change stream and makes sure the server has started it before the caller writes. */
async function open(cs: ChangeStream<Document, Event>): Promise<ChangeStream<Document, Event>> {
  expect(await cs.tryNext()).toBeNull();
  return cs;
}

describe('collection change streams', () => {
  it('reports insert, update, replace and delete with mongod\'s fields', async () => {
    const c = db().collection('events');
    const cs = await open(c.watch<Document, Event>([], { maxAwaitTimeMS: 50 }));
    try {
      await c.insertOne({ _id: 1, a: 1, tags: ['x', 'y', 'z'], sub: { p: 1, q: 2 } } as never);
      await c.updateOne({ _id: 1 } as never, { $set: { a: 2, 'sub.p': 5 }, $unset: { 'sub.q': '' }, $push: { tags: 'w' } } as never);
      await c.updateOne({ _id: 1 } as never, { $pop: { tags: 1 } });
      await c.replaceOne({ _id: 1 } as never, { b: 1 });
      await c.deleteOne({ _id: 1 } as never);

      const ins = await cs.next();
      expect(Object.keys(ins)).toEqual(['_id', 'operationType', 'clusterTime', 'wallTime', 'fullDocument', 'ns', 'documentKey']);
      expect(ins).toMatchObject({ operationType: 'insert', fullDocument: { _id: 1, a: 1 }, ns: { db: 'streams', coll: 'events' }, documentKey: { _id: 1 } });
      expect(ins.wallTime).toBeInstanceOf(Date);
      expect(cs.resumeToken).toEqual(ins._id);

      const upd = await cs.next();
      expect(Object.keys(upd)).toEqual(['_id', 'operationType', 'clusterTime', 'wallTime', 'ns', 'documentKey', 'updateDescription']);
      expect(upd.updateDescription).toEqual({ updatedFields: { a: 2, 'sub.p': 5, 'tags.3': 'w' }, removedFields: ['sub.q'], truncatedArrays: [] });
      const pop = await cs.next();
      expect(pop.updateDescription).toEqual({ updatedFields: {}, removedFields: [], truncatedArrays: [{ field: 'tags', newSize: 3 }] });

      const rep = await cs.next();
      expect(rep).toMatchObject({ operationType: 'replace', fullDocument: { _id: 1, b: 1 }, documentKey: { _id: 1 } });
      const del = await cs.next();
      expect(Object.keys(del)).toEqual(['_id', 'operationType', 'clusterTime', 'wallTime', 'ns', 'documentKey']);
      expect(del).toMatchObject({ operationType: 'delete', documentKey: { _id: 1 } });
      expect((del.clusterTime as Timestamp).compare(ins.clusterTime as Timestamp)).toBeGreaterThan(0);
    } finally {
      await cs.close();
    }
  });

  it("fullDocument: 'updateLookup' adds the document as it is when the event is read", async () => {
    const c = db().collection('lookup');
    await c.insertOne({ _id: 1, n: 0 } as never);
    const cs = await open(c.watch<Document, Event>([], { fullDocument: 'updateLookup', maxAwaitTimeMS: 50 }));
    try {
      await c.updateOne({ _id: 1 } as never, { $inc: { n: 1 } });
      await c.updateOne({ _id: 1 } as never, { $inc: { n: 1 } });
      const first = await cs.next();
      expect(first.operationType).toBe('update');
      // The lookup happens when the event is read: both updates are already applied.
      expect(first.fullDocument).toEqual({ _id: 1, n: 2 });
    } finally {
      await cs.close();
    }
  });

  it('applies the stream pipeline ($match on operationType, $project) and keeps other collections out', async () => {
    const c = db().collection('filtered');
    const cs = await open(c.watch<Document, Event>([{ $match: { operationType: 'insert', 'fullDocument.keep': true } }, { $project: { fullDocument: 1 } }], { maxAwaitTimeMS: 50 }));
    try {
      await db().collection('other').insertOne({ keep: true });
      await c.insertOne({ _id: 1, keep: false } as never);
      await c.insertOne({ _id: 2, keep: true } as never);
      await c.deleteOne({ _id: 2 } as never);
      const ev = await cs.next();
      expect(Object.keys(ev)).toEqual(['_id', 'fullDocument']);
      expect(ev.fullDocument).toEqual({ _id: 2, keep: true });
      expect(await cs.tryNext()).toBeNull();
    } finally {
      await cs.close();
    }
  });

  it('dropping or renaming the watched collection reports drop/rename then invalidate, and the stream ends', async () => {
    const c = db().collection('dropme');
    await c.insertOne({ x: 1 });
    const cs = await open(c.watch<Document, Event>([], { maxAwaitTimeMS: 50 }));
    await c.drop();
    expect((await cs.next()).operationType).toBe('drop');
    const inv = await cs.next();
    expect(inv.operationType).toBe('invalidate');
    // startAfter (not resumeAfter) may start after an invalidate.
    await expect(c.watch([], { resumeAfter: inv._id }).tryNext()).rejects.toMatchObject({ code: 260 });
    const after = c.watch<Document, Event>([], { startAfter: inv._id, maxAwaitTimeMS: 50 });
    await c.insertOne({ x: 2 });
    expect(await after.next()).toMatchObject({ operationType: 'insert', fullDocument: { x: 2 } });
    await after.close();
    await cs.close();

    const r = db().collection('renameme');
    await r.insertOne({ x: 1 });
    const rs = await open(r.watch<Document, Event>([], { maxAwaitTimeMS: 50 }));
    await r.rename('renamed');
    expect(await rs.next()).toMatchObject({ operationType: 'rename', ns: { db: 'streams', coll: 'renameme' }, to: { db: 'streams', coll: 'renamed' } });
    expect((await rs.next()).operationType).toBe('invalidate');
    await rs.close();
  });
});

describe('database and cluster change streams', () => {
  it('a database stream sees every collection of its database only, and dropDatabase then invalidate', async () => {
    const other = engine.client().db('streams_db');
    const cs = await open(other.watch<Document, Event>([], { maxAwaitTimeMS: 50 }));
    try {
      await other.collection('a').insertOne({ _id: 1 } as never);
      await db().collection('elsewhere').insertOne({ _id: 1 } as never);
      await other.collection('b').insertOne({ _id: 2 } as never);
      expect((await cs.next()).ns).toEqual({ db: 'streams_db', coll: 'a' });
      expect((await cs.next()).ns).toEqual({ db: 'streams_db', coll: 'b' });
      await other.dropDatabase();
      const kinds = [(await cs.next()).operationType, (await cs.next()).operationType, (await cs.next()).operationType, (await cs.next()).operationType];
      expect(kinds).toEqual(['drop', 'drop', 'dropDatabase', 'invalidate']);
    } finally {
      await cs.close();
    }
  });

  it('a cluster stream (MongoClient.watch) sees all databases', async () => {
    const cs = await open(engine.client().watch<Document, Event>([], { maxAwaitTimeMS: 50 }));
    try {
      await engine.client().db('streams_x').collection('c').insertOne({ _id: 1 } as never);
      await engine.client().db('streams_y').collection('c').insertOne({ _id: 1 } as never);
      expect((await cs.next()).ns.db).toBe('streams_x');
      expect((await cs.next()).ns.db).toBe('streams_y');
    } finally {
      await cs.close();
    }
  });
});

describe('resuming', () => {
  it('resumeAfter / startAfter continue after the token; startAtOperationTime from that time', async () => {
    const c = db().collection('resume');
    const cs = await open(c.watch<Document, Event>([], { maxAwaitTimeMS: 50 }));
    const { operationTime } = (await db().command({ ping: 1 })) as { operationTime: Timestamp };
    await c.insertMany([{ _id: 1 }, { _id: 2 }, { _id: 3 }] as never);
    const first = await cs.next();
    await cs.close();
    const ids = async (s: ChangeStream<Document, Event>, n: number): Promise<unknown[]> => {
      const out: unknown[] = [];
      for (let i = 0; i < n; i++) out.push((await s.next()).documentKey?._id);
      await s.close();
      return out;
    };
    expect(await ids(c.watch<Document, Event>([], { resumeAfter: first._id, maxAwaitTimeMS: 50 }), 2)).toEqual([2, 3]);
    expect(await ids(c.watch<Document, Event>([], { startAfter: first._id, maxAwaitTimeMS: 50 }), 2)).toEqual([2, 3]);
    expect(await ids(c.watch<Document, Event>([], { startAtOperationTime: operationTime, maxAwaitTimeMS: 50 }), 3)).toEqual([1, 2, 3]);
    await expect(c.watch([], { resumeAfter: { _data: 'zz' } }).tryNext()).rejects.toMatchObject({ code: 2 });
  });

  it('getMore waits up to maxTimeMS for events and always returns a postBatchResumeToken', async () => {
    const started = await db().command({ aggregate: 'await', pipeline: [{ $changeStream: {} }], cursor: {} });
    const id = started.cursor.id as unknown;
    expect(started.cursor.firstBatch).toEqual([]);
    expect(started.cursor.postBatchResumeToken._data).toEqual(expect.any(String));
    const empty = await db().command({ getMore: id, collection: 'await', maxTimeMS: 20 });
    expect(empty.cursor.nextBatch).toEqual([]);
    expect(String(empty.cursor.id)).toBe(String(id));
    const waiting = db().command({ getMore: id, collection: 'await', maxTimeMS: 5000 });
    await db().collection('await').insertOne({ _id: 'late' } as never);
    const got = await waiting;
    expect(got.cursor.nextBatch.map((e: Document) => e.documentKey._id)).toEqual(['late']);
    expect(got.cursor.postBatchResumeToken).toEqual(got.cursor.nextBatch[0]._id);
    await db().command({ killCursors: 'await', cursors: [id] });
    await expect(db().command({ getMore: id, collection: 'await' })).rejects.toMatchObject({ code: 43 });
  });

  it('a resume token still works after the server restarts on the same data directory', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'embedded-streams-'));
    try {
      let server = await startEmbeddedMongo({ dbPath: dir, port: 0 });
      let client = await MongoClient.connect(server.uri);
      const coll = () => client.db('app').collection('jobs');
      const cs = await open(coll().watch<Document, Event>([], { maxAwaitTimeMS: 50 }));
      await coll().insertMany([{ _id: 'a' }, { _id: 'b' }] as never);
      const token = (await cs.next())._id;
      await cs.close();
      await client.close();
      await server.stop();

      server = await startEmbeddedMongo({ dbPath: dir, port: 0 });
      client = await MongoClient.connect(server.uri);
      try {
        await coll().updateOne({ _id: 'b' } as never, { $set: { state: 'open' } });
        const resumed = coll().watch<Document, Event>([], { resumeAfter: token, maxAwaitTimeMS: 50 });
        expect((await resumed.next()).documentKey?._id).toBe('b');
        expect(await resumed.next()).toMatchObject({ operationType: 'update', updateDescription: { updatedFields: { state: 'open' } } });
        await resumed.close();
      } finally {
        await client.close();
        await server.stop();
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('transactions and mongoose', () => {
  it('writes of a transaction appear at commit, in order; an aborted transaction leaves no event', async () => {
    const c = db().collection('txn');
    await c.insertOne({ _id: 0 } as never);
    const cs = await open(c.watch<Document, Event>([], { maxAwaitTimeMS: 50 }));
    const session = engine.client().startSession();
    try {
      session.startTransaction();
      await c.insertOne({ _id: 'aborted' } as never, { session });
      await session.abortTransaction();
      session.startTransaction();
      await c.insertOne({ _id: 1 } as never, { session });
      await c.updateOne({ _id: 0 } as never, { $set: { seen: true } }, { session });
      expect(await cs.tryNext()).toBeNull();
      await session.commitTransaction();
      const a = await cs.next();
      const b = await cs.next();
      expect([a.operationType, a.documentKey?._id, b.operationType, b.documentKey?._id]).toEqual(['insert', 1, 'update', 0]);
      expect(await cs.tryNext()).toBeNull();
    } finally {
      await session.endSession();
      await cs.close();
    }
  });

  it("mongoose Model.watch() emits 'change' for saves and deletes", async () => {
    const conn = await mongoose.createConnection(engine.server().uri, { dbName: 'streams_mongoose' }).asPromise();
    try {
      const Job = conn.model('Job', new Schema({ title: String }));
      await Job.init();
      const { operationTime } = (await conn.db?.command({ ping: 1 })) as { operationTime: Timestamp };
      const stream = Job.watch([], { startAtOperationTime: operationTime, fullDocument: 'updateLookup', maxAwaitTimeMS: 50 });
      const seen: Document[] = [];
      const three = new Promise<void>((resolve) => {
        stream.on('change', (ev: Document) => {
          seen.push(ev);
          if (seen.length === 3) resolve();
        });
      });
      const job = await Job.create({ title: '牧民招工' });
      job.title = '农民招工';
      await job.save();
      await Job.deleteOne({ _id: job._id });
      await three;
      await stream.close();
      expect(seen.map((e) => e.operationType)).toEqual(['insert', 'update', 'delete']);
      expect(seen[1]?.updateDescription.updatedFields).toEqual({ title: '农民招工' });
      expect(seen[1]?.fullDocument.title).toBe('农民招工');
    } finally {
      await conn.close();
    }
  });
});
