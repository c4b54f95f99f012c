/**
 * Staff verification (核实) of the facts that decide money: the person (ID), age, household and key
 * groups. A verification stores a key of those facts; when any of them changes afterwards, by
 * whatever path, the verification no longer holds and the change hooks clear it.
 */
import type { Types } from 'mongoose';
import { Worker, type WorkerRecord } from './worker.model';

type Facts = Pick<WorkerRecord, 'idIndex' | 'birthDate' | 'keyGroups' | 'household'>;

export function verifiedFactsKey(w: Facts): string {
  return JSON.stringify([w.idIndex, w.birthDate, w.household.regionCode, [...w.keyGroups].sort()]);
}

/** Verified, and the facts are still those that were verified. */
export function holdsVerification(w: Facts & Pick<WorkerRecord, 'verifiedAt' | 'verifiedFacts'>): boolean {
  return !!w.verifiedAt && w.verifiedFacts === verifiedFactsKey(w);
}

export async function isVerified(workerId: Types.ObjectId): Promise<boolean> {
  const w = await Worker.findById(workerId, { idIndex: 1, birthDate: 1, keyGroups: 1, household: 1, verifiedAt: 1, verifiedFacts: 1 }).lean<WorkerRecord>().exec();
  return !!w && holdsVerification(w);
}

/** Clears verifications whose facts changed (updateMany: the change hooks do not run again). */
export async function clearStaleVerifications(ids: readonly Types.ObjectId[]): Promise<number> {
  if (!ids.length) return 0;
  const rows = await Worker.find({ _id: { $in: [...ids] }, verifiedAt: { $ne: null } }, { idIndex: 1, birthDate: 1, keyGroups: 1, household: 1, verifiedAt: 1, verifiedFacts: 1 }).lean<WorkerRecord[]>().exec();
  const stale = rows.filter((w) => !holdsVerification(w)).map((w) => w._id);
  if (!stale.length) return 0;
  await Worker.updateMany({ _id: { $in: stale } }, { $set: { verifiedAt: null, verifiedBy: null, verifiedFacts: null } }, { timestamps: false }).exec();
  return stale.length;
}
