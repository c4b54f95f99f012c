import { Schema, model, type InferSchemaType, type Types } from 'mongoose';

/** One-to-one service given to a person (职业指导、岗位信息、岗位推荐、培训推荐 …). */
const serviceSchema = new Schema(
  {
    workerId: { type: Schema.Types.ObjectId, required: true },
    countyCode: { type: String, required: true },
    regionCode: { type: String, required: true },
    kind: { type: String, required: true },
    note: { type: String, default: null },
    jobId: { type: Schema.Types.ObjectId, default: null },
    courseId: { type: Schema.Types.ObjectId, default: null },
    at: { type: Date, required: true },
    by: { type: String, required: true },
    byName: { type: String, default: null },
  },
  { collection: 'worker_services', versionKey: false },
);
serviceSchema.index({ workerId: 1, at: -1 });
serviceSchema.index({ countyCode: 1, at: -1 });
// A job is pushed to a person once.
serviceSchema.index({ jobId: 1, workerId: 1 }, { unique: true, partialFilterExpression: { kind: 'job_recommendation' } });

export type ServiceRecordDoc = InferSchemaType<typeof serviceSchema> & { _id: Types.ObjectId };
export const ServiceRecordModel = model('WorkerService', serviceSchema);
