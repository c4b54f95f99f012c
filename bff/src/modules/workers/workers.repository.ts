/** The only code that touches the Worker model. Answers plain records. */
import { Types } from 'mongoose';
import { WorkerLogin } from '../auth/worker-login.model';
import { Worker, type WorkerFields, type WorkerRecord } from './worker.model';

export type { WorkerFields };

export function findWorkerById(id: string): Promise<WorkerRecord | null> {
  if (!Types.ObjectId.isValid(id)) return Promise.resolve(null);
  return Worker.findById(id).lean<WorkerRecord>().exec();
}

export function findWorkerByIdIndex(idIndex: string): Promise<WorkerRecord | null> {
  return Worker.findOne({ idIndex }).lean<WorkerRecord>().exec();
}

export function findWorkerOwnedBy(loginId: string): Promise<WorkerRecord | null> {
  return Worker.findOne({ ownerLoginId: new Types.ObjectId(loginId) }).lean<WorkerRecord>().exec();
}

export async function insertWorker(
  fields: WorkerFields,
  origin: { source: WorkerRecord['source']; createdBy: WorkerRecord['createdBy']; ownerLoginId?: string; at: Date },
): Promise<WorkerRecord> {
  const doc = await Worker.create({
    ...fields,
    source: origin.source,
    createdBy: origin.createdBy,
    ...(origin.ownerLoginId ? { ownerLoginId: new Types.ObjectId(origin.ownerLoginId), claimedAt: origin.at } : {}),
  });
  return doc.toObject<WorkerRecord>();
}

export function updateWorker(id: Types.ObjectId, fields: WorkerFields): Promise<WorkerRecord | null> {
  return Worker.findOneAndUpdate({ _id: id }, { $set: fields }, { returnDocument: 'after', runValidators: true })
    .lean<WorkerRecord>()
    .exec();
}

/** Gives an unowned record to a login; null when someone else got it first. */
export function claimWorker(id: Types.ObjectId, loginId: string, at: Date, fields?: WorkerFields): Promise<WorkerRecord | null> {
  return Worker.findOneAndUpdate(
    { _id: id, ownerLoginId: { $exists: false } },
    { $set: { ...(fields ?? {}), ownerLoginId: new Types.ObjectId(loginId), claimedAt: at } },
    { returnDocument: 'after', runValidators: true },
  )
    .lean<WorkerRecord>()
    .exec();
}

/** Points the worker login at its record (what tokens' `workerId` reads). */
export async function linkLoginToWorker(loginId: string, workerId: Types.ObjectId): Promise<void> {
  await WorkerLogin.updateOne({ _id: new Types.ObjectId(loginId) }, { $set: { workerId } });
}

export function findLoginPhoneIndex(loginId: string): Promise<string | undefined> {
  return WorkerLogin.findById(loginId)
    .lean()
    .exec()
    .then((login) => login?.phoneIndex ?? undefined);
}
