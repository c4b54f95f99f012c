import { Schema, model, type InferSchemaType, type Types } from 'mongoose';

const employerSchema = new Schema(
  {
    name: { type: String, required: true, trim: true, maxlength: 80 },
    /** 统一社会信用代码 (18 characters); absent for individual employers. */
    creditCode: { type: String, trim: true, uppercase: true, match: /^[0-9A-HJ-NPQRTUWXY]{18}$/ },
    /** Where the employer is registered (county code or finer). */
    regionCode: { type: String, required: true, match: /^\d{6,12}$/ },
    industry: { type: String, required: true, trim: true, maxlength: 30 },
    description: { type: String, default: '', maxlength: 2000 },
    /** Checked by staff against the business licence. */
    verified: { type: Boolean, required: true, default: false },
    contactName: { type: String, required: true, trim: true, maxlength: 30 },
    contactPhone: { type: String, required: true, match: /^1[3-9]\d{9}$/ },
    /** Warnings staff gave after a worker's report (job-reports). */
    warnings: {
      type: [new Schema({ at: Date, reason: String, by: String, reportId: Schema.Types.ObjectId, jobId: Schema.Types.ObjectId }, { _id: false })],
      default: [],
    },
  },
  { timestamps: true, collection: 'employers' },
);
employerSchema.index({ name: 1 }, { unique: true });
employerSchema.index({ creditCode: 1 }, { unique: true, partialFilterExpression: { creditCode: { $type: 'string' } } });
employerSchema.index({ regionCode: 1 });

export type EmployerRecord = InferSchemaType<typeof employerSchema> & { _id: Types.ObjectId };
export const Employer = model('Employer', employerSchema);
