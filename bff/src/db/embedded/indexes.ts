import { ObjectId, type Document } from 'bson';
import type { Query } from 'mingo/query';
import { engineQuery } from './mingo-context';
import { compareBson } from './bson-order';
import { CommandError } from './errors';
import { formatDoc } from './format';
import { pathValues } from './paths';
import { geoKeys } from './geo/keys';
import { SortedList, type Position } from './storage/sorted-list';
import { textIndexInfo, textKeys } from './text/spec';

/**
 * An index entry: the key's parts, then the record ids holding that key (one array per distinct key):
 * a number for one record, else a sorted list, so repeated keys cost a few bytes per record.
 */
export type IndexEntry = unknown[];
export type Posting = number | SortedList<number>;

const byNumber = (a: number, b: number): number => a - b;

export interface DuplicateInfo {
  keyPattern: Document;
  keyValue: Document;
}

/** A secondary (or _id) index: a sorted list of (key tuple, record id) in index order. */
export class Index {
  readonly fields: string[];
  readonly dirs: (1 | -1)[];
  /** text and geo indexes are not used for planning; text indexes are maintained (see textKeys). */
  readonly special: boolean;
  /** Per index field: a 2dsphere field, keyed by grid cells (geo/cells.ts); such an index is kept but planned apart (geo/plan.ts). */
  readonly geoFields: boolean[];
  private readonly hasGeo: boolean;
  readonly list: SortedList<IndexEntry>;
  /** Per index field: whether some document reached an array on that field's path. */
  readonly multikeyFields: boolean[];
  private readonly partial: Query | null;
  /** A text index's keys: (prefix, term, score, suffix) per term of the document (text/spec.ts). */
  private readonly textKeys: ((doc: Document) => unknown[][]) | null;

  constructor(readonly spec: Document) {
    const key = spec.key as Document;
    this.fields = Object.keys(key);
    this.dirs = this.fields.map((f) => (typeof key[f] === 'number' && (key[f] as number) < 0 ? -1 : 1));
    this.special = this.fields.some((f) => typeof key[f] === 'string' && key[f] !== 'hashed');
    this.geoFields = this.fields.map((f) => key[f] === '2dsphere');
    this.hasGeo = this.geoFields.includes(true);
    this.partial = spec.partialFilterExpression ? engineQuery(spec.partialFilterExpression as Document) : null;
    this.multikeyFields = this.fields.map(() => false);
    this.textKeys = this.fields.includes('_fts') ? textKeys(textIndexInfo(spec)) : null;
    this.list = new SortedList<IndexEntry>((a, b) => this.compareKeys(a, b));
  }

  /** Some document has an array on one of the index's paths. */
  get multikey(): boolean {
    return this.multikeyFields.includes(true);
  }

  /** mongod's explain shape: for each field, the path components that held arrays. */
  multiKeyPaths(): Document {
    const out: Document = {};
    this.fields.forEach((f, i) => {
      out[f] = this.multikeyFields[i] ? [f] : [];
    });
    return out;
  }

  get name(): string {
    return this.spec.name as string;
  }

  get unique(): boolean {
    return this.spec.unique === true || this.name === '_id_';
  }

  get sparse(): boolean {
    return this.spec.sparse === true;
  }

  get isPartial(): boolean {
    return this.partial !== null;
  }

  private readonly dateColumns = new Map<number, number>();

  /**
   * The list's column (SortedList.addColumn) of key part `at` as a time in ms when it is a Date, else
   * NaN: a walk ordered by that part compares packed numbers and reads entries only on a tie or NaN.
   */
  dateColumn(at: number): number {
    let col = this.dateColumns.get(at);
    if (col === undefined) {
      col = this.list.addColumn((e) => {
        const v = e[at];
        return v instanceof Date ? v.getTime() : NaN;
      });
      this.dateColumns.set(at, col);
    }
    return col;
  }

  compareKeys(a: unknown[], b: unknown[]): number {
    const n = this.fields.length;
    for (let i = 0; i < n; i++) {
      const c = compareKeyPart(a[i], b[i]);
      if (c !== 0) return c * (this.dirs[i] as number);
    }
    return 0;
  }

  /** Record ids under all keys. */
  get size(): number {
    return this.rids;
  }

  private rids = 0;

  /** The first record id of an entry. */
  ridOf(e: IndexEntry): number {
    const p = e[this.fields.length] as Posting;
    return typeof p === 'number' ? p : (p.at(p.first() as Position) as number);
  }

  /** How many records an entry holds. */
  countOf(e: IndexEntry): number {
    const p = e[this.fields.length] as Posting;
    return typeof p === 'number' ? 1 : p.size;
  }

  /** An entry's record ids, ascending or (dir -1) descending. */
  *ridsOf(e: IndexEntry, dir: 1 | -1 = 1): Generator<number> {
    const p = e[this.fields.length] as Posting;
    if (typeof p === 'number') yield p;
    else yield* p.iterate(dir === 1 ? p.first() : p.last(), dir);
  }

  /** Orders raw (key..., rid) entries, before their rids are gathered into postings. */
  private compareEntries(a: IndexEntry, b: IndexEntry): number {
    const n = this.fields.length;
    return this.compareKeys(a, b) || (a[n] as number) - (b[n] as number);
  }

  /**
   * The key tuples a document contributes, or none when sparse/partial rules exclude it. Each has one
   * spare slot at the end for the record id (see entry()).
   */
  keysFor(doc: Document): unknown[][] {
    const geo = this.hasGeo;
    if (this.partial && !this.partial.test(doc)) return [];
    if (this.textKeys) return this.textKeys(doc);
    if (this.special && !geo) return [];
    const n = this.fields.length;
    const fixed = new Array<unknown>(n + 1);
    fixed[n] = 0;
    let many: unknown[] | null = null;
    let found = false;
    let arrayAt = -1;
    let arrays = 0;
    let geoFound = false;
    for (let i = 0; i < n; i++) {
      const cells = geo && this.geoFields[i] ? geoKeys(doc, this.fields[i] as string) : null;
      if (cells && cells.length > 0) geoFound = true;
      const p = cells ? { values: cells.length > 0 ? cells : [undefined], found: cells.length > 0, multikey: cells.length > 1 } : pathValues(doc, this.fields[i] as string);
      if (p.found) found = true;
      if (p.multikey) arrays |= 1 << i;
      if (p.values.length > 1) {
        if (arrayAt >= 0) {
          throw new CommandError(171, 'CannotIndexParallelArrays', `cannot index parallel arrays [${this.fields.join('] [')}]`);
        }
        arrayAt = i;
        many = dedupe(p.values);
      } else fixed[i] = p.values[0];
    }
    if (arrays !== 0) for (let i = 0; i < n; i++) if (arrays & (1 << i)) this.multikeyFields[i] = true;
    if (this.sparse && !found) return [];
    // A 2dsphere index leaves out documents without a location.
    if (geo && !geoFound) return [];
    // At most one field has several values, so the keys are that field's values with the others fixed.
    if (!many) return [fixed];
    return many.map((v) => {
      const key = fixed.slice();
      key[arrayAt] = v;
      return key;
    });
  }

  /** Turns a key from keysFor into the entry for record `rid`. */
  entry(key: unknown[], rid: number): IndexEntry {
    key[this.fields.length] = rid;
    return key;
  }

  add(rid: number, doc: Document): void {
    for (const key of this.keysFor(doc)) this.insertKey(key, rid);
  }

  remove(rid: number, doc: Document): void {
    for (const key of this.keysFor(doc)) this.removeKey(key, rid);
  }

  /** The entry holding exactly this key, if any. */
  private entryFor(key: unknown[]): IndexEntry | undefined {
    const pos = this.list.seek((e) => this.compareKeys(e, key) >= 0);
    if (!pos) return undefined;
    const e = this.list.at(pos);
    return this.compareKeys(e, key) === 0 ? e : undefined;
  }

  /** Adds record `rid` under a key from keysFor. */
  insertKey(key: unknown[], rid: number): void {
    const n = this.fields.length;
    const pos = this.list.seek((x) => this.compareKeys(x, key) >= 0);
    const e = pos ? this.list.at(pos) : undefined;
    this.rids++;
    if (!e || this.compareKeys(e, key) !== 0) {
      this.list.insertAt(pos, this.entry(key, rid));
      return;
    }
    const p = e[n] as Posting;
    if (p === rid) {
      this.rids--;
      return;
    }
    if (typeof p === 'number') {
      const list = new SortedList<number>(byNumber);
      list.insertSorted(p < rid ? [p, rid] : [rid, p]);
      e[n] = list;
    } else p.insert(rid);
  }

  removeKey(key: unknown[], rid: number): void {
    const n = this.fields.length;
    const e = this.entryFor(key);
    if (!e) return;
    const p = e[n] as Posting;
    if (typeof p === 'number') {
      if (p !== rid) return;
      this.list.remove(e);
    } else {
      if (!p.remove(rid)) return;
      if (p.size === 1) e[n] = p.at(p.first() as Position);
    }
    this.rids--;
  }

  /**
   * Adds many (key..., rid) entries at once: sorted here, equal keys gathered into one posting, postings
   * of keys already present merged into theirs, and the new keys merged into the list in one pass.
   */
  addMany(entries: IndexEntry[]): void {
    if (entries.length === 0) return;
    const n = this.fields.length;
    const sorted = this.sortEntries(entries);
    const fresh: IndexEntry[] = [];
    let i = 0;
    while (i < sorted.length) {
      const first = sorted[i] as IndexEntry;
      let j = i + 1;
      while (j < sorted.length && this.compareKeys(sorted[j] as IndexEntry, first) === 0) j++;
      const rids: number[] = [];
      for (let k = i; k < j; k++) {
        const r = (sorted[k] as IndexEntry)[n] as number;
        if (rids[rids.length - 1] !== r) rids.push(r);
      }
      this.rids += rids.length;
      const existing = this.list.size > 0 ? this.entryFor(first) : undefined;
      if (existing) {
        const p = existing[n] as Posting;
        const list = typeof p === 'number' ? new SortedList<number>(byNumber) : p;
        if (typeof p === 'number') list.insertSorted([p]);
        list.insertSorted(rids);
        existing[n] = list;
      } else if (rids.length === 1) fresh.push(first);
      else {
        const list = new SortedList<number>(byNumber);
        list.insertSorted(rids);
        first[n] = list;
        fresh.push(first);
      }
      i = j;
    }
    this.list.insertSorted(fresh);
  }

  /**
   * Entries in index order. Entries are bucketed by their first key part, and then by the second,
   * while those are strings, so the full comparison only orders entries sharing both (often already
   * in order, which the sort notices in one pass).
   */
  private sortEntries(entries: IndexEntry[], level = 0): IndexEntry[] {
    const cmp = (a: IndexEntry, b: IndexEntry): number => this.compareEntries(a, b);
    if (entries.length < 64 || level >= Math.min(2, this.fields.length)) return entries.sort(cmp);
    const buckets = new Map<string, IndexEntry[]>();
    for (const e of entries) {
      const k = e[level];
      if (typeof k !== 'string') return entries.sort(cmp);
      const b = buckets.get(k);
      if (b) b.push(e);
      else buckets.set(k, [e]);
    }
    const names = [...buckets.keys()].sort();
    if (this.dirs[level] === -1) names.reverse();
    const out: IndexEntry[] = [];
    for (const name of names) {
      for (const e of this.sortEntries(buckets.get(name) as IndexEntry[], level + 1)) out.push(e);
    }
    return out;
  }

  /** A record other than `rid` holding one of the doc's keys, if this index is unique. */
  findConflict(doc: Document, rid: number, isVisible: (rid: number) => boolean = () => true): DuplicateInfo | null {
    if (!this.unique) return null;
    return this.conflictAmong(this.keysFor(doc), rid, isVisible);
  }

  /** Like findConflict, for keys already extracted. */
  conflictAmong(keys: unknown[][], rid: number, isVisible: (rid: number) => boolean = () => true): DuplicateInfo | null {
    if (!this.unique) return null;
    for (const key of keys) {
      for (const orid of this.equalRids(key)) {
        if (orid !== rid && isVisible(orid)) return this.describe(key);
      }
    }
    return null;
  }

  /** Record ids under exactly this key, ascending. */
  *equalRids(key: unknown[]): Generator<number> {
    const e = this.entryFor(key);
    if (e) yield* this.ridsOf(e);
  }

  describe(key: unknown[]): DuplicateInfo {
    const keyValue: Document = {};
    this.fields.forEach((f, i) => {
      keyValue[f] = key[i] === undefined ? null : key[i];
    });
    return { keyPattern: { ...(this.spec.key as Document) }, keyValue };
  }

  duplicateError(ns: string, dup: DuplicateInfo): CommandError {
    return new CommandError(
      11000,
      'DuplicateKey',
      `E11000 duplicate key error collection: ${ns} index: ${this.name} dup key: ${formatDoc(dup.keyValue)}`,
      { keyPattern: dup.keyPattern, keyValue: dup.keyValue },
    );
  }
}

/** Compares two key parts in BSON order, with fast paths for the common same-type cases. */
export function compareKeyPart(a: unknown, b: unknown): number {
  // One record's entries in different indexes share their key values (an intersection compares those most).
  if (a === b) return 0;
  const ta = typeof a;
  if (ta === typeof b) {
    if (ta === 'object' && a instanceof ObjectId && b instanceof ObjectId) {
      const x = a as unknown as { i0?: number; i1: number; i2: number; i3: number };
      const y = b as unknown as { i0?: number; i1: number; i2: number; i3: number };
      if (typeof x.i0 === 'number' && typeof y.i0 === 'number') {
        if (x.i0 !== y.i0) return x.i0 < y.i0 ? -1 : 1;
        if (x.i1 !== y.i1) return x.i1 < y.i1 ? -1 : 1;
        if (x.i2 !== y.i2) return x.i2 < y.i2 ? -1 : 1;
        return x.i3 === y.i3 ? 0 : x.i3 < y.i3 ? -1 : 1;
      }
    }
    if (ta === 'string') return (a as string) < (b as string) ? -1 : (a as string) > (b as string) ? 1 : 0;
    if (ta === 'number' && a === a && b === b) return (a as number) < (b as number) ? -1 : (a as number) > (b as number) ? 1 : 0;
    if (ta === 'boolean') return a === b ? 0 : a ? 1 : -1;
    if (a instanceof Date && b instanceof Date) {
      const x = a.getTime();
      const y = b.getTime();
      if (x === x && y === y) return x < y ? -1 : x > y ? 1 : 0;
    }
  }
  return compareBson(a, b);
}

function dedupe(values: unknown[]): unknown[] {
  if (values.length < 2) return values;
  if (values.every((v) => typeof v === 'string')) return [...new Set(values)];
  const sorted = [...values].sort(compareBson);
  return sorted.filter((v, i) => i === 0 || compareBson(v, sorted[i - 1]) !== 0);
}

export function defaultIndexName(key: Document): string {
  return Object.entries(key)
    .map(([f, d]) => `${f}_${String(d)}`)
    .join('_');
}
