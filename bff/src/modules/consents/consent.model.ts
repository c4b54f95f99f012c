import { Schema, model, type InferSchemaType, type Types } from 'mongoose';
import { ConsentPurposeSchema } from '@zhuanyi/shared';

/** One grant of consent by a worker login: purpose, notice version, when given, when withdrawn. */
const consentSchema = new Schema(
  {
    subjectId: { type: String, required: true },
    purpose: { type: String, enum: ConsentPurposeSchema.options, required: true },
    noticeVersion: { type: String, required: true },
    grantedAt: { type: Date, required: true },
    withdrawnAt: { type: Date, default: null },
  },
  { collection: 'consents', versionKey: false },
);
consentSchema.index({ subjectId: 1, purpose: 1, grantedAt: -1 });

export type ConsentRecord = InferSchemaType<typeof consentSchema> & { _id: Types.ObjectId };
export const ConsentModel = model('Consent', consentSchema);
