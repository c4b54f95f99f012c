/**
 * The upload buckets and what keeps their files: evidence is kept by its complaint, a broker's
 * spreadsheet by its import. Swept at start-up and then every SWEEP_EVERY_MS.
 */
import type { Types } from 'mongoose';
import type { Logger } from '../logging/logger';
import { ComplaintModel } from '../modules/complaints/complaint.model';
import { BrokerImportModel } from '../modules/brokers/broker-import.model';
import { sweepGridFs, type SweepResult, type SweptBucket } from './gridfs-sweep';

/** Older than this, an upload is no longer in progress (a 10 MB file takes seconds, not an hour). */
export const UPLOAD_SWEEP_AGE_MS = 60 * 60 * 1000;
const SWEEP_EVERY_MS = 30 * 60 * 1000;

const hexSet = (ids: Types.ObjectId[]) => new Set(ids.map((id) => id.toHexString()));

export const UPLOAD_BUCKETS: readonly SweptBucket[] = [
  {
    name: 'evidence',
    attached: async (ids) => {
      const docs = await ComplaintModel.find({ 'evidence.fileId': { $in: [...ids] } }, { evidence: 1 }).lean<Array<{ evidence: Array<{ fileId: Types.ObjectId }> }>>().exec();
      return hexSet(docs.flatMap((d) => d.evidence.map((e) => e.fileId)));
    },
  },
  {
    name: 'imports',
    attached: async (ids) => hexSet((await BrokerImportModel.find({ fileId: { $in: [...ids] } }, { fileId: 1 }).lean().exec()).map((d) => d.fileId)),
  },
];

export function sweepUploads(now: Date, olderThanMs = UPLOAD_SWEEP_AGE_MS): Promise<SweepResult> {
  return sweepGridFs(UPLOAD_BUCKETS, { now, olderThanMs });
}

/** Sweeps now and then periodically; returns a stop function. Failures are logged, never thrown. */
export function startUploadSweeper(logger: Logger, olderThanMs = UPLOAD_SWEEP_AGE_MS, clock: () => Date = () => new Date()): () => void {
  const run = () =>
    sweepUploads(clock(), olderThanMs).then(
      (r) => {
        if (r.files + r.chunkGroups > 0) logger.info({ swept: r }, 'unfinished or unattached uploads removed');
      },
      (err: unknown) => logger.warn({ err }, 'upload sweep failed; it runs again later'),
    );
  void run();
  const timer = setInterval(() => void run(), Math.min(SWEEP_EVERY_MS, olderThanMs));
  timer.unref();
  return () => clearInterval(timer);
}
