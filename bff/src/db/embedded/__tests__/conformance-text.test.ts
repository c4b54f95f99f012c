/**
 * Conformance with mongod 8.0 text search (manual: "$text", "Text Indexes", "Text Search Languages",
 * "Specify Weights", "$meta"), using the manual's `articles` and `blog` examples:
 * - a text index is stored as mongod stores it ({_fts: 'text', _ftsx: 1}, weights, default_language,
 *   language_override, textIndexVersion 3); a collection has at most one (IndexOptionsConflict, 85);
 * - `$search` ORs its terms (stemmed, stop words dropped, case and diacritics folded), requires every
 *   "phrase", and excludes -negated terms and phrases; `$caseSensitive`/`$diacriticSensitive` tighten that;
 * - `$language` and `default_language` choose the stemmer ('none': no stemming, no stop words), a document's
 *   `language_override` field its own;
 * - `{$meta: 'textScore'}` follows mongod's scoring: per string, a term's occurrences count 1, 1/2, 1/4...,
 *   times (0.5 * occurrences / words + 0.5), times 1.1 when the string is just the term, times the field's
 *   weight; terms' scores add up; sorting by it puts the highest first;
 * - `$text` without a text index fails with code 27 "text index required for $text query"; in an aggregation
 *   only a first `$match` may hold it (17313); explain shows TEXT_MATCH over TEXT_OR over IXSCAN.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { MongoClient, type Document } from 'mongodb';
import mongoose from 'mongoose';
import { startEmbeddedMongo } from '..';
import { useEngine, type AnyDoc } from './helpers';

const engine = useEngine();
const db = () => engine.client().db('text');

const articles = [
  { _id: 1, subject: 'coffee', author: 'xyz', views: 50 },
  { _id: 2, subject: 'Coffee Shopping', author: 'efg', views: 5 },
  { _id: 3, subject: 'Baking a cake', author: 'abc', views: 90 },
  { _id: 4, subject: 'baking', author: 'xyz', views: 100 },
  { _id: 5, subject: 'Café Con Leche', author: 'abc', views: 200 },
  { _id: 6, subject: 'Сырники', author: 'jkl', views: 80 },
  { _id: 7, subject: 'coffee and cream', author: 'efg', views: 10 },
  { _id: 8, subject: 'Cafe con Leche', author: 'xyz', views: 10 },
];

const ids = (docs: { _id?: unknown }[]) => docs.map((d) => d._id);
const sortedIds = (docs: { _id?: unknown }[]) => ids(docs).sort();

describe('text indexes', () => {
  beforeAll(async () => {
    await db().collection<AnyDoc>('articles').insertMany(articles);
    await db().collection('articles').createIndex({ subject: 'text' });
  });
  const c = () => db().collection<AnyDoc>('articles');

  it('are listed as mongod stores them', async () => {
    const text = (await c().listIndexes().toArray()).find((i) => i.name === 'subject_text');
    expect(text).toMatchObject({
      v: 2,
      key: { _fts: 'text', _ftsx: 1 },
      name: 'subject_text',
      weights: { subject: 1 },
      default_language: 'english',
      language_override: 'language',
      textIndexVersion: 3,
    });
  });

  it('are one per collection: a second one with other fields fails with IndexOptionsConflict', async () => {
    await expect(c().createIndex({ author: 'text' })).rejects.toMatchObject({ code: 85, codeName: 'IndexOptionsConflict' });
    await expect(c().createIndex({ views: 1, subject: 'text' })).rejects.toMatchObject({ code: 85 });
    // The same index again is no change.
    expect(await c().createIndex({ subject: 'text' })).toBe('subject_text');
  });

  it('$text without a text index fails with code 27', async () => {
    const plain = db().collection<AnyDoc>('plain');
    await plain.insertOne({ _id: 1, s: 'coffee' });
    await expect(plain.find({ $text: { $search: 'coffee' } }).toArray()).rejects.toMatchObject({ code: 27, codeName: 'IndexNotFound', message: 'text index required for $text query' });
    await expect(plain.countDocuments({ $text: { $search: 'coffee' } })).rejects.toMatchObject({ code: 27 });
  });
});

describe('$search', () => {
  const c = () => db().collection<AnyDoc>('articles');

  it('ORs single words, stemmed and case-folded (manual: "Search for a Single Word", "Match Any of the Search Terms")', async () => {
    expect(sortedIds(await c().find({ $text: { $search: 'coffee' } }).toArray())).toEqual([1, 2, 7]);
    // "bake" finds "Baking" and "baking" through the stemmer.
    expect(sortedIds(await c().find({ $text: { $search: 'bake coffee cake' } }).toArray())).toEqual([1, 2, 3, 4, 7]);
  });

  it('requires a phrase and excludes negated terms (manual: "Search a Different Language", "Exclude Documents That Contain a Term")', async () => {
    expect(ids(await c().find({ $text: { $search: '"coffee shop"' } }).toArray())).toEqual([2]);
    expect(sortedIds(await c().find({ $text: { $search: 'coffee -shop' } }).toArray())).toEqual([1, 7]);
    expect(sortedIds(await c().find({ $text: { $search: 'coffee -"coffee shop"' } }).toArray())).toEqual([1, 7]);
    // Stop words alone find nothing.
    expect(await c().countDocuments({ $text: { $search: 'and a' } })).toBe(0);
  });

  it('$language picks the stemmer and stop words: Spanish "leche" (manual: "Search a Different Language")', async () => {
    expect(sortedIds(await c().find({ $text: { $search: 'leche', $language: 'es' } }).toArray())).toEqual([5, 8]);
    await expect(c().find({ $text: { $search: 'x', $language: 'klingon' } }).toArray()).rejects.toMatchObject({ code: 2 });
  });

  it('ignores case and diacritics unless $caseSensitive / $diacriticSensitive (manual: "Case and Diacritic Insensitive Search")', async () => {
    expect(sortedIds(await c().find({ $text: { $search: 'сы́рники CAFÉS' } }).toArray())).toEqual([5, 6, 8]);
    expect(ids(await c().find({ $text: { $search: 'Coffee', $caseSensitive: true } }).toArray())).toEqual([2]);
    expect(ids(await c().find({ $text: { $search: '"Café Con Leche"', $caseSensitive: true } }).toArray())).toEqual([5]);
    // Case-sensitive negation: "Shopping" stems to "Shop", which "-shop" does not exclude.
    expect(ids(await c().find({ $text: { $search: 'Coffee -shop', $caseSensitive: true } }).toArray())).toEqual([2]);
    expect(ids(await c().find({ $text: { $search: 'CAFÉ', $diacriticSensitive: true } }).toArray())).toEqual([5]);
    expect(ids(await c().find({ $text: { $search: 'leches -cafés', $diacriticSensitive: true } }).toArray())).toEqual([8]);
  });

  it('combines with other conditions, counts and deletes', async () => {
    expect(ids(await c().find({ $text: { $search: 'coffee' }, author: 'efg', views: { $gt: 5 } }).toArray())).toEqual([7]);
    expect(await c().countDocuments({ $text: { $search: 'leche' } })).toBe(2);
    const tmp = db().collection<AnyDoc>('articles_tmp');
    await tmp.createIndex({ subject: 'text' });
    await tmp.insertMany(articles);
    expect((await tmp.deleteMany({ $text: { $search: 'coffee' } })).deletedCount).toBe(3);
    expect(await tmp.countDocuments()).toBe(5);
  });

  it('follows updates: a changed field is found by its new words only', async () => {
    const t = db().collection<AnyDoc>('articles_upd');
    await t.createIndex({ subject: 'text' });
    await t.insertOne({ _id: 1, subject: 'green tea' });
    await t.updateOne({ _id: 1 }, { $set: { subject: 'black coffee' } });
    expect(await t.countDocuments({ $text: { $search: 'tea' } })).toBe(0);
    expect(await t.countDocuments({ $text: { $search: 'coffee' } })).toBe(1);
    await t.deleteOne({ _id: 1 });
    expect(await t.countDocuments({ $text: { $search: 'coffee' } })).toBe(0);
  });
});

describe('text score', () => {
  const c = () => db().collection<AnyDoc>('articles');

  it('is projected and sorted by with {$meta: "textScore"}, following mongod\'s formula', async () => {
    const docs = await c()
      .find({ $text: { $search: 'coffee' } }, { projection: { subject: 1, score: { $meta: 'textScore' } } })
      .sort({ score: { $meta: 'textScore' } })
      .toArray();
    // "coffee" (stem "coffe", so no whole-string boost): 1 * (0.5 * 1/1 + 0.5) = 1.
    // "Coffee Shopping", "coffee and cream" ("and" is a stop word): 1 * (0.5 * 1/2 + 0.5) = 0.75.
    expect(docs[0]).toEqual({ _id: 1, subject: 'coffee', score: 1 });
    expect(docs.slice(1).map((d) => d.score)).toEqual([0.75, 0.75]);
    expect(sortedIds(docs.slice(1))).toEqual([2, 7]);
  });

  it('adds the scores of several terms and weights fields (manual: "Specify Weights", blog example)', async () => {
    const blog = db().collection<AnyDoc>('blog');
    await blog.insertMany([
      { _id: 1, content: 'This morning I had a cup of coffee.', about: 'beverage', keywords: ['coffee'] },
      { _id: 2, content: 'Who likes chocolate ice cream for dessert?', about: 'food', keywords: ['poll'] },
      { _id: 3, content: 'My favorite flavors are strawberry and chocolate.', about: 'food', keywords: ['food', 'dessert'] },
    ]);
    await blog.createIndex({ content: 'text', keywords: 'text', about: 'text' }, { weights: { content: 10, keywords: 5 }, name: 'TextIndex' });
    const [index] = (await blog.listIndexes().toArray()).filter((i) => i.name === 'TextIndex');
    expect(index?.weights).toEqual({ about: 1, content: 10, keywords: 5 });
    const found = await blog.find({ $text: { $search: 'dessert' } }, { projection: { score: { $meta: 'textScore' } } }).sort({ score: { $meta: 'textScore' } }).toArray();
    // _id 2: content (weight 10), 5 words after "who" and "for" are dropped: 10 * (0.5 * 1/5 + 0.5) = 6.
    // _id 3: the keyword "dessert" is the whole string: 5 * 1 * 1.1 = 5.5.
    expect(found.map((d) => [d._id, Number((d.score as number).toFixed(6))])).toEqual([
      [2, 6],
      [3, 5.5],
    ]);
    // Two terms: "food" in about (weight 1, whole string: 1.1) and keywords (5 * 1.1), plus "dessert" (5.5).
    const [both] = await blog.find({ $text: { $search: 'food dessert' }, _id: 3 }, { projection: { _id: 0, score: { $meta: 'textScore' } } }).toArray();
    expect((both?.score as number).toFixed(6)).toBe((1.1 + 5.5 + 5.5).toFixed(6));
  });

  it('is missing without $text: projecting it fails as on mongod (40218)', async () => {
    await expect(c().find({ _id: 1 }, { projection: { score: { $meta: 'textScore' } } }).toArray()).rejects.toMatchObject({ code: 40218 });
  });
});

describe('index options', () => {
  it('a wildcard text index searches every string field, nested ones too', async () => {
    const t = db().collection<AnyDoc>('wild');
    await t.createIndex({ '$**': 'text' });
    await t.insertMany([
      { _id: 1, title: 'river trip', meta: { note: 'yurt camp' } },
      { _id: 2, tags: ['mountain', 'yurt'] },
      { _id: 3, n: 5, title: 'city' },
    ]);
    expect(sortedIds(await t.find({ $text: { $search: 'yurt' } }).toArray())).toEqual([1, 2]);
    const [index] = (await t.listIndexes().toArray()).filter((i) => i.name === '$**_text');
    expect(index?.weights).toEqual({ '$**': 1 });
  });

  it("default_language 'none' keeps stop words and does not stem", async () => {
    const t = db().collection<AnyDoc>('none');
    await t.createIndex({ quote: 'text' }, { default_language: 'none' });
    await t.insertMany([
      { _id: 1, quote: 'The baking of bread' },
      { _id: 2, quote: 'bake it' },
    ]);
    expect(ids(await t.find({ $text: { $search: 'the' } }).toArray())).toEqual([1]);
    expect(ids(await t.find({ $text: { $search: 'bake' } }).toArray())).toEqual([2]);
  });

  it("a document's language_override field sets its language; an unknown one is refused", async () => {
    const t = db().collection<AnyDoc>('override');
    await t.createIndex({ body: 'text' }, { language_override: 'idioma' });
    await t.insertMany([
      { _id: 1, body: 'the running horses' },
      { _id: 2, body: 'the running horses', idioma: 'none' },
    ]);
    // English stems "running" to "run"; the document in 'none' holds "running" as written.
    expect(ids(await t.find({ $text: { $search: 'run' } }).toArray())).toEqual([1]);
    expect(ids(await t.find({ $text: { $search: 'the running', $language: 'none' } }).toArray())).toEqual([2]);
    await expect(t.insertOne({ _id: 3, body: 'x', idioma: 'klingon' })).rejects.toMatchObject({ code: 17262 });
  });

  it('a compound text index needs equality on its prefix fields', async () => {
    const t = db().collection<AnyDoc>('compound');
    await t.createIndex({ author: 1, subject: 'text' });
    await t.insertMany(articles);
    expect(ids(await t.find({ author: 'xyz', $text: { $search: 'coffee leche' } }).sort({ _id: 1 }).toArray())).toEqual([1, 8]);
    await expect(t.find({ $text: { $search: 'coffee' } }).toArray()).rejects.toMatchObject({ code: 291 });
  });
});

describe('explain and aggregation', () => {
  const c = () => db().collection<AnyDoc>('articles');

  it('explain shows TEXT_MATCH over TEXT_OR over an IXSCAN per term', async () => {
    const plan = (await c().find({ $text: { $search: 'coffee cake -shop' } }).explain('executionStats')) as Document;
    const winning = plan.queryPlanner.winningPlan as Document;
    expect(winning.stage).toBe('TEXT_MATCH');
    expect(winning.indexName).toBe('subject_text');
    expect(winning.parsedTextQuery).toEqual({ terms: ['cake', 'coffe'], negatedTerms: ['shop'], phrases: [], negatedPhrases: [] });
    expect(winning.inputStage.stage).toBe('TEXT_OR');
    expect((winning.inputStage.inputStages as Document[]).map((s) => [s.stage, s.indexName])).toEqual([
      ['IXSCAN', 'subject_text'],
      ['IXSCAN', 'subject_text'],
    ]);
    expect(plan.executionStats.nReturned).toBe(3);
    // Only the index entries of "coffe" (3) and "cake" (1) were read, and their documents.
    expect(plan.executionStats.totalKeysExamined).toBe(4);
    expect(plan.executionStats.totalDocsExamined).toBe(4);
  });

  it('a first $match may use $text; $meta textScore works in $sort, $project and $group (manual: "$text in the Aggregation Pipeline")', async () => {
    const sorted = await c()
      .aggregate([{ $match: { $text: { $search: 'coffee cake' } } }, { $sort: { score: { $meta: 'textScore' }, _id: 1 } }, { $project: { subject: 1, score: { $meta: 'textScore' } } }])
      .toArray();
    // "Baking a cake": "cake" is one of two words, 0.75, as the two coffee subjects of two words.
    expect(sorted.map((d) => d._id)).toEqual([1, 2, 3, 7]);
    expect(sorted[0]).toEqual({ _id: 1, subject: 'coffee', score: 1 });
    const grouped = await c()
      .aggregate([{ $match: { $text: { $search: 'coffee' } } }, { $group: { _id: { $meta: 'textScore' }, count: { $sum: 1 } } }, { $sort: { _id: 1 } }])
      .toArray();
    expect(grouped).toEqual([
      { _id: 0.75, count: 2 },
      { _id: 1, count: 1 },
    ]);
    await expect(c().aggregate([{ $match: { views: { $gt: 1 } } }, { $match: { $text: { $search: 'coffee' } } }]).toArray()).rejects.toMatchObject({ code: 17313 });
  });

  it('documents without $meta come back unchanged (no score field leaks)', async () => {
    const docs = await c().aggregate([{ $match: { $text: { $search: 'cake' } } }]).toArray();
    expect(docs).toEqual([articles[2]]);
  });
});

describe('through mongoose, and across a restart', () => {
  it('a schema text index is created once (syncIndexes sees no change) and searched with scores', async () => {
    const conn = await mongoose.createConnection(engine.server().uri, { dbName: 'text_mongoose' }).asPromise();
    try {
      const schema = new mongoose.Schema({ title: String, body: String });
      schema.index({ title: 'text', body: 'text' }, { weights: { title: 3 } });
      const Post = conn.model('Post', schema);
      await Post.init();
      await Post.create([{ title: 'Herding sheep', body: 'in spring' }, { title: 'Spring work', body: 'sheep shearing' }]);
      expect(await Post.syncIndexes()).toEqual([]);
      const found = await Post.find({ $text: { $search: 'sheep' } }, { score: { $meta: 'textScore' } }).sort({ score: { $meta: 'textScore' } }).lean();
      expect(found.map((d) => d.title)).toEqual(['Herding sheep', 'Spring work']);
    } finally {
      await conn.close();
    }
  });

  it('a text index is rebuilt from the data directory on restart', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'engine-text-'));
    try {
      for (const round of [1, 2]) {
        const server = await startEmbeddedMongo({ dbPath: dir, port: 0 });
        const client = await MongoClient.connect(server.uri);
        try {
          const t = client.db('app').collection<AnyDoc>('notes');
          if (round === 1) {
            await t.createIndex({ body: 'text' });
            await t.insertMany([{ _id: 1, body: 'cattle market' }, { _id: 2, body: 'wool prices' }]);
          }
          expect(ids(await t.find({ $text: { $search: 'markets' } }).toArray())).toEqual([1]);
        } finally {
          await client.close();
          await server.stop();
        }
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
