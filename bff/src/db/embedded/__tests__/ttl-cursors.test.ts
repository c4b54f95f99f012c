import mongoose, { Schema } from 'mongoose';
import { useEngine, type AnyDoc } from './helpers';

const engine = useEngine();
const admin = () => engine.client().db('admin');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('TTL indexes', () => {
  afterAll(async () => {
    await admin().command({ setParameter: 1, ttlMonitorSleepSecs: 60 });
  });

  it('expires documents whose date is older than expireAfterSeconds', async () => {
    expect(await admin().command({ setParameter: 1, ttlMonitorSleepSecs: 1 })).toMatchObject({ ok: 1, was: 60 });
    const c = engine.client().db('ttl').collection<AnyDoc>('codes');
    await c.createIndex({ createdAt: 1 }, { expireAfterSeconds: 60 });
    const now = Date.now();
    await c.insertMany([
      { _id: 'old', createdAt: new Date(now - 120_000) },
      { _id: 'fresh', createdAt: new Date(now) },
      { _id: 'notDate', createdAt: 'yesterday' },
      { _id: 'arr', createdAt: [new Date(now), new Date(now - 90_000)] },
    ]);
    for (let i = 0; i < 40 && (await c.countDocuments()) > 2; i++) await sleep(100);
    expect((await c.find().sort({ _id: 1 }).toArray()).map((d) => d._id)).toEqual(['fresh', 'notDate']);
  });

  it('works with a mongoose expires option', async () => {
    await admin().command({ setParameter: 1, ttlMonitorSleepSecs: 1 });
    const conn = await mongoose.createConnection(engine.server().uri, { dbName: 'ttl_mongoose' }).asPromise();
    const Code = conn.model('Code', new Schema({ code: String, at: { type: Date, expires: 1 } }));
    await Code.init();
    await Code.create({ code: '123456', at: new Date(Date.now() - 5000) });
    for (let i = 0; i < 40 && (await Code.countDocuments()) > 0; i++) await sleep(100);
    expect(await Code.countDocuments()).toBe(0);
    await conn.close();
  });
});

describe('cursors', () => {
  beforeAll(async () => {
    await engine.client().db('cur').collection('many').insertMany(Array.from({ length: 250 }, (_, i) => ({ i })));
  });

  it('pages through getMore with the requested batch size', async () => {
    const cursor = engine.client().db('cur').collection('many').find({}, { batchSize: 100 });
    let n = 0;
    for await (const doc of cursor) {
      expect(doc.i).toBe(n);
      n++;
    }
    expect(n).toBe(250);
  });

  it('kills a cursor on request and reports unknown cursors with CursorNotFound', async () => {
    const db = engine.client().db('cur');
    const first = await db.command({ find: 'many', batchSize: 2 });
    const id = first.cursor.id;
    expect(first.cursor.firstBatch).toHaveLength(2);
    const killed = await db.command({ killCursors: 'many', cursors: [id] });
    expect(killed.cursorsKilled).toHaveLength(1);
    await expect(db.command({ getMore: id, collection: 'many' })).rejects.toMatchObject({ code: 43, codeName: 'CursorNotFound' });
  });

  it('reaps an idle cursor after cursorTimeoutMillis', async () => {
    const db = engine.client().db('cur');
    await admin().command({ setParameter: 1, cursorTimeoutMillis: 200 });
    try {
      const first = await db.command({ find: 'many', batchSize: 2 });
      const kept = await db.command({ find: 'many', batchSize: 2, noCursorTimeout: true });
      await sleep(500);
      await expect(db.command({ getMore: first.cursor.id, collection: 'many' })).rejects.toMatchObject({ code: 43 });
      const more = await db.command({ getMore: kept.cursor.id, collection: 'many', batchSize: 3 });
      expect(more.cursor.nextBatch).toHaveLength(3);
      await db.command({ killCursors: 'many', cursors: [kept.cursor.id] });
    } finally {
      await admin().command({ setParameter: 1, cursorTimeoutMillis: 600000 });
    }
  });

  it('closes the cursor when the last batch is returned', async () => {
    const res = await engine.client().db('cur').command({ find: 'many', filter: { i: { $lt: 5 } } });
    expect(res.cursor.id.toString()).toBe('0');
    expect(res.cursor.ns).toBe('cur.many');
  });
});
