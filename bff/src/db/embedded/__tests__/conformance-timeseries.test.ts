/**
 * Conformance with mongod 8.0 time-series collections (manual: "Time Series", "Create and Query a Time Series
 * Collection", "Time Series Granularity", "Set up Automatic Removal for Time Series Collections (TTL)",
 * "Time Series Collection Limitations"), using the manual's `weather` example:
 * - `create` with `timeseries` checks its options as mongod does (timeField required; granularity seconds,
 *   minutes or hours, or bucketMaxSpanSeconds and bucketRoundingSeconds set together and equal; metaField
 *   neither "_id" nor the timeField) and stores them with the bucket span the granularity stands for;
 * - listCollections shows the collection as type 'timeseries' and its `system.buckets.<name>` collection;
 * - a measurement whose timeField is missing or not a date is refused (BadValue, "'<timeField>' must be
 *   present and contain a valid BSON UTC datetime value"); writes in a transaction are refused;
 * - queries and aggregations return the measurements as inserted; deletes by metaField remove them;
 * - with a metaField, the (metaField, timeField) index is created with the collection;
 * - expireAfterSeconds removes measurements older than that on the TTL monitor's pass.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { MongoClient, type Document } from 'mongodb';
import { startEmbeddedMongo } from '..';
import { useEngine, type AnyDoc } from './helpers';

const engine = useEngine();
const db = () => engine.client().db('ts');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const hour = (h: number) => new Date(Date.UTC(2021, 4, 18, h));
const weather = [0, 4, 8, 12, 16, 20, 24, 28].map((h, i) => ({
  _id: i + 1,
  metadata: { sensorId: 5578, type: 'temperature' },
  timestamp: hour(h),
  temp: [12, 11, 11, 12, 16, 15, 13, 12][i] as number,
}));

async function infos(name: string): Promise<Document[]> {
  return db()
    .listCollections({ name: { $in: [name, `system.buckets.${name}`] } })
    .toArray();
}

describe('creating a time-series collection', () => {
  it('stores the options with the span the granularity stands for, and lists the collection and its buckets', async () => {
    await db().createCollection('weather', { timeseries: { timeField: 'timestamp', metaField: 'metadata', granularity: 'hours' } });
    const list = await infos('weather');
    const view = list.find((c) => c.name === 'weather');
    const buckets = list.find((c) => c.name === 'system.buckets.weather');
    expect(view).toEqual({
      name: 'weather',
      type: 'timeseries',
      options: { timeseries: { timeField: 'timestamp', metaField: 'metadata', granularity: 'hours', bucketMaxSpanSeconds: 2592000 } },
      info: { readOnly: false },
    });
    expect(buckets).toMatchObject({
      type: 'collection',
      options: { clusteredIndex: true, timeseries: { timeField: 'timestamp', metaField: 'metadata', granularity: 'hours', bucketMaxSpanSeconds: 2592000 } },
    });
    expect(buckets?.options.validator.$jsonSchema.required).toEqual(['_id', 'control', 'data']);
    const types = await db().listCollections({ type: 'timeseries' }, { nameOnly: true }).toArray();
    expect(types.map((c) => c.name)).toEqual(['weather']);
  });

  it('defaults to granularity seconds; custom bucketing keeps bucketRoundingSeconds and bucketMaxSpanSeconds', async () => {
    await db().createCollection('plain_ts', { timeseries: { timeField: 't' } });
    expect((await infos('plain_ts')).find((c) => c.name === 'plain_ts')?.options).toEqual({ timeseries: { timeField: 't', granularity: 'seconds', bucketMaxSpanSeconds: 3600 } });
    await db().createCollection('custom_ts', { timeseries: { timeField: 't', metaField: 'm', bucketMaxSpanSeconds: 300, bucketRoundingSeconds: 300 } });
    expect((await infos('custom_ts')).find((c) => c.name === 'custom_ts')?.options).toEqual({ timeseries: { timeField: 't', metaField: 'm', bucketRoundingSeconds: 300, bucketMaxSpanSeconds: 300 } });
  });

  it('refuses bad options with mongod\'s codes', async () => {
    const create = (name: string, timeseries: Document) => db().createCollection(name, { timeseries } as never);
    await expect(create('bad1', { metaField: 'm' })).rejects.toMatchObject({ code: 40414, message: expect.stringMatching(/TimeseriesOptions\.timeField' is missing/) as unknown });
    await expect(create('bad2', { timeField: 't', granularity: 'days' })).rejects.toMatchObject({ code: 2 });
    await expect(create('bad3', { timeField: 't', metaField: 't' })).rejects.toMatchObject({ code: 72 });
    await expect(create('bad4', { timeField: 't', metaField: '_id' })).rejects.toMatchObject({ code: 72 });
    await expect(create('bad5', { timeField: 't', bucketMaxSpanSeconds: 300 })).rejects.toMatchObject({ code: 72 });
    await expect(create('bad6', { timeField: 't', bucketMaxSpanSeconds: 300, bucketRoundingSeconds: 60 })).rejects.toMatchObject({ code: 72 });
    await expect(create('bad7', { timeField: 't', granularity: 'hours', bucketMaxSpanSeconds: 300, bucketRoundingSeconds: 300 })).rejects.toMatchObject({ code: 72 });
    await expect(create('bad8', { timeField: 't', colour: 'red' })).rejects.toMatchObject({ code: 40415 });
    expect(await infos('bad1')).toEqual([]);
  });
});

describe('measurements', () => {
  const c = () => db().collection<AnyDoc>('weather');

  beforeAll(async () => {
    await c().insertMany(weather);
  });

  it('must have a date in the timeField', async () => {
    const message = "'timestamp' must be present and contain a valid BSON UTC datetime value";
    await expect(c().insertOne({ metadata: { sensorId: 1 }, temp: 3 })).rejects.toMatchObject({ code: 2, message });
    await expect(c().insertOne({ metadata: { sensorId: 1 }, timestamp: '2021-05-18', temp: 3 })).rejects.toMatchObject({ code: 2, message });
    // An unordered batch keeps the good ones.
    const failed = await c()
      .insertMany([{ _id: 100, timestamp: 5 }, { _id: 101, timestamp: hour(1), metadata: { sensorId: 1 } }], { ordered: false })
      .then(
        () => null,
        (e: { insertedCount: number; code: number }) => e,
      );
    expect(failed?.insertedCount).toBe(1);
    expect(failed?.code).toBe(2);
    expect(await c().countDocuments({ _id: 101 })).toBe(1);
    await c().deleteOne({ _id: 101 });
  });

  it('are returned as inserted by find and aggregate (manual: "Query a Time Series Collection")', async () => {
    expect(await c().findOne({ timestamp: hour(0) })).toEqual(weather[0]);
    expect(await c().find({}).sort({ timestamp: 1 }).toArray()).toEqual(weather);
    const daily = await c()
      .aggregate([
        { $project: { date: { $dateToParts: { date: '$timestamp' } }, temp: 1 } },
        { $group: { _id: { date: { year: '$date.year', month: '$date.month', day: '$date.day' } }, avgTmp: { $avg: '$temp' } } },
        { $sort: { '_id.date.day': 1 } },
      ])
      .toArray();
    expect(daily).toEqual([
      { _id: { date: { year: 2021, month: 5, day: 18 } }, avgTmp: (12 + 11 + 11 + 12 + 16 + 15) / 6 },
      { _id: { date: { year: 2021, month: 5, day: 19 } }, avgTmp: 12.5 },
    ]);
  });

  it('come with the (metaField, timeField) index mongod creates with the collection', async () => {
    // No _id index is listed: mongod's buckets are clustered by _id.
    expect(await c().listIndexes().toArray()).toEqual([{ v: 2, key: { metadata: 1, timestamp: 1 }, name: 'metadata_1_timestamp_1' }]);
  });

  it('are refused inside a transaction', async () => {
    const session = engine.client().startSession();
    try {
      session.startTransaction();
      await expect(c().insertOne({ timestamp: new Date(), metadata: { sensorId: 9 } }, { session })).rejects.toMatchObject({ code: 263 });
      await session.abortTransaction().catch(() => undefined);
    } finally {
      await session.endSession();
    }
  });

  it('are deleted by a metaField filter (manual: "Delete Documents in a Time Series Collection")', async () => {
    const other = db().collection('weather_del');
    await db().createCollection('weather_del', { timeseries: { timeField: 'timestamp', metaField: 'metadata' } });
    await other.insertMany([...weather.map(({ _id, ...m }) => ({ ...m, _n: _id })), { metadata: { sensorId: 7, type: 'temperature' }, timestamp: hour(2), temp: 1 }]);
    const r = await other.deleteMany({ 'metadata.sensorId': 5578 });
    expect(r.deletedCount).toBe(8);
    expect((await other.find({}, { projection: { _id: 0 } }).toArray())).toEqual([{ metadata: { sensorId: 7, type: 'temperature' }, timestamp: hour(2), temp: 1 }]);
  });
});

describe('automatic removal (expireAfterSeconds)', () => {
  afterAll(async () => {
    await engine.client().db('admin').command({ setParameter: 1, ttlMonitorSleepSecs: 60 });
  });

  it('removes measurements older than expireAfterSeconds on the TTL monitor\'s pass', async () => {
    await db().createCollection('readings', { timeseries: { timeField: 'at', metaField: 'sensor' }, expireAfterSeconds: 3600 });
    const [info] = (await db().listCollections({ name: 'readings' }).toArray()) as Document[];
    expect(info?.options).toEqual({ expireAfterSeconds: 3600, timeseries: { timeField: 'at', metaField: 'sensor', granularity: 'seconds', bucketMaxSpanSeconds: 3600 } });
    const now = Date.now();
    const r = db().collection<AnyDoc>('readings');
    await r.insertMany([
      { _id: 'old', sensor: 1, at: new Date(now - 2 * 3600_000) },
      { _id: 'fresh', sensor: 1, at: new Date(now - 60_000) },
    ]);
    await engine.client().db('admin').command({ setParameter: 1, ttlMonitorSleepSecs: 1 });
    for (let i = 0; i < 40 && (await r.countDocuments()) > 1; i++) await sleep(100);
    expect((await r.find().toArray()).map((d) => d._id)).toEqual(['fresh']);
  });

  it("collMod changes expireAfterSeconds or turns expiry 'off' (manual: \"Set up Automatic Removal\")", async () => {
    await db().createCollection('readings2', { timeseries: { timeField: 'at' } });
    const options = async () => ((await db().listCollections({ name: 'readings2' }).toArray()) as Document[])[0]?.options as Document;
    await db().command({ collMod: 'readings2', expireAfterSeconds: 60 });
    expect((await options()).expireAfterSeconds).toBe(60);
    await db().command({ collMod: 'readings2', expireAfterSeconds: 'off' });
    expect((await options()).expireAfterSeconds).toBeUndefined();
    await expect(db().command({ collMod: 'readings2', expireAfterSeconds: -1 })).rejects.toMatchObject({ code: 72 });
    await expect(db().command({ collMod: 'weather', expireAfterSeconds: 'soon' })).rejects.toMatchObject({ code: 72 });
  });
});

describe('across a restart', () => {
  it('the collection stays time-series and keeps checking measurements', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'engine-ts-'));
    try {
      for (const round of [1, 2]) {
        const server = await startEmbeddedMongo({ dbPath: dir, port: 0 });
        const client = await MongoClient.connect(server.uri);
        try {
          const d = client.db('app');
          if (round === 1) {
            await d.createCollection('m', { timeseries: { timeField: 't', metaField: 'k' } });
            await d.collection('m').insertOne({ _id: 1, k: 'a', t: hour(3), v: 1 } as Document);
          }
          const [info] = await d.listCollections({ name: 'm' }).toArray();
          expect(info?.type).toBe('timeseries');
          expect(await d.collection('m').findOne({ k: 'a' })).toEqual({ _id: 1, k: 'a', t: hour(3), v: 1 });
          await expect(d.collection('m').insertOne({ k: 'b', t: 'no date' } as Document)).rejects.toMatchObject({ code: 2 });
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
