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

/** Records with this phone that nobody has claimed yet (a household may share one phone). */
export function findUnclaimedByPhone(phoneIndex: string): Promise<WorkerRecord[]> {
  return Worker.find({ phoneIndex, ownerLoginId: { $exists: false } }, { name: 1, household: 1, source: 1, createdAt: 1 })
    .sort({ createdAt: 1 })
    .limit(5)
    .lean<WorkerRecord[]>()
    .exec();
}

export function findLoginPhoneIndex(loginId: string): Promise<string | undefined> {
  return WorkerLogin.findById(loginId)
    .lean()
    .exec()
    .then((login) => login?.phoneIndex ?? undefined);
}

/** Records by ID-number blind index, for batch entry (one query). */
export function findWorkersByIdIndexes(idIndexes: readonly string[]): Promise<WorkerRecord[]> {
  return Worker.find({ idIndex: { $in: [...idIndexes] } }).lean<WorkerRecord[]>().exec();
}

/**
 * Inserts many new records (ID numbers distinct) in one call. Runs inside a transaction, so a
 * duplicate key (someone entered the same person meanwhile) fails the whole call: the caller looks again.
 */
export async function insertWorkers(
  items: ReadonlyArray<{ fields: WorkerFields; origin: { source: WorkerRecord['source']; createdBy: WorkerRecord['createdBy'] } }>,
): Promise<WorkerRecord[]> {
  if (items.length === 0) return [];
  const docs = items.map((i) => ({ ...i.fields, source: i.origin.source, createdBy: i.origin.createdBy }));
  const saved = await Worker.insertMany(docs, { ordered: true });
  return saved.map((d) => d.toObject<WorkerRecord>());
}

/** The stored shape of new fields (schema casting and defaults applied), to tell an unchanged row. */
export function castWorkerFields(fields: WorkerFields): Partial<WorkerRecord> {
  return new Worker(fields).toObject<WorkerRecord>();
}

/** Sets new fields on many records at once. */
export async function updateWorkers(items: ReadonlyArray<{ id: Types.ObjectId; fields: WorkerFields }>): Promise<void> {
  if (items.length === 0) return;
  await Worker.bulkWrite(
    items.map((i) => ({ updateOne: { filter: { _id: i.id }, update: { $set: i.fields } } })),
    { ordered: false },
  );
}
