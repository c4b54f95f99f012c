import type { Document } from 'bson';
import { fail } from '../errors';
import { formatValue } from '../format';
import { isPlainObject } from '../paths';
import { capRect, shapeRect, type Rect } from './cells';
import { angleBetween, EARTH_RADIUS_M, GeoError, intersects, legacyPoint, parseGeoJson, vertices, within, type LngLat, type Shape } from './geometry';

/** A parsed $geoWithin / $geoIntersects condition: the test of a stored shape, and where matches can lie (null: anywhere). */
export interface RegionQuery {
  test: (s: Shape) => boolean;
  /** The rectangle holding every match, for the index cover; null when the index cannot bound it (planar legacy shapes). */
  rect: Rect | null;
}

function geometryOf(v: unknown, op: string): Shape {
  if (!isPlainObject(v)) fail('BadValue', `${op} requires a $geometry object`);
  try {
    return parseGeoJson(v);
  } catch (err) {
    if (err instanceof GeoError) fail('BadValue', `Invalid geometry in ${op}: ${formatValue(v)}: ${err.message}`);
    throw err;
  }
}

const num = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

function pairOf(v: unknown, what: string): LngLat {
  const p = legacyPoint(v);
  if (!p) fail('BadValue', `Point must only contain numeric elements in ${what}`);
  return p;
}

/** $geoWithin's argument (manual: "$geoWithin"): $geometry Polygon/MultiPolygon, $centerSphere, or the planar $box, $polygon, $center. */
export function parseWithin(value: unknown): RegionQuery {
  if (!isPlainObject(value)) fail('BadValue', '$geoWithin needs an object');
  const [op] = Object.keys(value);
  const arg: unknown = op === undefined ? undefined : value[op];
  switch (op) {
    case '$geometry': {
      const shape = geometryOf(arg, '$geoWithin');
      if (shape.polygons.length === 0 || shape.points.length > 0 || shape.lines.length > 0) {
        fail('BadValue', `$geoWithin not supported with provided geometry: ${formatValue(value)}`);
      }
      return { test: (s) => within(s, shape), rect: shapeRect(shape) };
    }
    case '$centerSphere': {
      if (!Array.isArray(arg) || arg.length !== 2 || !num(arg[1]) || arg[1] < 0) fail('BadValue', `malformed query, invalid $centerSphere: ${formatValue(arg)}`);
      const center = pairOf(arg[0], '$centerSphere');
      const r = arg[1] as number;
      return { test: (s) => vertices(s).every((p) => angleBetween(center, p) <= r), rect: capRect(center, r) };
    }
    case '$box': {
      if (!Array.isArray(arg) || arg.length !== 2) fail('BadValue', `malformed query, invalid $box: ${formatValue(arg)}`);
      const a = pairOf(arg[0], '$box');
      const b = pairOf(arg[1], '$box');
      const [x0, x1] = [Math.min(a[0], b[0]), Math.max(a[0], b[0])];
      const [y0, y1] = [Math.min(a[1], b[1]), Math.max(a[1], b[1])];
      return { test: (s) => vertices(s).every(([x, y]) => x >= x0 && x <= x1 && y >= y0 && y <= y1), rect: null };
    }
    case '$polygon': {
      if (!Array.isArray(arg) || arg.length < 3) fail('BadValue', 'Polygon must have at least 3 points');
      const pts = arg.map((p) => pairOf(p, '$polygon'));
      return { test: (s) => vertices(s).every((p) => inPlanarPolygon(p, pts)), rect: null };
    }
    case '$center': {
      if (!Array.isArray(arg) || arg.length !== 2 || !num(arg[1]) || arg[1] < 0) fail('BadValue', `malformed query, invalid $center: ${formatValue(arg)}`);
      const c = pairOf(arg[0], '$center');
      const r = arg[1] as number;
      return { test: (s) => vertices(s).every(([x, y]) => Math.hypot(x - c[0], y - c[1]) <= r), rect: null };
    }
    default:
      return fail('BadValue', `unknown geo specifier: ${op ?? '(none)'}: ${formatValue(arg)}`);
  }
}

/** $geoIntersects's argument: any GeoJSON $geometry. */
export function parseIntersects(value: unknown): RegionQuery {
  if (!isPlainObject(value) || !('$geometry' in value)) fail('BadValue', `$geoIntersects requires a $geometry: ${formatValue(value)}`);
  const shape = geometryOf(value.$geometry, '$geoIntersects');
  return { test: (s) => intersects(s, shape), rect: shapeRect(shape) };
}

/** Even-odd ray casting in the plane (legacy $polygon); boundary points count as inside. */
function inPlanarPolygon([x, y]: LngLat, pts: LngLat[]): boolean {
  let inside = false;
  for (let i = 0, j = pts.length - 1; i < pts.length; j = i++) {
    const [xi, yi] = pts[i] as LngLat;
    const [xj, yj] = pts[j] as LngLat;
    const cross = (x - xi) * (yj - yi) - (y - yi) * (xj - xi);
    if (Math.abs(cross) < 1e-12 && x >= Math.min(xi, xj) && x <= Math.max(xi, xj) && y >= Math.min(yi, yj) && y <= Math.max(yi, yj)) return true;
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/** A parsed $near / $nearSphere: the centre and the distance limits, all in radians. */
export interface NearQuery {
  center: LngLat;
  minAngle: number;
  maxAngle: number;
  /** Metres per radian for GeoJSON queries (distances in metres), 1 for legacy ones (radians). */
  unit: number;
  op: '$near' | '$nearSphere';
}

function distance(v: unknown, name: string): number | undefined {
  if (v === undefined) return undefined;
  if (!num(v)) fail('BadValue', `${name} must be a number`);
  if (v < 0) fail('BadValue', `${name} must be non-negative`);
  return v;
}

/**
 * A field's near condition (manual: "$near", "$nearSphere"): { $near: { $geometry: Point, $maxDistance, $minDistance } }
 * in metres, or { $nearSphere: [x, y], $maxDistance, $minDistance } in radians.
 */
export function parseNear(cond: Document): NearQuery {
  const op = '$near' in cond ? '$near' : '$nearSphere';
  const v: unknown = cond[op];
  let center: LngLat;
  let unit = 1;
  let max = distance(cond.$maxDistance, '$maxDistance');
  let min = distance(cond.$minDistance, '$minDistance');
  if (isPlainObject(v) && '$geometry' in v) {
    const g: unknown = v.$geometry;
    const shape = isPlainObject(g) && g.type === 'Point' ? geometryOf(g, op) : null;
    if (!shape) fail('BadValue', `invalid point in geo near query $geometry argument: ${formatValue(g)}`);
    center = shape.points[0] as LngLat;
    unit = EARTH_RADIUS_M;
    max = distance(v.$maxDistance, '$maxDistance') ?? max;
    min = distance(v.$minDistance, '$minDistance') ?? min;
  } else {
    const p = legacyPoint(v);
    if (!p) fail('BadValue', `invalid argument in geo near query: ${formatValue(v)}`);
    center = p;
  }
  return { center, minAngle: (min ?? 0) / unit, maxAngle: max === undefined ? Infinity : max / unit, unit, op };
}

export const NEAR_OPS = new Set(['$near', '$nearSphere']);

/** The near conditions of a filter, with where they sit: `top` when at the top level or in a top-level $and. */
export function findNear(filter: Document): { field: string; cond: Document; top: boolean }[] {
  const out: { field: string; cond: Document; top: boolean }[] = [];
  const walk = (v: unknown, top: boolean, field: string | null): void => {
    if (Array.isArray(v)) {
      for (const e of v) walk(e, top, null);
      return;
    }
    if (!isPlainObject(v)) return;
    for (const [k, x] of Object.entries(v)) {
      if (NEAR_OPS.has(k) && field !== null) out.push({ field, cond: v, top });
      else if (k === '$and') walk(x, top, null);
      else if (k.startsWith('$')) walk(x, false, null);
      else if (field === null) walk(x, top, k);
      else walk(x, false, null);
    }
  };
  walk(filter, true, null);
  return out;
}
