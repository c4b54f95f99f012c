import { UUID, type Document } from 'bson';
import { CommandError } from '../errors';
import { Index, type DuplicateInfo, type IndexEntry } from '../indexes';
import { decodeDoc, decodeFields, encodeDoc, RecordHeap, type FieldSet } from './heap';

export interface RecordSlot {
  /** The version's BSON bytes (immutable). */
  bytes: Buffer;
  /** Commit sequence number of the write that produced this version. */
  ver: number;
}

/** An older version kept while a transaction's snapshot may still need it: valid for from <= seq < to. */
export interface OldVersion {
  bytes: Buffer;
  from: number;
  to: number;
}

export interface CollectionHooks {
  /** True while any transaction holds a snapshot, so overwritten versions must be kept. */
  keepHistory(): boolean;
}

/**
 * Documents of one namespace keyed by record id (stored as BSON, decoded on read: every read returns a
 * fresh object), with their indexes and recent history.
 */
export class Collection {
  readonly records = new RecordHeap();
  readonly history = new Map<number, OldVersion[]>();
  readonly indexes = new Map<string, Index>();
  /** Record ids written by an uncommitted transaction, with the transaction's id. */
  readonly locks = new Map<number, number>();
  uuid = new UUID();
  private nextRid = 1;
  /** Pending entries of non-unique indexes while a bulk insert runs. */
  private bulk: Map<Index, IndexEntry[]> | null = null;

  constructor(
    public db: string,
    public name: string,
    public options: Document,
    private readonly hooks: CollectionHooks,
  ) {
    this.indexes.set('_id_', new Index({ v: 2, key: { _id: 1 }, name: '_id_' }));
  }

  get ns(): string {
    return `${this.db}.${this.name}`;
  }

  get idIndex(): Index {
    return this.indexes.get('_id_') as Index;
  }

  allocateRid(): number {
    return this.nextRid++;
  }

  ridForId(id: unknown): number | undefined {
    for (const rid of this.idIndex.equalRids([id])) return rid;
    return undefined;
  }

  /** The latest version of a record, freshly decoded (only the given top-level fields, if any). */
  doc(rid: number, fields?: FieldSet): Document | undefined {
    return this.records.doc(rid, fields);
  }

  slot(rid: number): RecordSlot | undefined {
    const bytes = this.records.bytes(rid);
    return bytes ? { bytes, ver: this.records.ver(rid) as number } : undefined;
  }

  /** Throws the DuplicateKey error mongod would raise if doc (as record rid) broke a unique index. */
  checkUnique(doc: Document, rid: number, ignore?: (rid: number) => boolean): void {
    for (const index of this.indexes.values()) {
      const dup: DuplicateInfo | null = index.findConflict(doc, rid, ignore ? (r) => !ignore(r) : undefined);
      if (dup) throw index.duplicateError(this.ns, dup);
    }
  }

  /** Validates keys (parallel arrays) and uniqueness without changing anything. */
  validate(doc: Document, rid: number, ignore?: (rid: number) => boolean): void {
    for (const index of this.indexes.values()) index.keysFor(doc);
    this.checkUnique(doc, rid, ignore);
  }

  insert(doc: Document, seq: number, rid = this.allocateRid()): number {
    // Extracting every index's keys first validates them (parallel arrays) before anything changes.
    const keys: unknown[][][] = [];
    for (const index of this.indexes.values()) keys.push(index.keysFor(doc));
    const bytes = encodeDoc(doc);
    let k = 0;
    for (const index of this.indexes.values()) {
      const dup = index.conflictAmong(keys[k++] as unknown[][], rid);
      if (dup) throw index.duplicateError(this.ns, dup);
    }
    k = 0;
    for (const index of this.indexes.values()) {
      const ks = keys[k++] as unknown[][];
      const pending = index.unique ? undefined : this.bulk?.get(index);
      if (pending) for (const key of ks) pending.push(index.entry(key, rid));
      else for (const key of ks) index.insertKey(key, rid);
    }
    this.records.set(rid, bytes, seq);
    if (rid >= this.nextRid) this.nextRid = rid + 1;
    return rid;
  }

  /**
   * Batches inserts: until endBulk, entries of non-unique indexes are collected and then merged in one
   * pass. Unique indexes stay current so duplicates within the batch are caught. Nothing may read the
   * collection in between, so callers run the whole batch synchronously.
   */
  beginBulk(): void {
    this.bulk = new Map();
    for (const index of this.indexes.values()) if (!index.unique) this.bulk.set(index, []);
  }

  endBulk(): void {
    const bulk = this.bulk;
    this.bulk = null;
    if (bulk) for (const [index, entries] of bulk) index.addMany(entries);
  }

  replace(rid: number, doc: Document, seq: number): void {
    const slot = this.slot(rid);
    if (!slot) throw new CommandError(1, 'InternalError', `record ${rid} vanished`);
    this.validate(doc, rid);
    const bytes = encodeDoc(doc, true);
    const old = decodeDoc(slot.bytes);
    for (const index of this.indexes.values()) index.remove(rid, old);
    for (const index of this.indexes.values()) index.add(rid, doc);
    this.remember(rid, slot, seq);
    this.records.set(rid, bytes, seq);
  }

  delete(rid: number, seq: number): Document | undefined {
    const slot = this.slot(rid);
    if (!slot) return undefined;
    const old = decodeDoc(slot.bytes);
    for (const index of this.indexes.values()) index.remove(rid, old);
    this.remember(rid, slot, seq);
    this.records.delete(rid);
    return old;
  }

  /** Puts back a record exactly as it was (used to undo a failed transaction commit). */
  restore(rid: number, before: RecordSlot | undefined, historyLength: number): void {
    const now = this.records.doc(rid);
    if (now) for (const index of this.indexes.values()) index.remove(rid, now);
    if (before) {
      const doc = decodeDoc(before.bytes);
      for (const index of this.indexes.values()) index.add(rid, doc);
      this.records.set(rid, before.bytes, before.ver);
    } else this.records.delete(rid);
    const h = this.history.get(rid);
    if (h) {
      h.length = Math.min(h.length, historyLength);
      if (h.length === 0) this.history.delete(rid);
    }
  }

  private remember(rid: number, slot: RecordSlot, seq: number): void {
    if (!this.hooks.keepHistory()) return;
    const list = this.history.get(rid) ?? [];
    list.push({ bytes: slot.bytes, from: slot.ver, to: seq });
    this.history.set(rid, list);
  }

  /** The version of a record a snapshot taken at `snap` sees. */
  visible(rid: number, snap: number, fields?: FieldSet): Document | undefined {
    const ver = this.records.ver(rid);
    if (ver !== undefined && ver <= snap) return this.records.doc(rid, fields);
    const list = this.history.get(rid);
    if (list) for (const v of list) if (v.from <= snap && snap < v.to) return fields ? decodeFields(v.bytes, fields) : decodeDoc(v.bytes);
    return undefined;
  }

  addIndex(spec: Document): Index {
    const index = new Index(spec);
    const entries: IndexEntry[] = [];
    for (const rid of this.records.rids()) for (const key of index.keysFor(this.records.doc(rid) as Document)) entries.push(index.entry(key, rid));
    index.addMany(entries);
    if (index.unique) {
      for (const e of index.list.iterate(index.list.first(), 1)) if (index.countOf(e) > 1) throw index.duplicateError(this.ns, index.describe(e));
    }
    this.indexes.set(index.name, index);
    return index;
  }

  clearHistory(): void {
    this.history.clear();
  }

  get size(): number {
    return this.records.size;
  }
}
