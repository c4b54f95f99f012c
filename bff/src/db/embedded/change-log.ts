import { Timestamp, type Document } from 'bson';
import { compareBson } from './bson-order';
import { clusterTime } from './commands/handshake';
import type { Engine, Writer } from './engine';
import { isPlainObject } from './paths';
import { findMatches, latestView } from './query';
import type { Collection } from './storage/collection';
import type { Transaction } from './transactions';

/**
 * The change event log change streams read, kept like mongod's oplog: a collection (`local.oplog.rs`) written
 * through the normal storage API, so it is journaled with the writes it describes and survives restarts, and
 * bounded (the oldest entries are removed past `CHANGE_LOG_MAX_ENTRIES`). It is switched on by the first
 * change stream opened on a data directory (until then writes pay nothing for it) and stays on.
 */
export const CHANGE_LOG_DB = 'local';
export const CHANGE_LOG_COLL = 'oplog.rs';
export const CHANGE_LOG_MAX_ENTRIES = 50_000;

export type ChangeOp = 'insert' | 'update' | 'replace' | 'delete' | 'drop' | 'dropDatabase' | 'rename';

/** One stored entry (`_id` is the entry's position in the log). */
export interface ChangeEntry {
  _id: number;
  ts: Timestamp;
  wall: Date;
  op: ChangeOp;
  ns: string;
  key?: Document;
  doc?: Document;
  ud?: Document;
  to?: string;
}

type Pending = Omit<ChangeEntry, '_id' | 'ts' | 'wall'>;

export class ChangeLog {
  /** Id of the newest entry (0 before the first). */
  lastId = 0;
  firstId = 1;
  private readonly waiters = new Set<() => void>();
  private readonly pending = new WeakMap<Transaction, Pending[]>();

  constructor(private readonly engine: Engine) {
    const coll = this.coll();
    if (coll) this.loadBounds(coll);
  }

  coll(): Collection | undefined {
    return this.engine.catalog.get(CHANGE_LOG_DB, CHANGE_LOG_COLL);
  }

  get enabled(): boolean {
    return this.coll() !== undefined;
  }

  /** Creates the log collection (journaled) if it does not exist yet. */
  enable(): void {
    if (this.coll()) return;
    this.engine.catalog.create(CHANGE_LOG_DB, CHANGE_LOG_COLL, { capped: true, size: CHANGE_LOG_MAX_ENTRIES * 1024 });
    this.lastId = 0;
    this.firstId = 1;
  }

  private loadBounds(coll: Collection): void {
    const last = findMatches(coll, {}, { sort: { _id: -1 }, limit: 1 }, latestView)[0];
    const first = findMatches(coll, {}, { sort: { _id: 1 }, limit: 1 }, latestView)[0];
    this.lastId = typeof last?.doc._id === 'number' ? last.doc._id : 0;
    this.firstId = typeof first?.doc._id === 'number' ? first.doc._id : this.lastId + 1;
  }

  /** Records a change now, or at commit when it is part of a transaction. */
  record(change: Pending, txn: Transaction | null): void {
    if (!this.enabled || skipped(change.ns)) return;
    if (txn) {
      const list = this.pending.get(txn) ?? [];
      list.push(change);
      this.pending.set(txn, list);
      return;
    }
    this.append(change);
  }

  /** Appends a committed transaction's changes, in the order they were made. */
  commit(txn: Transaction): void {
    const list = this.pending.get(txn);
    this.pending.delete(txn);
    for (const c of list ?? []) this.append(c);
  }

  private append(change: Pending): void {
    const coll = this.coll();
    if (!coll) return;
    const id = ++this.lastId;
    const entry: Document = { _id: id, ts: clusterTime(this.engine.seq + 1), wall: new Date(), ...change };
    for (const [k, v] of Object.entries(entry)) if (v === undefined) delete entry[k];
    this.engine.autocommit.insert(coll, entry);
    while (this.lastId - this.firstId + 1 > CHANGE_LOG_MAX_ENTRIES) {
      const rid = coll.ridForId(this.firstId);
      if (rid !== undefined) this.engine.autocommit.remove(coll, rid);
      this.firstId++;
    }
    for (const w of [...this.waiters]) w();
  }

  /** Entries after `after`, oldest first, at most `limit` of them. */
  read(after: number, limit: number): ChangeEntry[] {
    const coll = this.coll();
    if (!coll || after >= this.lastId) return [];
    return findMatches(coll, { _id: { $gt: after } }, { sort: { _id: 1 }, limit }, latestView).map((m) => m.doc as ChangeEntry);
  }

  /** The id of the last entry written at or before `ts` (for startAtOperationTime). */
  idBefore(ts: Timestamp): number {
    const coll = this.coll();
    if (!coll) return this.lastId;
    const first = findMatches(coll, { ts: { $gte: ts } }, { sort: { _id: 1 }, limit: 1 }, latestView)[0];
    return first ? (first.doc._id as number) - 1 : this.lastId;
  }

  /** Resolves when an entry is appended or after `ms`. */
  waitForEntry(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        this.waiters.delete(done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      timer.unref();
      this.waiters.add(done);
    });
  }
}

function skipped(ns: string): boolean {
  const dot = ns.indexOf('.');
  const db = ns.slice(0, dot);
  return db === 'local' || db === 'config' || ns.slice(dot + 1).startsWith('system.');
}

const logs = new WeakMap<Engine, ChangeLog>();

/** The engine's change log (created on first use; enabled once a change stream has been opened). */
export function changeLog(engine: Engine): ChangeLog {
  let log = logs.get(engine);
  if (!log) {
    log = new ChangeLog(engine);
    logs.set(engine, log);
  }
  return log;
}

function equal(a: unknown, b: unknown): boolean {
  return compareBson(a, b) === 0 && (isPlainObject(a) ? JSON.stringify(Object.keys(a)) === JSON.stringify(Object.keys(b as Document)) : true);
}

/**
 * mongod's `updateDescription` of an update: the fields set (dotted, array elements by index), the fields
 * removed and the arrays truncated, found by comparing the document before and after.
 */
export function updateDescription(before: Document, after: Document): Document {
  const updatedFields: Document = {};
  const removedFields: string[] = [];
  const truncatedArrays: Document[] = [];
  const walk = (b: Document, a: Document, prefix: string): void => {
    for (const [k, v] of Object.entries(a)) {
      const path = prefix + k;
      if (!(k in b)) updatedFields[path] = v;
      else if (equal(b[k], v)) continue;
      else if (isPlainObject(b[k]) && isPlainObject(v)) walk(b[k] as Document, v, `${path}.`);
      else if (Array.isArray(b[k]) && Array.isArray(v)) walkArray(b[k] as unknown[], v, path);
      else updatedFields[path] = v;
    }
    for (const k of Object.keys(b)) if (!(k in a)) removedFields.push(prefix + k);
  };
  const walkArray = (b: unknown[], a: unknown[], path: string): void => {
    if (a.length < b.length) truncatedArrays.push({ field: path, newSize: a.length });
    a.forEach((v, i) => {
      if (i < b.length && equal(b[i], v)) return;
      if (i < b.length && isPlainObject(b[i]) && isPlainObject(v)) walk(b[i] as Document, v, `${path}.${i}.`);
      else updatedFields[`${path}.${i}`] = v;
    });
  };
  walk(before, after, '');
  return { updatedFields, removedFields, truncatedArrays };
}

/** A writer that records the changes it makes in the change log (when the log is on). */
export function recordingWriter(inner: Writer, engine: Engine): Writer {
  const log = changeLog(engine);
  return {
    view: inner.view,
    txn: inner.txn,
    insert: (coll, doc) => {
      inner.insert(coll, doc);
      if (log.enabled) log.record({ op: 'insert', ns: coll.ns, key: { _id: doc._id }, doc }, inner.txn);
    },
    replace: (coll, rid, doc, kind) => {
      const before = log.enabled ? inner.view.doc(coll, rid) : undefined;
      inner.replace(coll, rid, doc, kind);
      if (!before) return;
      if (kind === 'replace') log.record({ op: 'replace', ns: coll.ns, key: { _id: doc._id }, doc }, inner.txn);
      else log.record({ op: 'update', ns: coll.ns, key: { _id: doc._id }, ud: updateDescription(before, doc) }, inner.txn);
    },
    remove: (coll, rid) => {
      const before = log.enabled ? inner.view.doc(coll, rid, undefined) : undefined;
      inner.remove(coll, rid);
      if (before) log.record({ op: 'delete', ns: coll.ns, key: { _id: before._id } }, inner.txn);
    },
  };
}
