import { Decimal128, Long, ObjectId } from 'mongodb';
import { useEngine, type AnyDoc } from './helpers';

const engine = useEngine();
const db = () => engine.client().db('storage');

interface Stats {
  queryPlanner: { winningPlan: { stage: string; inputStage?: { stage: string; indexName?: string } } };
  executionStats: { totalDocsExamined: number; totalKeysExamined: number; nReturned: number };
}

const DAY = 86_400_000;
const payload = (i: number, round: number) => `${'记录'.repeat(20 + ((i * 7 + round * 13) % 400))}#${i}/${round}`;

describe('record storage', () => {
  it('keeps every document intact through many rewrites, growth, shrinking and deletes', async () => {
    const c = db().collection<AnyDoc>('rewrites');
    await c.createIndex({ group: 1 });
    const n = 800;
    await c.insertMany(Array.from({ length: n }, (_, i) => ({ _id: i, group: i % 5, text: payload(i, 0), round: 0 })));
    // Each round rewrites four records in five, so older pages keep a few live records that must move.
    const last = new Map<number, number>(Array.from({ length: n }, (_, i) => [i, 0]));
    for (let round = 1; round <= 6; round++) {
      const ids = Array.from({ length: n }, (_, i) => i).filter((i) => i % 5 !== round % 5);
      await c.bulkWrite(ids.map((i) => ({ updateOne: { filter: { _id: i }, update: { $set: { text: payload(i, round), round } } } })));
      for (const i of ids) last.set(i, round);
    }
    await c.deleteMany({ _id: { $mod: [3, 0] } as never });
    const docs = await c.find({}).sort({ _id: 1 }).toArray();
    const kept = Array.from({ length: n }, (_, i) => i).filter((i) => i % 3 !== 0);
    expect(docs.map((d) => d._id)).toEqual(kept);
    for (const d of docs) {
      const round = last.get(d._id as number) as number;
      expect(d).toEqual({ _id: d._id, group: (d._id as number) % 5, text: payload(d._id as number, round), round });
    }
    expect(await c.countDocuments({ group: 2 })).toBe(kept.filter((i) => i % 5 === 2).length);
    const stats = await db().command({ collStats: 'rewrites' });
    expect(stats.count).toBe(kept.length);
  }, 60_000);

  it('round-trips BSON types exactly through the stored form', async () => {
    const c = db().collection<AnyDoc>('types');
    const doc = {
      _id: new ObjectId(),
      big: Long.fromString('9007199254740993'),
      dec: Decimal128.fromString('12.50'),
      at: new Date(Date.UTC(2022, 5, 30, 16)),
      nested: { list: [1, 'two', null, { three: 3 }], empty: {} },
      nothing: null,
    };
    await c.insertOne(doc);
    const back = await c.findOne({ _id: doc._id });
    expect(back).toEqual(doc);
    expect(back?.big).toBeInstanceOf(Long);
  });

  it('returns a fresh document on each read, so a pipeline that changes its input leaves the stored one alone', async () => {
    const c = db().collection<AnyDoc>('fresh');
    await c.insertOne({ _id: 1, tags: ['a'], inner: { n: 1 } });
    await c.aggregate([{ $addFields: { 'inner.n': 2, tags: ['b'] } }]).toArray();
    expect(await c.findOne({ _id: 1 })).toEqual({ _id: 1, tags: ['a'], inner: { n: 1 } });
  });
});

describe('index postings', () => {
  it('keeps many records under one key correct through deletes, re-inserts and unique checks', async () => {
    const c = db().collection<AnyDoc>('postings');
    await c.createIndex({ status: 1 });
    await c.createIndex({ code: 1 }, { unique: true });
    await c.insertMany(Array.from({ length: 2500 }, (_, i) => ({ _id: i, status: i % 10 === 0 ? 'rare' : 'common', code: `c${i}` })));
    await c.deleteMany({ _id: { $lt: 1000 } });
    await c.insertMany(Array.from({ length: 300 }, (_, i) => ({ _id: 5000 + i, status: 'common', code: `c${i}` })));
    const common = await c.find({ status: 'common' }, { projection: { _id: 1 } }).toArray();
    const expected = [...Array.from({ length: 1500 }, (_, i) => 1000 + i).filter((i) => i % 10 !== 0), ...Array.from({ length: 300 }, (_, i) => 5000 + i)];
    expect(common.map((d) => d._id).sort((a, b) => (a as number) - (b as number))).toEqual(expected);
    expect(await c.countDocuments({ status: 'rare' })).toBe(150);
    await expect(c.insertOne({ _id: 9999, status: 'x', code: 'c1200' })).rejects.toMatchObject({ code: 11000, keyValue: { code: 'c1200' } });
    await c.updateMany({ status: 'rare' }, { $set: { status: 'common' } });
    expect(await c.countDocuments({ status: 'rare' })).toBe(0);
    expect(await c.countDocuments({ status: 'common' })).toBe(expected.length + 150);
  });
});

describe('counting and planning with indexes', () => {
  const start = Date.UTC(2022, 5, 1);
  const docs = Array.from({ length: 1200 }, (_, i) => ({
    _id: i,
    county: `15050${i % 4}`,
    createdAt: new Date(start - 400 * DAY + (i % 600) * DAY),
    updatedAt: new Date(start - 40 * DAY + (i % 80) * DAY),
    score: i % 7 === 0 ? Number.NaN : i % 50,
  }));
  const count = (pred: (d: (typeof docs)[number]) => boolean) => docs.filter(pred).length;

  beforeAll(async () => {
    const c = db().collection<AnyDoc>('registry');
    await c.createIndex({ county: 1, createdAt: 1 });
    await c.createIndex({ county: 1, updatedAt: 1 });
    await c.createIndex({ score: 1 });
    await c.insertMany(docs);
  });

  it('counts an equality and a date range from the index alone, agreeing with the documents', async () => {
    const c = db().collection<AnyDoc>('registry');
    const from = new Date(start);
    const to = new Date(start + 30 * DAY);
    const filter = { county: '150502', createdAt: { $gte: from, $lt: to } };
    const want = count((d) => d.county === '150502' && d.createdAt >= from && d.createdAt < to);
    expect(want).toBeGreaterThan(0);
    expect(await c.countDocuments(filter)).toBe(want);
    expect(await db().command({ count: 'registry', query: filter })).toMatchObject({ n: want });
    const plan = (await db().command({ explain: { count: 'registry', query: filter }, verbosity: 'executionStats' })) as unknown as Stats;
    expect(plan.queryPlanner.winningPlan.stage).toBe('COUNT');
    expect(plan.queryPlanner.winningPlan.inputStage?.stage).toBe('COUNT_SCAN');
    expect(plan.executionStats.totalDocsExamined).toBe(0);
  });

  it('counts with skip and limit, with $count, and yields no row when nothing matches', async () => {
    const c = db().collection<AnyDoc>('registry');
    const all = count((d) => d.county === '150501');
    expect(await c.countDocuments({ county: '150501' }, { skip: 10, limit: 50 })).toBe(Math.min(50, all - 10));
    expect(await c.aggregate([{ $match: { county: '150501' } }, { $count: 'n' }]).toArray()).toEqual([{ n: all }]);
    expect(await c.aggregate([{ $match: { county: 'none' } }, { $group: { _id: null, n: { $sum: 1 } } }]).toArray()).toEqual([]);
    expect(await c.aggregate([{ $match: { county: '150501' } }, { $group: { _id: 'x', n: { $sum: 2 } } }]).toArray()).toEqual([{ _id: 'x', n: 2 * all }]);
  });

  it('does not count NaN in a numeric range, nor array elements twice, once arrays appear', async () => {
    const c = db().collection<AnyDoc>('registry');
    expect(await c.countDocuments({ score: { $gte: 0, $lt: 10 } })).toBe(count((d) => d.score >= 0 && d.score < 10));
    await c.insertOne({ _id: 'arr', county: '150500', createdAt: [new Date(start), new Date(start + DAY)], score: [1, 2, 3] });
    expect(await c.countDocuments({ score: { $gte: 0, $lt: 10 } })).toBe(count((d) => d.score >= 0 && d.score < 10) + 1);
    expect(await c.countDocuments({ county: '150500', createdAt: { $gte: new Date(start), $lt: new Date(start + 2 * DAY) } })).toBe(
      count((d) => d.county === '150500' && d.createdAt.getTime() >= start && d.createdAt.getTime() < start + 2 * DAY) + 1,
    );
    await c.deleteOne({ _id: 'arr' });
  });

  it('between equally shaped indexes, scans the one with fewer entries in range', async () => {
    const c = db().collection<AnyDoc>('registry');
    const from = new Date(start);
    const to = new Date(start + 30 * DAY);
    const filter = { county: '150503', updatedAt: { $gte: from, $lt: to }, createdAt: { $lt: from } };
    const docsOut = await c.find(filter).toArray();
    expect(docsOut.length).toBe(count((d) => d.county === '150503' && d.updatedAt >= from && d.updatedAt < to && d.createdAt < from));
    const plan = (await c.find(filter).explain('executionStats')) as unknown as Stats;
    expect(plan.queryPlanner.winningPlan.inputStage?.indexName).toBe('county_1_updatedAt_1');
    expect(plan.executionStats.totalDocsExamined).toBe(count((d) => d.county === '150503' && d.updatedAt >= from && d.updatedAt < to));
  });
});

describe('aggregation reading only the fields it needs', () => {
  const people = Array.from({ length: 300 }, (_, i) => ({
    _id: i,
    county: `c${i % 3}`,
    job: i % 4 === 0 ? null : { start: `2022-0${1 + (i % 6)}-15`, org: i % 5 === 0, where: { code: i % 2 ? '310115' : '150502' } },
    tags: i % 2 ? ['a', 'b'] : [],
    note: `备注${i}`,
  }));

  beforeAll(async () => {
    const c = db().collection<AnyDoc>('people');
    await c.createIndex({ county: 1 });
    await c.insertMany(people);
  });

  it('groups on nested fields, with $or filters, $addFields and $project feeding the group', async () => {
    const c = db().collection<AnyDoc>('people');
    const rows = await c
      .aggregate([
        { $match: { county: 'c1', $or: [{ 'job.org': true }, { 'job.where.code': '310115' }] } },
        { $addFields: { month: { $substrCP: ['$job.start', 0, 7] } } },
        { $group: { _id: '$month', n: { $sum: 1 }, tags: { $sum: { $size: '$tags' } } } },
        { $sort: { _id: 1 } },
      ])
      .toArray();
    const picked = people.filter((p) => p.county === 'c1' && p.job && (p.job.org || p.job.where.code === '310115'));
    const months = [...new Set(picked.map((p) => (p.job as { start: string }).start.slice(0, 7)))].sort();
    expect(rows).toEqual(months.map((m) => {
      const inMonth = picked.filter((p) => (p.job as { start: string }).start.startsWith(m));
      return { _id: m, n: inMonth.length, tags: inMonth.reduce((a, p) => a + p.tags.length, 0) };
    }));
    const projected = await c.aggregate([{ $match: { county: 'c2' } }, { $project: { _id: 0, note: 1, code: '$job.where.code' } }]).toArray();
    expect(projected).toEqual(people.filter((p) => p.county === 'c2').map((p) => (p.job ? { note: p.note, code: p.job.where.code } : { note: p.note })));
  });

  it('still hands whole documents to stages that read them whole', async () => {
    const c = db().collection<AnyDoc>('people');
    const rows = await c.aggregate([{ $match: { county: 'c0' } }, { $group: { _id: '$county', all: { $push: '$$ROOT' } } }]).toArray();
    expect(rows).toEqual([{ _id: 'c0', all: people.filter((p) => p.county === 'c0') }]);
    const docs = await c.aggregate([{ $match: { county: 'c1' } }, { $addFields: { x: 1 } }]).toArray();
    expect(docs).toEqual(people.filter((p) => p.county === 'c1').map((p) => ({ ...p, x: 1 })));
    const viaGet = await c.aggregate([{ $match: { county: 'c2' } }, { $group: { _id: null, notes: { $addToSet: { $getField: 'note' } } } }]).toArray();
    expect((viaGet[0]?.notes as string[]).sort()).toEqual(people.filter((p) => p.county === 'c2').map((p) => p.note).sort());
  });
});

describe('conditions the index enforces', () => {
  it('are not evaluated again, while the rest of the filter still is, even on the indexed field', async () => {
    const c = db().collection<AnyDoc>('residual');
    await c.createIndex({ a: 1, b: 1 });
    await c.insertMany([
      { _id: 1, a: 5, b: 1, s: 'x' },
      { _id: 2, a: 5, b: 7, s: 'x' },
      { _id: 3, a: 2, b: 1, s: 'y' },
      { _id: 4, a: [5, 1], b: 1, s: 'y' },
      { _id: 5, a: 5, b: 2, s: 'y' },
    ]);
    const ids = async (match: AnyDoc): Promise<number[]> => {
      const rows = await c.aggregate([{ $match: match }, { $group: { _id: null, ids: { $push: '$_id' } } }]).toArray();
      return ((rows[0]?.ids as number[] | undefined) ?? []).sort((x, y) => x - y);
    };
    expect(await ids({ $and: [{ a: 5 }, { a: { $lt: 3 } }] })).toEqual([4]);
    expect(await ids({ a: 5, b: { $gte: 1, $lt: 5 } })).toEqual([1, 4, 5]);
    expect(await ids({ a: 5, b: { $gte: 1, $lt: 5 }, s: 'y' })).toEqual([4, 5]);
    expect(await ids({ $and: [{ a: 5, s: 'x' }, { b: { $gt: 1, $lte: 7 } }] })).toEqual([2]);
    const session = engine.client().startSession();
    try {
      await session.withTransaction(async () => {
        await c.updateOne({ _id: 3 }, { $set: { a: 5 } }, { session });
        const rows = await c.aggregate([{ $match: { a: 5, b: 1 } }, { $group: { _id: null, n: { $sum: 1 }, s: { $addToSet: '$s' } } }], { session }).toArray();
        expect(rows).toEqual([{ _id: null, n: 3, s: expect.arrayContaining(['x', 'y']) as unknown }]);
      });
    } finally {
      await session.endSession();
    }
  });
});
