import { coveredGroupCounters } from '../covered-group';
import { useEngine, type AnyDoc } from './helpers';

const engine = useEngine();
const db = () => engine.client().db('covered');

const docs: AnyDoc[] = [
  { c: 'A', s: 'on', v: 'v1', d: '2022-01-05', kg: ['poor'] },
  { c: 'A', s: 'on', v: 'v1', d: '2022-07-01', kg: ['poor', 'risk'] },
  { c: 'A', s: 'on', v: 'v2', kg: ['risk'] },
  { c: 'A', s: 'on', v: 'v2', d: null, kg: [] },
  { c: 'A', s: 'on', v: null, d: '2021-03-01' },
  { c: 'A', s: 'on', d: '2023-01-01', kg: ['other'] },
  { c: 'A', s: 'off', v: 'v1', d: '2022-02-02', kg: ['poor'] },
  { c: 'B', s: 'on', v: 'v3', d: '2022-02-02', kg: ['poor'] },
];

const sorted = (rows: AnyDoc[]) => rows.map((r) => JSON.stringify(r)).sort();

async function both(pipeline: AnyDoc[], hint: AnyDoc): Promise<{ indexed: AnyDoc[]; scanned: AnyDoc[] }> {
  const indexed = await db().collection<AnyDoc>('indexed').aggregate<AnyDoc>(pipeline, { hint }).toArray();
  const scanned = await db().collection<AnyDoc>('scanned').aggregate<AnyDoc>(pipeline).toArray();
  return { indexed, scanned };
}

describe('$group read off an index', () => {
  const index = { c: 1, s: 1, d: 1, v: 1 };
  const groupsIndex = { c: 1, s: 1, kg: 1, v: 1, d: 1 };
  beforeAll(async () => {
    await db().collection('indexed').createIndexes([{ key: index }, { key: groupsIndex }]);
    await db().collection<AnyDoc>('indexed').insertMany(docs.map((d) => ({ ...d })));
    await db().collection<AnyDoc>('scanned').insertMany(docs.map((d) => ({ ...d })));
  });

  it('answers $ifNull and comparison keys from the index with the same groups as a scan of the records', async () => {
    const before = coveredGroupCounters.answered;
    const pipeline = [
      { $match: { c: 'A', s: 'on' } },
      { $group: { _id: { v: { $ifNull: ['$v', null] }, late: { $gt: ['$d', '2022-06-30'] }, ny: { $gte: ['$d', '2022-01-01'] } }, n: { $sum: 1 }, twice: { $sum: 2 } } },
    ];
    const { indexed, scanned } = await both(pipeline, index);
    expect(sorted(indexed)).toEqual(sorted(scanned));
    expect(indexed.reduce((a, r) => a + (r.n as number), 0)).toBe(6);
    expect(coveredGroupCounters.answered).toBe(before + 1);
  });

  it('counts a record reached through two values of a multikey field once', async () => {
    const before = coveredGroupCounters.answered;
    const pipeline = [{ $match: { c: 'A', s: 'on', kg: { $in: ['poor', 'risk'] } } }, { $group: { _id: { $ifNull: ['$v', null] }, n: { $sum: 1 } } }];
    const { indexed, scanned } = await both(pipeline, groupsIndex);
    expect(sorted(indexed)).toEqual(sorted(scanned));
    expect(indexed).toEqual(expect.arrayContaining([{ _id: 'v1', n: 2 }, { _id: 'v2', n: 1 }]));
    expect(coveredGroupCounters.answered).toBe(before + 1);
  });

  it('falls back to the records where the index cannot tell null from missing, and for a range that is not exact', async () => {
    const before = coveredGroupCounters.answered;
    const plain = [{ $match: { c: 'A', s: 'on' } }, { $group: { _id: { v: '$v' }, n: { $sum: 1 } } }];
    const first = await both(plain, index);
    expect(sorted(first.indexed)).toEqual(sorted(first.scanned));
    expect(first.indexed).toEqual(expect.arrayContaining([{ _id: {}, n: 1 }]));
    const ranged = [{ $match: { c: 'A', s: 'on', d: { $gt: '2022-01-01' } } }, { $group: { _id: '$v', n: { $sum: 1 } } }];
    const second = await both(ranged, index);
    expect(sorted(second.indexed)).toEqual(sorted(second.scanned));
    expect(coveredGroupCounters.answered).toBe(before);
  });

  it('answers a two-sided range on the field after the equalities', async () => {
    const before = coveredGroupCounters.answered;
    const pipeline = [{ $match: { c: 'A', s: 'on', d: { $gte: '2022-01-01', $lte: '2022-12-31' } } }, { $group: { _id: { d: '$d', v: { $ifNull: ['$v', null] } }, n: { $sum: 1 } } }];
    const { indexed, scanned } = await both(pipeline, index);
    expect(sorted(indexed)).toEqual(sorted(scanned));
    expect(indexed).toHaveLength(2);
    expect(coveredGroupCounters.answered).toBe(before + 1);
  });
});
