import mongoose, { Schema } from 'mongoose';
import { MongoClient, ObjectId, Decimal128, Long, Binary, type Document } from 'mongodb';
import { startEmbeddedMongo, type EmbeddedMongo } from '..';

let server: EmbeddedMongo;
let client: MongoClient;

beforeAll(async () => {
  server = await startEmbeddedMongo({ dbPath: null, port: 0 });
  client = await MongoClient.connect(server.uri);
});

afterAll(async () => {
  await client?.close();
  await server?.stop();
});

describe('mongoose CRUD', () => {
  const conn = mongoose.createConnection();
  const User = conn.model(
    'User',
    new Schema({ name: String, email: { type: String, unique: true }, age: Number, tags: [String] }, { timestamps: true }),
  );

  beforeAll(async () => {
    await conn.openUri(server.uri, { dbName: 'mongoose_crud' });
    await User.init();
  });
  afterAll(async () => {
    await conn.close();
  });

  it('creates, reads, updates and deletes documents', async () => {
    const a = await User.create({ name: 'Ann', email: 'ann@example.com', age: 30, tags: ['a', 'b'] });
    await User.create([{ name: 'Bob', email: 'bob@example.com', age: 25 }, { name: 'Cy', email: 'cy@example.com', age: 41 }]);
    const found = await User.findById(a._id).lean();
    expect(found?.name).toBe('Ann');
    expect(found?.createdAt).toBeInstanceOf(Date);
    const adults = await User.find({ age: { $gte: 30 } }).sort({ age: -1 }).lean();
    expect(adults.map((u) => u.name)).toEqual(['Cy', 'Ann']);
    const res = await User.updateOne({ email: 'bob@example.com' }, { $inc: { age: 1 }, $push: { tags: 'new' } });
    expect(res.modifiedCount).toBe(1);
    expect((await User.findOne({ name: 'Bob' }).lean())?.age).toBe(26);
    const updated = await User.findOneAndUpdate({ name: 'Cy' }, { $set: { age: 42 } }, { returnDocument: 'after' }).lean();
    expect(updated?.age).toBe(42);
    expect(await User.countDocuments({ age: { $lt: 40 } })).toBe(2);
    expect(await User.distinct('name')).toEqual(['Ann', 'Bob', 'Cy']);
    await User.deleteOne({ name: 'Ann' });
    expect(await User.countDocuments()).toBe(2);
  });

  it('reports duplicate keys the way mongoose reads them', async () => {
    await User.create({ name: 'Dup', email: 'dup@example.com' });
    const err = await User.create({ name: 'Dup2', email: 'dup@example.com' }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 11000, keyPattern: { email: 1 }, keyValue: { email: 'dup@example.com' } });
  });

  it('aggregates with $group and $sort', async () => {
    const rows = await User.aggregate<{ _id: boolean; n: number }>([
      { $group: { _id: { $gte: ['$age', 30] }, n: { $sum: 1 } } },
      { $sort: { _id: 1 } },
    ]);
    expect(rows.length).toBeGreaterThan(0);
  });
});

describe('driver CRUD', () => {
  it('round-trips BSON types and null versus missing', async () => {
    const coll = client.db('types').collection('t');
    const doc = {
      oid: new ObjectId(),
      date: new Date('2024-01-02T03:04:05.678Z'),
      dec: Decimal128.fromString('12.345'),
      long: Long.fromString('9007199254740993'),
      bin: new Binary(Buffer.from([1, 2, 3]), 0),
      nul: null,
      nested: { a: [1, { b: 'x' }] },
    };
    const { insertedId } = await coll.insertOne(doc);
    const back = await coll.findOne({ _id: insertedId });
    expect(back?.oid.equals(doc.oid)).toBe(true);
    expect(back?.date.getTime()).toBe(doc.date.getTime());
    expect(back?.dec.toString()).toBe('12.345');
    expect(back?.long.toString()).toBe('9007199254740993');
    expect(Buffer.from(back?.bin.buffer).toString('hex')).toBe('010203');
    expect(back).toHaveProperty('nul', null);
    expect(back).not.toHaveProperty('missing');
    expect(await coll.countDocuments({ nul: null })).toBe(1);
    expect(await coll.countDocuments({ missing: { $exists: true } })).toBe(0);
  });

  it('returns large results in batches through getMore', async () => {
    const coll = client.db('cursors').collection('big');
    await coll.insertMany(Array.from({ length: 1000 }, (_, i) => ({ i })));
    const all = await coll.find({}, { batchSize: 50 }).sort({ i: -1 }).toArray();
    expect(all).toHaveLength(1000);
    expect(all[0]?.i).toBe(999);
  });

  it('projects fields in document order with _id first, as mongod does', async () => {
    const coll = client.db('projection').collection('p');
    await coll.insertOne({ _id: 1, b: 2, a: 1, c: { x: 1 }, grams: ['ab'] } as Document);
    const keys = async (projection: Document): Promise<string[]> => Object.keys((await coll.findOne({}, { projection })) ?? {});
    expect(await keys({ a: 1, b: 1 })).toEqual(['_id', 'b', 'a']);
    expect(await keys({ a: 1, _id: 0 })).toEqual(['a']);
    expect(await keys({ grams: 0 })).toEqual(['_id', 'b', 'a', 'c']);
    expect(await keys({ _id: 0, c: 0 })).toEqual(['b', 'a', 'grams']);
    expect(await keys({ _id: 0 })).toEqual(['b', 'a', 'c', 'grams']);
    expect(await keys({ _id: 1 })).toEqual(['_id']);
    expect(await coll.findOne({}, { projection: { 'c.x': 1, _id: 0 } })).toEqual({ c: { x: 1 } });
  });

  it('answers unknown commands with CommandNotFound and keeps serving', async () => {
    const err = await client.db('admin').command({ noSuchCommand: 1 }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 59, codeName: 'CommandNotFound' });
    expect(await client.db('admin').command({ ping: 1 })).toMatchObject({ ok: 1 });
  });
});
