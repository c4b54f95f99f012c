import { useEngine } from './helpers';

/**
 * Conformance with mongod 8.0 collation (manual: "Collation", "Collation Locales and Default Parameters"):
 * strength 1 compares base letters only, strength 2 also accents, 3 (the default) also case; a collection's
 * default collation applies to operations that name none, and `simple` asks for binary comparison.
 */
const engine = useEngine();
const db = () => engine.client().db('collation');
const names = [{ _id: 1, n: 'Café' }, { _id: 2, n: 'cafe' }, { _id: 3, n: 'CAFE' }, { _id: 4, n: 'other' }, { _id: 5, n: 'apple' }, { _id: 6, n: 'Banana' }];

describe('collation on queries', () => {
  beforeAll(async () => {
    await db().collection('names').insertMany(names as never);
  });
  const c = () => db().collection('names');
  const ids = (docs: { _id: unknown }[]) => docs.map((d) => d._id);

  it('strength 2 ignores case, strength 1 also accents; without collation comparison is binary', async () => {
    expect(await c().countDocuments({ n: 'cafe' })).toBe(1);
    expect(await c().countDocuments({ n: 'cafe' }, { collation: { locale: 'en', strength: 2 } })).toBe(2);
    expect(await c().countDocuments({ n: 'cafe' }, { collation: { locale: 'en', strength: 1 } })).toBe(3);
    expect(ids(await c().find({ n: { $in: ['CAFÉ', 'x'] } }, { collation: { locale: 'fr', strength: 2 } }).sort({ _id: 1 }).toArray())).toEqual([1]);
    expect(ids(await c().find({ n: { $ne: 'cafe' } }, { collation: { locale: 'en', strength: 1 } }).sort({ _id: 1 }).toArray())).toEqual([4, 5, 6]);
  });

  it('accepts ICU locales written with an underscore (en_US) and orders ranges and sorts by the collation', async () => {
    expect(await c().countDocuments({ n: 'CAFE' }, { collation: { locale: 'en_US', strength: 2 } })).toBe(2);
    // Binary order puts 'Banana' before 'apple'; the en collation does not.
    expect(ids(await c().find({ n: { $lt: 'b' } }, { collation: { locale: 'en_US', strength: 1 } }).toArray())).toEqual([5]);
    const sorted = await c().find({ _id: { $in: [5, 6] } }, { collation: { locale: 'en_US' } }).sort({ n: 1 }).toArray();
    expect(ids(sorted)).toEqual([5, 6]);
  });

  it('updates and deletes match under the given collation', async () => {
    const t = db().collection('upd');
    await t.insertMany([{ _id: 1, n: 'ABC' }, { _id: 2, n: 'xyz' }] as never);
    const u = await t.updateMany({ n: 'abc' }, { $set: { hit: true } }, { collation: { locale: 'en', strength: 2 } });
    expect(u.modifiedCount).toBe(1);
    const d = await t.deleteMany({ n: 'XYZ' }, { collation: { locale: 'en', strength: 2 } });
    expect(d.deletedCount).toBe(1);
  });
});

describe("a collection's default collation", () => {
  it('applies when an operation names none, and {locale: "simple"} overrides it', async () => {
    await db().createCollection('ci', { collation: { locale: 'en', strength: 2 } });
    const c = db().collection('ci');
    await c.insertMany([{ _id: 1, n: 'Abc' }, { _id: 2, n: 'abc' }, { _id: 3, n: 'b' }] as never);
    expect(await c.countDocuments({ n: 'ABC' })).toBe(2);
    expect((await c.find({ n: 'ABC' }).toArray()).length).toBe(2);
    expect((await c.aggregate([{ $match: { n: 'ABC' } }]).toArray()).length).toBe(2);
    expect(await c.countDocuments({ n: 'ABC' }, { collation: { locale: 'simple' } })).toBe(0);
    expect((await c.find({ n: 'ABC' }, { collation: { locale: 'simple' } }).toArray()).length).toBe(0);
    const [info] = await db().listCollections({ name: 'ci' }).toArray();
    expect((info as { options?: { collation?: { locale?: string } } }).options?.collation?.locale).toBe('en');
  });
});
