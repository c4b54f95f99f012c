import type { Document } from 'bson';
import { CommandError } from './errors';
import type { ReadView } from './query';
import { cloneDoc } from './storage/clone';
import type { Collection } from './storage/collection';
import type { FieldSet } from './storage/heap';

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
        if (own) {
          for (const [orid, odoc] of own) {
            if (orid === rid || !odoc) continue;
            if (index.keysFor(odoc).some((k) => index.compareKeys(k, key) === 0)) throw index.duplicateError(coll.ns, index.describe(key));
          }
        }
      }
    }
  }

  insert(coll: Collection, doc: Document): void {
    const rid = coll.allocateRid();
    this.checkUnique(coll, rid, doc);
    coll.locks.set(rid, this.id);
    this.own(coll).set(rid, doc);
  }

  replace(coll: Collection, rid: number, doc: Document): void {
    const own = this.own(coll);
    if (!own.has(rid)) this.claim(coll, rid);
    this.checkUnique(coll, rid, doc);
    own.set(rid, doc);
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
