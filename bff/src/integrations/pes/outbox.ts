/**
 * Writing to the PES outbox in the same transaction as the change it reports.
 *
 *   const created = await withPesEvents(
 *     () => insertWorker(fields, origin),          // any mongoose writes
 *     (worker) => [registrationChange('registration', worker)],
 *   );
 *
 * Mongoose's transaction AsyncLocalStorage hands the session to every operation inside
 * `change`, so services keep their repositories as they are. Either the change and its
 * outbox items are both stored, or neither.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import mongoose, { Types, type ClientSession } from 'mongoose';
import { regionCodePath } from '@zhuanyi/shared';
import type { SensitiveField } from '../../security/field-crypto';
import type { PesPushType } from './pes.contract';
import { PesOutbox, PesSequence } from './pes.models';

mongoose.set('transactionAsyncLocalStorage', true);

/** One change the PES must hear about. */
export interface PesChange {
  type: PesPushType;
  /** `worker:<id>` or `complaint:<id>`. */
  ref: string;
  occurredAt: Date;
  data: Record<string, unknown>;
  /** Sealed values opened only when sending. */
  sealed?: Array<{ path: string; field: SensitiveField; value: string }>;
  /** Household or intake region, for staff counts by scope. */
  regionCode?: string | null;
}

/**
 * Appends changes to the outbox inside the caller's transaction, in a fixed number of calls
 * whatever their count: one bulk $inc of the per-record sequences, one read of them, one insertMany
 * (a 250-row import slice costs three round trips, not 500).
 */
export async function enqueuePesChanges(changes: readonly PesChange[], session: ClientSession): Promise<void> {
  if (changes.length === 0) return;
  const perRef = new Map<string, number>();
  for (const c of changes) perRef.set(c.ref, (perRef.get(c.ref) ?? 0) + 1);
  let counters: Array<{ _id: string; seq: number }>;
  const [only] = perRef;
  if (perRef.size === 1 && only) {
    // The usual case (one record changed): one round trip.
    const counter = await PesSequence.findOneAndUpdate({ _id: only[0] }, { $inc: { seq: only[1] } }, { upsert: true, returnDocument: 'after', session, lean: true }).exec();
    counters = counter ? [counter] : [];
  } else {
    await PesSequence.bulkWrite(
      [...perRef].map(([ref, n]) => ({ updateOne: { filter: { _id: ref }, update: { $inc: { seq: n } }, upsert: true } })),
      { session, ordered: false },
    );
    counters = await PesSequence.find({ _id: { $in: [...perRef.keys()] } }, null, { session, lean: true }).exec();
  }
  // The sequences this call took per ref: last - n + 1 .. last, given out in the changes' order.
  const next = new Map<string, number>();
  for (const counter of counters) next.set(counter._id, counter.seq - (perRef.get(counter._id) ?? 0) + 1);
  const docs = changes.map((c) => {
    const sequence = next.get(c.ref);
    if (sequence === undefined) throw new Error(`pes sequence for ${c.ref} not returned`);
    next.set(c.ref, sequence + 1);
    const _id = new Types.ObjectId();
    return {
      _id,
      type: c.type,
      ref: c.ref,
      sequence,
      idempotencyKey: `zhuanyi:${c.ref}:${sequence}:${_id.toHexString()}`,
      occurredAt: c.occurredAt,
      data: c.data,
      sealed: c.sealed ?? [],
      regionPath: c.regionCode ? regionCodePath(c.regionCode) : [],
      state: 'pending' as const,
      nextAttemptAt: c.occurredAt,
    };
  });
  await PesOutbox.insertMany(docs, { session, ordered: true });
}

/** Listeners told after a commit that new items wait (the dispatcher wakes early). */
const listeners = new Set<() => void>();
export function onPesOutboxWrite(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The session of the transaction the caller runs in (mongoose's AsyncLocalStorage), if any. */
function activeSession(): ClientSession | null {
  const als: unknown = Reflect.get(mongoose, 'transactionAsyncLocalStorage');
  if (!(als instanceof AsyncLocalStorage)) return null;
  const store: unknown = als.getStore();
  const session: unknown = store !== null && typeof store === 'object' ? Reflect.get(store, 'session') : undefined;
  return session instanceof mongoose.mongo.ClientSession ? session : null;
}

/** Runs `work` in a transaction, joining the caller's when there is one (so nested steps commit together). */
export async function inTransaction<T>(work: (session: ClientSession) => Promise<T>): Promise<T> {
  const outer = activeSession();
  if (outer) return work(outer);
  return mongoose.connection.transaction(work);
}

/** Runs `change` and stores the changes it reports, in one transaction (retried on write conflicts). */
export async function withPesEvents<T>(change: () => Promise<T>, changesOf: (result: T) => readonly PesChange[]): Promise<T> {
  let count = 0;
  const result = await inTransaction(async (session) => {
    const value = await change();
    const changes = changesOf(value);
    count = changes.length;
    await enqueuePesChanges(changes, session);
    return value;
  });
  if (count > 0) for (const l of listeners) l();
  return result;
}
