import type { Document } from 'bson';
import type { Query } from 'mingo/query';
import type { CollationSpec, Options } from 'mingo/types/types';
import { engineContext, engineQuery, localeTag, sharedOptions } from './mingo-context';
import { jsonSchemaValidator } from './json-schema';
import { compareBson } from './bson-order';
import { CommandError, toCommandError } from './errors';
import { isPlainObject, pathValues } from './paths';
import { planQuery, type Planning, type PlanTrial } from './planner';
import type { Collection } from './storage/collection';
import { ElementWalk, int32At } from './storage/bson-elements';
import { FieldSet } from './storage/heap';
import { hasScoreProjection, hasText, projectWithScore, textMatches } from './text/search';

/** What a reader can see: the latest committed data, or a transaction's snapshot plus its own writes. */
export interface ReadView {
  /** A fresh copy of the visible version; with `fields`, at least those top-level fields of it. */
  doc(coll: Collection, rid: number, fields?: FieldSet): Document | undefined;
  /** The stored bytes of the visible version when they are at hand (latest view only). */
  mayMatch?(coll: Collection, rid: number, checks: RawCheck[]): boolean;
  /** Record ids the current indexes may not lead to but that can be visible (history, own writes). */
  extra(coll: Collection): number[];
}

export const latestView: ReadView = {
  doc: (coll, rid, fields) => coll.doc(rid, fields),
  mayMatch: (coll, rid, checks) => {
    const page = coll.records.locate(rid);
    return page === undefined || rawMayMatch(page, checks, coll.records.located);
  },
  extra: () => [],
};

/** Required scalar equalities checked on the stored BSON, so most non-matching records are never decoded. */
export type RawCheck = [name: Buffer, want: Scalar, text: Buffer | null];

function rawChecks(quick: [string, Scalar][]): RawCheck[] {
  return quick.map(([k, want]) => [Buffer.from(k, 'utf8'), want, typeof want === 'string' ? Buffer.from(want, 'utf8') : null]);
}

/** False only when the record certainly fails one of the equalities (like mayEqual, on raw elements). */
function rawMayMatch(bytes: Uint8Array, checks: RawCheck[], start: number): boolean {
  let found = 0;
  const el = new ElementWalk(bytes, start);
  while (el.next()) {
    for (const [name, want, text] of checks) {
      if (name.length !== el.nameLength || !sameBytes(bytes, el.nameOffset, name)) continue;
      found++;
      if (!rawMayEqual(bytes, el.type, el.offset, el.length, want, text)) return false;
    }
  }
  // A type this walk does not know: leave it all to the decoded check.
  if (el.unknown) return true;
  // A missing field never equals a scalar.
  return found >= checks.length;
}

function sameBytes(bytes: Uint8Array, at: number, want: Uint8Array): boolean {
  for (let i = 0; i < want.length; i++) if (bytes[at + i] !== want[i]) return false;
  return true;
}

function rawMayEqual(bytes: Uint8Array, type: number, offset: number, length: number, want: Scalar, text: Buffer | null): boolean {
  // No closures here: this runs once per scanned record.
  switch (type) {
    case 2: // string: int32 length (with the trailing 0), then UTF-8
      return text !== null && length - 5 === text.length && sameBytes(bytes, offset + 4, text);
    case 1:
      return typeof want === 'number' && Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).readDoubleLE(offset) === want;
    case 16:
      return typeof want === 'number' && Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).readInt32LE(offset) === want;
    case 8:
      return typeof want === 'boolean' && (bytes[offset] === 1) === want;
    case 4: // array: equal to a string when one of its own elements is that string
      return text === null || rawArrayMayHold(bytes, offset, text);
    case 6: // undefined
    case 10: // null
      return false;
    default: // documents, longs, decimals and the rest are left to the decoded check
      return true;
  }
}

/** False only when the raw array certainly holds no element equal to the string (any non-string element: unknown). */
function rawArrayMayHold(bytes: Uint8Array, offset: number, text: Buffer): boolean {
  const end = offset + int32At(bytes, offset) - 1;
  let p = offset + 4;
  while (p < end) {
    const type = bytes[p++];
    while (bytes[p] !== 0) p++; // the element's name ("0", "1", ...)
    p++;
    if (type !== 2) return true;
    const size = int32At(bytes, p);
    if (size - 1 === text.length && sameBytes(bytes, p + 4, text)) return true;
    p += 4 + size;
  }
  return false;
}

export interface FindOptions {
  /** Only these top-level fields (and those the filter reads) are needed from each document. */
  fields?: ReadonlySet<string>;
  sort?: Document;
  skip?: number;
  limit?: number;
  hint?: unknown;
  collation?: Document;
  /** Set once the collection's default collation has been taken into account. */
  collationResolved?: boolean;
  let?: Document;
}

/** The options without a collation or variables: most queries, compiled without copying mingo's context each time. */
let plainOptions: Partial<Options> | undefined;

export function mingoOptions(collation?: Document, variables?: Document): Partial<Options> {
  if (!variables && (!collation || typeof collation.locale !== 'string' || collation.locale === 'simple'))
    return (plainOptions ??= sharedOptions({ context: engineContext, jsonSchemaValidator, useStrictMode: true, scriptEnabled: false }));
  const opts: { collation?: CollationSpec; variables?: Document; useStrictMode: boolean; scriptEnabled: boolean; context: typeof engineContext; jsonSchemaValidator: typeof jsonSchemaValidator } = {
    context: engineContext,
    jsonSchemaValidator,
    useStrictMode: true,
    scriptEnabled: false,
  };
  if (collation && typeof collation.locale === 'string' && collation.locale !== 'simple') opts.collation = { ...collation, locale: localeTag(collation.locale) } as unknown as CollationSpec;
  if (variables) opts.variables = variables;
  return opts;
}

export function compileFilter(filter: Document, collation?: Document, variables?: Document): Query | null {
  if (Object.keys(filter).length === 0) return null;
  try {
    return engineQuery(filter, mingoOptions(collation, variables));
  } catch (err) {
    throw toCommandError(err);
  }
}

/** Filled in by findMatches for explain. */
export interface ExecStats {
  index: string | null;
  keysExamined: number;
  docsExamined: number;
  sortedByIndex: boolean;
  /** How the planner chose (cache or trial), when it had candidates to choose from. */
  planning?: Planning;
  /** A $text query's plan (TEXT_MATCH...), for explain. */
  text?: Document;
  /** A special index stage (GEO_NEAR_2DSPHERE), when the plan is one. */
  stage?: string;
  /** The indexes of an intersection plan (AND_SORTED), when the plan is one. */
  intersection?: string[];
}

function plainEqualities(filter: Document): boolean {
  for (const [k, v] of Object.entries(filter)) {
    if (k.startsWith('$')) return false;
    if (typeof v === 'string' || typeof v === 'boolean' || (typeof v === 'number' && !Number.isNaN(v))) continue;
    if (v instanceof Date || (typeof v === 'object' && v !== null && (v as { _bsontype?: string })._bsontype === 'ObjectId')) continue;
    return false;
  }
  return true;
}

type Scalar = string | number | boolean;

/** Top-level scalar equalities every match must satisfy (from the filter and its top-level $and). */
function requiredEqualities(filter: Document, out: [string, Scalar][] = []): [string, Scalar][] {
  for (const [k, v] of Object.entries(filter)) {
    if (k === '$and' && Array.isArray(v)) {
      for (const c of v) if (isPlainObject(c)) requiredEqualities(c, out);
      continue;
    }
    if (k.startsWith('$') || k.includes('.')) continue;
    const want: unknown = isPlainObject(v) && Object.keys(v).length === 1 && '$eq' in v ? v.$eq : v;
    if (typeof want === 'string' || typeof want === 'boolean' || (typeof want === 'number' && !Number.isNaN(want))) out.push([k, want]);
  }
  return out;
}

/** False only when the value certainly fails `== want` (BSON wrappers and nested values are left to mingo). */
function mayEqual(v: unknown, want: Scalar): boolean {
  if (v === want) return true;
  if (v === undefined || v === null) return false;
  if (Array.isArray(v)) {
    for (const e of v) if (e === want || (typeof e === 'object' && e !== null)) return true;
    return false;
  }
  return typeof v === 'object';
}

/** The collation a command runs with: its own, else its collection's default; "simple" means none (manual: "Collation"). */
export function withCollation(coll: Collection | undefined, opts: FindOptions): FindOptions {
  if (opts.collationResolved) return opts;
  const given = opts.collation ?? (coll?.options.collation as Document | undefined);
  const collation = given && given.locale !== 'simple' ? given : undefined;
  return { ...opts, collation, collationResolved: true };
}

export interface Match {
  rid: number;
  doc: Document;
}

/**
 * How many visible documents match, without decoding any when the index answers the filter exactly;
 * otherwise matches are counted as they stream by, never collected.
 */
export function countMatches(coll: Collection | undefined, filter: Document, optsIn: FindOptions, view: ReadView): number {
  if (hasText(filter)) return textMatches(coll, filter, optsIn, view).length;
  const opts = withCollation(coll, optsIn);
  if (coll && !opts.collation && view.extra(coll).length === 0) {
    if (Object.keys(filter).length === 0) return coll.size;
    const plan = planQuery(coll, filter, undefined, opts.hint);
    if (plan.exact && plan.count) {
      // Parse anyway so bad queries fail as on mongod.
      if (!plainEqualities(filter)) compileFilter(filter, opts.collation, opts.let);
      return plan.count();
    }
  }
  let n = 0;
  // Only the fields the filter reads are decoded.
  for (const m of streamMatches(coll, filter, { ...opts, fields: new Set() }, view)) {
    void m;
    n++;
  }
  return n;
}

/**
 * The index entries that answer `filter` exactly (every record they reach matches, and no other does),
 * or null when only a scan of the records can: a collation, a transaction's own writes, or a filter
 * the index does not enforce exactly.
 */
export function exactIndexKeys(coll: Collection | undefined, filter: Document, optsIn: FindOptions, view: ReadView): NonNullable<ReturnType<typeof planQuery>['keys']> | null {
  const opts = withCollation(coll, optsIn);
  if (!coll || opts.collation || view.extra(coll).length > 0 || Object.keys(filter).length === 0 || hasText(filter)) return null;
  const plan = planQuery(coll, filter, undefined, opts.hint);
  if (!plan.exact || !plan.keys) return null;
  // Parse anyway so bad queries fail as on mongod.
  if (!plainEqualities(filter)) compileFilter(filter, opts.collation, opts.let);
  return plan.keys;
}

/**
 * The filter without the conditions an index scan already enforces (each removed once, where it was
 * written, at the top level or in a top-level $and).
 */
function residualFilter(filter: Document, covered: Map<string, unknown[]>): Document {
  // Each covered condition is removed once: the same field may be bound by several ranges (an intersection).
  const left = new Map<string, unknown[]>();
  for (const [k, conds] of covered) left.set(k, [...conds]);
  const strip = (doc: Document): Document => {
    const out: Document = {};
    for (const [k, v] of Object.entries(doc)) {
      const conds = k.startsWith('$') ? undefined : left.get(k);
      const at = conds ? conds.indexOf(v) : -1;
      if (conds && at >= 0) {
        conds.splice(at, 1);
        continue;
      }
      if (k === '$and' && Array.isArray(v)) {
        const parts = v.map((c: unknown) => (isPlainObject(c) ? strip(c) : c)).filter((c: unknown) => !(isPlainObject(c) && Object.keys(c).length === 0));
        if (parts.length > 0) out.$and = parts;
        continue;
      }
      out[k] = v;
    }
    return out;
  };
  return strip(filter);
}

/** Matches one by one in the planner's order (no sort, skip or limit), decoding each document once. */
export function* streamMatches(coll: Collection | undefined, fullFilter: Document, optsIn: FindOptions, view: ReadView): Generator<Match> {
  if (hasText(fullFilter)) {
    yield* textMatches(coll, fullFilter, optsIn, view);
    return;
  }
  const opts = withCollation(coll, optsIn);
  let matcher: Query | null | undefined = plainEqualities(fullFilter) ? undefined : compileFilter(fullFilter, opts.collation, opts.let);
  if (!coll) return;
  const plan = planQuery(coll, fullFilter, undefined, opts.hint, opts.collation);
  const extra = view.extra(coll);
  // Records reached only through `extra` are checked against the whole filter, so then nothing is dropped.
  let filter = fullFilter;
  if (plan.covered && plan.covered.size > 0 && extra.length === 0 && !opts.collation) {
    filter = residualFilter(fullFilter, plan.covered);
    matcher = plainEqualities(filter) ? undefined : compileFilter(filter, opts.collation, opts.let);
  }
  const exact = plan.exact === true && extra.length === 0;
  const seen = extra.length > 0 ? new Set<number>() : null;
  const quick = opts.collation ? [] : requiredEqualities(filter);
  const raw = quick.length > 0 && !exact && view.mayMatch ? rawChecks(quick) : null;
  const filterFields = opts.fields ? topLevelFields(filter) : null;
  const fields = opts.fields && filterFields ? new FieldSet(new Set([...opts.fields, ...filterFields])) : undefined;
  const test = (doc: Document, indexed: boolean): boolean => {
    if (exact && indexed) return true;
    try {
      for (const [k, want] of quick) if (!mayEqual(doc[k], want)) return false;
      if (matcher === undefined) matcher = compileFilter(filter, opts.collation, opts.let);
      return !matcher || matcher.test(doc);
    } catch (err) {
      throw toCommandError(err);
    }
  };
  for (const rid of plan.rids) {
    if (seen) {
      if (seen.has(rid)) continue;
      seen.add(rid);
    }
    if (raw && view.mayMatch && !view.mayMatch(coll, rid, raw)) continue;
    const doc = view.doc(coll, rid, fields);
    if (doc !== undefined && test(doc, true)) yield { rid, doc };
  }
  for (const rid of extra) {
    if (seen?.has(rid)) continue;
    seen?.add(rid);
    const doc = view.doc(coll, rid, fields);
    if (doc !== undefined && test(doc, false)) yield { rid, doc };
  }
}

const LOGICAL = new Set(['$and', '$or', '$nor']);

/** The top-level fields a filter reads, or null when it may read any (e.g. $expr, $where). */
export function topLevelFields(filter: Document, out = new Set<string>(['_id'])): Set<string> | null {
  for (const [k, v] of Object.entries(filter)) {
    if (k === '$comment') continue;
    if (LOGICAL.has(k)) {
      if (!Array.isArray(v)) return null;
      for (const c of v) if (!isPlainObject(c) || !topLevelFields(c, out)) return null;
      continue;
    }
    if (k.startsWith('$')) return null;
    out.add(k.split('.')[0] as string);
  }
  return out;
}

/** Matches of the whole filter, for the planner's trial of candidate indexes (first batch: 101, as mongod). */
function planTrial(coll: Collection, filter: Document, opts: FindOptions, view: ReadView, fresh: boolean): PlanTrial {
  const limit = opts.limit && opts.limit > 0 ? opts.limit : 101;
  const quick = requiredEqualities(filter);
  const raw = quick.length > 0 && view.mayMatch ? rawChecks(quick) : null;
  const filterFields = topLevelFields(filter);
  const fields = filterFields ? new FieldSet(filterFields) : undefined;
  let matcher: Query | null | undefined;
  const probe = (rid: number): boolean => {
    if (raw && view.mayMatch && !view.mayMatch(coll, rid, raw)) return false;
    const doc = view.doc(coll, rid, fields);
    if (doc === undefined) return false;
    try {
      for (const [k, want] of quick) if (!mayEqual(doc[k], want)) return false;
      if (matcher === undefined) matcher = compileFilter(filter, undefined, opts.let);
      return !matcher || matcher.test(doc);
    } catch (err) {
      throw toCommandError(err);
    }
  };
  return { probe, want: Math.max(0, opts.skip ?? 0) + limit, fresh };
}

/** Runs a filter through the best index (or a scan), then sorts, skips and limits. */
export function findMatches(coll: Collection | undefined, filter: Document, optsIn: FindOptions, view: ReadView, stats?: ExecStats): Match[] {
  if (hasText(filter)) return textMatches(coll, filter, optsIn, view, stats);
  const opts = withCollation(coll, optsIn);
  // Parse the filter even when the collection is missing, so bad queries fail as on mongod;
  // plain field equalities need no parsing and are compiled only if an index does not answer them.
  let matcher: Query | null | undefined = plainEqualities(filter) ? undefined : compileFilter(filter, opts.collation, opts.let);
  if (!coll) return [];
  const sort = opts.sort && Object.keys(opts.sort).length > 0 ? opts.sort : undefined;
  const natural = sort && '$natural' in sort ? Number(sort.$natural) : 0;
  const extra = view.extra(coll);
  const trial = extra.length === 0 && !opts.collation ? planTrial(coll, filter, opts, view, stats !== undefined) : undefined;
  const plan = planQuery(coll, filter, natural ? undefined : sort, opts.hint, opts.collation, trial);
  // Documents reached only through `extra` (history, own writes) are always evaluated, against the whole filter.
  let exact = plan.exact === true && extra.length === 0;
  if (plan.covered && plan.covered.size > 0 && extra.length === 0 && !opts.collation) {
    filter = residualFilter(filter, plan.covered);
    matcher = plainEqualities(filter) ? undefined : compileFilter(filter, opts.collation, opts.let);
  }
  // Only the fields the caller needs, the residual filter reads and the sort uses are decoded.
  const filterFields = opts.fields ? topLevelFields(filter) : null;
  const fields =
    opts.fields && filterFields ? new FieldSet(new Set([...opts.fields, ...filterFields, ...Object.keys(sort ?? {}).map((k) => k.split('.')[0] as string)])) : undefined;
  const skip = Math.max(0, opts.skip ?? 0);
  const limit = opts.limit && opts.limit > 0 ? opts.limit : Infinity;
  const sortedAlready = !sort || (plan.sorted && extra.length === 0) || natural > 0;
  const wanted = sortedAlready ? skip + limit : Infinity;
  const out: Match[] = [];
  const seen = extra.length > 0 ? new Set<number>() : null;
  let examined = 0;
  // Cheap checks of plain equalities reject most non-matching documents before mingo sees them.
  const quick = opts.collation ? [] : requiredEqualities(filter);
  const raw = quick.length > 0 && !exact && view.mayMatch ? rawChecks(quick) : null;
  const consider = (rid: number): boolean => {
    examined++;
    if (seen) {
      if (seen.has(rid)) return true;
      seen.add(rid);
    }
    if (raw && !exact && view.mayMatch && !view.mayMatch(coll, rid, raw)) return true;
    const doc = view.doc(coll, rid, fields);
    if (doc === undefined) return true;
    try {
      if (!exact) {
        for (const [k, want] of quick) if (!mayEqual(doc[k], want)) return true;
        if (matcher === undefined) matcher = compileFilter(filter, opts.collation, opts.let);
        if (matcher && !matcher.test(doc)) return true;
      }
    } catch (err) {
      throw toCommandError(err);
    }
    out.push({ rid, doc });
    return out.length < wanted;
  };
  let more = true;
  for (const rid of plan.rids) if (!(more = consider(rid))) break;
  exact = false;
  if (more) for (const rid of extra) if (!consider(rid)) break;
  plan.report?.(examined);
  if (stats) {
    stats.planning = plan.planning;
    stats.index = plan.index;
    stats.docsExamined = examined;
    stats.keysExamined = plan.index ? examined : 0;
    stats.sortedByIndex = plan.sorted;
    if (plan.scan) {
      stats.keysExamined = plan.scan.keys;
      stats.docsExamined = Math.max(examined, plan.scan.docs);
    }
    stats.stage = plan.stage;
    if (plan.intersection) {
      stats.intersection = plan.intersection.indexes;
      stats.keysExamined = plan.intersection.stats.keys;
    }
  }
  if (natural < 0) out.reverse();
  else if (sort && !natural && !(plan.sorted && extra.length === 0)) sortMatches(out, sort, opts.collation);
  return out.slice(skip, skip + limit);
}

export function sortMatches(out: Match[], sort: Document, collation?: Document): void {
  const keys = Object.keys(sort);
  for (const k of keys) {
    const d = sort[k];
    if (isPlainObject(d)) throw new CommandError(2, 'BadValue', `$meta sort by '${String(d.$meta)}' is not supported`);
    if (d !== 1 && d !== -1 && !(typeof d === 'number' && (d === 1 || d === -1))) {
      throw new CommandError(15975, 'Location15975', '$sort key ordering must be 1 (for ascending) or -1 (for descending)');
    }
  }
  if (collation && typeof collation.locale === 'string' && collation.locale !== 'simple') {
    const docs = engineQuery({}, mingoOptions(collation)).find(out.map((m) => m.doc)).sort(sort).all() as Document[];
    const byDoc = new Map(out.map((m) => [m.doc, m.rid]));
    out.splice(0, out.length, ...docs.map((doc) => ({ doc, rid: byDoc.get(doc) as number })));
    return;
  }
  const dirs = keys.map((k) => (Number(sort[k]) < 0 ? -1 : 1));
  const keyed = out.map((m) => ({ m, key: keys.map((k, i) => sortKey(m.doc, k, dirs[i] as number)) }));
  keyed.sort((a, b) => {
    for (let i = 0; i < keys.length; i++) {
      const c = compareBson(a.key[i], b.key[i]);
      if (c !== 0) return c * (dirs[i] as number);
    }
    return 0;
  });
  out.splice(0, out.length, ...keyed.map((k) => k.m));
}

/** Arrays sort by their smallest element ascending and their largest descending, as in mongod. */
export function sortKey(doc: Document, path: string, dir: number): unknown {
  const { values } = pathValues(doc, path);
  if (values.length === 1) return values[0] === undefined ? null : values[0];
  let best: unknown = values[0];
  for (const v of values) {
    const c = compareBson(v, best);
    if ((dir > 0 && c < 0) || (dir < 0 && c > 0)) best = v;
  }
  return best;
}

export function hasPositional(projection: Document | undefined): boolean {
  return !!projection && Object.keys(projection).some((k) => k.endsWith('.$'));
}

/** A projection of top-level fields with 0/1 values, which needs no expression evaluation. */
interface PlainProjection {
  include: boolean;
  fields: Set<string>;
  keepId: boolean;
}

function plainProjection(projection: Document): PlainProjection | null {
  const fields = new Set<string>();
  let include: boolean | null = null;
  let keepId = true;
  for (const [k, v] of Object.entries(projection)) {
    if (k.includes('.') || k.startsWith('$')) return null;
    if (typeof v !== 'number' && typeof v !== 'boolean') return null;
    const on = v !== 0 && v !== false;
    if (k === '_id') {
      keepId = on;
      continue;
    }
    if (include !== null && include !== on) return null;
    include = on;
    fields.add(k);
  }
  // Only _id named: {_id: 0} excludes it, {_id: 1} keeps nothing else.
  if (include === null) return keepId ? { include: true, fields, keepId } : { include: false, fields: new Set(['_id']), keepId };
  if (!include && !keepId) fields.add('_id');
  return { include, fields, keepId };
}

/** The top-level fields an inclusion projection keeps (with _id), or undefined when it may need the whole document. */
export function projectedFields(projection: Document | undefined): Set<string> | undefined {
  if (!projection || Object.keys(projection).length === 0 || hasPositional(projection)) return undefined;
  const plain = plainProjection(projection);
  return plain?.include ? new Set([...plain.fields, '_id']) : undefined;
}

/** Applies a plain projection as mongod does: fields stay in document order, _id first. */
function applyPlain(doc: Document, p: PlainProjection): Document {
  const out: Document = {};
  if (p.include) {
    if (p.keepId && doc._id !== undefined) out._id = doc._id;
    for (const k of Object.keys(doc)) if (p.fields.has(k)) out[k] = doc[k];
    return out;
  }
  for (const k of Object.keys(doc)) if (!p.fields.has(k)) out[k] = doc[k];
  return out;
}

type SliceSpec = number | [number, number];

/** Cuts an array as find's $slice does: n first, -n last, [skip, limit] with a negative skip counted from the end. */
function sliceArray(arr: unknown[], spec: SliceSpec): unknown[] {
  if (typeof spec === 'number') return spec >= 0 ? arr.slice(0, spec) : arr.slice(Math.max(0, arr.length + spec));
  const [skip, limit] = spec;
  const from = skip >= 0 ? skip : Math.max(0, arr.length + skip);
  return arr.slice(from, from + limit);
}

function applySlice(holder: unknown, parts: string[], spec: SliceSpec): void {
  if (Array.isArray(holder)) {
    for (const e of holder) applySlice(e, parts, spec);
    return;
  }
  if (!isPlainObject(holder)) return;
  const [head, ...rest] = parts as [string, ...string[]];
  const v: unknown = holder[head];
  if (rest.length > 0) applySlice(v, rest, spec);
  else if (Array.isArray(v)) holder[head] = sliceArray(v, spec);
}

function sliceSpec(v: unknown): SliceSpec | null {
  if (!isPlainObject(v) || Object.keys(v).length !== 1 || !('$slice' in v)) return null;
  const s: unknown = v.$slice;
  if (typeof s === 'number' && Number.isInteger(s)) return s;
  if (Array.isArray(s) && s.length === 2 && s.every((x) => typeof x === 'number' && Number.isInteger(x))) {
    if ((s[1] as number) <= 0) throw new CommandError(28724, 'Location28724', 'Second argument to $slice must be a positive number');
    return s as [number, number];
  }
  throw new CommandError(28667, 'Location28667', 'Invalid $slice syntax');
}

/**
 * find's `$slice` is neither inclusion nor exclusion: the other fields decide, and alone it keeps every field
 * (manual: "$slice (projection)").
 */
function projectWithSlices(docs: Document[], projection: Document, filter: Document, collation?: Document): Document[] | null {
  const slices: [string[], SliceSpec][] = [];
  const rest: Document = {};
  for (const [k, v] of Object.entries(projection)) {
    const spec = sliceSpec(v);
    if (spec === null) rest[k] = v;
    else slices.push([k.split('.'), spec]);
  }
  if (slices.length === 0) return null;
  const including = Object.entries(rest).some(([k, v]) => k !== '_id' && v !== 0 && v !== false);
  if (including) for (const [parts] of slices) rest[parts.join('.')] = 1;
  const out = project(docs, rest, filter, collation);
  for (const doc of out) for (const [parts, spec] of slices) applySlice(doc, parts, spec);
  return out;
}

export function project(docs: Document[], projection: Document | undefined, filter: Document, collation?: Document): Document[] {
  if (!projection || Object.keys(projection).length === 0) return docs;
  if (hasScoreProjection(projection)) return projectWithScore(docs, projection, filter, collation);
  const sliced = projectWithSlices(docs, projection, filter, collation);
  if (sliced) return sliced;
  const plain = plainProjection(projection);
  if (plain) return docs.map((d) => applyPlain(d, plain));
  try {
    const q = engineQuery(hasPositional(projection) ? filter : {}, mingoOptions(collation));
    return q.find<Document>(docs, projection).all();
  } catch (err) {
    throw toCommandError(err);
  }
}
