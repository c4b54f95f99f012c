import { ObjectId, type Document, Binary } from 'bson';
import { Catalog, type JournalOp, type OpSink } from './catalog';
import { CursorStore } from './cursors';
import { CommandError } from './errors';
import { latestView, type ReadView } from './query';
import type { Collection, RecordSlot } from './storage/collection';
import { LockWait, TRANSIENT, Transaction, writeConflict } from './transactions';

/** Applies writes either at once (autocommit) or into a transaction's buffer. */
export interface Writer {
  readonly view: ReadView;
  readonly txn: Transaction | null;
  insert(coll: Collection, doc: Document): void;
  /** `kind` tells an operator update from a replacement (for change events). */
  replace(coll: Collection, rid: number, doc: Document, kind?: 'update' | 'replace'): void;
  remove(coll: Collection, rid: number): void;
}

export interface SessionState {
  txnNumber: number;
  txn: Transaction | null;
  /** Reply of the last retryable write, returned again if the driver retries it. */
  retry: { txnNumber: number; reply: Document } | null;
  lastUsed: number;
}

export interface EngineParams {
  cursorTimeoutMillis: number;
  ttlMonitorSleepSecs: number;
  transactionLifetimeLimitSeconds: number;
  ttlMonitorEnabled: boolean;
}

/** All server state: catalog, sessions, transactions, cursors. Persistence hooks in through the sink. */
export class Engine implements OpSink {
  readonly catalog: Catalog;
  readonly cursors = new CursorStore();
  readonly sessions = new Map<string, SessionState>();
  readonly processId = new ObjectId();
  readonly params: EngineParams = {
    cursorTimeoutMillis: 600_000,
    ttlMonitorSleepSecs: 60,
    transactionLifetimeLimitSeconds: 60,
    ttlMonitorEnabled: true,
  };
  readonly startTime = Date.now();
  seq = 0;
  private nextTxnId = 1;
  private readonly active = new Set<Transaction>();
  private readonly waiters = new Map<number, (() => void)[]>();
  /** Where journal ops go; null while replaying or when memory-only. */
  journal: ((op: JournalOp) => void) | null = null;
  opCounters = { insert: 0, query: 0, update: 0, delete: 0, getmore: 0, command: 0 };

  constructor() {
    this.catalog = new Catalog({ keepHistory: () => this.active.size > 0 }, this);
  }

  log(op: JournalOp): void {
    this.journal?.(op);
  }

  readonly autocommit: Writer = {
    view: latestView,
    txn: null,
    insert: (coll, doc) => {
      coll.insert(doc, ++this.seq);
      this.log({ o: 'i', ns: coll.ns, d: doc });
    },
    replace: (coll, rid, doc) => {
      const holder = coll.locks.get(rid);
      if (holder !== undefined) throw new LockWait(holder);
      coll.replace(rid, doc, ++this.seq);
      this.log({ o: 'u', ns: coll.ns, d: doc });
    },
    remove: (coll, rid) => {
      const holder = coll.locks.get(rid);
      if (holder !== undefined) throw new LockWait(holder);
      const old = coll.delete(rid, ++this.seq);
      if (old) this.log({ o: 'd', ns: coll.ns, id: old._id });
    },
  };

  /** Resolves when the transaction holding a lock ends (or after a short poll interval). */
  waitForTxn(txnId: number): Promise<void> {
    return new Promise((resolve) => {
      const list = this.waiters.get(txnId) ?? [];
      list.push(resolve);
      this.waiters.set(txnId, list);
      setTimeout(resolve, 50).unref();
    });
  }

  txnWriter(txn: Transaction): Writer {
    const guard = (fn: () => void): void => {
      try {
        fn();
      } catch (err) {
        if (err instanceof CommandError && err.code === 112) this.abort(txn, 'write conflict');
        throw err;
      }
    };
    return {
      view: txn,
      txn,
      insert: (coll, doc) => guard(() => txn.insert(coll, doc)),
      replace: (coll, rid, doc) => guard(() => txn.replace(coll, rid, doc)),
      remove: (coll, rid) => guard(() => txn.remove(coll, rid)),
    };
  }

  session(lsid: unknown): { key: string; state: SessionState } | null {
    if (!lsid || typeof lsid !== 'object') return null;
    const id = (lsid as Document).id;
    if (!(id instanceof Binary)) return null;
    const key = Buffer.from(id.buffer.subarray(0, id.position)).toString('hex');
    let state = this.sessions.get(key);
    if (!state) {
      state = { txnNumber: -1, txn: null, retry: null, lastUsed: Date.now() };
      this.sessions.set(key, state);
    }
    state.lastUsed = Date.now();
    return { key, state };
  }

  endSession(key: string): void {
    const s = this.sessions.get(key);
    if (s?.txn?.state === 'active') this.abort(s.txn, 'session ended');
    this.sessions.delete(key);
    this.cursors.killSession(key);
  }

  begin(key: string, txnNumber: number): Transaction {
    const txn = new Transaction(this.nextTxnId++, key, txnNumber, this.seq);
    this.active.add(txn);
    return txn;
  }

  abort(txn: Transaction, reason: string): void {
    if (txn.state !== 'active') return;
    txn.state = 'aborted';
    txn.abortReason = reason;
    this.finish(txn);
  }

  commit(txn: Transaction): void {
    if (txn.state === 'committed') return;
    if (txn.state !== 'active') {
      throw new CommandError(251, 'NoSuchTransaction', `Transaction with { txnNumber: ${txn.txnNumber} } has been aborted.`, {}, [TRANSIENT]);
    }
    const seq = ++this.seq;
    const undo: { coll: Collection; rid: number; before: RecordSlot | undefined; hist: number }[] = [];
    const ops: JournalOp[] = [];
    try {
      for (const [coll, writes] of txn.writes) {
        for (const [rid, doc] of writes) {
          const before = coll.slot(rid);
          undo.push({ coll, rid, before, hist: coll.history.get(rid)?.length ?? 0 });
          if (doc === null) {
            if (before) {
              const old = coll.delete(rid, seq) as Document;
              ops.push({ o: 'd', ns: coll.ns, id: old._id });
            }
          } else if (before) {
            coll.replace(rid, doc, seq);
            ops.push({ o: 'u', ns: coll.ns, d: doc });
          } else {
            coll.insert(doc, seq, rid);
            ops.push({ o: 'i', ns: coll.ns, d: doc });
          }
        }
      }
    } catch (err) {
      for (const u of undo.reverse()) u.coll.restore(u.rid, u.before, u.hist);
      this.abort(txn, 'commit failed');
      if (err instanceof CommandError && err.code === 11000) throw writeConflict();
      throw err;
    }
    if (ops.length === 1) this.log(ops[0] as JournalOp);
    else if (ops.length > 1) this.log({ o: 't', ops });
    txn.state = 'committed';
    this.finish(txn);
  }

  private finish(txn: Transaction): void {
    txn.releaseLocks();
    this.active.delete(txn);
    if (this.active.size === 0) for (const coll of this.catalog.all()) coll.clearHistory();
    const list = this.waiters.get(txn.id);
    this.waiters.delete(txn.id);
    for (const w of list ?? []) w();
  }

  /** Aborts transactions older than the lifetime limit, like mongod's transaction reaper. */
  reapTransactions(): void {
    const cutoff = Date.now() - this.params.transactionLifetimeLimitSeconds * 1000;
    for (const txn of [...this.active]) if (txn.startedAt < cutoff) this.abort(txn, 'expired');
  }

  get activeTransactions(): number {
    return this.active.size;
  }
}
