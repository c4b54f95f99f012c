import type { Document } from 'bson';
import type { Index } from './indexes';
import { isPlainObject } from './paths';
import type { Collection } from './storage/collection';

/**
 * The plan cache, as mongod keeps one per collection: the winning index of a trial, keyed by the
 * query's shape (the filter's fields, operators and nesting without its values, plus the sort).
 * An entry is dropped when the collection's indexes change or when a run of the cached plan
 * examines far more records than the trial's winner did (the next query of that shape re-plans).
 */
export interface CachedPlan {
  index: Index;
  /** Which of the leading field's alternative conditions bounds the scan (several equalities on one field). */
  lead: number;
  /** Records the winner examined in its trial. */
  works: number;
  /** An intersection's ranges (index and lead of each); `index` is then the first one's. */
  parts?: { index: Index; lead: number }[];
}

/** mongod's internalQueryCacheEvictionRatio: a run examining 10× the trial's works re-plans. */
export const EVICTION_RATIO = 10;
/** Below this many examined records a run is never "much worse" (tiny trials would re-plan on noise). */
export const EVICTION_FLOOR = 100;
const MAX_SHAPES = 5000;

interface CollectionCache {
  signature: string;
  entries: Map<string, CachedPlan>;
}

const caches = new WeakMap<Collection, CollectionCache>();
const counters = { hits: 0, misses: 0, evictions: 0 };

/** The indexes a cached plan was chosen among: creating or dropping one clears the collection's cache. */
function indexSignature(coll: Collection): string {
  let sig = '';
  for (const name of coll.indexes.keys()) sig += `${name}\u0000`;
  return sig;
}

function cacheOf(coll: Collection): CollectionCache {
  const sig = indexSignature(coll);
  let c = caches.get(coll);
  if (!c || c.signature !== sig) {
    c = { signature: sig, entries: new Map() };
    caches.set(coll, c);
  }
  return c;
}

function valueShape(v: unknown): unknown {
  if (v instanceof RegExp) return '/re/';
  if (Array.isArray(v)) return v.map(valueShape);
  if (isPlainObject(v) && !(v as { _bsontype?: string })._bsontype) {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) out[k] = k.startsWith('$') || isPlainObject(x) || Array.isArray(x) ? valueShape(x) : typeof x;
    return out;
  }
  return typeof v === 'object' && v !== null ? ((v as { _bsontype?: string })._bsontype ?? 'object') : typeof v;
}

/** The shape of a query: same fields, operators and nesting (values left out), same sort. */
export function queryShape(filter: Document, sort: Document | undefined): string {
  return JSON.stringify([valueShape(filter), sort ?? null]);
}

export function cachedPlan(coll: Collection, shape: string): CachedPlan | undefined {
  const c = cacheOf(coll);
  const hit = c.entries.get(shape);
  if (!hit || coll.indexes.get(hit.index.name) !== hit.index || hit.parts?.some((p) => coll.indexes.get(p.index.name) !== p.index)) {
    counters.misses++;
    return undefined;
  }
  counters.hits++;
  return hit;
}

export function cachePlan(coll: Collection, shape: string, plan: CachedPlan): void {
  const c = cacheOf(coll);
  c.entries.delete(shape);
  c.entries.set(shape, plan);
  if (c.entries.size > MAX_SHAPES) c.entries.delete(c.entries.keys().next().value as string);
}

/** After a run of a cached plan: drops the entry when the run examined far more than the trial did. */
export function reportRun(coll: Collection, shape: string, plan: CachedPlan, examined: number): void {
  if (examined <= EVICTION_RATIO * Math.max(plan.works, EVICTION_FLOOR)) return;
  const c = caches.get(coll);
  if (c?.entries.get(shape) === plan) {
    c.entries.delete(shape);
    counters.evictions++;
  }
}

/** Clears a collection's cache (planCacheClear). */
export function clearPlanCache(coll: Collection): void {
  caches.delete(coll);
}

/** Entries of a collection's cache, for $planCacheStats-like inspection and tests. */
export function planCacheEntries(coll: Collection): { shape: string; index: string; works: number }[] {
  return [...(caches.get(coll)?.entries ?? new Map<string, CachedPlan>()).entries()].map(([shape, p]) => ({ shape, index: p.index.name, works: p.works }));
}

/** Process-wide lookups, hits and evictions since start. */
export function planCacheCounters(): { hits: number; misses: number; evictions: number } {
  return { ...counters };
}
