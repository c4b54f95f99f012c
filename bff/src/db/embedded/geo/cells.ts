import { arcLatRange, inPolygon, toVec, vertices, type LngLat, type Shape } from './geometry';

/**
 * Grid cells of a 2dsphere index: a quadtree over longitude/latitude, each cell named by its quadkey (one
 * digit 0-3 per level, so a cell's name is the prefix of every cell inside it and one cell is one range of
 * the sorted index). A point's key is its cell at the finest level; a line or polygon is keyed by the few
 * coarser cells covering its bounding box, so a search also looks up the ancestors of the cells it scans.
 */

export const LEAF_LEVEL = 20;
/** Cells a query region is covered with at most (more: a tighter cover, more range scans). */
const MAX_QUERY_CELLS = 48;
/** Cells a stored line or polygon is keyed under at most. */
const MAX_SHAPE_CELLS = 8;

/** [minLng, minLat, maxLng, maxLat]; minLng > maxLng wraps across the antimeridian. */
export type Rect = [number, number, number, number];

export const WORLD: Rect = [-180, -90, 180, 90];

function cellXY(lng: number, lat: number, level: number): [number, number] {
  const n = 2 ** level;
  const x = Math.min(n - 1, Math.max(0, Math.floor(((lng + 180) / 360) * n)));
  const y = Math.min(n - 1, Math.max(0, Math.floor(((lat + 90) / 180) * n)));
  return [x, y];
}

function quadkey(x: number, y: number, level: number): string {
  let s = '';
  for (let i = level - 1; i >= 0; i--) s += String(((x >> i) & 1) | (((y >> i) & 1) << 1));
  return s;
}

/** The leaf cell of a point. */
export function pointCell(p: LngLat): string {
  const [x, y] = cellXY(p[0], p[1], LEAF_LEVEL);
  return quadkey(x, y, LEAF_LEVEL);
}

/** Cells (all at one level, as coarse as needed to stay within maxCells) covering a rectangle. */
export function coverRect(rect: Rect, maxCells = MAX_QUERY_CELLS): string[] {
  const parts: Rect[] = rect[0] > rect[2] ? [[rect[0], rect[1], 180, rect[3]], [-180, rect[1], rect[2], rect[3]]] : [rect];
  for (let level = LEAF_LEVEL; level >= 0; level--) {
    const ranges = parts.map((r) => [cellXY(r[0], r[1], level), cellXY(r[2], r[3], level)] as const);
    const count = ranges.reduce((n, [[x0, y0], [x1, y1]]) => n + (x1 - x0 + 1) * (y1 - y0 + 1), 0);
    if (count > maxCells && level > 0) continue;
    const out = new Set<string>();
    for (const [[x0, y0], [x1, y1]] of ranges) for (let x = x0; x <= x1; x++) for (let y = y0; y <= y1; y++) out.add(quadkey(x, y, level));
    return [...out].sort();
  }
  return [''];
}

/** The keys of a stored shape: a point's leaf cell; lines and polygons by their bounding box's cover. */
export function shapeCells(s: Shape): string[] {
  const out = new Set<string>();
  for (const p of s.points) out.add(pointCell(p));
  if (s.lines.length > 0 || s.polygons.length > 0) {
    for (const c of coverRect(shapeRect({ points: [], lines: s.lines, polygons: s.polygons }), MAX_SHAPE_CELLS)) out.add(c);
  }
  return [...out];
}

/** A rectangle containing the shape (edges are geodesics, so their poleward bulge counts). */
export function shapeRect(s: Shape): Rect {
  const verts = vertices(s);
  if (verts.length === 0) return WORLD;
  let minLng = Infinity;
  let maxLng = -Infinity;
  let minLat = Infinity;
  let maxLat = -Infinity;
  const widen = (lo: number, hi: number): void => {
    minLat = Math.min(minLat, lo);
    maxLat = Math.max(maxLat, hi);
  };
  for (const p of verts) {
    minLng = Math.min(minLng, p[0]);
    maxLng = Math.max(maxLng, p[0]);
    widen(p[1], p[1]);
  }
  const chains = [...s.lines, ...s.polygons.flat()];
  for (const c of chains) for (let i = 0; i + 1 < c.length; i++) widen(...arcLatRange(c[i] as LngLat, c[i + 1] as LngLat));
  // A polygon around a pole, or spanning over half the longitudes: take every longitude.
  const aroundPole = s.polygons.some((poly) => inPolygon(toVec([0, 90]), poly) || inPolygon(toVec([0, -90]), poly));
  if (s.polygons.some((poly) => inPolygon(toVec([0, 90]), poly))) maxLat = 90;
  if (s.polygons.some((poly) => inPolygon(toVec([0, -90]), poly))) minLat = -90;
  if (aroundPole || maxLng - minLng > 180) return [-180, minLat, 180, maxLat];
  return [minLng, minLat, maxLng, maxLat];
}

/** A rectangle containing the spherical cap of `angle` radians around a point. */
export function capRect(center: LngLat, angle: number): Rect {
  if (angle >= Math.PI) return WORLD;
  const deg = (angle * 180) / Math.PI;
  const [lng, lat] = center;
  const lo = lat - deg;
  const hi = lat + deg;
  if (lo <= -90 || hi >= 90) return [-180, Math.max(-90, lo), 180, Math.min(90, hi)];
  const s = Math.sin(angle) / Math.cos((lat * Math.PI) / 180);
  if (s >= 1) return [-180, lo, 180, hi];
  const dLng = (Math.asin(s) * 180) / Math.PI;
  let west = lng - dLng;
  let east = lng + dLng;
  if (west < -180) west += 360;
  if (east > 180) east -= 360;
  return [west, lo, east, hi];
}

/** The strict ancestors of a set of cells (their prefixes), where coarse keys of lines and polygons live. */
export function ancestors(cells: string[]): string[] {
  const out = new Set<string>();
  for (const c of cells) for (let i = 0; i < c.length; i++) out.add(c.slice(0, i));
  for (const c of cells) out.delete(c);
  return [...out].sort();
}
