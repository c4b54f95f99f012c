import { Schema, model, type InferSchemaType, type Types } from 'mongoose';
import { TransportModeSchema } from '@zhuanyi/shared';

const jobSchema = new Schema(
  {
    title: { type: String, required: true, trim: true, maxlength: 60 },
    /** 工种, e.g. 电焊工, 家政服务员. */
    trade: { type: String, required: true, trim: true, maxlength: 30 },
    employerId: { type: Schema.Types.ObjectId, ref: 'Employer', required: true },
    // Copied from the employer and the region so a list needs one query.
    employerName: { type: String, required: true },
    employerVerified: { type: Boolean, required: true },
    /** Where the work is (county code or finer). */
    regionCode: { type: String, required: true, match: /^\d{6,12}$/ },
    regionName: { type: String, required: true },
    /** Codes from the province down to regionCode, for "jobs in 通辽市" filters. */
    regionPath: { type: [String], required: true },
    payMinFen: { type: Number, required: true, min: 0, validate: Number.isInteger },
    payMaxFen: { type: Number, required: true, min: 0, validate: Number.isInteger },
    mealsAndLodging: { type: Boolean, required: true, default: false },
    transport: { type: String, enum: TransportModeSchema.options, required: true, default: 'none' },
    publicWelfare: { type: Boolean, required: true, default: false },
    openings: { type: Number, required: true, min: 0, validate: Number.isInteger },
    deadline: { type: Date, default: null },
    status: { type: String, enum: ['open', 'closed'], required: true, default: 'open' },
    description: { type: String, default: '', maxlength: 4000 },
    requirements: { type: [String], default: [] },
    benefits: { type: [String], default: [] },
    workAddress: { type: String, default: '' },
    ageMin: { type: Number, default: null },
    ageMax: { type: Number, default: null },
    contactName: { type: String, required: true },
    contactPhone: { type: String, required: true, match: /^1[3-9]\d{9}$/ },
  },
  { timestamps: true, collection: 'jobs' },
);
// Newest first, with _id to break ties for cursor pagination.
jobSchema.index({ status: 1, createdAt: -1, _id: -1 });
jobSchema.index({ regionPath: 1, status: 1, createdAt: -1, _id: -1 });
jobSchema.index({ trade: 1, status: 1, createdAt: -1, _id: -1 });
jobSchema.index({ employerId: 1, createdAt: -1 });

export type JobRecord = InferSchemaType<typeof jobSchema> & { _id: Types.ObjectId; createdAt: Date; updatedAt: Date };
export const Job = model('Job', jobSchema);
