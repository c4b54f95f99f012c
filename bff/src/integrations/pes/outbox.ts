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

/** Appends changes to the outbox inside the caller's transaction. */
export async function enqueuePesChanges(changes: readonly PesChange[], session: ClientSession): Promise<void> {
  for (const c of changes) {
    const counter = await PesSequence.findOneAndUpdate({ _id: c.ref }, { $inc: { seq: 1 } }, { upsert: true, returnDocument: 'after', session, lean: true }).exec();
    if (!counter) throw new Error(`pes sequence for ${c.ref} not returned`);
    const _id = new Types.ObjectId();
    await PesOutbox.create(
      [
        {
          _id,
          type: c.type,
          ref: c.ref,
          sequence: counter.seq,
          idempotencyKey: `zhuanyi:${c.ref}:${counter.seq}:${_id.toHexString()}`,
          occurredAt: c.occurredAt,
          data: c.data,
          sealed: c.sealed ?? [],
          regionPath: c.regionCode ? regionCodePath(c.regionCode) : [],
          state: 'pending',
          nextAttemptAt: c.occurredAt,
        },
      ],
      { session },
    );
  }
}

/** Listeners told after a commit that new items wait (the dispatcher wakes early). */
const listeners = new Set<() => void>();
export function onPesOutboxWrite(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Runs `change` and stores the changes it reports, in one transaction (retried on write conflicts). */
export async function withPesEvents<T>(change: () => Promise<T>, changesOf: (result: T) => readonly PesChange[]): Promise<T> {
  let count = 0;
  const result = await mongoose.connection.transaction(async (session) => {
    const value = await change();
    const changes = changesOf(value);
    count = changes.length;
    await enqueuePesChanges(changes, session);
    return value;
  });
  if (count > 0) for (const l of listeners) l();
  return result;
}
