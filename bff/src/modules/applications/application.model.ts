import { Schema, model, type InferSchemaType, type Types } from 'mongoose';
import { ApplicationStatusSchema } from '@zhuanyi/shared';

/** A worker's application to a job: one per worker and job (a retry finds the same one). */
const applicationSchema = new Schema(
  {
    /** The worker's login (subject id). */
    applicantId: { type: String, required: true },
    /** The registration record, when the worker has one. */
    workerId: { type: String, default: null },
    jobId: { type: Schema.Types.ObjectId, ref: 'Job', required: true },
    /** The job's region when applied, for the county staff's list (scope is checked on the job). */
    regionCode: { type: String, default: null },
    status: { type: String, enum: ApplicationStatusSchema.options, required: true, default: 'applied' },
    history: {
      type: [new Schema({ status: { type: String, enum: ApplicationStatusSchema.options, required: true }, at: { type: Date, required: true } }, { _id: false })],
      default: [],
    },
  },
  { timestamps: true, collection: 'job_applications' },
);
applicationSchema.index({ applicantId: 1, jobId: 1 }, { unique: true });
applicationSchema.index({ applicantId: 1, createdAt: -1, _id: -1 });
applicationSchema.index({ jobId: 1, status: 1, createdAt: -1 });
applicationSchema.index({ regionCode: 1, createdAt: -1, _id: -1 });

export type ApplicationRecord = InferSchemaType<typeof applicationSchema> & { _id: Types.ObjectId; createdAt: Date; updatedAt: Date };
export const JobApplicationModel = model('JobApplication', applicationSchema);
