import { MongoClientBulkWriteError } from 'mongodb';
import { useEngine } from './helpers';

/**
 * Conformance with the client-level `bulkWrite` command of mongod 8.0 (manual: "bulkWrite" database
 * command, "MongoClient.bulkWrite"): operations on several namespaces in one command run on the admin
 * database; per-operation results come back in a cursor (`errorsOnly` leaves out the successes) with the
 * totals nInserted/nMatched/nModified/nUpserted/nDeleted/nErrors beside it; an ordered batch stops at the first
 * error, an unordered one reports every failing operation by index and runs the rest.
 */
const engine = useEngine();
const client = () => engine.client();

describe('bulkWrite command (manual examples)', () => {
  it('inserts into two namespaces and answers with a cursor of per-operation results and totals', async () => {
    const reply = await client().db('admin').command({
      bulkWrite: 1,
      ops: [
        { insert: 0, document: { _id: 5, type: 'sweater', size: 'M', price: 10 } },
        { insert: 1, document: { _id: 4, title: 'Pizza Delivery', status: 'In progress' } },
      ],
      nsInfo: [{ ns: 'bw.pizzas' }, { ns: 'bw.pizzaOrders' }],
    });
    expect(reply).toMatchObject({
      cursor: { firstBatch: [{ ok: 1, idx: 0, n: 1 }, { ok: 1, idx: 1, n: 1 }], ns: 'admin.$cmd.bulkWrite' },
      nErrors: 0,
      nInserted: 2,
      nDeleted: 0,
      nMatched: 0,
      nModified: 0,
      nUpserted: 0,
      ok: 1,
    });
    expect(String(reply.cursor.id)).toBe('0');
    expect(await client().db('bw').collection('pizzaOrders').findOne({ _id: 4 } as never)).toMatchObject({ title: 'Pizza Delivery' });
  });

  it('unordered with errorsOnly: a duplicate key error per failing operation, the others applied', async () => {
    const reply = await client().db('admin').command({
      bulkWrite: 1,
      ops: [
        { insert: 0, document: { _id: 5, type: 'again' } },
        { update: 0, filter: { _id: 5 }, updateMods: { $set: { price: 12 } }, multi: false },
        { insert: 0, document: { _id: 6, type: 'scarf' } },
        { delete: 1, filter: { _id: 4 }, multi: false },
      ],
      nsInfo: [{ ns: 'bw.pizzas' }, { ns: 'bw.pizzaOrders' }],
      ordered: false,
      errorsOnly: true,
    });
    expect(reply.cursor.firstBatch).toHaveLength(1);
    expect(reply.cursor.firstBatch[0]).toMatchObject({ ok: 0, idx: 0, code: 11000, keyValue: { _id: 5 } });
    expect(reply).toMatchObject({ nErrors: 1, nInserted: 1, nMatched: 1, nModified: 1, nDeleted: 1 });
  });

  it('is refused outside the admin database', async () => {
    await expect(client().db('bw').command({ bulkWrite: 1, ops: [{ insert: 0, document: {} }], nsInfo: [{ ns: 'bw.x' }] })).rejects.toMatchObject({ code: 13 });
  });
});

describe('MongoClient.bulkWrite', () => {
  it('mixes inserts, updates, replacements, upserts and deletes across collections with verbose results', async () => {
    await client().db('bw2').collection('jobs').insertMany([{ _id: 1, n: 1 }, { _id: 2, n: 2 }, { _id: 3, n: 3 }] as never);
    const models = [
      { namespace: 'bw2.jobs', name: 'insertOne', document: { _id: 4, n: 4 } },
      { namespace: 'bw2.workers', name: 'insertOne', document: { _id: 'w1', name: '巴特尔' } },
      { namespace: 'bw2.jobs', name: 'updateMany', filter: { n: { $gte: 3 } }, update: { $inc: { n: 10 } } },
      { namespace: 'bw2.jobs', name: 'replaceOne', filter: { _id: 1 }, replacement: { n: 100 } },
      { namespace: 'bw2.jobs', name: 'updateOne', filter: { _id: 9 }, update: { $set: { n: 9 } }, upsert: true },
      { namespace: 'bw2.jobs', name: 'deleteOne', filter: { _id: 2 } },
    ] as never;
    const res = await client().bulkWrite(models, { verboseResults: true });
    expect(res).toMatchObject({ insertedCount: 2, matchedCount: 3, modifiedCount: 3, upsertedCount: 1, deletedCount: 1 });
    expect(res.insertResults?.get(1)).toEqual({ insertedId: 'w1' });
    expect(res.updateResults?.get(2)).toMatchObject({ matchedCount: 2, modifiedCount: 2, didUpsert: false });
    expect(res.updateResults?.get(4)).toMatchObject({ matchedCount: 1, didUpsert: true, upsertedId: 9 });
    expect(res.deleteResults?.get(5)).toEqual({ deletedCount: 1 });
    const jobs = await client().db('bw2').collection('jobs').find().sort({ _id: 1 }).toArray();
    expect(jobs).toEqual([{ _id: 1, n: 100 }, { _id: 3, n: 13 }, { _id: 4, n: 14 }, { _id: 9, n: 9 }]);
    expect(await client().db('bw2').collection('workers').countDocuments()).toBe(1);
  });

  it('ordered: stops at the first error and reports it with the partial result', async () => {
    const c = client().db('bw3').collection('c');
    const err = await client()
      .bulkWrite([
        { namespace: 'bw3.c', name: 'insertOne', document: { _id: 1 } },
        { namespace: 'bw3.c', name: 'insertOne', document: { _id: 1 } },
        { namespace: 'bw3.c', name: 'insertOne', document: { _id: 2 } },
      ] as never)
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(MongoClientBulkWriteError);
    const e = err as MongoClientBulkWriteError;
    expect([...e.writeErrors.keys()]).toEqual([1]);
    expect(e.writeErrors.get(1)?.code).toBe(11000);
    expect(e.partialResult?.insertedCount).toBe(1);
    expect(await c.countDocuments()).toBe(1);
  });

  it('unordered: every failing operation is reported by index and the rest are applied', async () => {
    const c = client().db('bw4').collection('c');
    const err = await client()
      .bulkWrite(
        [
          { namespace: 'bw4.c', name: 'insertOne', document: { _id: 1 } },
          { namespace: 'bw4.c', name: 'insertOne', document: { _id: 1 } },
          { namespace: 'bw4.c', name: 'updateOne', filter: { _id: 1 }, update: { $push: { _id: 3 } } },
          { namespace: 'bw4.c', name: 'insertOne', document: { _id: 2 } },
        ] as never,
        { ordered: false },
      )
      .catch((e: unknown) => e);
    const e = err as MongoClientBulkWriteError;
    expect([...e.writeErrors.keys()].sort()).toEqual([1, 2]);
    expect(await c.countDocuments()).toBe(2);
  });

  it('runs inside a transaction: nothing is visible before commit, nothing remains after abort', async () => {
    const c = client().db('bw5').collection('c');
    await c.insertOne({ _id: 0 } as never);
    const session = client().startSession();
    try {
      session.startTransaction();
      await client().bulkWrite([{ namespace: 'bw5.c', name: 'insertOne', document: { _id: 1 } }, { namespace: 'bw5.c', name: 'deleteOne', filter: { _id: 0 } }] as never, { session });
      expect(await c.countDocuments({ _id: 0 } as never)).toBe(1);
      await session.abortTransaction();
      expect((await c.find().toArray()).map((d) => d._id)).toEqual([0]);
    } finally {
      await session.endSession();
    }
  });
});
