import { DBRef, Long, ObjectId } from 'mongodb';
import { useEngine } from './helpers';

/**
 * Conformance with mongod 8.0 for query and update semantics mongoose relies on. Each test names the
 * behaviour of the MongoDB manual (or the server's documented error) it checks.
 */
const engine = useEngine();
const raw = (name: string) => engine.client().db('conf').collection(name);

describe('update operators as mongod applies them', () => {
  it('$pull removes the document elements a condition with $or / $and matches (manual: $pull, "Remove Items from an Array of Documents")', async () => {
    const c = raw('pullor');
    await c.insertOne({ _id: 1, kids: [{ a: 1, b: 1 }, { a: 2, b: 2 }, { a: 3, b: 3 }, 7] } as never);
    await c.updateOne({ _id: 1 } as never, { $pull: { kids: { $or: [{ a: 1 }, { b: 3 }] } } } as never);
    expect(await c.findOne({ _id: 1 } as never)).toEqual({ _id: 1, kids: [{ a: 2, b: 2 }, 7] });
    await c.updateOne({ _id: 1 } as never, { $pull: { kids: { $and: [{ a: 2 }, { b: { $gte: 2 } }] } } } as never);
    expect(await c.findOne({ _id: 1 } as never)).toEqual({ _id: 1, kids: [7] });
    // A value condition still applies to the elements themselves.
    await c.updateOne({ _id: 1 } as never, { $pull: { kids: { $gt: 5 } } } as never);
    expect(await c.findOne({ _id: 1 } as never)).toEqual({ _id: 1, kids: [] });
  });

  it('two $set paths into the same element through $ and through $[] do not conflict (manual: positional $, $[])', async () => {
    const c = raw('twoset');
    await c.insertOne({ _id: 1, children: [{ name: 'a' }, { name: 'b' }] } as never);
    // The positional index is the one the query matched, even after the first path changes the matched field.
    await c.updateOne({ _id: 1, 'children.name': 'b' } as never, { $set: { 'children.$.name': 'c', 'children.$.updatedAt': 5 } });
    await c.updateOne({ _id: 1 } as never, { $set: { 'children.$[].x': 1, 'children.$[].y': 2 } });
    await c.updateOne({ _id: 1 } as never, { $set: { 'children.$[k].z': 3, 'children.$[k].w': 4 } }, { arrayFilters: [{ 'k.name': 'a' }] });
    expect(await c.findOne({ _id: 1 } as never)).toEqual({
      _id: 1,
      children: [{ name: 'a', x: 1, y: 2, w: 4, z: 3 }, { name: 'c', updatedAt: 5, x: 1, y: 2 }],
    });
    // The same path twice is still a conflict (code 40).
    const e = await c.updateOne({ _id: 1 } as never, { $set: { 'children.$[].x': 1 }, $inc: { 'children.$[].x': 1 } } as never).catch((x: unknown) => x);
    expect(e).toMatchObject({ code: 40 });
  });

  it('$push / $addToSet onto a non-array fail with BadValue (code 2) and mongod\'s messages, and change nothing', async () => {
    const c = raw('pushna');
    await c.insertOne({ _id: 1, a: 5, s: 'x' } as never);
    const push = await c.updateOne({ _id: 1 } as never, { $push: { a: 1 } } as never).catch((x: unknown) => x);
    expect(push).toMatchObject({ code: 2, message: "The field 'a' must be an array but is of type int in document {_id: 1}" });
    const add = await c.updateOne({ _id: 1 } as never, { $addToSet: { s: 1 } } as never).catch((x: unknown) => x);
    expect(add).toMatchObject({ code: 2, message: "Cannot apply $addToSet to non-array field. Field named 's' has non-array type string" });
    const pull = await c.updateOne({ _id: 1 } as never, { $pull: { s: 'x' } } as never).catch((x: unknown) => x);
    expect(pull).toMatchObject({ code: 2, message: 'Cannot apply $pull to a non-array value' });
    expect(await c.findOne({ _id: 1 } as never)).toEqual({ _id: 1, a: 5, s: 'x' });
    // A missing field is created as an array.
    await c.updateOne({ _id: 1 } as never, { $push: { list: 1 } } as never);
    expect((await c.findOne({ _id: 1 } as never))?.list).toEqual([1]);
  });

  it('a $set of _id to its current value is allowed; to another value it fails with ImmutableField (code 66)', async () => {
    const c = raw('setid');
    await c.insertOne({ _id: 1, a: 1 } as never);
    const same = await c.updateOne({ _id: 1 } as never, { $set: { _id: 1, a: 2 } } as never);
    expect(same).toMatchObject({ matchedCount: 1, modifiedCount: 1 });
    const other = await c.updateOne({ _id: 1 } as never, { $set: { _id: 2 } } as never).catch((x: unknown) => x);
    expect(other).toMatchObject({ code: 66 });
    expect(await c.findOne({ _id: 1 } as never)).toEqual({ _id: 1, a: 2 });
    // An upsert may set _id.
    await c.updateOne({ k: 'new' } as never, { $set: { _id: 9 } } as never, { upsert: true });
    expect(await c.findOne({ _id: 9 } as never)).toEqual({ _id: 9, k: 'new' });
  });

  it('new fields are added in lexicographic order of their paths, numeric names numerically (manual: update operators, "Behavior", since 5.0)', async () => {
    const c = raw('order');
    await c.insertOne({ _id: 1, m: 1 } as never);
    await c.updateOne({ _id: 1 } as never, { $set: { z: 1, a: 1 }, $inc: { b: 1 }, $currentDate: { c: true } } as never);
    expect(Object.keys((await c.findOne({ _id: 1 } as never)) ?? {})).toEqual(['_id', 'm', 'a', 'b', 'c', 'z']);
    await c.updateOne({ _id: 1 } as never, { $set: { 'n.10': 'x', 'n.9': 'y', 'n.a': 'z' } } as never);
    expect(Object.keys(((await c.findOne({ _id: 1 } as never)) as unknown as { n: object }).n)).toEqual(['9', '10', 'a']);
  });
});

describe('query operators as mongod matches them', () => {
  it('$type matches BSON types by alias and number, "number" and arrays (manual: $type)', async () => {
    const c = raw('types');
    const oid = new ObjectId();
    await c.insertMany([{ _id: 1, o: oid }, { _id: 2, o: 'x' }, { _id: 3, o: Long.fromString('9007199254740993') }, { _id: 4, o: [1.5, 'y'] }, { _id: 5, o: 7 }] as never);
    const ids = async (q: object) => (await c.find(q).sort({ _id: 1 }).toArray()).map((d) => d._id as unknown);
    expect(await ids({ o: { $type: 'objectId' } })).toEqual([1]);
    expect(await ids({ o: { $type: 7 } })).toEqual([1]);
    expect(await ids({ o: { $type: 'long' } })).toEqual([3]);
    expect(await ids({ o: { $type: 'string' } })).toEqual([2, 4]);
    expect(await ids({ o: { $type: 'array' } })).toEqual([4]);
    expect(await ids({ o: { $type: 'number' } })).toEqual([3, 4, 5]);
    expect(await ids({ o: { $type: ['int', 'objectId'] } })).toEqual([1, 5]);
    await expect(c.find({ o: { $type: 'nope' } }).toArray()).rejects.toMatchObject({ code: 2 });
  });

  it('$ref / $id / $db address the fields of a DBRef (manual: "Database References")', async () => {
    const c = raw('refs');
    const oid = new ObjectId();
    await c.insertMany([{ _id: 1, ref: new DBRef('things', oid) }, { _id: 2, ref: new DBRef('other', new ObjectId()) }] as never);
    expect(await c.countDocuments({ 'ref.$id': oid })).toBe(1);
    expect(await c.countDocuments({ 'ref.$ref': 'other' })).toBe(1);
    expect(await c.countDocuments({ ref: new DBRef('things', oid) })).toBe(1);
  });
});

describe('document size limit (manual: "BSON Document Size", 16 MiB)', () => {
  it('an insert over 16 MiB is refused ("object to insert too large", code 2) and a larger update result too (code 17419)', async () => {
    const c = raw('big');
    const e = await c.insertOne({ _id: 1, s: 'x'.repeat(16 * 1024 * 1024) } as never).catch((x: unknown) => x);
    expect(e).toMatchObject({ code: 2, message: expect.stringMatching(/^object to insert too large\. size in bytes: \d+, max size: 16777216$/) });
    expect(await c.countDocuments({ _id: 1 } as never)).toBe(0);
    await c.insertOne({ _id: 2, s: 'x'.repeat(9 * 1024 * 1024) } as never);
    const u = await c.updateOne({ _id: 2 } as never, { $set: { t: 'y'.repeat(9 * 1024 * 1024) } } as never).catch((x: unknown) => x);
    expect(u).toMatchObject({ code: 17419, message: 'Resulting document after update is larger than 16777216' });
    expect(await c.countDocuments({ t: { $exists: true } })).toBe(0);
  });
});

describe('projections', () => {
  it('find\'s $slice takes the other fields\' mode: alone it keeps every field (manual: "$slice (projection)")', async () => {
    const c = raw('slice');
    await c.insertOne({ _id: 1, a: [1, 2, 3, 4], b: 1, d: { colors: ['r', 'g', 'b'] } } as never);
    expect(await c.findOne({}, { projection: { a: { $slice: 2 } } })).toEqual({ _id: 1, a: [1, 2], b: 1, d: { colors: ['r', 'g', 'b'] } });
    expect(await c.findOne({}, { projection: { a: { $slice: -1 }, b: 0 } })).toEqual({ _id: 1, a: [4], d: { colors: ['r', 'g', 'b'] } });
    expect(await c.findOne({}, { projection: { a: { $slice: [1, 2] }, b: 1 } })).toEqual({ _id: 1, a: [2, 3], b: 1 });
    expect(await c.findOne({}, { projection: { 'd.colors': { $slice: [-2, 1] }, _id: 0, a: 0, b: 0 } })).toEqual({ d: { colors: ['g'] } });
  });

  it('$project puts included fields in document order, then computed fields in spec order (manual: $project)', async () => {
    const c = raw('projorder');
    await c.insertOne({ _id: 1, m: 1, n: 2 } as never);
    const [row] = await c.aggregate([{ $project: { x: '$m', n: 1, m: 1, _id: 0 } }]).toArray();
    expect(Object.keys(row ?? {})).toEqual(['m', 'n', 'x']);
    // _id stays first (mingo alone would append it).
    const [withId] = await c.aggregate([{ $project: { x: '$m', n: 1 } }]).toArray();
    expect(Object.keys(withId ?? {})).toEqual(['_id', 'n', 'x']);
  });
});
