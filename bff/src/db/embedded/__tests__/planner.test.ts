import { Binary, Code, Decimal128, Long, MaxKey, MinKey, MongoBulkWriteError, ObjectId, Timestamp } from 'mongodb';
import { planCacheCounters } from '../plan-cache';
import { useEngine, type AnyDoc } from './helpers';

const engine = useEngine();
const db = () => engine.client().db('planner');

interface Stats {
  executionStats: { totalKeysExamined: number; totalDocsExamined: number; nReturned: number };
  queryPlanner: { winningPlan: { stage: string; inputStage?: { stage: string; isMultiKey?: boolean; multiKeyPaths?: Record<string, string[]> } } };
}

describe('sorting over multikey indexes', () => {
  const seed = async (name: string): Promise<void> => {
    const c = db().collection<AnyDoc>(name);
    await c.createIndex({ tags: 1, at: -1 });
    await c.insertMany(Array.from({ length: 5000 }, (_, i) => ({ tags: ['a', `x${i}`], at: new Date(i), i })));
  };

  it('walks the index in order when the array field is bound by equality and the sort field holds no arrays', async () => {
    await seed('walk');
    const c = db().collection<AnyDoc>('walk');
    const docs = await c.find({ tags: 'a' }).sort({ at: -1 }).limit(5).toArray();
    expect(docs.map((d) => d.i)).toEqual([4999, 4998, 4997, 4996, 4995]);
    const plan = (await c.find({ tags: 'a' }).sort({ at: -1 }).limit(5).explain('executionStats')) as unknown as Stats;
    expect(plan.queryPlanner.winningPlan.stage).toBe('FETCH');
    expect(plan.queryPlanner.winningPlan.inputStage).toMatchObject({ stage: 'IXSCAN', isMultiKey: true, multiKeyPaths: { tags: ['tags'], at: [] } });
    expect(plan.executionStats.totalKeysExamined).toBe(5);
    const asc = await c.find({ tags: 'a' }).sort({ at: 1 }).limit(3).toArray();
    expect(asc.map((d) => d.i)).toEqual([0, 1, 2]);
  });

  it('still sorts in memory when the sort field is an array field', async () => {
    const c = db().collection<AnyDoc>('arraysort');
    await c.createIndex({ g: 1, tags: 1 });
    await c.insertMany([
      { _id: 1, g: 1, tags: ['m', 'z'] },
      { _id: 2, g: 1, tags: ['b', 'y'] },
      { _id: 3, g: 1, tags: 'c' },
    ]);
    expect((await c.find({ g: 1 }).sort({ tags: 1 }).toArray()).map((d) => d._id)).toEqual([2, 3, 1]);
    expect((await c.find({ g: 1 }).sort({ tags: -1 }).toArray()).map((d) => d._id)).toEqual([1, 2, 3]);
    const plan = (await c.find({ g: 1 }).sort({ tags: 1 }).explain('executionStats')) as unknown as Stats;
    expect(plan.queryPlanner.winningPlan.stage).toBe('SORT');
  });

  it('does not treat equality on an array field as fixing its sort order', async () => {
    const c = db().collection<AnyDoc>('eqsort');
    await c.createIndex({ tags: 1, n: 1 });
    await c.insertMany([
      { _id: 1, tags: ['a', 'b'], n: 1 },
      { _id: 2, tags: ['0', 'a'], n: 2 },
    ]);
    expect((await c.find({ tags: 'a' }).sort({ tags: 1, n: 1 }).toArray()).map((d) => d._id)).toEqual([2, 1]);
  });
});

describe('descending index walks', () => {
  it('stop at the limit instead of reading the whole range', async () => {
    const c = db().collection<AnyDoc>('desc');
    await c.createIndex({ k: 1, n: 1 });
    await c.insertMany(Array.from({ length: 2000 }, (_, i) => ({ k: i % 2, n: i })));
    const docs = await c.find({ k: 0, n: { $lt: 1000 } }).sort({ n: -1 }).limit(3).toArray();
    expect(docs.map((d) => d.n)).toEqual([998, 996, 994]);
    const plan = (await c.find({ k: 0, n: { $lt: 1000 } }).sort({ n: -1 }).limit(3).explain('executionStats')) as unknown as Stats;
    expect(plan.executionStats.totalKeysExamined).toBe(3);
    const points = await c.find({ k: 1, n: { $in: [1, 5, 3, 7] } }).sort({ n: -1 }).toArray();
    expect(points.map((d) => d.n)).toEqual([7, 5, 3, 1]);
    const open = await c.find({ k: 1, n: { $gt: 1990 } }).sort({ n: -1 }).toArray();
    expect(open.map((d) => d.n)).toEqual([1999, 1997, 1995, 1993, 1991]);
  });
});

describe('batch inserts', () => {
  it('keep every index consistent across large batches with errors in them', async () => {
    const c = db().collection<AnyDoc>('bulk');
    await c.createIndex({ code: 1 }, { unique: true });
    await c.createIndex({ grams: 1, at: -1 });
    await c.createIndex({ county: 1, at: -1 });
    const doc = (i: number): AnyDoc => ({ code: `c${i}`, county: i % 7, at: new Date(i), grams: [`g${i % 13}`, `h${i % 5}`, 'common'], pad: 'x'.repeat(200) });
    await c.insertMany(Array.from({ length: 3000 }, (_, i) => doc(i)));
    // Unordered: a duplicate inside the batch and a parallel-array document fail alone.
    const batch = [doc(3000), doc(3001), doc(3000), { ...doc(3002), at: [new Date(1), new Date(2)] }, doc(3003)];
    const err = await c.insertMany(batch, { ordered: false }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(MongoBulkWriteError);
    expect([(err as MongoBulkWriteError).writeErrors].flat().map((e) => [e.index, e.code])).toEqual([[2, 11000], [3, 171]]);
    await c.insertOne(doc(3004));
    // Ordered: stops at the duplicate.
    await expect(c.insertMany([doc(3005), doc(0), doc(3006)])).rejects.toMatchObject({ code: 11000 });
    expect(await c.countDocuments()).toBe(3000 + 3 + 1 + 1);
    const byIndex = await c.find({ grams: 'g3' }).sort({ at: -1 }).toArray();
    const expected = Array.from({ length: 3006 }, (_, i) => i).filter((i) => i % 13 === 3 && i !== 3002).reverse();
    expect(byIndex.map((d) => d.code)).toEqual(expected.map((i) => `c${i}`));
    const county = await c.find({ county: 2 }).sort({ at: -1 }).limit(4).toArray();
    expect(county.map((d) => d.code)).toEqual(['c3005', 'c2998', 'c2991', 'c2984']);
    expect(await c.countDocuments({ grams: 'common' })).toBe(3005);
    // The failed parallel-array document left the sort field free of arrays.
    const plan = (await c.find({ grams: 'g3' }).sort({ at: -1 }).limit(2).explain('executionStats')) as unknown as Stats;
    expect(plan.executionStats.totalKeysExamined).toBe(2);
  });
});

describe('filters checked after an index lookup', () => {
  it('match scalar equalities against arrays, nulls and BSON number types as mingo does', async () => {
    const c = db().collection<AnyDoc>('prefilter');
    await c.createIndex({ k: 1 });
    await c.insertMany([
      { _id: 1, k: 1, v: 'x' },
      { _id: 2, k: 1, v: ['y', 'x'] },
      { _id: 3, k: 1, v: null },
      { _id: 4, k: 1 },
      { _id: 5, k: 1, v: [{ a: 1 }, 'z'] },
      { _id: 6, k: 1, v: 2, w: true },
      { _id: 7, k: 1, v: 2.0, w: [false, true] },
    ]);
    const ids = async (filter: AnyDoc): Promise<unknown[]> => (await c.find({ k: 1, ...filter }).sort({ _id: 1 }).toArray()).map((d) => d._id);
    expect(await ids({ v: 'x' })).toEqual([1, 2]);
    expect(await ids({ v: { $eq: 'z' } })).toEqual([5]);
    expect(await ids({ v: null })).toEqual([3, 4]);
    expect(await ids({ v: 2 })).toEqual([6, 7]);
    expect(await ids({ w: true })).toEqual([6, 7]);
    expect(await ids({ $and: [{ v: 2 }, { w: false }] })).toEqual([7]);
  });

  it('match the same way on a scan, where equalities are checked on the stored bytes before decoding', async () => {
    const c = db().collection<AnyDoc>('rawscan');
    await c.insertMany([
      { _id: 1, v: '电焊工', n: 3 },
      { _id: 2, v: '电焊公', n: 3.5 },
      { _id: 3, v: ['电焊工'], n: Long.fromString('3') },
      { _id: 4, v: '电焊', n: Decimal128.fromString('4') },
      { _id: 5, v: null, n: '3', ok: false },
      { _id: 6, n: [1, 3], ok: true },
      { _id: 7, v: { x: '电焊工' }, n: -0, ok: 1 },
    ]);
    const ids = async (filter: AnyDoc): Promise<unknown[]> => (await c.find(filter).sort({ _id: 1 }).toArray()).map((d) => d._id);
    expect(await ids({ v: '电焊工' })).toEqual([1, 3]);
    expect(await ids({ n: 3 })).toEqual([1, 3, 6]);
    expect(await ids({ n: 0 })).toEqual([7]);
    expect(await ids({ n: '3' })).toEqual([5]);
    expect(await ids({ ok: true })).toEqual([6]);
    expect(await ids({ ok: false, v: null })).toEqual([5]);
    expect(await c.countDocuments({ v: '电焊工', n: 3 })).toBe(2);
  });

  it('match a string against stored arrays on their bytes as mongod does (own elements only, not nested arrays or subdocuments)', async () => {
    const c = db().collection<AnyDoc>('rawarrays');
    await c.insertMany([
      { _id: 1, g: ['电焊', '焊工', '熟练'] },
      { _id: 2, g: ['电焊工', '焊'] },
      { _id: 3, g: [['电焊'], '工'] },
      { _id: 4, g: [{ x: '电焊' }, 7, '电焊'] },
      { _id: 5, g: [] },
      { _id: 6, g: [1, 2, { y: 'z' }] },
      { _id: 7, g: ['', 'a'] },
    ]);
    const ids = async (filter: AnyDoc): Promise<unknown[]> => (await c.find(filter).sort({ _id: 1 }).toArray()).map((d) => d._id);
    expect(await ids({ g: '电焊' })).toEqual([1, 4]);
    expect(await ids({ $and: [{ g: '电焊' }, { g: '熟练' }] })).toEqual([1]);
    expect(await ids({ g: '焊' })).toEqual([2]);
    expect(await ids({ g: '' })).toEqual([7]);
    expect(await ids({ g: 7 })).toEqual([4]);
    expect(await ids({ g: 'z' })).toEqual([]);
  });

  it('find a field stored after values of every BSON type (the stored bytes are walked element by element)', async () => {
    const c = db().collection<AnyDoc>('rawtypes');
    const every = {
      d: 1.5,
      s: 'text',
      o: { a: 1 },
      a: [1, 'x'],
      bin: new Binary(Buffer.from([1, 2, 3])),
      id: new ObjectId(),
      b: true,
      at: new Date(0),
      nil: null,
      re: /ab+c/i,
      code: new Code('return 1'),
      i: 7,
      ts: new Timestamp({ t: 1, i: 2 }),
      l: Long.fromNumber(9),
      dec: Decimal128.fromString('1.10'),
      min: new MinKey(),
      max: new MaxKey(),
    };
    await c.insertMany([
      { _id: 1, ...every, v: 'yes' },
      { _id: 2, ...every, v: 'no' },
    ]);
    expect((await c.find({ v: 'yes' }).toArray()).map((d) => d._id)).toEqual([1]);
    expect((await c.find({ v: 'yes', i: 7, b: true }).toArray()).map((d) => d._id)).toEqual([1]);
    expect(await c.countDocuments({ v: 'no', s: 'text' })).toBe(1);
  });
});

describe('finds that decode only what they need', () => {
  it('when a find projects a few fields but filters and sorts on others (index-enforced or not), then it answers as mongod', async () => {
    const c = db().collection<AnyDoc>('projected');
    await c.createIndex({ kind: 1, at: -1 });
    await c.insertMany(Array.from({ length: 300 }, (_, i) => ({ kind: i % 3 === 0 ? 'a' : 'b', at: new Date(i), n: i, tags: [`t${i % 5}`], big: 'x'.repeat(200), nested: { v: i } })));
    const docs = await c
      .find({ kind: 'a', n: { $gte: 30 }, tags: 't0', 'nested.v': { $lt: 200 } }, { projection: { n: 1 } })
      .sort({ at: -1 })
      .limit(4)
      .toArray();
    // kind a: n % 3 == 0; t0: n % 5 == 0 → multiples of 15 in [30, 200), newest first.
    expect(docs).toEqual([195, 180, 165, 150].map((n) => ({ _id: expect.anything(), n })));
    const noId = await c.find({ kind: 'b', n: { $lt: 5 } }, { projection: { _id: 0, tags: 1 } }).sort({ n: 1 }).toArray();
    expect(noId).toEqual([{ tags: ['t1'] }, { tags: ['t2'] }, { tags: ['t4'] }]);
    // An exclusion projection still gets every other field.
    const excluded = await c.find({ kind: 'a', n: 0 }, { projection: { big: 0 } }).toArray();
    expect(excluded).toEqual([{ _id: expect.anything(), kind: 'a', at: new Date(0), n: 0, tags: ['t0'], nested: { v: 0 } }]);
  });

  it('when an update uses the positional operator on a filter the index enforces, then the matched element is updated', async () => {
    const c = db().collection<AnyDoc>('positional');
    await c.createIndex({ owner: 1 });
    await c.insertMany([
      { owner: 'x', items: [{ k: 1, v: 0 }, { k: 2, v: 0 }] },
      { owner: 'y', items: [{ k: 2, v: 0 }] },
    ]);
    await c.updateOne({ owner: 'x', 'items.k': 2 }, { $set: { 'items.$.v': 9 } });
    expect((await c.findOne({ owner: 'x' }, { projection: { _id: 0, items: 1 } }))?.items).toEqual([{ k: 1, v: 0 }, { k: 2, v: 9 }]);
    expect((await c.findOne({ owner: 'y' }, { projection: { _id: 0, items: 1 } }))?.items).toEqual([{ k: 2, v: 0 }]);
  });
});

describe('the plan cache', () => {
  interface Explained {
    queryPlanner: { planCacheKey?: string; winningPlan: { inputStage?: { indexName?: string } }; rejectedPlans: { inputStage: { indexName: string } }[] };
  }
  // a: 999 on the first 5,000 (where b is 998, or 7 on five of them), a few of each small value on the rest (where b is 999).
  const seed = async (name: string): Promise<void> => {
    const c = db().collection<AnyDoc>(name);
    await c.createIndex({ a: 1, t: -1 });
    await c.createIndex({ b: 1, t: -1 });
    await c.insertMany(Array.from({ length: 6000 }, (_, i) => ({ a: i < 5000 ? 999 : i % 50, b: i < 5000 ? (i % 1000 === 7 ? 7 : 998) : 999, t: i })));
  };
  const delta = (before: ReturnType<typeof planCacheCounters>) => {
    const now = planCacheCounters();
    return { hits: now.hits - before.hits, misses: now.misses - before.misses, evictions: now.evictions - before.evictions };
  };

  it('when a find has several candidate indexes, then they race once, the winner is cached for the shape and later finds of that shape with other values reuse it', async () => {
    await seed('cache1');
    const c = db().collection<AnyDoc>('cache1');
    const start = planCacheCounters();
    const first = await c.find({ a: 7, b: 999 }).sort({ t: -1 }).limit(3).toArray();
    expect(first.map((d) => d.t)).toEqual([5957, 5907, 5857]);
    expect(delta(start)).toMatchObject({ misses: 1, hits: 0 });
    const again = await c.find({ a: 8, b: 999 }).sort({ t: -1 }).limit(3).toArray();
    expect(again.map((d) => d.t)).toEqual([5958, 5908, 5858]);
    expect(delta(start)).toMatchObject({ misses: 1, hits: 1 });
    // explain races the candidates afresh and shows the loser; both value sets have one cache key.
    const e1 = (await c.find({ a: 7, b: 999 }).sort({ t: -1 }).limit(3).explain('executionStats')) as unknown as Explained;
    const e2 = (await c.find({ a: 1, b: 2 }).sort({ t: -1 }).limit(3).explain('executionStats')) as unknown as Explained;
    expect(e1.queryPlanner.winningPlan.inputStage?.indexName).toBe('a_1_t_-1');
    expect(e1.queryPlanner.rejectedPlans.map((p) => p.inputStage.indexName)).toEqual(['b_1_t_-1']);
    expect(e1.queryPlanner.planCacheKey).toBe(e2.queryPlanner.planCacheKey);
    const e3 = (await c.find({ a: 7 }).sort({ t: -1 }).limit(3).explain('executionStats')) as unknown as Explained;
    expect(e3.queryPlanner.planCacheKey).toBeUndefined();
  });

  it('when the cached plan examines far more records than its trial did, then it is dropped and the next find of the shape races again', async () => {
    await seed('cache2');
    const c = db().collection<AnyDoc>('cache2');
    const start = planCacheCounters();
    await c.find({ a: 7, b: 999 }).sort({ t: -1 }).limit(3).toArray(); // caches a_1 (a few works)
    // Same shape, values for which a is common and b rare: the cached a_1 plan reads thousands.
    const bad = await c.find({ a: 999, b: 7 }).sort({ t: -1 }).limit(3).toArray();
    expect(bad.map((d) => d.t)).toEqual([4007, 3007, 2007]);
    expect(delta(start)).toMatchObject({ misses: 1, hits: 1, evictions: 1 });
    await c.find({ a: 999, b: 7 }).sort({ t: -1 }).limit(3).toArray();
    expect(delta(start)).toMatchObject({ misses: 2, hits: 1 });
    // Re-planned for these values: b_1 now; the next such find is a hit that stays cached.
    await c.find({ a: 999, b: 8 }).sort({ t: -1 }).limit(3).toArray();
    expect(delta(start)).toMatchObject({ misses: 2, hits: 2, evictions: 1 });
  });

  it('when an index is created or dropped, or planCacheClear runs, then the cached plans of the collection are forgotten', async () => {
    await seed('cache3');
    const c = db().collection<AnyDoc>('cache3');
    const start = planCacheCounters();
    await c.find({ a: 7, b: 999 }).sort({ t: -1 }).limit(3).toArray();
    await c.createIndex({ t: 1 });
    await c.find({ a: 7, b: 999 }).sort({ t: -1 }).limit(3).toArray();
    expect(delta(start)).toMatchObject({ misses: 2, hits: 0 });
    await c.dropIndex('t_1');
    await c.find({ a: 7, b: 999 }).sort({ t: -1 }).limit(3).toArray();
    expect(delta(start)).toMatchObject({ misses: 3, hits: 0 });
    await c.find({ a: 7, b: 999 }).sort({ t: -1 }).limit(3).toArray();
    expect(delta(start)).toMatchObject({ misses: 3, hits: 1 });
    await db().command({ planCacheClear: 'cache3' });
    await c.find({ a: 7, b: 999 }).sort({ t: -1 }).limit(3).toArray();
    expect(delta(start)).toMatchObject({ misses: 4, hits: 1 });
  });

  it('when several equalities on one array field are required, then each may bound the scan and the one with the fewest entries wins', async () => {
    const c = db().collection<AnyDoc>('grams');
    await c.createIndex({ g: 1, t: -1 });
    await c.createIndex({ k: 1, t: -1 });
    await c.insertMany(Array.from({ length: 3000 }, (_, i) => ({ g: i % 300 === 0 ? ['common', 'rare'] : ['common'], k: i % 2, t: i })));
    const e = (await c.find({ $and: [{ g: 'common' }, { g: 'rare' }], k: 0 }).sort({ t: -1 }).limit(2).explain('executionStats')) as unknown as Explained & { executionStats: { totalDocsExamined: number } };
    expect(e.queryPlanner.winningPlan.inputStage?.indexName).toBe('g_1_t_-1');
    expect(e.executionStats.totalDocsExamined).toBe(2);
    expect((await c.find({ $and: [{ g: 'common' }, { g: 'rare' }], k: 0 }).sort({ t: -1 }).limit(2).toArray()).map((d) => d.t)).toEqual([2700, 2400]);
  });
});

describe('the trial of candidate plans', () => {
  it('when the best candidate comes last after ranges that match rarely, then the candidates run side by side and none works much more than the winner', async () => {
    const c = db().collection<AnyDoc>('race');
    await c.createIndex({ a: 1, t: -1 });
    await c.createIndex({ b: 1, t: -1 });
    await c.createIndex({ c: 1, t: -1 });
    // a = 1 and b = 1 on almost every row; c = 1 on five, where a and b are 1 too.
    await c.insertMany(Array.from({ length: 12_000 }, (_, i) => ({ a: 1, b: i % 997 === 0 ? 2 : 1, c: i % 2400 === 5 ? 1 : 0, t: i })));
    const filter = { a: 1, b: 1, c: 1 };
    const found = await c.find(filter).sort({ t: -1 }).limit(3).toArray();
    expect(found.map((d) => d.t)).toEqual([9605, 7205, 4805]);
    const e = (await c.find(filter).sort({ t: -1 }).limit(3).explain('executionStats')) as unknown as {
      queryPlanner: { winningPlan: { inputStage?: { indexName?: string } }; rejectedPlans: { trialWorks: number; inputStage: { indexName?: string } }[] };
    };
    expect(e.queryPlanner.winningPlan.inputStage?.indexName).toBe('c_1_t_-1');
    // The c range gives its 3 matches in about 3 records; run one after another, a and b would each read ~7,000.
    const works = e.queryPlanner.rejectedPlans.map((p) => p.trialWorks);
    expect(works.length).toBeGreaterThanOrEqual(2);
    for (const w of works) expect(w).toBeLessThanOrEqual(4);
  });
});

describe('partial indexes', () => {
  // mongod plans a partial index only for a query whose matches the index all holds (manual: "Partial Indexes",
  // query coverage): `{workerId, status: 'open'}` may use `{workerId: 1}` partial on `{status: 'open'}`, `{workerId}` may not.
  const seed = async () => {
    const c = db().collection<AnyDoc>('partial');
    await c.createIndex({ w: 1 }, { unique: true, partialFilterExpression: { status: 'open' } });
    await c.createIndex({ u: 1 }, { partialFilterExpression: { u: { $type: 'string' } } });
    await c.insertMany(Array.from({ length: 3000 }, (_, i) => ({ _id: i, w: i % 1500, status: i < 1500 ? 'open' : 'done', u: i % 2 ? `u${i}` : i })));
    return c;
  };

  it('when the filter pins the partial condition, then the partial index answers it; otherwise the collection is scanned and every match found', async () => {
    const c = await seed();
    const served = (await c.find({ w: 42, status: 'open' }).explain('executionStats')) as unknown as Stats;
    expect(served.queryPlanner.winningPlan.inputStage).toMatchObject({ stage: 'IXSCAN' });
    expect(served.executionStats.totalDocsExamined).toBe(1);
    expect((await c.find({ w: 42, status: 'open' }).toArray()).map((d) => d._id)).toEqual([42]);

    // Not implied: the index lacks the `done` twin, so it must not be used.
    expect((await c.find({ w: 42 }).sort({ _id: 1 }).toArray()).map((d) => d._id)).toEqual([42, 1542]);
    expect((await c.find({ w: 42, status: 'done' }).toArray()).map((d) => d._id)).toEqual([1542]);
    const scanned = (await c.find({ w: 42 }).explain('executionStats')) as unknown as Stats;
    expect(scanned.queryPlanner.winningPlan.stage).toBe('COLLSCAN');

    // A pinned value satisfying the expression ($type string) is served; a number is not.
    const byString = (await c.find({ u: 'u7' }).explain('executionStats')) as unknown as Stats;
    expect(byString.executionStats.totalDocsExamined).toBe(1);
    expect((await c.find({ u: 8 }).toArray()).map((d) => d._id)).toEqual([8]);
  });

  it('when one shape is served by a partial index for some values and not others, then the plan cache keeps them apart', async () => {
    const c = db().collection<AnyDoc>('partialcache');
    await c.createIndex({ w: 1, status: 1 }, { partialFilterExpression: { status: 'open' } });
    await c.createIndex({ k: 1 });
    await c.insertMany(Array.from({ length: 2000 }, (_, i) => ({ _id: i, w: i % 10, k: i % 3, status: i % 2 ? 'open' : 'done' })));
    const all = Array.from({ length: 2000 }, (_, i) => ({ _id: i, w: i % 10, k: i % 3, status: i % 2 ? 'open' : 'done' }));
    const ids = (w: number, k: number, status: string) => all.filter((d) => d.w === w && d.k === k && d.status === status).map((d) => d._id);
    for (let round = 0; round < 3; round++) {
      // Same shape each time: the open query may take the partial index, the done one must not reuse that plan.
      expect((await c.find({ w: 3, k: 0, status: 'open' }).sort({ _id: 1 }).toArray()).map((d) => d._id)).toEqual(ids(3, 0, 'open'));
      expect((await c.find({ w: 4, k: 1, status: 'done' }).sort({ _id: 1 }).toArray()).map((d) => d._id)).toEqual(ids(4, 1, 'done'));
    }
    expect(ids(4, 1, 'done').length).toBeGreaterThan(0);
  });
});
