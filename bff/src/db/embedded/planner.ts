import type { Document } from 'bson';
import { typeRank, compareBson } from './bson-order';
import { fail } from './errors';
import { compareKeyPart, type Index, type IndexEntry } from './indexes';
import { isPlainObject } from './paths';
import type { Collection } from './storage/collection';

/** Start or end of one type's bracket in BSON order: `$gt: 5` scans numbers above 5 and nothing else. */
class Bracket {
  constructor(
    readonly rank: number,
    readonly end: boolean,
  ) {}
}
type BoundValue = unknown | Bracket;

function cmpToBound(v: unknown, b: BoundValue): number {
  if (b instanceof Bracket) {
    const r = typeRank(v);
    if (r !== b.rank) return r < b.rank ? -1 : 1;
    return b.end ? -1 : 1;
  }
  return compareKeyPart(v, b);
}

interface Interval {
  lo: BoundValue;
  loIncl: boolean;
  hi: BoundValue;
  hiIncl: boolean;
}

interface FieldBounds {
  points?: unknown[];
  range?: Interval;
  /** The filter's condition the bounds came from. */
  cond?: unknown;
}

export interface Plan {
  rids: Iterable<number>;
  /** The rids come out in the requested sort order already. */
  sorted: boolean;
  index: string | null;
  /** Every document the index yields matches the filter, so it need not be evaluated again. */
  exact?: boolean;
  /** For exact plans: how many records match, from the index alone. */
  count?: () => number;
  /** Filter conditions (field → the condition itself) every record the scan yields satisfies. */
  covered?: Map<string, unknown>;
}

/** The conditions of a choice that its index scan enforces exactly. */
function coveredConditions(choice: Choice, bounds: Map<string, FieldBounds>): Map<string, unknown> {
  const out = new Map<string, unknown>();
  const fields = choice.index.fields;
  for (let i = 0; i < choice.prefix.length; i++) {
    const f = fields[i] as string;
    const cond = bounds.get(f)?.cond;
    let v: unknown = cond;
    if (isPlainObject(cond)) v = Object.keys(cond).length === 1 && '$eq' in cond ? cond.$eq : undefined;
    if (v !== undefined && simpleScalar(v)) out.set(f, cond);
  }
  const at = choice.prefix.length;
  const last = choice.last;
  if (last?.range && !choice.index.multikeyFields[at] && exactRange(last.cond)) out.set(fields[at] as string, last.cond);
  return out;
}

/** Scalars whose index equality is exactly the query's equality. */
function simpleScalar(v: unknown): boolean {
  if (typeof v === 'string' || typeof v === 'boolean') return true;
  if (typeof v === 'number') return !Number.isNaN(v);
  return v instanceof Date || (typeof v === 'object' && v !== null && (v as { _bsontype?: string })._bsontype === 'ObjectId');
}

/** A two-sided range of one orderable type, which an index scan of a non-array field answers exactly. */
function exactRange(v: unknown): boolean {
  if (!isPlainObject(v)) return false;
  const ops = Object.keys(v);
  const lo = ops.filter((k) => k === '$gt' || k === '$gte');
  const hi = ops.filter((k) => k === '$lt' || k === '$lte');
  if (ops.length !== 2 || lo.length !== 1 || hi.length !== 1) return false;
  const a: unknown = v[lo[0] as string];
  const b: unknown = v[hi[0] as string];
  if (!simpleScalar(a) || !simpleScalar(b) || typeof a === 'boolean') return false;
  return typeRank(a) === typeRank(b);
}

function coversFilter(filter: Document, choice: Choice): boolean {
  const n = choice.prefix.length + (choice.last ? 1 : 0);
  const covered = choice.index.fields.slice(0, n);
  const keys = Object.keys(filter);
  if (keys.length !== covered.length) return false;
  return keys.every((k) => {
    const at = covered.indexOf(k);
    if (at < 0) return false;
    const v: unknown = filter[k];
    if (at === choice.prefix.length) return choice.last?.range !== undefined && !choice.index.multikeyFields[at] && exactRange(v);
    if (isPlainObject(v)) return Object.keys(v).length === 1 && '$eq' in v && simpleScalar(v.$eq);
    return simpleScalar(v);
  });
}

/** Values an equality on an index can look up directly (not regexes, arrays or operator documents). */
function indexable(v: unknown): boolean {
  if (v instanceof RegExp || Array.isArray(v)) return false;
  if (isPlainObject(v) && Object.keys(v).some((k) => k.startsWith('$'))) return false;
  return true;
}

/** Collects per-field bounds from the top level of a filter (and of top-level $and clauses). */
function collectBounds(filter: Document, out: Map<string, FieldBounds>): void {
  for (const [field, cond] of Object.entries(filter)) {
    if (field === '$and' && Array.isArray(cond)) {
      for (const c of cond) if (isPlainObject(c)) collectBounds(c, out);
      continue;
    }
    if (field.startsWith('$')) continue;
    const b = boundsFor(cond);
    if (!b) continue;
    b.cond = cond;
    const prev = out.get(field);
    if (!prev) out.set(field, b);
    else if (b.points && !prev.points) out.set(field, b);
  }
}

function boundsFor(cond: unknown): FieldBounds | null {
  if (!isPlainObject(cond) || !Object.keys(cond).some((k) => k.startsWith('$'))) {
    return indexable(cond) ? { points: [cond] } : null;
  }
  if ('$eq' in cond) return indexable(cond.$eq) ? { points: [cond.$eq] } : null;
  if ('$in' in cond && Array.isArray(cond.$in)) {
    return cond.$in.every(indexable) ? { points: cond.$in as unknown[] } : null;
  }
  let lo: BoundValue | undefined;
  let hi: BoundValue | undefined;
  let loIncl = true;
  let hiIncl = true;
  for (const [op, v] of Object.entries(cond)) {
    if (v === null || v === undefined || Array.isArray(v) || v instanceof RegExp) continue;
    const r = typeRank(v);
    if (r === 1 || r === 127) continue;
    if (op === '$gt' || op === '$gte') {
      lo = v;
      loIncl = op === '$gte';
      hi ??= new Bracket(r, true);
    } else if (op === '$lt' || op === '$lte') {
      hi = v;
      hiIncl = op === '$lte';
      lo ??= new Bracket(r, false);
    }
  }
  if (lo === undefined || hi === undefined) return null;
  return { range: { lo, loIncl, hi, hiIncl } };
}

function usable(index: Index, field: string, b: FieldBounds): boolean {
  if (index.sparse && b.points?.some((p) => p === null)) return false;
  if (index.spec.collation) return !b.points?.some((p) => typeof p === 'string') && !b.range;
  void field;
  return true;
}

interface Choice {
  index: Index;
  prefix: unknown[];
  last: FieldBounds | null;
  score: number;
}

/** Index entries an estimate may read before giving up on a candidate (so planning stays cheap). */
const ESTIMATE_ENTRIES = 2000;

/** Records a choice's scan would yield, counted from the postings up to `cap`; Infinity if too many keys. */
function estimate(choice: Choice, cap: number): number {
  let n = 0;
  let entries = 0;
  for (const e of scanChoice(choice)) {
    n += choice.index.countOf(e);
    if (n > cap) break;
    if (++entries > ESTIMATE_ENTRIES) return Infinity;
  }
  return n;
}

function chooseIndex(coll: Collection, bounds: Map<string, FieldBounds>, hint: Index | null): Choice | null {
  const best = pickIndex(coll, bounds, hint);
  if (!best || hint || best.length < 2) return best?.[0] ?? null;
  // Equally good shapes: take the one whose scan is smallest (each count stops at the best so far).
  let winner = best[0] as Choice;
  let least = estimate(winner, Infinity);
  for (const c of best.slice(1)) {
    const n = estimate(c, least);
    if (n < least) {
      winner = c;
      least = n;
    }
  }
  return winner;
}

function pickIndex(coll: Collection, bounds: Map<string, FieldBounds>, hint: Index | null): Choice[] | null {
  let best: Choice | null = null;
  let ties: Choice[] = [];
  const candidates = hint ? [hint] : [...coll.indexes.values()];
  for (const index of candidates) {
    if (index.special || index.isPartial || index.spec.hidden === true) {
      if (!hint) continue;
    }
    const prefix: unknown[] = [];
    let last: FieldBounds | null = null;
    let score = 0;
    for (const field of index.fields) {
      const b = bounds.get(field);
      if (!b || !usable(index, field, b)) break;
      if (b.points && b.points.length === 1) {
        prefix.push(b.points[0]);
        score += 3;
        continue;
      }
      last = b;
      score += b.points ? 2 : 1;
      break;
    }
    if (index.unique && prefix.length === index.fields.length) score += 2;
    if (score > 0 && best && score === best.score) ties.push({ index, prefix, last, score });
    if (score > 0 && (!best || score > best.score)) {
      best = { index, prefix, last, score };
      ties = [best];
    }
    if (hint && !best) {
      best = { index, prefix, last, score };
      ties = [best];
    }
  }
  return best ? ties : null;
}

/** Entries between two bounds in index order, or in reverse order when `walk` is -1 (lazily either way). */
function* scanInterval(
  index: Index,
  lower: BoundValue[],
  loIncl: boolean,
  upper: BoundValue[],
  hiIncl: boolean,
  walk: 1 | -1 = 1,
): Generator<IndexEntry> {
  const n = lower.length;
  const cmp = (key: unknown[], bound: BoundValue[]): number => {
    for (let i = 0; i < n; i++) {
      const c = cmpToBound(key[i], bound[i]);
      if (c !== 0) return c * (index.dirs[i] as number);
    }
    return 0;
  };
  if (walk === -1) {
    const start = index.list.seekLast((e) => (hiIncl ? cmp(e, upper) <= 0 : cmp(e, upper) < 0));
    for (const e of index.list.iterate(start, -1)) {
      const c = cmp(e, lower);
      if (loIncl ? c < 0 : c <= 0) return;
      yield e;
    }
    return;
  }
  const start = index.list.seek((e) => (loIncl ? cmp(e, lower) >= 0 : cmp(e, lower) > 0));
  for (const e of index.list.iterate(start, 1)) {
    const c = cmp(e, upper);
    if (hiIncl ? c > 0 : c >= 0) return;
    yield e;
  }
}

/** Index-order scans for the chosen prefix and last-field bounds; `walk` -1 yields them in reverse. */
function* scanChoice(choice: Choice, walk: 1 | -1 = 1): Generator<IndexEntry> {
  const { index, prefix, last } = choice;
  const dir = (index.dirs[prefix.length] ?? 1) as 1 | -1;
  if (!last) {
    yield* scanInterval(index, prefix, true, prefix, true, walk);
    return;
  }
  if (last.points) {
    const pts = [...last.points].sort((a, b) => compareBson(a, b) * dir * walk);
    for (const p of pts) yield* scanInterval(index, [...prefix, p], true, [...prefix, p], true, walk);
    return;
  }
  const r = last.range as Interval;
  let hi = r.hi;
  let hiIncl = r.hiIncl;
  // A multikey field cannot intersect both ends: one element may satisfy $gt and another $lt.
  if (index.multikeyFields[prefix.length] && !(hi instanceof Bracket)) {
    hi = new Bracket(typeRank(r.lo instanceof Bracket ? r.hi : r.lo), true);
    hiIncl = true;
  }
  if (dir === 1) yield* scanInterval(index, [...prefix, r.lo], r.loIncl, [...prefix, hi], hiIncl, walk);
  else yield* scanInterval(index, [...prefix, hi], hiIncl, [...prefix, r.lo], r.loIncl, walk);
}

/**
 * Whether walking `index` (forward or backward) after an equality prefix yields `sort` order. As in
 * mongod, array-valued (multikey) fields may be bound by equality but never supply the order.
 */
function sortDirection(index: Index, prefixLen: number, sort: Document | undefined): 1 | -1 | 0 {
  if (!sort) return 0;
  const keys = Object.keys(sort);
  if (keys.length === 0 || index.sparse || index.isPartial || index.special) return 0;
  let dir: 1 | -1 | 0 = 0;
  let pos = 0;
  for (const key of keys) {
    const want = Number(sort[key]) < 0 ? -1 : 1;
    const at = index.fields.indexOf(key);
    if (at >= 0 && index.multikeyFields[at]) return 0;
    // Sorting on an equality-bound field is a no-op.
    if (at >= 0 && at < prefixLen && pos <= prefixLen) continue;
    const ipos = Math.max(pos, prefixLen);
    if (index.fields[ipos] !== key) return 0;
    const d = (want * (index.dirs[ipos] as number)) as 1 | -1;
    if (dir !== 0 && d !== dir) return 0;
    dir = d;
    pos = ipos + 1;
  }
  return dir === 0 ? 1 : dir;
}

function findHint(coll: Collection, hint: unknown): Index | null {
  if (hint === undefined || hint === null) return null;
  if (typeof hint === 'string') {
    const index = coll.indexes.get(hint);
    if (!index) fail('BadValue', 'error processing query: planner returned error :: caused by :: hint provided does not correspond to an existing index');
    return index;
  }
  if (isPlainObject(hint)) {
    if (Object.keys(hint).length === 0) return null;
    if ('$natural' in hint) return null;
    const want = JSON.stringify(hint);
    for (const index of coll.indexes.values()) if (JSON.stringify(index.spec.key) === want) return index;
    fail('BadValue', 'error processing query: planner returned error :: caused by :: hint provided does not correspond to an existing index');
  }
  return null;
}

function* ridsOf(index: Index, entries: Iterable<IndexEntry>, dedupe: boolean, dir: 1 | -1 = 1): Generator<number> {
  const at = index.fields.length;
  const seen = dedupe ? new Set<number>() : null;
  for (const e of entries) {
    const p = e[at];
    if (typeof p === 'number') {
      if (seen) {
        if (seen.has(p)) continue;
        seen.add(p);
      }
      yield p;
      continue;
    }
    for (const rid of index.ridsOf(e, dir)) {
      if (seen) {
        if (seen.has(rid)) continue;
        seen.add(rid);
      }
      yield rid;
    }
  }
}

/** Records an index scan yields, counted from its postings (no duplicates possible). */
function countOf(index: Index, entries: Iterable<IndexEntry>): number {
  let n = 0;
  for (const e of entries) n += index.countOf(e);
  return n;
}

export function planQuery(coll: Collection, filter: Document, sort?: Document, hint?: unknown, collation?: unknown): Plan {
  const hinted = findHint(coll, hint);
  const bounds = new Map<string, FieldBounds>();
  if (!collation) collectBounds(filter, bounds);
  const choice = chooseIndex(coll, bounds, hinted);
  if (choice && (choice.score > 0 || hinted)) {
    const multi = choice.index.multikey || (choice.last?.points?.length ?? 0) > 1;
    const single = choice.last === null || (choice.last.points?.length ?? 0) <= 1;
    const dir = single ? sortDirection(choice.index, choice.prefix.length, sort) : 0;
    if (choice.score === 0) {
      // Hinted index without bounds: a full index walk.
      const d = sortDirection(choice.index, 0, sort);
      const from = d === -1 ? choice.index.list.last() : choice.index.list.first();
      return { rids: ridsOf(choice.index, choice.index.list.iterate(from, d === -1 ? -1 : 1), choice.index.multikey, d === -1 ? -1 : 1), sorted: d !== 0, index: choice.index.name };
    }
    const exact = coversFilter(filter, choice);
    const count = exact && !multi ? () => countOf(choice.index, scanChoice(choice)) : undefined;
    const covered = choice.index.spec.collation ? undefined : coveredConditions(choice, bounds);
    if (dir === -1) return { rids: ridsOf(choice.index, scanChoice(choice, -1), multi, -1), sorted: true, index: choice.index.name, exact, count, covered };
    return { rids: ridsOf(choice.index, scanChoice(choice), multi), sorted: dir === 1, index: choice.index.name, exact, count, covered };
  }
  if (sort && Object.keys(sort).length > 0 && !collation) {
    for (const index of coll.indexes.values()) {
      const d = sortDirection(index, 0, sort);
      if (d === 0) continue;
      const from = d === -1 ? index.list.last() : index.list.first();
      return { rids: ridsOf(index, index.list.iterate(from, d), false, d), sorted: true, index: index.name };
    }
  }
  return { rids: coll.records.rids(), sorted: false, index: null };
}
