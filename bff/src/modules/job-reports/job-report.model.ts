import { Schema, model, type InferSchemaType, type Types } from 'mongoose';
import { JobReportStatusSchema } from '@zhuanyi/shared';

/**
 * A worker's report that a job breaks the rules (fees, false information, unpaid wages...). It
 * belongs to the job's county (regionPath), whose staff take the job down, warn the employer or dismiss.
 */
const jobReportSchema = new Schema(
  {
    jobId: { type: Schema.Types.ObjectId, ref: 'Job', required: true },
    /** Copied from the job when reported: the queue needs one query, and a taken-down job keeps its name here. */
    jobTitle: { type: String, default: '' },
    employerId: { type: Schema.Types.ObjectId, default: null },
    employerName: { type: String, default: '' },
    /** The job's region (not the worker's): that county's staff handle the report. */
    regionCode: { type: String, default: null },
    regionPath: { type: [String], default: [] },
    /** The worker's login (subject id). */
    reporterId: { type: String, required: true },
    reason: { type: String, required: true },
    /** The worker's words; personal numbers in it are sealed. */
    note: { type: String, default: '' },
    status: { type: String, enum: JobReportStatusSchema.options, required: true, default: 'open' },
    handledBy: { type: String, default: null },
    handledAt: { type: Date, default: null },
    handledReason: { type: String, default: null },
    /** Kept for old records: true once handled. */
    handled: { type: Boolean, required: true, default: false },
  },
  { timestamps: true, collection: 'job_reports' },
);
jobReportSchema.index({ jobId: 1, createdAt: -1 });
jobReportSchema.index({ handled: 1, createdAt: -1 });
// The county queue, open first.
jobReportSchema.index({ regionPath: 1, status: 1, createdAt: -1 });
// "My reports" and the per-worker daily limit.
jobReportSchema.index({ reporterId: 1, createdAt: -1 });

export type JobReportRecord = InferSchemaType<typeof jobReportSchema> & { _id: Types.ObjectId; createdAt: Date; updatedAt: Date };
export const JobReportModel = model('JobReport', jobReportSchema);
