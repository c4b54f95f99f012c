import { calculateObjectSize, type Document } from 'bson';
import { CommandError } from './errors';
import type { ReadView } from './query';
import { cloneDoc } from './storage/clone';
import type { Collection } from './storage/collection';
import { MAX_DOC_BYTES, STORE_SERIALIZE, tooLarge, type FieldSet } from './storage/heap';
import { SortedList } from './storage/sorted-list';
import type { Index } from './indexes';

/** A unique-index key written by this transaction, for record `rid` (it may be stale: see ownKeyTaken). */
interface OwnKey {
  key: unknown[];
  rid: number;
}

export const TRANSIENT = 'TransientTransactionError';

export function writeConflict(): CommandError {
  return new CommandError(
    112,
    'WriteConflict',
    'Write conflict during plan execution and yielding is disabled. :: Please retry your operation or multi-document transaction.',
    {},
    [TRANSIENT],
  );
}

/** Thrown by an autocommit write that touches a record an open transaction has written: it waits and retries. */
export class LockWait extends Error {
  constructor(readonly txnId: number) {
    super('record locked by a transaction');
  }
}

/** Buffered writes of one multi-document transaction over a snapshot of committed data. */
export class Transaction implements ReadView {
  state: 'active' | 'committed' | 'aborted' = 'active';
  readonly writes = new Map<Collection, Map<number, Document | null>>();
  /** Per unique index, the keys of this transaction's written documents, in key order. */
  private readonly ownKeys = new Map<Index, SortedList<OwnKey>>();
  lastUsed = Date.now();
  readonly startedAt = Date.now();
  /** Why it was aborted, for the NoSuchTransaction message. */
  abortReason = '';

  constructor(
    readonly id: number,
    readonly lsidKey: string,
    readonly txnNumber: number,
    readonly snap: number,
  ) {}

  doc(coll: Collection, rid: number, fields?: FieldSet): Document | undefined {
    const own = this.writes.get(coll);
    // Reads always get a fresh object, as the collection's decoded records are.
    if (own?.has(rid)) {
      const doc = own.get(rid);
      return doc ? cloneDoc(doc) : undefined;
    }
    return coll.visible(rid, this.snap, fields);
  }

  extra(coll: Collection): number[] {
    const own = this.writes.get(coll);
    if (coll.history.size === 0 && !own) return [];
    return [...coll.history.keys(), ...(own ? own.keys() : [])];
  }

  private own(coll: Collection): Map<number, Document | null> {
    let m = this.writes.get(coll);
    if (!m) {
      m = new Map();
      this.writes.set(coll, m);
    }
    return m;
  }

  /** Fails with WriteConflict if another transaction holds the record or it changed since the snapshot. */
  private claim(coll: Collection, rid: number): void {
    const holder = coll.locks.get(rid);
    if (holder !== undefined && holder !== this.id) throw writeConflict();
    if (holder === undefined) {
      const ver = coll.records.ver(rid);
      if (ver === undefined || ver > this.snap) throw writeConflict();
      coll.locks.set(rid, this.id);
    }
  }

  private checkUnique(coll: Collection, rid: number, doc: Document): void {
    const own = this.writes.get(coll);
    for (const index of coll.indexes.values()) {
      if (!index.unique) continue;
      for (const key of index.keysFor(doc)) {
        for (const erid of index.equalRids(key)) {
          if (erid === rid || own?.has(erid)) continue;
          if (coll.visible(erid, this.snap) === undefined) throw writeConflict();
          throw index.duplicateError(coll.ns, index.describe(key));
        }
        if (own && this.ownKeyTaken(index, own, rid, key)) throw index.duplicateError(coll.ns, index.describe(key));
      }
    }
  }

  /** Whether another document this transaction wrote still holds `key` (entries of replaced or removed versions are skipped). */
  private ownKeyTaken(index: Index, own: Map<number, Document | null>, rid: number, key: unknown[]): boolean {
    let list = this.ownKeys.get(index);
    if (!list) {
      // An index created after this transaction's first writes: list what it wrote so far.
      list = new SortedList<OwnKey>((a, b) => index.compareKeys(a.key, b.key) || a.rid - b.rid);
      for (const [orid, odoc] of own) if (odoc) for (const k of index.keysFor(odoc)) list.insert({ key: k, rid: orid });
      this.ownKeys.set(index, list);
    }
    for (const e of list.iterate(list.seek((x) => index.compareKeys(x.key, key) >= 0), 1)) {
      if (index.compareKeys(e.key, key) !== 0) return false;
      if (e.rid === rid) continue;
      const odoc = own.get(e.rid);
      if (odoc && index.keysFor(odoc).some((k) => index.compareKeys(k, key) === 0)) return true;
    }
    return false;
  }

  private write(coll: Collection, rid: number, doc: Document, update: boolean): void {
    const size = calculateObjectSize(doc, STORE_SERIALIZE);
    if (size > MAX_DOC_BYTES) throw tooLarge(size, update);
    this.own(coll).set(rid, doc);
    for (const index of coll.indexes.values()) {
      if (!index.unique) continue;
      // Indexes without a list get one, from every own write, when first checked.
      const list = this.ownKeys.get(index);
      if (list) for (const key of index.keysFor(doc)) list.insert({ key, rid });
    }
  }

  insert(coll: Collection, doc: Document): void {
    const rid = coll.allocateRid();
    this.checkUnique(coll, rid, doc);
    coll.locks.set(rid, this.id);
    this.write(coll, rid, doc, false);
  }

  replace(coll: Collection, rid: number, doc: Document): void {
    const own = this.own(coll);
    if (!own.has(rid)) this.claim(coll, rid);
    this.checkUnique(coll, rid, doc);
    this.write(coll, rid, doc, true);
  }

  remove(coll: Collection, rid: number): void {
    const own = this.own(coll);
    if (!own.has(rid)) this.claim(coll, rid);
    own.set(rid, null);
  }

  releaseLocks(): void {
    for (const [coll, m] of this.writes) {
      for (const rid of m.keys()) if (coll.locks.get(rid) === this.id) coll.locks.delete(rid);
    }
  }
}
