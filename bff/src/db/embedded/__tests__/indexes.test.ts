import { MongoBulkWriteError, MongoServerError, ObjectId } from 'mongodb';
import { useEngine, type AnyDoc, type Counter } from './helpers';

const engine = useEngine();
const db = () => engine.client().db('indexes');

describe('unique indexes', () => {
  it('rejects a duplicate on a single-field unique index with keyPattern and keyValue', async () => {
    const c = db().collection<AnyDoc>('single');
    await c.createIndex({ email: 1 }, { unique: true });
    await c.insertOne({ email: 'a@x.cn' });
    const err = await c.insertOne({ email: 'a@x.cn' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(MongoServerError);
    expect(err).toMatchObject({
      code: 11000,
      keyPattern: { email: 1 },
      keyValue: { email: 'a@x.cn' },
    });
    expect((err as Error).message).toBe('E11000 duplicate key error collection: indexes.single index: email_1 dup key: { email: "a@x.cn" }');
  });

  it('enforces compound unique keys on insert, update and upsert', async () => {
    const c = db().collection<AnyDoc>('compound');
    await c.createIndex({ county: 1, code: 1 }, { unique: true, name: 'county_code' });
    await c.insertMany([{ county: 'A', code: 1 }, { county: 'A', code: 2 }, { county: 'B', code: 1 }]);
    await expect(c.insertOne({ county: 'B', code: 1 })).rejects.toMatchObject({ code: 11000, keyPattern: { county: 1, code: 1 }, keyValue: { county: 'B', code: 1 } });
    await expect(c.updateOne({ county: 'A', code: 2 }, { $set: { code: 1 } })).rejects.toMatchObject({ code: 11000 });
    await expect(c.updateOne({ county: 'C' }, { $set: { county: 'A', code: 1 } }, { upsert: true })).rejects.toMatchObject({ code: 11000 });
    await expect(c.findOneAndUpdate({ county: 'B' }, { $set: { county: 'A' } })).rejects.toMatchObject({ code: 11000, codeName: 'DuplicateKey' });
    expect(await c.countDocuments()).toBe(3);
  });

  it('treats missing fields as null unless the index is sparse', async () => {
    const plain = db().collection<AnyDoc>('nulls');
    await plain.createIndex({ phone: 1 }, { unique: true });
    await plain.insertOne({ name: 'x' });
    await expect(plain.insertOne({ name: 'y' })).rejects.toMatchObject({ code: 11000, keyValue: { phone: null } });
    const sparse = db().collection<AnyDoc>('sparse');
    await sparse.createIndex({ phone: 1 }, { unique: true, sparse: true });
    await sparse.insertMany([{ name: 'x' }, { name: 'y' }, { phone: '1' }]);
    await expect(sparse.insertOne({ phone: '1' })).rejects.toMatchObject({ code: 11000 });
  });

  it('applies a partial unique index only to matching documents', async () => {
    const c = db().collection<AnyDoc>('partial');
    await c.createIndex({ idHash: 1 }, { unique: true, partialFilterExpression: { deleted: false } });
    await c.insertMany([{ idHash: 'h', deleted: true }, { idHash: 'h', deleted: true }, { idHash: 'h', deleted: false }]);
    await expect(c.insertOne({ idHash: 'h', deleted: false })).rejects.toMatchObject({ code: 11000 });
    await c.updateOne({ deleted: false }, { $set: { deleted: true } });
    await c.insertOne({ idHash: 'h', deleted: false });
  });

  it('refuses to build a unique index over existing duplicates', async () => {
    const c = db().collection<AnyDoc>('build');
    await c.insertMany([{ k: 1 }, { k: 1 }]);
    await expect(c.createIndex({ k: 1 }, { unique: true })).rejects.toMatchObject({ code: 11000 });
    const names = (await c.listIndexes().toArray()).map((i) => i.name);
    expect(names).toEqual(['_id_']);
  });

  it('rejects a duplicate _id', async () => {
    const c = db().collection<AnyDoc>('ids');
    const _id = new ObjectId();
    await c.insertOne({ _id });
    await expect(c.insertOne({ _id })).rejects.toMatchObject({ code: 11000, keyPattern: { _id: 1 }, keyValue: { _id } });
  });
});

describe('bulk writes', () => {
  it('stops an ordered batch at the first error and reports its index', async () => {
    const c = db().collection<AnyDoc>('ordered');
    await c.createIndex({ k: 1 }, { unique: true });
    const err = await c.insertMany([{ k: 1 }, { k: 2 }, { k: 1 }, { k: 3 }]).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(MongoBulkWriteError);
    const bulk = err as MongoBulkWriteError;
    expect(bulk.result.insertedCount).toBe(2);
    const errors = Array.isArray(bulk.writeErrors) ? bulk.writeErrors : [bulk.writeErrors];
    expect(errors.map((e) => e.index)).toEqual([2]);
    expect(await c.countDocuments()).toBe(2);
  });

  it('continues an unordered batch and reports every failing index', async () => {
    const c = db().collection<AnyDoc>('unordered');
    await c.createIndex({ k: 1 }, { unique: true });
    const err = (await c.insertMany([{ k: 1 }, { k: 1 }, { k: 2 }, { k: 2 }, { k: 3 }], { ordered: false }).catch((e: unknown) => e)) as MongoBulkWriteError;
    expect(err.result.insertedCount).toBe(3);
    const errors = Array.isArray(err.writeErrors) ? err.writeErrors : [err.writeErrors];
    expect(errors.map((e) => e.index)).toEqual([1, 3]);
    expect(errors.every((e) => e.code === 11000)).toBe(true);
  });

  it('mixes operations in bulkWrite with upserts', async () => {
    const c = db().collection<Counter>('mixed');
    const res = await c.bulkWrite([
      { insertOne: { document: { _id: 1, v: 1 } } },
      { updateOne: { filter: { _id: 2 }, update: { $set: { v: 2 } }, upsert: true } },
      { updateMany: { filter: {}, update: { $inc: { v: 10 } } } },
      { deleteOne: { filter: { _id: 1 } } },
      { replaceOne: { filter: { _id: 2 }, replacement: { v: 99 } } },
    ]);
    expect(res.insertedCount).toBe(1);
    expect(res.upsertedCount).toBe(1);
    expect(res.matchedCount).toBe(3);
    expect(res.deletedCount).toBe(1);
    expect(await c.find().toArray()).toEqual([{ _id: 2, v: 99 }]);
  });
});

describe('index use', () => {
  beforeAll(async () => {
    const c = db().collection<AnyDoc>('planned');
    await c.insertMany(Array.from({ length: 2000 }, (_, i) => ({ n: i, g: i % 10, s: `k${i}` })));
    await c.createIndex({ n: 1 });
    await c.createIndex({ g: 1, n: -1 });
  });

  const explain = (filter: AnyDoc, sort?: Record<string, 1 | -1>) => db().collection<AnyDoc>('planned').find(filter, sort ? { sort } : {}).explain('executionStats');

  it('uses an index for equality without scanning the collection', async () => {
    const plan = await explain({ n: 1234 });
    expect(plan.queryPlanner.winningPlan.inputStage.stage).toBe('IXSCAN');
    expect(plan.executionStats.totalDocsExamined).toBe(1);
    expect(plan.executionStats.nReturned).toBe(1);
  });

  it('uses an index for ranges, $in and compound prefixes', async () => {
    const range = await explain({ n: { $gte: 10, $lt: 20 } });
    expect(range.executionStats.totalDocsExamined).toBe(10);
    const inList = await explain({ n: { $in: [1, 5, 9] } });
    expect(inList.executionStats.totalDocsExamined).toBe(3);
    const prefix = await explain({ g: 3, n: { $gt: 1900 } });
    expect(prefix.executionStats.nReturned).toBe(10);
    expect(prefix.executionStats.totalDocsExamined).toBe(10);
  });

  it('walks an index for sorts and stops at the limit', async () => {
    const docs = await db().collection<AnyDoc>('planned').find({}).sort({ n: -1 }).limit(3).toArray();
    expect(docs.map((d) => d.n)).toEqual([1999, 1998, 1997]);
    const plan = await db().collection<AnyDoc>('planned').find({}).sort({ n: -1 }).limit(3).explain('executionStats');
    expect(plan.executionStats.totalDocsExamined).toBe(3);
    expect(plan.queryPlanner.winningPlan.stage).toBe('FETCH');
  });

  it('scans when no index applies', async () => {
    const plan = await explain({ s: 'k7' });
    expect(plan.queryPlanner.winningPlan.stage).toBe('COLLSCAN');
    expect(plan.executionStats.totalDocsExamined).toBe(2000);
  });

  it('finds elements of arrays through a multikey index', async () => {
    const c = db().collection<AnyDoc>('multikey');
    await c.createIndex({ tags: 1 });
    await c.insertMany([{ tags: ['a', 'b'] }, { tags: ['b', 'c'] }, { tags: 'a' }, { tags: [5, 50] }]);
    expect(await c.countDocuments({ tags: 'a' })).toBe(2);
    expect(await c.countDocuments({ tags: { $gt: 10, $lt: 20 } })).toBe(1);
    expect((await c.find({ tags: 'b' }).toArray()).length).toBe(2);
  });
});

describe('index catalog', () => {
  it('lists, reuses and drops indexes like mongod', async () => {
    const c = db().collection<AnyDoc>('catalog');
    expect(await c.createIndex({ a: 1 })).toBe('a_1');
    expect(await c.createIndex({ a: 1 })).toBe('a_1');
    await expect(c.createIndex({ a: 1 }, { name: 'other' })).rejects.toMatchObject({ code: 85, codeName: 'IndexOptionsConflict' });
    await expect(c.createIndex({ b: 1 }, { name: 'a_1' })).rejects.toMatchObject({ code: 86, codeName: 'IndexKeySpecsConflict' });
    await c.createIndex({ exp: 1 }, { expireAfterSeconds: 60 });
    const specs = await c.listIndexes().toArray();
    expect(specs.map((s) => s.name)).toEqual(['_id_', 'a_1', 'exp_1']);
    expect(specs[2]).toMatchObject({ v: 2, key: { exp: 1 }, expireAfterSeconds: 60 });
    await c.dropIndex('a_1');
    await expect(c.dropIndex('a_1')).rejects.toMatchObject({ code: 27, codeName: 'IndexNotFound' });
    await c.dropIndexes();
    expect((await c.listIndexes().toArray()).map((s) => s.name)).toEqual(['_id_']);
    await expect(db().collection<AnyDoc>('nope').listIndexes().toArray()).rejects.toMatchObject({ code: 26, codeName: 'NamespaceNotFound' });
  });
});

describe('sort order', () => {
  it('orders mixed types as MongoDB does', async () => {
    const c = db().collection<AnyDoc>('mixedsort');
    const oid = new ObjectId();
    const when = new Date(0);
    await c.insertMany([{ _id: 1, v: true }, { _id: 2, v: 'str' }, { _id: 3, v: 10 }, { _id: 4, v: null }, { _id: 5, v: { a: 1 } }, { _id: 6, v: [0, 7] }, { _id: 7, v: oid }, { _id: 8, v: when }, { _id: 9 }, { _id: 10, v: 2.5 }]);
    const asc = (await c.find().sort({ v: 1, _id: 1 }).toArray()).map((d) => d._id);
    expect(asc).toEqual([4, 9, 6, 10, 3, 2, 5, 7, 1, 8]);
  });
});
