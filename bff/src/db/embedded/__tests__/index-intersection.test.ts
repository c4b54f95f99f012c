/**
 * Index intersection (AND_SORTED): when several equality-bound ranges all come in the sort's order,
 * the planner may join them by their sort key instead of walking one and reading the documents in
 * between. Checked against a brute-force answer over many filters, both sort directions, cursors
 * (a range on the sort field) and a multikey field, and through explain.
 */
import { ObjectId } from 'mongodb';
import { compareBson } from '../bson-order';
import { useEngine } from './helpers';

const engine = useEngine();
const coll = () => engine.client().db('intersect').collection<Row>('rows');

interface Row {
  _id: ObjectId;
  a: number;
  b: string;
  tags: string[];
  flag: boolean;
  s: string;
  at: Date;
  n: number;
}

let rows: Row[] = [];
const N = 6000;

/** Deterministic pseudo-random numbers (the data and the filters are the same on every run). */
function rng(seed: number): () => number {
  let x = seed;
  return () => {
    x = (x * 1103515245 + 12345) % 2147483648;
    return x / 2147483648;
  };
}

beforeAll(async () => {
  const r = rng(3);
  const c = coll();
  await c.createIndex({ a: 1, s: 1, at: -1, _id: -1 });
  await c.createIndex({ b: 1, s: 1, at: -1, _id: -1 });
  await c.createIndex({ tags: 1, s: 1, at: -1, _id: -1 });
  await c.createIndex({ flag: 1, s: 1, at: -1, _id: -1 });
  await c.createIndex({ s: 1, at: -1, _id: -1 });
  rows = Array.from({ length: N }, (_, i) => {
    const tags = [...new Set(Array.from({ length: 1 + Math.floor(r() * 4) }, () => `t${Math.floor(r() * 12)}`))];
    // Few distinct times, so the _id decides many ties.
    return { _id: new ObjectId(), a: Math.floor(r() * 8), b: `b${Math.floor(r() * 6)}`, tags, flag: r() < 0.07, s: r() < 0.9 ? 'open' : 'closed', at: new Date(Date.UTC(2026, 0, 1) + Math.floor(r() * 900) * 60_000), n: i };
  });
  await c.insertMany(rows);
  // Changes after the bulk load: updates move records between ranges, deletes leave gaps.
  for (let i = 0; i < 300; i++) {
    const row = rows[Math.floor(r() * rows.length)] as Row;
    row.a = Math.floor(r() * 8);
    row.flag = !row.flag;
    await c.updateOne({ _id: row._id }, { $set: { a: row.a, flag: row.flag } });
  }
  const gone = new Set(rows.filter((_, i) => i % 37 === 0).map((x) => x._id.toHexString()));
  await c.deleteMany({ _id: { $in: rows.filter((x) => gone.has(x._id.toHexString())).map((x) => x._id) } });
  rows = rows.filter((x) => !gone.has(x._id.toHexString()));
}, 60_000);

type Filter = Record<string, unknown>;

function matches(row: Row, f: { a?: number; b?: string; tags: string[]; flag?: boolean; before?: Row }): boolean {
  if (row.s !== 'open') return false;
  if (f.a !== undefined && row.a !== f.a) return false;
  if (f.b !== undefined && row.b !== f.b) return false;
  if (f.flag !== undefined && row.flag !== f.flag) return false;
  if (!f.tags.every((t) => row.tags.includes(t))) return false;
  return true;
}

/** -1: newest first (the index order), 1: oldest first (the index walked backwards). */
function bySort(dir: 1 | -1) {
  return (x: Row, y: Row): number => {
    const t = x.at.getTime() - y.at.getTime();
    if (t !== 0) return t * dir;
    return x._id.toHexString() < y._id.toHexString() ? -dir : x._id.toHexString() > y._id.toHexString() ? dir : 0;
  };
}

describe('index intersection', () => {
  it('when filters bind several ranges in sort order, then every find answers exactly what a brute force finds, in order, in both directions and from a cursor', async () => {
    const r = rng(11);
    let intersected = 0;
    for (let q = 0; q < 400; q++) {
      const f: { a?: number; b?: string; tags: string[]; flag?: boolean } = { tags: [] };
      if (r() < 0.7) f.a = Math.floor(r() * 8);
      if (r() < 0.6) f.b = `b${Math.floor(r() * 6)}`;
      if (r() < 0.6) f.tags.push(`t${Math.floor(r() * 12)}`);
      if (r() < 0.3) f.tags.push(`t${Math.floor(r() * 12)}`);
      if (r() < 0.4) f.flag = r() < 0.5;
      const dir: 1 | -1 = r() < 0.5 ? -1 : 1;
      const limit = 1 + Math.floor(r() * 40);
      const expected = rows.filter((x) => matches(x, f)).sort(bySort(dir));
      const filter: Filter = { s: 'open' };
      const and: Filter[] = f.tags.map((t) => ({ tags: t }));
      if (f.a !== undefined) filter.a = f.a;
      if (f.b !== undefined) filter.b = f.b;
      if (f.flag !== undefined) filter.flag = f.flag;
      // Half the queries start after a cursor, as the next page of a list does.
      const cursor = r() < 0.5 && expected.length > 2 ? expected[Math.floor(r() * expected.length)] : undefined;
      let want = expected;
      if (cursor) {
        const at = cursor.at;
        if (dir === -1) {
          and.push({ at: { $lte: at } }, { $or: [{ at: { $lt: at } }, { at, _id: { $lt: cursor._id } }] });
        } else {
          and.push({ at: { $gte: at } }, { $or: [{ at: { $gt: at } }, { at, _id: { $gt: cursor._id } }] });
        }
        want = expected.slice(expected.indexOf(cursor) + 1);
      }
      if (and.length > 0) filter.$and = and;
      const sort = { at: dir, _id: dir } as const;
      const got = await coll().find(filter).sort(sort).limit(limit).toArray();
      expect(got.map((x) => x.n)).toEqual(want.slice(0, limit).map((x) => x.n));
      const plan = (await coll().find(filter).sort(sort).limit(limit).explain('executionStats')) as unknown as { queryPlanner: { winningPlan: { inputStage?: { stage: string } } } };
      if (plan.queryPlanner.winningPlan.inputStage?.stage === 'AND_SORTED') intersected++;
    }
    // The intersection did answer a good part of them (it is not a dead path).
    expect(intersected).toBeGreaterThan(50);
  });

  it('when two conditions are each common but rare together, then the intersection reads about as many documents as it returns', async () => {
    // flag: ~7% of rows; a = 3: 1/8; b = 'b2': 1/6; together a handful.
    const filter = { s: 'open', a: 3, b: 'b2', flag: true };
    const want = rows.filter((x) => matches(x, { a: 3, b: 'b2', flag: true, tags: [] })).sort(bySort(-1));
    expect(want.length).toBeGreaterThan(0);
    const plan = (await coll().find(filter).sort({ at: -1, _id: -1 }).limit(20).explain('executionStats')) as unknown as {
      queryPlanner: { winningPlan: { stage: string; inputStage: { stage: string; inputStages?: { indexName: string }[] } } };
      executionStats: { totalDocsExamined: number; nReturned: number };
    };
    expect(plan.queryPlanner.winningPlan.inputStage.stage).toBe('AND_SORTED');
    expect(plan.queryPlanner.winningPlan.inputStage.inputStages?.map((s) => s.indexName).sort()).toEqual(['a_1_s_1_at_-1__id_-1', 'b_1_s_1_at_-1__id_-1', 'flag_1_s_1_at_-1__id_-1']);
    expect(plan.executionStats.nReturned).toBe(Math.min(20, want.length));
    expect(plan.executionStats.totalDocsExamined).toBe(plan.executionStats.nReturned);
    // The winner is cached for the shape and serves other values the same way.
    const other = rows.filter((x) => matches(x, { a: 5, b: 'b4', flag: true, tags: [] })).sort(bySort(-1));
    const got = await coll().find({ s: 'open', a: 5, b: 'b4', flag: true }).sort({ at: -1, _id: -1 }).limit(20).toArray();
    expect(got.map((x) => x.n)).toEqual(other.slice(0, 20).map((x) => x.n));
  });

  it('when one range holds every condition another does, then only the larger is used, and a sort not ending in _id is never intersected', async () => {
    const plan = (await coll().find({ s: 'open', a: 2 }).sort({ at: -1, _id: -1 }).limit(5).explain('executionStats')) as unknown as { queryPlanner: { winningPlan: { inputStage: { stage: string; indexName?: string } } } };
    expect(plan.queryPlanner.winningPlan.inputStage).toMatchObject({ stage: 'IXSCAN', indexName: 'a_1_s_1_at_-1__id_-1' });
    const noTie = (await coll().find({ s: 'open', a: 2, b: 'b1' }).sort({ at: -1 }).limit(5).explain('executionStats')) as unknown as { queryPlanner: { winningPlan: { inputStage?: { stage: string } } } };
    expect(noTie.queryPlanner.winningPlan.inputStage?.stage).not.toBe('AND_SORTED');
  });
});

describe('index intersection over a sort field of mixed types, with writes between finds', () => {
  interface MixedRow {
    _id: ObjectId;
    a: number;
    b: string;
    at: unknown;
    n: number;
  }
  const mixed = () => engine.client().db('intersect').collection<MixedRow>('mixed');
  const r = rng(17);
  let n = 0;
  /** Mostly Dates with ties, some numbers, strings and nulls (other BSON types, ordered before Dates). */
  const someAt = (): unknown => {
    const k = r();
    if (k < 0.08) return null;
    if (k < 0.16) return Math.floor(r() * 50);
    if (k < 0.2) return `s${Math.floor(r() * 5)}`;
    return new Date(Date.UTC(2026, 0, 1) + Math.floor(r() * 300) * 60_000);
  };
  const someRow = (): MixedRow => ({ _id: new ObjectId(), a: Math.floor(r() * 5), b: `b${Math.floor(r() * 4)}`, at: someAt(), n: n++ });

  it('when finds and inserts, updates and deletes alternate, then every intersected find answers what a brute force finds, in BSON order', async () => {
    const c = mixed();
    await c.createIndex({ a: 1, at: -1, _id: -1 });
    await c.createIndex({ b: 1, at: -1, _id: -1 });
    let held = Array.from({ length: 4000 }, someRow);
    await c.insertMany(held);
    const bySortMixed = (dir: 1 | -1) => (x: MixedRow, y: MixedRow): number => (compareBson(x.at, y.at) || compareBson(x._id, y._id)) * dir;
    let intersected = 0;
    for (let q = 0; q < 150; q++) {
      // Writes land in the chunks the finds read (their packed sort values must follow).
      const fresh = Array.from({ length: 1 + Math.floor(r() * 30) }, someRow);
      await c.insertMany(fresh);
      held.push(...fresh);
      for (let i = 0; i < 5; i++) {
        const row = held[Math.floor(r() * held.length)] as MixedRow;
        row.at = someAt();
        row.a = Math.floor(r() * 5);
        await c.updateOne({ _id: row._id }, { $set: { at: row.at, a: row.a } });
      }
      const gone = held.filter(() => r() < 0.004).map((x) => x._id);
      await c.deleteMany({ _id: { $in: gone } });
      held = held.filter((x) => !gone.some((g) => g.equals(x._id)));

      const a = Math.floor(r() * 5);
      const b = `b${Math.floor(r() * 4)}`;
      const dir: 1 | -1 = r() < 0.5 ? -1 : 1;
      const limit = 1 + Math.floor(r() * 60);
      const want = held.filter((x) => x.a === a && x.b === b).sort(bySortMixed(dir)).slice(0, limit);
      const sort = { at: dir, _id: dir } as const;
      const got = await c.find({ a, b }).sort(sort).limit(limit).toArray();
      expect(got.map((x) => x.n)).toEqual(want.map((x) => x.n));
      const plan = (await c.find({ a, b }).sort(sort).limit(limit).explain('executionStats')) as unknown as { queryPlanner: { winningPlan: { inputStage?: { stage: string } } } };
      if (plan.queryPlanner.winningPlan.inputStage?.stage === 'AND_SORTED') intersected++;
    }
    expect(intersected).toBeGreaterThan(30);
  }, 60_000);
});
