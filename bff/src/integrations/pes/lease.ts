/**
 * Named leases in the database: a job that must run on one instance at a time takes the lease,
 * renews it while it works and releases it when done. A lease left by a crashed instance
 * expires and the next one takes it over.
 */
import { isDuplicateKeyError } from '../../http/error-handler';
import { PesLease, type LeaseRecord } from './pes.models';

/** True when `owner` now holds the lease until now + ms. */
export async function acquireLease(name: string, owner: string, ms: number, now: Date): Promise<boolean> {
  try {
    const doc = await PesLease.findOneAndUpdate(
      { _id: name, $or: [{ owner }, { expiresAt: { $lte: now } }] },
      { $set: { owner, expiresAt: new Date(now.getTime() + ms), acquiredAt: now } },
      { upsert: true, returnDocument: 'after' },
    )
      .lean<LeaseRecord>()
      .exec();
    return doc?.owner === owner;
  } catch (err: unknown) {
    // Someone else holds it (the upsert met their document).
    if (isDuplicateKeyError(err)) return false;
    throw err;
  }
}

/** Extends a lease still held; false when it was lost (expired and taken). */
export async function renewLease(name: string, owner: string, ms: number, now: Date): Promise<boolean> {
  const res = await PesLease.updateOne({ _id: name, owner, expiresAt: { $gt: now } }, { $set: { expiresAt: new Date(now.getTime() + ms) } }).exec();
  return res.matchedCount === 1;
}

export async function releaseLease(name: string, owner: string, now: Date): Promise<void> {
  await PesLease.updateOne({ _id: name, owner }, { $set: { expiresAt: now } }).exec();
}
