import type { Document } from 'bson';
import { CommandError, fail } from '../errors';
import { compareKeyPart, type Index } from '../indexes';
import { isPlainObject } from '../paths';
import type { Plan } from '../planner';
import type { Collection } from '../storage/collection';
import { FieldSet } from '../storage/heap';
import { ancestors, capRect, coverRect } from './cells';
import { angleTo } from './geometry';
import { shapesAt } from './keys';
import { findNear, parseIntersects, parseNear, parseWithin, type NearQuery, type RegionQuery } from './spec';

/** What a geo scan read, for explain's executionStats. */
export interface GeoScanStats {
  keys: number;
  docs: number;
}

/** 2dsphere indexes on a field, those where it comes first preferred (their cells bound the scan directly). */
function geoIndexesOn(coll: Collection, field: string): Index[] {
  const at = (i: Index): number => i.fields.findIndex((f, k) => f === field && i.geoFields[k] === true);
  return [...coll.indexes.values()].filter((i) => at(i) >= 0 && i.spec.hidden !== true).sort((a, b) => at(a) - at(b));
}

function hinted(indexes: Index[], hint: unknown): Index | undefined {
  if (typeof hint === 'string') return indexes.find((i) => i.name === hint);
  if (isPlainObject(hint)) return indexes.find((i) => JSON.stringify(i.spec.key) === JSON.stringify(hint));
  return undefined;
}

/** Compares an entry's first `n` key parts with a prefix, in index order. */
function comparePrefix(index: Index, e: unknown[], prefix: unknown[]): number {
  for (let i = 0; i < prefix.length; i++) {
    const c = compareKeyPart(e[i], prefix[i]);
    if (c !== 0) return c * (index.dirs[i] as number);
  }
  return 0;
}

/**
 * Record ids under the given cells (each a range of the index) and under their ancestors (coarse keys of
 * lines and polygons). When fields precede the location in the index, each distinct prefix is scanned in
 * turn (a skip scan), as mongod scans such a compound index with unbounded leading fields.
 */
function* scanCells(index: Index, field: string, cells: string[], stats: GeoScanStats): Generator<number> {
  const list = index.list;
  const g = index.fields.findIndex((f, k) => f === field && index.geoFields[k] === true);
  const emit = function* (prefix: unknown[], from: string, within: (k: string) => boolean): Generator<number> {
    const pos = list.seek((e) => (comparePrefix(index, e, prefix) || compareKeyPart(e[g], from)) >= 0);
    if (!pos) return;
    for (const e of list.iterate(pos, 1)) {
      const k = e[g];
      if (comparePrefix(index, e, prefix) !== 0 || typeof k !== 'string' || !within(k)) return;
      for (const rid of index.ridsOf(e)) {
        stats.keys++;
        yield rid;
      }
    }
  };
  const up = ancestors(cells);
  let pos = list.first();
  while (pos) {
    const prefix = list.at(pos).slice(0, g);
    for (const a of up) yield* emit(prefix, a, (k) => k === a);
    for (const c of cells) yield* emit(prefix, c, (k) => k.startsWith(c));
    if (g === 0) return;
    pos = list.seek((e) => comparePrefix(index, e, prefix) > 0);
  }
}

/** The first record ids of a scan, once each. */
function* once(rids: Iterable<number>): Generator<number> {
  const seen = new Set<number>();
  for (const rid of rids) {
    if (seen.has(rid)) continue;
    seen.add(rid);
    yield rid;
  }
}

/** Smallest search radius (about 64 m); each round doubles it. */
const FIRST_RADIUS = 1e-5;

/**
 * Record ids in order of distance (mongod's GEO_NEAR_2DSPHERE): rings of growing radius, each scanning the
 * cells that cover its cap; a document is released once the scanned cap holds every closer one.
 */
function* nearRids(coll: Collection, index: Index, field: string, q: NearQuery, stats: GeoScanStats): Generator<number> {
  const seen = new Set<number>();
  let pending: { rid: number; d: number }[] = [];
  const fields = new FieldSet(new Set([field.split('.')[0] as string]));
  let radius = Math.max(FIRST_RADIUS, q.minAngle * 1.01 + FIRST_RADIUS);
  for (;;) {
    const outer = Math.min(radius, q.maxAngle, Math.PI);
    for (const rid of scanCells(index, field, coverRect(capRect(q.center, outer)), stats)) {
      if (seen.has(rid)) continue;
      seen.add(rid);
      stats.docs++;
      const doc = coll.doc(rid, fields);
      if (!doc) continue;
      let d = Infinity;
      for (const s of shapesAt(doc, field)) d = Math.min(d, angleTo(q.center, s));
      if (d >= q.minAngle && d <= q.maxAngle) pending.push({ rid, d });
    }
    pending.sort((a, b) => a.d - b.d || a.rid - b.rid);
    const done = outer >= q.maxAngle || outer >= Math.PI;
    let k = 0;
    while (k < pending.length && (done || (pending[k] as { d: number }).d <= outer)) yield (pending[k++] as { rid: number }).rid;
    if (done) return;
    pending = pending.slice(k);
    radius = outer * 2;
  }
}

/** mongod's error when no 2dsphere index serves a near query. */
function noIndex(coll: Collection, field: string, q: NearQuery): never {
  throw new CommandError(
    291,
    'NoQueryExecutionPlans',
    `error processing query: ns=${coll.ns}Tree: GEONEAR  field=${field} maxdist=${q.maxAngle === Infinity ? '1.79769e+308' : String(q.maxAngle * q.unit)} isNearSphere=${q.op === '$nearSphere' ? 1 : 0}\nSort: {}\nProj: {}\n planner returned error :: caused by :: unable to find index for $geoNear query`,
  );
}

/** Checks where near conditions sit: at most one, at the top level (or in a top-level $and). */
function nearCondition(filter: Document): { field: string; cond: Document } | null {
  const near = findNear(filter);
  if (near.length === 0) return null;
  if (near.length > 1) fail('BadValue', 'Too many geoNear expressions');
  const [n] = near as [{ field: string; cond: Document; top: boolean }];
  if (!n.top) fail('BadValue', 'geoNear must be top-level expr');
  return n;
}

/** The plan of a query with $near / $nearSphere: always through a 2dsphere index, in distance order. */
export function nearPlan(coll: Collection | undefined, filter: Document, sort: Document | undefined, hint: unknown): Plan | null {
  const n = nearCondition(filter);
  if (!n) return null;
  const q = parseNear(n.cond);
  if (!coll) return null;
  const indexes = geoIndexesOn(coll, n.field);
  const index = hinted(indexes, hint) ?? indexes[0];
  if (!index) noIndex(coll, n.field, q);
  const stats: GeoScanStats = { keys: 0, docs: 0 };
  return { rids: nearRids(coll, index, n.field, q, stats), sorted: !sort || Object.keys(sort).length === 0, index: index.name, stage: 'GEO_NEAR_2DSPHERE', scan: stats };
}

/** The region conditions ($geoWithin / $geoIntersects) at the top level of a filter that an index can bound. */
function regionConditions(filter: Document): { field: string; q: RegionQuery }[] {
  const out: { field: string; q: RegionQuery }[] = [];
  for (const [k, v] of Object.entries(filter)) {
    if (k === '$and' && Array.isArray(v)) {
      for (const c of v) if (isPlainObject(c)) out.push(...regionConditions(c));
      continue;
    }
    if (k.startsWith('$') || !isPlainObject(v)) continue;
    if ('$geoWithin' in v || '$within' in v) out.push({ field: k, q: parseWithin(v.$geoWithin ?? v.$within) });
    if ('$geoIntersects' in v) out.push({ field: k, q: parseIntersects(v.$geoIntersects) });
  }
  return out.filter((c) => c.q.rect !== null);
}

/** A $geoWithin / $geoIntersects through a 2dsphere index: the cells covering the region, the filter checked on each record. */
export function regionPlan(coll: Collection, filter: Document, hint: unknown): Plan | null {
  for (const { field, q } of regionConditions(filter)) {
    const indexes = geoIndexesOn(coll, field);
    const index = hint === undefined ? indexes[0] : hinted(indexes, hint);
    if (!index || !q.rect) continue;
    const stats: GeoScanStats = { keys: 0, docs: 0 };
    return { rids: once(scanCells(index, field, coverRect(q.rect), stats)), sorted: false, index: index.name, scan: stats };
  }
  return null;
}
