/**
 * GridFS leftovers: chunks whose file document never came (a process killed mid-upload) and
 * file documents nothing refers to (stored, then the process died before the record took it).
 * Only what is older than a threshold is touched, so an upload in progress is left alone.
 */
import mongoose, { Types } from 'mongoose';

type Db = NonNullable<mongoose.Connection['db']>;

export interface SweptBucket {
  name: string;
  /** Of these file ids, the ones a record still refers to. */
  attached(ids: readonly Types.ObjectId[]): Promise<ReadonlySet<string>>;
}

export interface SweepResult {
  files: number;
  chunkGroups: number;
}

/** Deletes file documents and their chunks; a missing one is no error. */
export async function removeFiles(bucketName: string, ids: readonly Types.ObjectId[]): Promise<void> {
  if (ids.length === 0) return;
  const db = mongoose.connection.db;
  if (!db) throw new Error('database not connected');
  const name = bucketName;
  await db.collection(`${name}.files`).deleteMany({ _id: { $in: [...ids] } });
  await db.collection(`${name}.chunks`).deleteMany({ files_id: { $in: [...ids] } });
}

const BATCH = 500;

async function sweepBucket(db: Db, bucket: SweptBucket, cutoff: Date): Promise<SweepResult> {
  const files = db.collection<{ _id: Types.ObjectId; uploadDate: Date }>(`${bucket.name}.files`);
  const chunks = db.collection<{ _id: Types.ObjectId; files_id: Types.ObjectId }>(`${bucket.name}.chunks`);
  const cutoffId = Types.ObjectId.createFromTime(Math.floor(cutoff.getTime() / 1000));
  const result: SweepResult = { files: 0, chunkGroups: 0 };

  // File documents no record refers to.
  const old = await files.find({ uploadDate: { $lt: cutoff } }, { projection: { _id: 1 } }).toArray();
  for (let i = 0; i < old.length; i += BATCH) {
    const ids = old.slice(i, i + BATCH).map((f) => f._id);
    const attached = await bucket.attached(ids);
    const loose = ids.filter((id) => !attached.has(id.toHexString()));
    await removeFiles(bucket.name, loose);
    result.files += loose.length;
  }

  // Chunks without a file document, unless their upload wrote a chunk recently (still going).
  const owners = (await chunks.distinct('files_id', { _id: { $lt: cutoffId } })) as Types.ObjectId[];
  for (let i = 0; i < owners.length; i += BATCH) {
    const ids = owners.slice(i, i + BATCH);
    const known = new Set((await files.find({ _id: { $in: ids } }, { projection: { _id: 1 } }).toArray()).map((f) => f._id.toHexString()));
    for (const id of ids) {
      if (known.has(id.toHexString())) continue;
      if (await chunks.findOne({ files_id: id, _id: { $gte: cutoffId } }, { projection: { _id: 1 } })) continue;
      await chunks.deleteMany({ files_id: id });
      result.chunkGroups += 1;
    }
  }
  return result;
}

/** One pass over the buckets; returns how many files and orphan chunk groups were removed. */
export async function sweepGridFs(buckets: readonly SweptBucket[], opts: { now: Date; olderThanMs: number }): Promise<SweepResult> {
  const db = mongoose.connection.db;
  if (!db) throw new Error('database not connected');
  const cutoff = new Date(opts.now.getTime() - opts.olderThanMs);
  const total: SweepResult = { files: 0, chunkGroups: 0 };
  for (const b of buckets) {
    const r = await sweepBucket(db, b, cutoff);
    total.files += r.files;
    total.chunkGroups += r.chunkGroups;
  }
  return total;
}
