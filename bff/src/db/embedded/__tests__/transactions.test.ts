import mongoose, { Schema } from 'mongoose';
import { MongoServerError } from 'mongodb';
import { useEngine, type AnyDoc, type Counter } from './helpers';

const engine = useEngine();
const db = () => engine.client().db('txn');

describe('transactions through the driver', () => {
  it('hides writes until commit and keeps them after', async () => {
    const c = db().collection<Counter>('commit');
    await c.insertOne({ _id: 'seed', n: 0 });
    const session = engine.client().startSession();
    try {
      session.startTransaction();
      await c.insertOne({ _id: 'a', n: 1 }, { session });
      await c.updateOne({ _id: 'seed' }, { $inc: { n: 5 } }, { session });
      expect(await c.findOne({ _id: 'a' })).toBeNull();
      expect((await c.findOne({ _id: 'seed' }))?.n).toBe(0);
      expect(await c.findOne({ _id: 'a' }, { session })).toEqual({ _id: 'a', n: 1 });
      expect((await c.findOne({ _id: 'seed' }, { session }))?.n).toBe(5);
      expect(await c.countDocuments({}, { session })).toBe(2);
      await session.commitTransaction();
    } finally {
      await session.endSession();
    }
    expect(await c.find().sort({ _id: 1 }).toArray()).toEqual([{ _id: 'a', n: 1 }, { _id: 'seed', n: 5 }]);
  });

  it('discards writes on abort', async () => {
    const c = db().collection<AnyDoc>('abort');
    await c.insertOne({ _id: 1 });
    const session = engine.client().startSession();
    session.startTransaction();
    await c.insertOne({ _id: 2 }, { session });
    await c.deleteOne({ _id: 1 }, { session });
    await session.abortTransaction();
    await session.endSession();
    expect(await c.find().toArray()).toEqual([{ _id: 1 }]);
  });

  it('reads from a snapshot taken at the first operation', async () => {
    const c = db().collection<AnyDoc>('snapshot');
    await c.insertOne({ _id: 1, v: 'old' });
    const session = engine.client().startSession();
    session.startTransaction();
    expect((await c.findOne({ _id: 1 }, { session }))?.v).toBe('old');
    await c.updateOne({ _id: 1 }, { $set: { v: 'new' } });
    await c.insertOne({ _id: 2, v: 'later' });
    expect((await c.findOne({ _id: 1 }, { session }))?.v).toBe('old');
    expect(await c.countDocuments({}, { session })).toBe(1);
    await session.abortTransaction();
    await session.endSession();
  });

  it('answers a conflicting write with WriteConflict and TransientTransactionError', async () => {
    const c = db().collection<Counter>('conflict');
    await c.insertOne({ _id: 1, n: 0 });
    const s1 = engine.client().startSession();
    const s2 = engine.client().startSession();
    s1.startTransaction();
    s2.startTransaction();
    await c.updateOne({ _id: 1 }, { $inc: { n: 1 } }, { session: s1 });
    const err = await c.updateOne({ _id: 1 }, { $inc: { n: 1 } }, { session: s2 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(MongoServerError);
    expect(err).toMatchObject({ code: 112, codeName: 'WriteConflict' });
    expect((err as MongoServerError).hasErrorLabel('TransientTransactionError')).toBe(true);
    await s1.commitTransaction();
    await s2.abortTransaction().catch(() => undefined);
    await s1.endSession();
    await s2.endSession();
    expect((await c.findOne({ _id: 1 }))?.n).toBe(1);
  });

  it('retries withTransaction after a conflict until it commits', async () => {
    const c = db().collection<AnyDoc>('retry');
    await c.insertOne({ _id: 'counter', n: 0 });
    const bump = async (): Promise<void> => {
      const session = engine.client().startSession();
      try {
        await session.withTransaction(async () => {
          const doc = await c.findOne({ _id: 'counter' }, { session });
          await new Promise((r) => setTimeout(r, 5));
          await c.updateOne({ _id: 'counter' }, { $set: { n: (doc?.n as number) + 1 } }, { session });
        });
      } finally {
        await session.endSession();
      }
    };
    await Promise.all(Array.from({ length: 5 }, bump));
    expect((await c.findOne({ _id: 'counter' }))?.n).toBe(5);
  });

  it('makes a plain write wait for a transaction that holds the document', async () => {
    const c = db().collection<Counter>('wait');
    await c.insertOne({ _id: 1, n: 0 });
    const session = engine.client().startSession();
    session.startTransaction();
    await c.updateOne({ _id: 1 }, { $inc: { n: 10 } }, { session });
    const outside = c.updateOne({ _id: 1 }, { $inc: { n: 1 } });
    await new Promise((r) => setTimeout(r, 100));
    await session.commitTransaction();
    await outside;
    await session.endSession();
    expect((await c.findOne({ _id: 1 }))?.n).toBe(11);
  });

  it('aborts the transaction on a duplicate key inside it', async () => {
    const c = db().collection<AnyDoc>('dup');
    await c.createIndex({ k: 1 }, { unique: true });
    await c.insertOne({ k: 1 });
    const session = engine.client().startSession();
    session.startTransaction();
    await c.insertOne({ k: 2 }, { session });
    await expect(c.insertOne({ k: 1 }, { session })).rejects.toMatchObject({ code: 11000 });
    await expect(c.insertOne({ k: 3 }, { session })).rejects.toMatchObject({ code: 251, codeName: 'NoSuchTransaction' });
    await session.abortTransaction().catch(() => undefined);
    await session.endSession();
    expect(await c.countDocuments()).toBe(1);
  });

  it('checks unique keys among its own writes as mongod does: a key freed by an update or delete inside it can be taken again, a held one cannot', async () => {
    const c = db().collection<AnyDoc>('own-unique');
    await c.createIndex({ k: 1 }, { unique: true });
    await c.createIndex({ a: 1, b: 1 }, { unique: true, partialFilterExpression: { a: { $exists: true } } });
    const session = engine.client().startSession();
    try {
      session.startTransaction();
      await c.insertOne({ _id: 'x', k: 1, a: 1, b: 1 }, { session });
      await c.updateOne({ _id: 'x' }, { $set: { k: 2, b: 2 } }, { session });
      await c.insertOne({ _id: 'y', k: 1, a: 1, b: 1 }, { session }); // both keys freed by the update
      await c.deleteOne({ _id: 'y' }, { session });
      await c.insertOne({ _id: 'z', k: 1 }, { session }); // freed by the delete
      await c.insertMany(Array.from({ length: 300 }, (_, i) => ({ _id: `m${i}`, k: 100 + i, a: 5, b: i })), { session });
      await expect(c.insertOne({ _id: 'dup', k: 250, a: 9, b: 9 }, { session })).rejects.toMatchObject({ code: 11000 });
    } finally {
      await session.abortTransaction().catch(() => undefined);
      await session.endSession();
    }
    const s2 = engine.client().startSession();
    try {
      s2.startTransaction();
      await c.insertOne({ _id: 'p', k: 7, a: 3, b: 3 }, { session: s2 });
      await expect(c.insertOne({ _id: 'q', k: 8, a: 3, b: 3 }, { session: s2 })).rejects.toMatchObject({ code: 11000, keyPattern: { a: 1, b: 1 } });
    } finally {
      await s2.abortTransaction().catch(() => undefined);
      await s2.endSession();
    }
    expect(await c.countDocuments()).toBe(0);
  });

  it('refuses commands that cannot run in a transaction', async () => {
    const session = engine.client().startSession();
    session.startTransaction();
    await expect(db().command({ dbStats: 1 }, { session })).rejects.toMatchObject({ code: 263, codeName: 'OperationNotSupportedInTransaction' });
    await session.abortTransaction().catch(() => undefined);
    await session.endSession();
  });
});

describe('transactions through mongoose', () => {
  const conn = mongoose.createConnection();
  const Account = conn.model('Account', new Schema({ owner: String, balance: Number }));

  beforeAll(async () => {
    await conn.openUri(engine.server().uri, { dbName: 'txn_mongoose' });
  });
  afterAll(async () => {
    await conn.close();
  });

  it('commits a transfer and rolls back a failed one', async () => {
    const [a, b] = await Account.create([{ owner: 'a', balance: 100 }, { owner: 'b', balance: 0 }]);
    await conn.transaction(async (session) => {
      await Account.updateOne({ _id: a?._id }, { $inc: { balance: -30 } }, { session });
      await Account.updateOne({ _id: b?._id }, { $inc: { balance: 30 } }, { session });
    });
    await expect(
      conn.transaction(async (session) => {
        await Account.updateOne({ _id: a?._id }, { $inc: { balance: -500 } }, { session });
        throw new Error('insufficient funds');
      }),
    ).rejects.toThrow('insufficient funds');
    const balances = (await Account.find().sort({ owner: 1 }).lean()).map((x) => x.balance);
    expect(balances).toEqual([70, 30]);
  });
});
