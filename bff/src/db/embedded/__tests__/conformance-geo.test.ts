import mongoose, { Schema } from 'mongoose';
import { MongoServerError, type Document } from 'mongodb';
import { useEngine, type AnyDoc } from './helpers';

/**
 * Conformance with mongod 8.0 geospatial queries (manual: "2dsphere Indexes", "$near", "$nearSphere",
 * "$geoWithin", "$geoIntersects", "$centerSphere", "$geoNear (aggregation stage)"), from the manual's
 * `places` examples: a 2dsphere index keys GeoJSON points and legacy pairs and refuses invalid locations
 * (16755); $near needs that index and returns nearest first within $minDistance/$maxDistance (metres for
 * GeoJSON, radians for legacy pairs); $geoWithin/$geoIntersects match with or without the index; the index is
 * what a query reads (explain), so a near query over many points examines few of them.
 */
const engine = useEngine();
const db = () => engine.client().db('geo');

const EARTH_RADIUS_M = 6378100;
/** Great-circle distance by the haversine formula: the tests' own oracle, independent of the engine's vector maths. */
function haversine([lng1, lat1]: number[], [lng2, lat2]: number[]): number {
  const rad = Math.PI / 180;
  const dLat = (lat2! - lat1!) * rad;
  const dLng = (lng2! - lng1!) * rad;
  const a = Math.sin(dLat / 2) ** 2 + Math.cos(lat1! * rad) * Math.cos(lat2! * rad) * Math.sin(dLng / 2) ** 2;
  return 2 * Math.asin(Math.min(1, Math.sqrt(a)));
}

const places = [
  { _id: 1, name: 'Central Park', location: { type: 'Point', coordinates: [-73.97, 40.77] }, category: 'Parks' },
  { _id: 2, name: 'Sara D. Roosevelt Park', location: { type: 'Point', coordinates: [-73.9928, 40.7193] }, category: 'Parks' },
  { _id: 3, name: 'Polo Grounds', location: { type: 'Point', coordinates: [-73.9375, 40.8303] }, category: 'Stadiums' },
];
const point = (lng: number, lat: number) => ({ type: 'Point', coordinates: [lng, lat] });
const names = (docs: Document[]) => docs.map((d) => d.name as string);

async function expectCode(p: Promise<unknown>, code: number, text?: string): Promise<MongoServerError> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(MongoServerError);
  const e = err as MongoServerError;
  expect(e.code).toBe(code);
  if (text) expect(e.message).toContain(text);
  return e;
}

describe('2dsphere index', () => {
  it('keys GeoJSON points and legacy pairs, leaves out documents without a location, and refuses invalid ones with 16755', async () => {
    const c = db().collection<AnyDoc>('keys');
    expect(await c.createIndex({ location: '2dsphere' })).toBe('location_2dsphere');
    const [, spec] = await c.listIndexes().toArray();
    expect(spec).toMatchObject({ key: { location: '2dsphere' }, '2dsphereIndexVersion': 3 });
    await c.insertMany([{ _id: 1, location: point(10, 20) }, { _id: 2, location: [11, 21] }, { _id: 3, note: 'no location' }, { _id: 4, location: null }] as never);
    await expectCode(c.insertOne({ _id: 5, location: point(200, 0) } as never), 16755, "Can't extract geo keys");
    await expectCode(c.insertOne({ _id: 6, location: { type: 'Point', coordinates: ['a', 1] } } as never), 16755, "Can't extract geo keys");
    await expectCode(c.insertOne({ _id: 7, location: { type: 'Polygon', coordinates: [[[0, 0], [1, 1], [1, 0]]] } } as never), 16755, 'Loop is not closed');
    await expectCode(c.insertOne({ _id: 8, location: [0, 95] } as never), 16755, 'out of bounds');
    await expectCode(c.updateOne({ _id: 1 }, { $set: { location: 'here' } }), 16755, "Can't extract geo keys");
    expect(await c.countDocuments()).toBe(4);
    // Both the GeoJSON point and the legacy pair are found through the index, nearest first.
    const near = await c.find({ location: { $nearSphere: { $geometry: point(10.2, 20.2) } } }).toArray();
    expect(near.map((d) => d._id)).toEqual([1, 2]);
  });

  it('cannot be built over a collection holding an invalid location (16755)', async () => {
    const c = db().collection<AnyDoc>('badbuild');
    await c.insertMany([{ _id: 1, loc: point(0, 0) }, { _id: 2, loc: { type: 'Point', coordinates: [0, 100] } }] as never);
    await expectCode(c.createIndex({ loc: '2dsphere' }), 16755, "Can't extract geo keys");
    expect((await c.listIndexes().toArray()).map((i) => i.name)).toEqual(['_id_']);
  });
});

describe('$near and $nearSphere', () => {
  const c = () => db().collection<AnyDoc>('places');
  beforeAll(async () => {
    await c().insertMany(places as never);
    await c().createIndex({ location: '2dsphere' });
  });

  it('the manual example: $near with $minDistance 1000 and $maxDistance 5000 metres finds Central Park', async () => {
    const docs = await c().find({ location: { $near: { $geometry: point(-73.9667, 40.78), $minDistance: 1000, $maxDistance: 5000 } } }).toArray();
    expect(names(docs)).toEqual(['Central Park']);
  });

  it('returns documents nearest first, with other conditions, skip and limit applied in that order', async () => {
    const from = [-73.99, 40.72];
    const byDistance = [...places].sort((a, b) => haversine(from, a.location.coordinates) - haversine(from, b.location.coordinates)).map((p) => p.name);
    const all = await c().find({ location: { $near: { $geometry: point(from[0]!, from[1]!) } } }).toArray();
    expect(names(all)).toEqual(byDistance);
    const parks = await c().find({ category: 'Parks', location: { $nearSphere: { $geometry: point(-73.93, 40.84) } } }).toArray();
    expect(names(parks)).toEqual(['Central Park', 'Sara D. Roosevelt Park']);
    const second = await c().find({ location: { $near: { $geometry: point(from[0]!, from[1]!) } } }).skip(1).limit(1).toArray();
    expect(names(second)).toEqual([byDistance[1]]);
    // An explicit sort replaces the distance order.
    const sorted = await c().find({ location: { $near: { $geometry: point(from[0]!, from[1]!) } } }).sort({ name: -1 }).toArray();
    expect(names(sorted)).toEqual([...byDistance].sort().reverse());
  });

  it('$nearSphere with a legacy pair takes its distances in radians', async () => {
    const from = [-73.9667, 40.78];
    const toCentral = haversine(from, places[0]!.location.coordinates);
    const docs = await c().find({ location: { $nearSphere: from, $maxDistance: toCentral * 1.01 } }).toArray();
    expect(names(docs)).toEqual(['Central Park']);
    const beyond = await c().find({ location: { $nearSphere: from, $minDistance: toCentral * 1.01 } }).toArray();
    expect(names(beyond)).toEqual(['Polo Grounds', 'Sara D. Roosevelt Park']);
  });

  it('fails without a 2dsphere index as mongod does', async () => {
    const other = db().collection<AnyDoc>('unindexed');
    await other.insertMany(places as never);
    await expectCode(other.find({ location: { $near: { $geometry: point(-73.9667, 40.78) } } }).toArray(), 291, 'unable to find index for $geoNear query');
  });

  it('refuses a near condition under $or, two of them, or where results cannot be sorted ($match, countDocuments)', async () => {
    const near = { $near: { $geometry: point(-73.9667, 40.78) } };
    await expectCode(c().find({ $or: [{ location: near }, { category: 'Parks' }] }).toArray(), 2, 'geoNear must be top-level expr');
    await expectCode(c().find({ $and: [{ location: near }, { location: near }] }).toArray(), 2, 'Too many geoNear expressions');
    await expectCode(c().aggregate([{ $match: { location: near } }]).toArray(), 5626500, 'not allowed in this context');
    await expectCode(c().countDocuments({ location: near }), 5626500);
  });

  it('uses a compound index whose location follows another field, with or without a condition on that field', async () => {
    const cc = db().collection<AnyDoc>('places_compound');
    await cc.insertMany(places as never);
    await cc.createIndex({ category: 1, location: '2dsphere' });
    const from = [-73.99, 40.72];
    const all = await cc.find({ location: { $near: { $geometry: point(from[0]!, from[1]!) } } }).toArray();
    const byDistance = [...places].sort((a, b) => haversine(from, a.location.coordinates) - haversine(from, b.location.coordinates)).map((p) => p.name);
    expect(names(all)).toEqual(byDistance);
    const parks = await cc.find({ category: 'Parks', location: { $near: { $geometry: point(-73.93, 40.84) } } }).toArray();
    expect(names(parks)).toEqual(['Central Park', 'Sara D. Roosevelt Park']);
    const ex = await cc.find({ location: { $geoWithin: { $centerSphere: [from, 0.0005] } } }).explain('executionStats');
    expect(ex.queryPlanner.winningPlan.inputStage).toMatchObject({ stage: 'IXSCAN', keyPattern: { category: 1, location: '2dsphere' } });
    expect(ex.executionStats.nReturned).toBe(1);
  });

  it('explain shows the GEO_NEAR_2DSPHERE stage on the index', async () => {
    const ex = await c().find({ location: { $near: { $geometry: point(-73.9667, 40.78) } } }).explain('executionStats');
    expect(ex.queryPlanner.winningPlan).toMatchObject({ stage: 'GEO_NEAR_2DSPHERE', keyPattern: { location: '2dsphere' }, indexName: 'location_2dsphere' });
    expect(ex.executionStats.nReturned).toBe(3);
  });
});

describe('$geoWithin and $geoIntersects', () => {
  // A 10 x 10 degree grid of points, and two stored polygons.
  const grid = Array.from({ length: 121 }, (_, i) => ({ _id: i, loc: point((i % 11) - 5, Math.floor(i / 11) - 5) }));
  const square = (x0: number, y0: number, x1: number, y1: number) => [[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]];
  const cIndexed = () => db().collection<AnyDoc>('grid');
  const cPlain = () => db().collection<AnyDoc>('grid_plain');
  beforeAll(async () => {
    for (const c of [cIndexed(), cPlain()]) await c.insertMany(grid as never);
    await cIndexed().createIndex({ loc: '2dsphere' });
  });
  const ids = async (filter: Document) => {
    const a = (await cIndexed().find(filter).toArray()).map((d) => d._id as number).sort((x, y) => x - y);
    const b = (await cPlain().find(filter).toArray()).map((d) => d._id as number).sort((x, y) => x - y);
    expect(a).toEqual(b); // the index changes how, never what
    return a;
  };
  const at = (x: number, y: number) => (y + 5) * 11 + (x + 5);

  it('$geometry Polygon: points inside, not those in a hole; MultiPolygon: inside either', async () => {
    const inside = await ids({ loc: { $geoWithin: { $geometry: { type: 'Polygon', coordinates: [square(-1.5, -1.5, 1.5, 1.5)] } } } });
    expect(inside).toEqual([at(-1, -1), at(0, -1), at(1, -1), at(-1, 0), at(0, 0), at(1, 0), at(-1, 1), at(0, 1), at(1, 1)]);
    const holed = await ids({ loc: { $geoWithin: { $geometry: { type: 'Polygon', coordinates: [square(-1.5, -1.5, 1.5, 1.5), square(-0.5, -0.5, 0.5, 0.5)] } } } });
    expect(holed).toHaveLength(8);
    expect(holed).not.toContain(at(0, 0));
    const multi = await ids({ loc: { $geoWithin: { $geometry: { type: 'MultiPolygon', coordinates: [[square(3.5, 3.5, 5.5, 5.5)], [square(-5.5, -5.5, -4.5, -4.5)]] } } } });
    expect(multi).toEqual([at(-5, -5), at(4, 4), at(5, 4), at(4, 5), at(5, 5)]);
  });

  it('the manual triangle [[0,0],[3,6],[6,1]] has geodesic edges: (1,2) and (2,4), on the straight line in degrees, are inside', async () => {
    const tri = await ids({ loc: { $geoWithin: { $geometry: { type: 'Polygon', coordinates: [[[0, 0], [3, 6], [6, 1], [0, 0]]] } } } });
    // The edge (0,0)-(3,6) is a great circle, which passes north of (1,2) and (2,4) (at 2.0066 and 4.0086 degrees).
    const inside = [[1, 1], [1, 2], [2, 1], [2, 2], [2, 3], [2, 4], [3, 1], [3, 2], [3, 3], [3, 4], [3, 5], [4, 1], [4, 2], [4, 3], [4, 4], [5, 1], [5, 2]];
    // The vertex (0,0) is on the boundary, where mongod's semi-open polygons decide by a rule of their own: not asserted.
    expect(tri.filter((id) => id !== at(0, 0))).toEqual(inside.map(([x, y]) => at(x!, y!)).sort((a, b) => a - b));
  });

  it('$centerSphere takes a radius in radians; the legacy planar $box also matches', async () => {
    const r = haversine([0, 0], [1, 0]) * 1.001; // just over one degree along the equator
    const circle = await ids({ loc: { $geoWithin: { $centerSphere: [[0, 0], r] } } });
    expect(circle).toEqual([at(0, -1), at(-1, 0), at(0, 0), at(1, 0), at(0, 1)]);
    const box = await ids({ loc: { $geoWithin: { $box: [[3, 3], [5, 4]] } } });
    expect(box).toEqual([at(3, 3), at(4, 3), at(5, 3), at(3, 4), at(4, 4), at(5, 4)]);
  });

  it('$geoIntersects: points on or in a polygon; a stored polygon against a query point', async () => {
    const hits = await ids({ loc: { $geoIntersects: { $geometry: { type: 'Polygon', coordinates: [square(4.5, -5.5, 5.5, -3.5)] } } } });
    expect(hits).toEqual([at(5, -5), at(5, -4)]);
    const same = await ids({ loc: { $geoIntersects: { $geometry: point(2, 3) } } });
    expect(same).toEqual([at(2, 3)]);
    const zones = db().collection<AnyDoc>('zones');
    await zones.createIndex({ area: '2dsphere' });
    await zones.insertMany([
      { _id: 'a', area: { type: 'Polygon', coordinates: [square(0, 0, 2, 2)] } },
      { _id: 'b', area: { type: 'Polygon', coordinates: [square(10, 10, 12, 12)] } },
    ] as never);
    const found = await zones.find({ area: { $geoIntersects: { $geometry: point(1, 1) } } }).toArray();
    expect(found.map((z) => z._id)).toEqual(['a']);
    const crossing = await zones.find({ area: { $geoIntersects: { $geometry: { type: 'LineString', coordinates: [[11, 9], [11, 13]] } } } }).toArray();
    expect(crossing.map((z) => z._id)).toEqual(['b']);
  });

  it('refuses a $geoWithin $geometry that is not a polygon', async () => {
    await expectCode(cIndexed().find({ loc: { $geoWithin: { $geometry: point(0, 0) } } }).toArray(), 2, '$geoWithin not supported with provided geometry');
  });
});

describe('$geoNear aggregation stage', () => {
  const c = () => db().collection<AnyDoc>('places_agg');
  beforeAll(async () => {
    await c().insertMany(places as never);
    await c().createIndex({ location: '2dsphere' });
  });

  it('the manual example: distanceField, maxDistance in metres, query and includeLocs', async () => {
    const out = await c()
      .aggregate([{ $geoNear: { near: point(-73.99279, 40.719296), distanceField: 'dist.calculated', maxDistance: 2, query: { category: 'Parks' }, includeLocs: 'dist.location', spherical: true } }])
      .toArray();
    expect(names(out)).toEqual(['Sara D. Roosevelt Park']);
    const dist = out[0]?.dist as { calculated: number; location: unknown };
    expect(dist.calculated).toBeCloseTo(haversine([-73.99279, 40.719296], [-73.9928, 40.7193]) * EARTH_RADIUS_M, 6);
    expect(dist.location).toEqual(point(-73.9928, 40.7193));
  });

  it('outputs every document nearest first; later stages, minDistance, distanceMultiplier and legacy points (radians)', async () => {
    const from = [-73.9667, 40.78];
    const out = await c().aggregate([{ $geoNear: { near: point(from[0]!, from[1]!), distanceField: 'd', key: 'location' } }, { $project: { name: 1, d: 1 } }]).toArray();
    const expected = [...places].map((p) => ({ name: p.name, d: haversine(from, p.location.coordinates) * EARTH_RADIUS_M })).sort((a, b) => a.d - b.d);
    expect(names(out)).toEqual(expected.map((e) => e.name));
    out.forEach((o, i) => expect(o.d).toBeCloseTo(expected[i]!.d, 3));
    const far = await c().aggregate([{ $geoNear: { near: point(from[0]!, from[1]!), distanceField: 'd', minDistance: 2000, distanceMultiplier: 0.001 } }]).toArray();
    expect(names(far)).toEqual(expected.slice(1).map((e) => e.name));
    expect(far[0]?.d).toBeCloseTo(expected[1]!.d / 1000, 6);
    const legacy = await c().aggregate([{ $geoNear: { near: from, distanceField: 'd', spherical: true } }, { $limit: 1 }]).toArray();
    expect(legacy[0]?.d).toBeCloseTo(expected[0]!.d / EARTH_RADIUS_M, 9);
  });

  it('must be the first stage and needs a 2dsphere index', async () => {
    await expectCode(c().aggregate([{ $match: {} }, { $geoNear: { near: point(0, 0), distanceField: 'd' } }]).toArray(), 40603, 'only valid as the first stage');
    const plain = db().collection<AnyDoc>('places_noindex');
    await plain.insertMany(places as never);
    await expectCode(plain.aggregate([{ $geoNear: { near: point(0, 0), distanceField: 'd' } }]).toArray(), 27, 'requires a 2d or 2dsphere index');
  });
});

describe('indexed geo queries', () => {
  const N = 50_000;
  const c = () => db().collection<AnyDoc>('many');
  // Deterministic spread over about 2 x 2 degrees around Hohhot.
  const spot = (i: number): [number, number] => [111 + ((i * 7919) % 20000) / 10000, 40 + ((i * 104729) % 20011) / 10005];
  beforeAll(async () => {
    await c().createIndex({ loc: '2dsphere' });
    const docs = Array.from({ length: N }, (_, i) => ({ _id: i, loc: point(...spot(i)) }));
    for (let i = 0; i < N; i += 10_000) await c().insertMany(docs.slice(i, i + 10_000) as never);
  }, 60_000);

  it(`$near over ${N} points examines a small fraction of them and returns the true nearest in order`, async () => {
    const from: [number, number] = [112, 41];
    const query = { loc: { $near: { $geometry: point(...from) } } };
    const ex = await c().find(query).limit(20).explain('executionStats');
    expect(ex.queryPlanner.winningPlan.stage).toBe('GEO_NEAR_2DSPHERE');
    expect(ex.executionStats.nReturned).toBe(20);
    expect(ex.executionStats.totalDocsExamined).toBeLessThan(N / 50);
    const got = (await c().find(query).limit(20).toArray()).map((d) => d._id as number);
    const truth = Array.from({ length: N }, (_, i) => ({ i, d: haversine(from, spot(i)) }))
      .sort((a, b) => a.d - b.d)
      .slice(0, 20)
      .map((x) => x.i);
    expect(got).toEqual(truth);
  });

  it('$geoWithin reads the index (IXSCAN on the 2dsphere key) and finds every point in the circle', async () => {
    const r = 2000 / EARTH_RADIUS_M;
    const region = { loc: { $geoWithin: { $centerSphere: [[111.5, 40.5], r] } } };
    const ex = await c().find(region).explain('executionStats');
    expect(ex.queryPlanner.winningPlan).toMatchObject({ stage: 'FETCH', inputStage: { stage: 'IXSCAN', keyPattern: { loc: '2dsphere' } } });
    expect(ex.executionStats.totalDocsExamined).toBeLessThan(N / 50);
    const viaIndex = (await c().find(region).toArray()).map((d) => d._id as number).sort((a, b) => a - b);
    const truth = Array.from({ length: N }, (_, i) => i).filter((i) => haversine([111.5, 40.5], spot(i)) <= r);
    expect(viaIndex.length).toBeGreaterThan(0);
    expect(viaIndex).toEqual(truth);
    expect(ex.executionStats.nReturned).toBe(viaIndex.length);
  });
});

describe('through mongoose', () => {
  it('a schema 2dsphere index and a $near query with $maxDistance', async () => {
    const conn = await mongoose.createConnection(engine.server().uri, { dbName: 'geo_mongoose' }).asPromise();
    try {
      const Place = conn.model('Place', new Schema({ name: String, location: { type: { type: String, enum: ['Point'] }, coordinates: [Number] } }).index({ location: '2dsphere' }));
      await Place.init();
      await Place.create(places.map(({ name, location }) => ({ name, location: { type: 'Point' as const, coordinates: location.coordinates } })));
      const found = await Place.find({ location: { $near: { $geometry: point(-73.9667, 40.78), $maxDistance: 5000 } } }).lean();
      expect(found.map((p) => p.name)).toEqual(['Central Park']);
    } finally {
      await conn.close();
    }
  });
});
