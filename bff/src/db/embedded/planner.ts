import type { Document } from 'bson';
import { typeRank, compareBson } from './bson-order';
import { fail } from './errors';
import type { Index, IndexEntry } from './indexes';
import { Bracket, cmpToBound, type BoundValue } from './index-bounds';
import { intersectScans, type IntersectionStats, type SortedScan } from './index-intersection';
import { isPlainObject } from './paths';
import { cachedPlan, cachePlan, queryShape, reportRun, type CachedPlan } from './plan-cache';
import { partialIndexServes } from './partial-index';
import { nearPlan, regionPlan, type GeoScanStats } from './geo/plan';
import type { Collection } from './storage/collection';

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
  /** Other single-value equalities on the same field (from $and): each may bound a scan instead. */
  alts?: FieldBounds[];
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
  /** For exact plans: the index and its entries in the scanned range (an index-only read, see covered-group.ts). */
  keys?: { index: Index; entries: () => Iterable<IndexEntry> };
  /** Filter conditions (field → the conditions themselves) every record the scan yields satisfies. */
  covered?: Map<string, unknown[]>;
  /** Call with the records the run examined: a cached plan that did far worse than its trial is re-planned. */
  report?: (examined: number) => void;
  /** How the index was chosen, for explain. */
  planning?: Planning;
  /** explain's stage for a special scan (GEO_NEAR_2DSPHERE); IXSCAN otherwise. */
  stage?: string;
  /** Keys and documents a geo scan read itself (geo/plan.ts). */
  scan?: GeoScanStats;
  /** An intersection of index ranges (AND_SORTED): its indexes, and what it read. */
  intersection?: { indexes: string[]; stats: IntersectionStats };
}

export interface Planning {
  shape: string;
  fromCache: boolean;
  /** The trial's candidates (winner first): index, records examined, matches found, whether it finished. */
  trial: { index: string; indexes?: string[]; works: number; matched: number; finished: boolean }[];
}

/** What a trial of candidate plans needs from the caller: whether a record matches the whole filter. */
export interface PlanTrial {
  probe: (rid: number) => boolean;
  /** Matches the query needs (skip + limit, or a first batch). */
  want: number;
  /** Skip the cache and race the candidates (explain). */
  fresh?: boolean;
}

/** The conditions of a choice that its index scan enforces exactly (added to `out`, which an intersection shares among its ranges). */
function coveredConditions(choice: Choice, bounds: Map<string, FieldBounds>, out = new Map<string, unknown[]>()): Map<string, unknown[]> {
  const add = (f: string, cond: unknown): void => {
    const list = out.get(f);
    if (list) list.push(cond);
    else out.set(f, [cond]);
  };
  const fields = choice.index.fields;
  for (let i = 0; i < choice.prefix.length; i++) {
    const f = fields[i] as string;
    const cond = i === 0 && choice.lead ? choice.lead.cond : bounds.get(f)?.cond;
    let v: unknown = cond;
    if (isPlainObject(cond)) v = Object.keys(cond).length === 1 && '$eq' in cond ? cond.$eq : undefined;
    if (v !== undefined && simpleScalar(v)) add(f, cond);
  }
  const at = choice.prefix.length;
  const last = choice.last;
  if (last?.range && !choice.index.multikeyFields[at] && exactRange(last.cond)) add(fields[at] as string, last.cond);
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
    if (at === choice.prefix.length) {
      // A $in of plain scalars is its points exactly (records reached twice through a multikey field are deduplicated).
      if (choice.last?.points && isPlainObject(v) && Object.keys(v).length === 1 && Array.isArray(v.$in)) return v.$in.every(simpleScalar);
      return choice.last?.range !== undefined && !choice.index.multikeyFields[at] && exactRange(v);
    }
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
    else if (b.points?.length === 1 && prev.points?.length === 1) (prev.alts ??= []).push(b);
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
  /** The alternative equality on the index's first field that bounds this scan (see FieldBounds.alts). */
  lead?: FieldBounds;
  /** Its position among the alternatives (0: the first condition). */
  leadAt?: number;
  /** An intersection of these choices' ranges instead of one scan (see intersectionOf). */
  parts?: Choice[];
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

function chooseIndex(coll: Collection, filter: Document, bounds: Map<string, FieldBounds>, hint: Index | null): Choice | null {
  const best = pickIndex(coll, filter, bounds, hint);
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

/** How far an index's fields are bound by the filter (leading equalities, then one range or $in). */
function shapeChoice(index: Index, bounds: Map<string, FieldBounds>, lead?: FieldBounds, leadAt?: number): Choice {
  const prefix: unknown[] = [];
  let last: FieldBounds | null = null;
  let score = 0;
  for (const [i, field] of index.fields.entries()) {
    const b = i === 0 && lead ? lead : bounds.get(field);
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
  return lead ? { index, prefix, last, score, lead, leadAt } : { index, prefix, last, score };
}

/** A partial index is planned only for a filter whose matches it all holds (as mongod does). */
function plannable(index: Index, filter: Document): boolean {
  if (index.special || index.spec.hidden === true) return false;
  return !index.isPartial || partialIndexServes(index, filter);
}

function pickIndex(coll: Collection, filter: Document, bounds: Map<string, FieldBounds>, hint: Index | null): Choice[] | null {
  if (hint) return [shapeChoice(hint, bounds)];
  let best: Choice | null = null;
  let ties: Choice[] = [];
  for (const index of coll.indexes.values()) {
    if (!plannable(index, filter)) continue;
    const c = shapeChoice(index, bounds);
    if (c.score > 0 && best && c.score === best.score) ties.push(c);
    if (c.score > 0 && (!best || c.score > best.score)) {
      best = c;
      ties = [best];
    }
  }
  return best ? ties : null;
}

/** Every index scan the filter can bound (each alternative equality on a leading field too), best shaped first. */
function candidateChoices(coll: Collection, filter: Document, bounds: Map<string, FieldBounds>): Choice[] {
  const out: Choice[] = [];
  for (const index of coll.indexes.values()) {
    if (!plannable(index, filter)) continue;
    const first = bounds.get(index.fields[0] as string);
    const leads = first?.alts ? [first, ...first.alts] : [undefined];
    leads.forEach((lead, at) => {
      const c = shapeChoice(index, bounds, lead, lead ? at : undefined);
      if (c.score > 0) out.push(c);
    });
  }
  return out.sort((a, b) => b.score - a.score);
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

/** The filter's index bounds, or none when a collation rules index bounds out. */
function boundsOf(filter: Document, collation: unknown): Map<string, FieldBounds> {
  const bounds = new Map<string, FieldBounds>();
  if (!collation) collectBounds(filter, bounds);
  return bounds;
}

/**
 * mongod's works budget for a trial: 10,000 records or 29% of the collection, whichever is more.
 * The candidates run side by side, the one with the least work so far stepping next, until one
 * finishes: a trial costs about (candidates × the winner's works), whichever order they come in.
 */
const trialBudget = (coll: Collection): number => Math.max(10_000, Math.ceil(coll.size * 0.29));

interface TrialRun {
  choice: Choice;
  works: number;
  matched: number;
  finished: boolean;
}

interface Racer extends TrialRun {
  rids: Iterator<number>;
  /** Whether its records come in the sort's order (then `want` matches finish it). */
  streams: boolean;
  probes: number;
  and?: IntersectionStats;
  stopped: boolean;
}

/** Races the candidates (as mongod's multi-planner does, each a step at a time until one finishes or the budget is spent); the winner first. */
function raceChoices(coll: Collection, candidates: Choice[], sort: Document | undefined, trial: PlanTrial): TrialRun[] {
  const budget = trialBudget(coll);
  const racers: Racer[] = candidates.map((choice) => {
    const scan = scanOf(choice, sort);
    return { choice, works: 0, matched: 0, finished: false, rids: scan.rids[Symbol.iterator](), streams: !sort || scan.sorted, probes: 0, and: scan.and, stopped: false };
  });
  // An intersection's seeks count as work too (its key steps, like a single scan's, do not).
  const worked = (r: Racer): number => r.probes + (r.and?.seeks ?? 0);
  for (;;) {
    let next: Racer | null = null;
    for (const r of racers) if (!r.stopped && (!next || r.works < next.works)) next = r;
    if (!next) break;
    const r = next;
    if (r.works >= budget) {
      r.stopped = true;
      continue;
    }
    const step = r.rids.next();
    if (step.done) r.stopped = r.finished = true;
    else {
      r.probes++;
      if (trial.probe(step.value) && ++r.matched >= trial.want && r.streams) r.stopped = r.finished = true;
    }
    r.works = worked(r);
    if (r.finished) break;
  }
  // Finished ones by fewest works; otherwise the most productive; earlier (better shaped) on ties.
  const rank = (r: TrialRun): number => (r.finished ? r.works : 1e12 - r.matched);
  return racers
    .map((r, i) => ({ r: { choice: r.choice, works: r.works, matched: r.matched, finished: r.finished }, i }))
    .sort((a, b) => rank(a.r) - rank(b.r) || a.i - b.i)
    .map((x) => x.r);
}

/** The scan of a choice: record ids, and whether they come in the sort's order. */
function scanOf(choice: Choice, sort: Document | undefined): { rids: Iterable<number>; sorted: boolean; dir: 1 | -1 | 0; multi: boolean; and?: IntersectionStats } {
  if (choice.parts) {
    const and = { keys: 0, seeks: 0 };
    const scans = choice.parts.map((p) => sortedScanOf(p, sort) as SortedScan);
    return { rids: intersectScans(scans, sortDirsOf(sort as Document), and), sorted: true, dir: 1, multi: false, and };
  }
  const multi = choice.index.multikey || (choice.last?.points?.length ?? 0) > 1;
  const single = choice.last === null || (choice.last.points?.length ?? 0) <= 1;
  const dir = single ? sortDirection(choice.index, choice.prefix.length, sort) : 0;
  if (dir === -1) return { rids: ridsOf(choice.index, scanChoice(choice, -1), multi, -1), sorted: true, dir, multi };
  return { rids: ridsOf(choice.index, scanChoice(choice), multi), sorted: dir === 1, dir, multi };
}

function planOfChoice(choice: Choice, filter: Document, bounds: Map<string, FieldBounds>, sort: Document | undefined): Plan {
  const scan = scanOf(choice, sort);
  if (choice.parts && scan.and) {
    const indexes = choice.parts.map((p) => p.index.name);
    // A record comes out only when every range holds it, so each range's conditions hold for it.
    const covered = new Map<string, unknown[]>();
    for (const p of choice.parts) if (!p.index.spec.collation) coveredConditions(p, bounds, covered);
    return { rids: scan.rids, sorted: true, index: indexes[0] as string, intersection: { indexes, stats: scan.and }, covered };
  }
  const exact = !choice.lead && coversFilter(filter, choice);
  const count = exact && !scan.multi ? () => countOf(choice.index, scanChoice(choice)) : undefined;
  const covered = choice.index.spec.collation ? undefined : coveredConditions(choice, bounds);
  const keys = exact && !choice.index.spec.collation ? { index: choice.index, entries: () => scanChoice(choice) } : undefined;
  return { rids: scan.rids, sorted: scan.sorted, index: choice.index.name, exact, count, covered, keys };
}

/**
 * The plan of a find: with a trial (the caller's probe), as mongod plans: one candidate needs no
 * choosing; otherwise the plan cached for the query's shape, or a race of the candidates whose
 * winner is cached. Without a trial (counts, updates, aggregates): the best shaped index, equal
 * shapes decided by the smaller scan.
 */
export function planQuery(coll: Collection, filter: Document, sort?: Document, hint?: unknown, collation?: unknown, trial?: PlanTrial): Plan {
  // $near / $nearSphere always run through a 2dsphere index, in distance order.
  const near = nearPlan(coll, filter, sort, hint);
  if (near) return near;
  const hinted = findHint(coll, hint);
  if (hinted?.geoFields.includes(true)) {
    const region = regionPlan(coll, filter, hint);
    if (region) return region;
  }
  const bounds = boundsOf(filter, collation);
  if (trial && !hinted && !collation) {
    const candidates = candidateChoices(coll, filter, bounds);
    if (candidates.length > 1) return planByTrial(coll, filter, bounds, sort, candidates, trial);
  }
  const choice = chooseIndex(coll, filter, bounds, hinted);
  if (choice && (choice.score > 0 || hinted)) {
    if (choice.score === 0) {
      // Hinted index without bounds: a full index walk.
      const d = sortDirection(choice.index, 0, sort);
      const from = d === -1 ? choice.index.list.last() : choice.index.list.first();
      return { rids: ridsOf(choice.index, choice.index.list.iterate(from, d === -1 ? -1 : 1), choice.index.multikey, d === -1 ? -1 : 1), sorted: d !== 0, index: choice.index.name };
    }
    return planOfChoice(choice, filter, bounds, sort);
  }
  const natural = isPlainObject(hint) && '$natural' in hint;
  const region = hinted || natural ? null : regionPlan(coll, filter, undefined);
  if (region) return region;
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

function planByTrial(coll: Collection, filter: Document, bounds: Map<string, FieldBounds>, sort: Document | undefined, candidates: Choice[], trial: PlanTrial): Plan {
  // Partial indexes that may serve this filter are part of its shape: the same shape with other values may not be served.
  const partial = candidates.filter((c) => c.index.isPartial).map((c) => c.index.name);
  const shape = partial.length ? `${queryShape(filter, sort)}|${partial.join(',')}` : queryShape(filter, sort);
  const cached = trial.fresh ? undefined : cachedPlan(coll, shape);
  const choice = cached ? cachedChoice(cached, bounds, sort) : null;
  if (cached && choice) {
    const plan = planOfChoice(choice, filter, bounds, sort);
    plan.report = (examined) => reportRun(coll, shape, cached, examined);
    plan.planning = { shape, fromCache: true, trial: [] };
    return plan;
  }
  const and = intersectionOf(candidates, sort);
  const runs = raceChoices(coll, and ? [...candidates, and] : candidates, sort, trial);
  const winner = runs[0] as TrialRun;
  const parts = winner.choice.parts?.map((p) => ({ index: p.index, lead: p.leadAt ?? 0 }));
  cachePlan(coll, shape, { index: winner.choice.index, lead: winner.choice.leadAt ?? 0, works: winner.works, ...(parts ? { parts } : {}) });
  const plan = planOfChoice(winner.choice, filter, bounds, sort);
  plan.planning = { shape, fromCache: false, trial: runs.map((r) => ({ index: r.choice.index.name, ...(r.choice.parts ? { indexes: r.choice.parts.map((p) => p.index.name) } : {}), works: r.works, matched: r.matched, finished: r.finished })) };
  return plan;
}

/** The choice of a cached plan, rebuilt on this query's bounds; null when it no longer fits (then the shape is planned again). */
function cachedChoice(cached: CachedPlan, bounds: Map<string, FieldBounds>, sort: Document | undefined): Choice | null {
  const rebuild = (index: Index, at: number): Choice => {
    const first = bounds.get(index.fields[0] as string);
    const lead = first?.alts ? [first, ...first.alts][at] : undefined;
    return shapeChoice(index, bounds, lead, lead ? at : undefined);
  };
  if (!cached.parts) return rebuild(cached.index, cached.lead);
  const parts = cached.parts.map((p) => rebuild(p.index, p.lead));
  if (!parts.every((p) => p.score > 0 && sortedScanOf(p, sort))) return null;
  return { index: cached.index, prefix: [], last: null, score: 0, parts };
}

function sortDirsOf(sort: Document): (1 | -1)[] {
  return Object.keys(sort).map((k) => (Number(sort[k]) < 0 ? -1 : 1));
}

/**
 * A choice's range as a SortedScan: equality prefix, then exactly the sort's fields (the last `_id`,
 * so a record's sort key is unique), walked in sort order; null when the choice is not such a range.
 */
function sortedScanOf(choice: Choice, sort: Document | undefined): SortedScan | null {
  if (!sort || choice.parts) return null;
  const { index, prefix, last } = choice;
  const keys = Object.keys(sort);
  if (keys.length === 0 || keys[keys.length - 1] !== '_id' || index.spec.collation) return null;
  const at = prefix.length;
  if (keys.some((k, i) => index.fields[at + i] !== k)) return null;
  const walk = sortDirection(index, at, sort);
  if (walk === 0) return null;
  if (!last) return { index, prefix, lower: prefix, loIncl: true, upper: prefix, hiIncl: true, walk };
  if (!last.range || index.multikeyFields[at]) return null;
  const r = last.range;
  return index.dirs[at] === 1
    ? { index, prefix, lower: [...prefix, r.lo], loIncl: r.loIncl, upper: [...prefix, r.hi], hiIncl: r.hiIncl, walk }
    : { index, prefix, lower: [...prefix, r.hi], loIncl: r.hiIncl, upper: [...prefix, r.lo], hiIncl: r.loIncl, walk };
}

/** The conditions a choice's range enforces, as names (an alternative lead by its position). */
function conditionsOf(choice: Choice): string[] {
  const out = choice.index.fields.slice(0, choice.prefix.length).map((f, i) => (i === 0 && choice.lead ? `${f}#${choice.leadAt ?? 0}` : f));
  if (choice.last) out.push(`${choice.index.fields[choice.prefix.length] as string}~`);
  return out;
}

/** Ranges an intersection joins at most (each adds a stream to step). */
const MAX_INTERSECTED = 4;

/**
 * One more candidate for the race when the filter binds several indexes whose ranges all come in
 * the sort's order: their intersection (mongod's AND_SORTED), so conditions that are each common
 * but rare together are found without reading the documents in between. A range whose conditions
 * another range holds all of is left out.
 */
function intersectionOf(candidates: readonly Choice[], sort: Document | undefined): Choice | null {
  const ranges = candidates.filter((c) => sortedScanOf(c, sort)).map((c) => ({ c, conds: conditionsOf(c) }));
  const kept = ranges.filter(({ c, conds }, i) => !ranges.some((o, j) => o.c !== c && conds.every((x) => o.conds.includes(x)) && (o.conds.length > conds.length || j < i)));
  if (kept.length < 2) return null;
  const parts = kept
    .sort((a, b) => b.conds.length - a.conds.length)
    .slice(0, MAX_INTERSECTED)
    .map((k) => k.c);
  return { index: (parts[0] as Choice).index, prefix: [], last: null, score: 0, parts };
}
