import { isPlainObject } from '../paths';

/**
 * Spherical geometry for 2dsphere queries: GeoJSON and legacy points parsed into unit vectors, distances
 * as central angles, point-in-polygon by winding number and geodesic edge crossings (edges are great-circle
 * arcs, as in mongod's S2 geometry). Plain vector maths, no library: the shapes here are small.
 */

export type LngLat = [lng: number, lat: number];
export type Vec = [number, number, number];

/** mongod's radius of the earth (kRadiusOfEarthInMeters), for metre distances of GeoJSON queries. */
export const EARTH_RADIUS_M = 6378.1 * 1000;

/** A geometry reduced to what the predicates need: points, lines and polygons (rings of closed loops). */
export interface Shape {
  points: LngLat[];
  lines: LngLat[][];
  polygons: LngLat[][][];
}

export class GeoError extends Error {}

const emptyShape = (): Shape => ({ points: [], lines: [], polygons: [] });

export function toVec([lng, lat]: LngLat): Vec {
  const phi = (lat * Math.PI) / 180;
  const lambda = (lng * Math.PI) / 180;
  const c = Math.cos(phi);
  return [c * Math.cos(lambda), c * Math.sin(lambda), Math.sin(phi)];
}

export function toLngLat(v: Vec): LngLat {
  const [x, y, z] = v;
  return [(Math.atan2(y, x) * 180) / Math.PI, (Math.atan2(z, Math.hypot(x, y)) * 180) / Math.PI];
}

const dot = (a: Vec, b: Vec): number => a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
const cross = (a: Vec, b: Vec): Vec => [a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]];
const norm = (a: Vec): number => Math.hypot(a[0], a[1], a[2]);
const scale = (a: Vec, k: number): Vec => [a[0] * k, a[1] * k, a[2] * k];
const unit = (a: Vec): Vec => scale(a, 1 / norm(a));

/** The central angle between two points, in radians (atan2 form: exact for tiny and near-antipodal angles). */
export function angleBetween(a: LngLat, b: LngLat): number {
  const u = toVec(a);
  const v = toVec(b);
  return Math.atan2(norm(cross(u, v)), dot(u, v));
}

const isNum = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/** A legacy coordinate pair: [x, y] or an object whose first two values are numbers (not GeoJSON). */
export function legacyPoint(v: unknown): LngLat | null {
  if (Array.isArray(v)) return v.length >= 2 && isNum(v[0]) && isNum(v[1]) ? [v[0], v[1]] : null;
  if (isPlainObject(v) && !('type' in v) && !('coordinates' in v)) {
    const vals = Object.values(v);
    return vals.length >= 2 && isNum(vals[0]) && isNum(vals[1]) ? [vals[0], vals[1]] : null;
  }
  return null;
}

function position(v: unknown): LngLat {
  if (!Array.isArray(v) || v.length < 2) throw new GeoError('GeoJSON coordinates must be an array');
  if (!isNum(v[0]) || !isNum(v[1])) throw new GeoError('Point must only contain numeric elements');
  return checkBounds([v[0], v[1]]);
}

function checkBounds(p: LngLat): LngLat {
  if (p[0] < -180 || p[0] > 180 || p[1] < -90 || p[1] > 90) throw new GeoError(`longitude/latitude is out of bounds, lng: ${p[0]} lat: ${p[1]}`);
  return p;
}

function positions(v: unknown): LngLat[] {
  if (!Array.isArray(v)) throw new GeoError('GeoJSON coordinates must be an array');
  return v.map(position);
}

const samePos = (a: LngLat, b: LngLat): boolean => a[0] === b[0] && a[1] === b[1];

function ring(v: unknown): LngLat[] {
  const pts = positions(v);
  if (pts.length === 0 || !samePos(pts[0] as LngLat, pts[pts.length - 1] as LngLat)) throw new GeoError('Loop is not closed, first vertex does not equal last vertex');
  if (pts.length < 4) throw new GeoError('Loop must have at least 3 different vertices');
  const distinct = new Set(pts.map((p) => `${p[0]},${p[1]}`));
  if (distinct.size < 3) throw new GeoError('Loop must have at least 3 different vertices');
  return pts;
}

function polygon(v: unknown): LngLat[][] {
  if (!Array.isArray(v) || v.length === 0) throw new GeoError('Polygon coordinates must be an array of loops');
  return v.map(ring);
}

function line(v: unknown): LngLat[] {
  const pts = positions(v);
  if (pts.length < 2) throw new GeoError('GeoJSON LineString must have at least 2 vertices');
  return pts;
}

/** Parses a GeoJSON object into a shape; throws GeoError with mongod's reason when it is invalid. */
export function parseGeoJson(v: Record<string, unknown>): Shape {
  const out = emptyShape();
  const coords: unknown = v.coordinates;
  switch (v.type) {
    case 'Point':
      out.points.push(position(coords));
      break;
    case 'MultiPoint':
      out.points.push(...positions(coords));
      break;
    case 'LineString':
      out.lines.push(line(coords));
      break;
    case 'MultiLineString':
      if (!Array.isArray(coords)) throw new GeoError('MultiLineString coordinates must be an array');
      out.lines.push(...coords.map(line));
      break;
    case 'Polygon':
      out.polygons.push(polygon(coords));
      break;
    case 'MultiPolygon':
      if (!Array.isArray(coords)) throw new GeoError('MultiPolygon coordinates must be an array');
      out.polygons.push(...coords.map(polygon));
      break;
    case 'GeometryCollection': {
      if (!Array.isArray(v.geometries)) throw new GeoError('GeometryCollection geometries must be an array');
      for (const g of v.geometries) {
        if (!isPlainObject(g)) throw new GeoError('Element of GeometryCollection is not an object');
        const s = parseGeoJson(g);
        out.points.push(...s.points);
        out.lines.push(...s.lines);
        out.polygons.push(...s.polygons);
      }
      break;
    }
    default:
      throw new GeoError(`unknown GeoJSON type`);
  }
  return out;
}

/** A stored location: a GeoJSON object or a legacy pair. Throws GeoError for anything else. */
export function parseStored(v: unknown): Shape {
  if (isPlainObject(v) && 'type' in v) return parseGeoJson(v);
  const p = legacyPoint(v);
  if (p) return { points: [checkBounds(p)], lines: [], polygons: [] };
  if (Array.isArray(v) || isPlainObject(v)) throw new GeoError('Point must only contain numeric elements');
  throw new GeoError('geo element must be an array or object');
}

/** Every vertex of a shape. */
export function vertices(s: Shape): LngLat[] {
  return [...s.points, ...s.lines.flat(), ...s.polygons.flat(2)];
}

/** The east and north unit vectors of the tangent plane at p. */
function tangentFrame(p: Vec): [Vec, Vec] {
  const axis: Vec = Math.abs(p[2]) > 0.999999 ? [1, 0, 0] : [0, 0, 1];
  const east = unit(cross(axis, p));
  return [east, cross(p, east)];
}

/** Whether p lies inside a closed ring of geodesic edges (winding number of the ring around p; vertices count as inside). */
export function inRing(p: Vec, ringPts: LngLat[]): boolean {
  const [east, north] = tangentFrame(p);
  let sum = 0;
  let prev: number | null = null;
  let first: number | null = null;
  for (const ll of ringPts) {
    const v = toVec(ll);
    const t: Vec = [v[0] - dot(v, p) * p[0], v[1] - dot(v, p) * p[1], v[2] - dot(v, p) * p[2]];
    if (norm(t) < 1e-15 && dot(v, p) > 0) return true;
    const az = Math.atan2(dot(t, north), dot(t, east));
    if (prev === null) first = az;
    else sum += wrap(az - prev);
    prev = az;
  }
  if (prev !== null && first !== null) sum += wrap(first - prev);
  return Math.abs(sum) > Math.PI;
}

function wrap(a: number): number {
  while (a > Math.PI) a -= 2 * Math.PI;
  while (a <= -Math.PI) a += 2 * Math.PI;
  return a;
}

/** Inside the outer ring and outside every hole. */
export function inPolygon(p: Vec, rings: LngLat[][]): boolean {
  const [outer, ...holes] = rings;
  if (!outer || !inRing(p, outer)) return false;
  return !holes.some((h) => inRing(p, h));
}

/** Whether x (unit) lies on the shorter arc a→b of their great circle. */
function onArc(x: Vec, a: Vec, b: Vec): boolean {
  const n = cross(a, b);
  return dot(cross(a, x), n) >= -1e-15 && dot(cross(x, b), n) >= -1e-15 && dot(x, a) > -1 && dot(x, b) > -1;
}

/** Whether the geodesic arcs a-b and c-d share a point. */
export function arcsCross(a: Vec, b: Vec, c: Vec, d: Vec): boolean {
  const n1 = cross(a, b);
  const n2 = cross(c, d);
  const x = cross(n1, n2);
  if (norm(x) < 1e-15) {
    // Same great circle (or degenerate): they meet when an endpoint of one lies on the other.
    return (onArc(c, a, b) && Math.abs(dot(c, n1)) < 1e-12) || (onArc(a, c, d) && Math.abs(dot(a, n2)) < 1e-12);
  }
  const u = unit(x);
  return (onArc(u, a, b) && onArc(u, c, d)) || (onArc(scale(u, -1), a, b) && onArc(scale(u, -1), c, d));
}

/** Whether p lies on the arc a-b (within about a micrometre). */
function pointOnArc(p: Vec, a: Vec, b: Vec): boolean {
  const n = cross(a, b);
  const len = norm(n);
  if (len < 1e-15) return Math.acos(Math.min(1, dot(p, a))) < 1e-12;
  return Math.abs(dot(p, n)) / len < 1e-12 && onArc(p, a, b);
}

function edges(s: Shape): [Vec, Vec][] {
  const out: [Vec, Vec][] = [];
  const add = (pts: LngLat[]): void => {
    for (let i = 0; i + 1 < pts.length; i++) out.push([toVec(pts[i] as LngLat), toVec(pts[i + 1] as LngLat)]);
  };
  s.lines.forEach(add);
  for (const poly of s.polygons) poly.forEach(add);
  return out;
}

const inAnyPolygon = (p: LngLat, s: Shape): boolean => s.polygons.some((poly) => inPolygon(toVec(p), poly));

function pointTouches(p: LngLat, s: Shape): boolean {
  const v = toVec(p);
  if (s.points.some((q) => angleBetween(p, q) < 1e-12)) return true;
  if (edges(s).some(([a, b]) => pointOnArc(v, a, b))) return true;
  return inAnyPolygon(p, s);
}

/** $geoIntersects: the shapes share at least one point. */
export function intersects(a: Shape, b: Shape): boolean {
  if (a.points.some((p) => pointTouches(p, b)) || b.points.some((p) => pointTouches(p, a))) return true;
  const ea = edges(a);
  const eb = edges(b);
  for (const [p, q] of ea) for (const [r, t] of eb) if (arcsCross(p, q, r, t)) return true;
  // One inside the other without crossing: a vertex of one is inside the other's polygon.
  return vertices(a).some((p) => inAnyPolygon(p, b)) || vertices(b).some((p) => inAnyPolygon(p, a));
}

/** $geoWithin of polygons: every vertex inside one of them and no edge leaving through their boundary. */
export function within(s: Shape, container: Shape): boolean {
  const verts = vertices(s);
  if (verts.length === 0 || !verts.every((p) => inAnyPolygon(p, container))) return false;
  const inner = edges(s);
  if (inner.length === 0) return true;
  const outer = edges(container);
  for (const [p, q] of inner) {
    for (const [r, t] of outer) {
      // Crossing the boundary (touching it at a shared vertex is allowed).
      if (arcsCross(p, q, r, t) && ![r, t].some((x) => dot(x, p) > 1 - 1e-15 || dot(x, q) > 1 - 1e-15)) return false;
    }
  }
  return true;
}

/** The smallest central angle from a point to a shape (to its nearest vertex for lines and polygons, 0 inside a polygon). */
export function angleTo(center: LngLat, s: Shape): number {
  if (inAnyPolygon(center, s)) return 0;
  let best = Infinity;
  for (const p of vertices(s)) best = Math.min(best, angleBetween(center, p));
  return best;
}

/** The nearest vertex of a shape (the location $geoNear's includeLocs reports). */
export function nearestVertex(center: LngLat, s: Shape): LngLat | undefined {
  let best = Infinity;
  let at: LngLat | undefined;
  for (const p of vertices(s)) {
    const d = angleBetween(center, p);
    if (d < best) {
      best = d;
      at = p;
    }
  }
  return at;
}

/** Latitude range of the arc a-b (an edge bulges poleward between its ends). */
export function arcLatRange(a: LngLat, b: LngLat): [number, number] {
  let lo = Math.min(a[1], b[1]);
  let hi = Math.max(a[1], b[1]);
  const va = toVec(a);
  const vb = toVec(b);
  const n = cross(va, vb);
  if (norm(n) < 1e-15) return [lo, hi];
  const un = unit(n);
  const z: Vec = [0, 0, 1];
  const h = [z[0] - un[2] * un[0], z[1] - un[2] * un[1], z[2] - un[2] * un[2]] as Vec;
  if (norm(h) > 1e-15) {
    const top = unit(h);
    if (onArc(top, va, vb)) hi = Math.max(hi, toLngLat(top)[1]);
    const bottom = scale(top, -1);
    if (onArc(bottom, va, vb)) lo = Math.min(lo, toLngLat(bottom)[1]);
  }
  return [lo, hi];
}
