import { useEngine, type AnyDoc } from './helpers';

const engine = useEngine();
const coll = (name: string) => engine.client().db('ops').collection<AnyDoc>(name);
/** Untyped updates: the driver's update typings cannot describe a schemaless document's fields. */
const raw = (name: string) => engine.client().db('ops').collection(name);

describe('update operators', () => {
  it('applies positional $, arrayFilters and $setOnInsert upserts', async () => {
    const c = coll('upd');
    await c.insertOne({ _id: 1, items: [{ sku: 'a', qty: 1 }, { sku: 'b', qty: 2 }], grades: [80, 95, 100] });
    await raw('upd').updateOne({ _id: 1 as never, 'items.sku': 'b' }, { $inc: { 'items.$.qty': 10 } });
    await c.updateOne({ _id: 1 }, { $set: { 'grades.$[g]': 0 } }, { arrayFilters: [{ g: { $gte: 95 } }] });
    const typed = engine.client().db('ops').collection<{ _id: number; items: { sku: string; qty: number }[]; tags?: string[] }>('upd');
    await typed.updateOne({ _id: 1 }, { $push: { items: { $each: [{ sku: 'c', qty: 0 }], $sort: { sku: -1 } } }, $addToSet: { tags: 'x' } });
    const doc = await c.findOne({ _id: 1 });
    expect(doc).toEqual({ _id: 1, items: [{ sku: 'c', qty: 0 }, { sku: 'b', qty: 12 }, { sku: 'a', qty: 1 }], grades: [80, 0, 0], tags: ['x'] });
    const up = await c.updateOne({ _id: 2, kind: 'k' }, { $set: { n: 1 }, $setOnInsert: { created: true } }, { upsert: true });
    expect(up.upsertedId).toBe(2);
    await c.updateOne({ _id: 2 }, { $set: { n: 2 }, $setOnInsert: { created: false } }, { upsert: true });
    expect(await c.findOne({ _id: 2 })).toEqual({ _id: 2, kind: 'k', n: 2, created: true });
    await c.updateOne({ _id: 2 }, [{ $set: { total: { $add: ['$n', 40] } } }]);
    expect((await c.findOne({ _id: 2 }))?.total).toBe(42);
    const replaced = await c.replaceOne({ _id: 2 }, { only: true });
    expect(replaced.modifiedCount).toBe(1);
    expect(await c.findOne({ _id: 2 })).toEqual({ _id: 2, only: true });
    const same = await c.updateOne({ _id: 2 }, { $set: { only: true } });
    expect(same).toMatchObject({ matchedCount: 1, modifiedCount: 0 });
  });

  it('returns the right document from findOneAndUpdate/Delete with sort and projection', async () => {
    const c = coll('fam');
    await c.insertMany([{ _id: 1, q: 3 }, { _id: 2, q: 1 }, { _id: 3, q: 2 }]);
    const before = await raw('fam').findOneAndUpdate({}, { $inc: { q: 100 } }, { sort: { q: 1 }, projection: { _id: 1 } });
    expect(before).toEqual({ _id: 2 });
    const after = await c.findOneAndUpdate({ _id: 9 }, { $set: { q: 0 } }, { upsert: true, returnDocument: 'after' });
    expect(after).toEqual({ _id: 9, q: 0 });
    const removed = await c.findOneAndDelete({ q: { $gt: 50 } });
    expect(removed).toEqual({ _id: 2, q: 101 });
  });
});

describe('aggregation', () => {
  beforeAll(async () => {
    await coll('orders').insertMany([
      { _id: 1, county: 'A', worker: 'w1', fen: 1000, tags: ['x', 'y'] },
      { _id: 2, county: 'A', worker: 'w2', fen: 3000, tags: ['y'] },
      { _id: 3, county: 'B', worker: 'w1', fen: 500, tags: [] },
    ]);
    await coll('workers').insertMany([{ _id: 'w1', name: 'Ann' }, { _id: 'w2', name: 'Bo' }]);
  });

  it('runs $match, $group, $sort, $project and $addFields', async () => {
    const rows = await coll('orders')
      .aggregate([
        { $match: { fen: { $gte: 500 } } },
        { $group: { _id: '$county', total: { $sum: '$fen' }, n: { $sum: 1 } } },
        { $sort: { total: -1 } },
        { $addFields: { avg: { $divide: ['$total', '$n'] } } },
        { $project: { _id: 0, county: '$_id', total: 1, avg: 1 } },
      ])
      .toArray();
    expect(rows).toEqual([{ total: 4000, avg: 2000, county: 'A' }, { total: 500, avg: 500, county: 'B' }]);
  });

  it('runs $unwind, $lookup, $facet, $count, $bucket, $skip and $limit', async () => {
    const unwound = await coll('orders').aggregate([{ $unwind: '$tags' }, { $count: 'n' }]).toArray();
    expect(unwound).toEqual([{ n: 3 }]);
    const joined = await coll('orders')
      .aggregate([{ $sort: { _id: 1 } }, { $lookup: { from: 'workers', localField: 'worker', foreignField: '_id', as: 'w' } }, { $limit: 1 }, { $project: { name: { $first: '$w.name' } } }])
      .toArray();
    expect(joined).toEqual([{ _id: 1, name: 'Ann' }]);
    const [facets] = await coll('orders')
      .aggregate([
        {
          $facet: {
            byCounty: [{ $group: { _id: '$county', n: { $sum: 1 } } }, { $sort: { _id: 1 } }],
            buckets: [{ $bucket: { groupBy: '$fen', boundaries: [0, 1000, 5000], default: 'other', output: { n: { $sum: 1 } } } }],
            page: [{ $sort: { fen: -1 } }, { $skip: 1 }, { $limit: 1 }, { $project: { _id: 1 } }],
          },
        },
      ])
      .toArray();
    expect(facets).toEqual({
      byCounty: [{ _id: 'A', n: 2 }, { _id: 'B', n: 1 }],
      buckets: [{ _id: 0, n: 1 }, { _id: 1000, n: 2 }],
      page: [{ _id: 1 }],
    });
  });

  it('writes results with $out', async () => {
    await coll('orders').aggregate([{ $match: { county: 'A' } }, { $out: 'ordersA' }]).toArray();
    expect(await coll('ordersA').countDocuments()).toBe(2);
  });
});
