import type { Types } from 'mongoose';
import { Job } from '../jobs/job.model';
import { JobApplicationModel } from './application.model';

/**
 * Gives applications stored before they carried their job's region that region, so county staff
 * (whose lists filter on it) see them. Run at start-up; a no-op once none lacks it. Answers how many.
 */
export async function backfillApplicationRegions(batchSize = 500): Promise<number> {
  let updated = 0;
  let after: Types.ObjectId | undefined;
  for (;;) {
    // null also matches a missing field.
    const missing = { regionCode: null };
    // In _id order from where the last batch ended, so each application is read once.
    const batch = await JobApplicationModel.collection
      .find<{ _id: Types.ObjectId; jobId: Types.ObjectId }>(after ? { _id: { $gt: after }, ...missing } : missing, { projection: { jobId: 1 }, sort: { _id: 1 }, limit: batchSize })
      .toArray();
    if (batch.length === 0) break;
    after = batch[batch.length - 1]?._id;
    const jobs = await Job.collection.find<{ _id: Types.ObjectId; regionCode: string }>({ _id: { $in: [...new Set(batch.map((a) => a.jobId))] } }, { projection: { regionCode: 1 } }).toArray();
    const regionOf = new Map(jobs.map((j) => [j._id.toHexString(), j.regionCode]));
    const writes = batch.flatMap((a) => {
      const regionCode = regionOf.get(a.jobId.toHexString());
      return regionCode ? [{ updateOne: { filter: { _id: a._id, ...missing }, update: { $set: { regionCode } } } }] : [];
    });
    if (writes.length > 0) updated += (await JobApplicationModel.collection.bulkWrite(writes, { ordered: false })).modifiedCount;
  }
  return updated;
}
