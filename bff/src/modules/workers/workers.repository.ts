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

/** Records by ID-number blind index, for batch entry (one query). */
export function findWorkersByIdIndexes(idIndexes: readonly string[]): Promise<WorkerRecord[]> {
  return Worker.find({ idIndex: { $in: [...idIndexes] } }).lean<WorkerRecord[]>().exec();
}

/** Inserts many new records (ID numbers distinct); those whose ID number appeared meanwhile are left out of the answer. */
export async function insertWorkers(
  items: ReadonlyArray<{ fields: WorkerFields; origin: { source: WorkerRecord['source']; createdBy: WorkerRecord['createdBy'] } }>,
): Promise<Map<string, WorkerRecord>> {
  const docs = items.map((i) => ({ ...i.fields, source: i.origin.source, createdBy: i.origin.createdBy }));
  let saved: Array<{ toObject<T>(): T }>;
  try {
    saved = docs.length === 0 ? [] : await Worker.insertMany(docs, { ordered: false });
  } catch (err: unknown) {
    const e = err as { writeErrors?: Array<{ code?: number; err?: { code?: number } }>; insertedDocs?: Array<{ toObject<T>(): T }> };
    if (!Array.isArray(e.writeErrors) || e.writeErrors.some((w) => (w.code ?? w.err?.code) !== 11000)) throw err;
    saved = e.insertedDocs ?? [];
  }
  const byIndex = new Map<string, WorkerRecord>();
  for (const d of saved) {
    const r = d.toObject<WorkerRecord>();
    byIndex.set(r.idIndex, r);
  }
  return byIndex;
}

/** Sets new fields on many records at once. */
export async function updateWorkers(items: ReadonlyArray<{ id: Types.ObjectId; fields: WorkerFields }>): Promise<void> {
  if (items.length === 0) return;
  await Worker.bulkWrite(
    items.map((i) => ({ updateOne: { filter: { _id: i.id }, update: { $set: i.fields } } })),
    { ordered: false },
  );
}
