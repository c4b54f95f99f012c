import { Schema, model, type InferSchemaType, type Types } from 'mongoose';
import { ComplaintStatuses } from '@zhuanyi/shared';

const evidenceSchema = new Schema(
  {
    /** GridFS file id (bucket `evidence`). */
    fileId: { type: Schema.Types.ObjectId, required: true },
    filename: { type: String, required: true },
    contentType: { type: String, required: true },
    size: { type: Number, required: true },
    uploadedAt: { type: Date, required: true },
  },
  { _id: false },
);

const timelineSchema = new Schema(
  {
    status: { type: String, enum: ComplaintStatuses, required: true },
    at: { type: Date, required: true },
    note: { type: String, default: null },
    /** Who moved the case (subject id). */
    by: { type: String, required: true },
  },
  { _id: false },
);

/** A wage-arrears complaint (欠薪投诉) on its way through the arbitration green channel. */
const complaintSchema = new Schema(
  {
    caseNumber: { type: String, required: true },
    /** The worker's login (subject) who filed; only they and intake staff in scope see the case. */
    filedBy: { type: String, required: true },
    workerId: { type: String, default: null },
    /** County (or finer) whose intake office handles the case; null when nothing tells. */
    intakeRegionCode: { type: String, default: null },
    /** Codes from the province down to intakeRegionCode, for "cases of my county" queues. */
    intakeRegionPath: { type: [String], default: [] },
    status: { type: String, enum: ComplaintStatuses, required: true, default: 'submitted' },
    caseType: { type: String, enum: ['construction', 'non_construction'], required: true },
    respondent: {
      kind: { type: String, enum: ['employer', 'foreman'], required: true },
      name: { type: String, required: true },
      phone: { type: String, default: null },
    },
    project: {
      name: { type: String, default: null },
      regionCode: { type: String, default: null },
      address: { type: String, default: null },
    },
    mainContractor: { type: String, default: null },
    workFrom: { type: String, default: null },
    workTo: { type: String, default: null },
    amountOwedFen: { type: Number, default: null, validate: (v: number | null) => v === null || Number.isInteger(v) },
    coWorkersOwed: { type: Number, required: true, default: 0 },
    demands: { type: [String], default: [] },
    demandNote: { type: String, default: null },
    bankCard: {
      type: new Schema(
        {
          /** AES-GCM sealed card number (FieldCrypto 'bankCard'). */
          numberEnc: { type: String, required: true },
          last4: { type: String, required: true },
          bankName: { type: String, default: null },
          holderName: { type: String, default: null },
        },
        { _id: false },
      ),
      default: null,
    },
    evidence: { type: [evidenceSchema], default: [] },
    /** The worker's age when filing (from the registration), for the 60+ warning. */
    ageAtFiling: { type: Number, default: null },
    timeline: { type: [timelineSchema], default: [] },
    receivedAt: { type: Date, required: true },
    decidedAt: { type: Date, default: null },
    acceptedAt: { type: Date, default: null },
    awardExtensionDays: { type: Number, default: 0 },
    closedAt: { type: Date, default: null },
    rejectionReason: { type: String, default: null },
    outcome: { type: String, default: null },
  },
  { timestamps: true, collection: 'complaints' },
);
complaintSchema.index({ caseNumber: 1 }, { unique: true });
// "My complaints", newest first.
complaintSchema.index({ filedBy: 1, createdAt: -1, _id: -1 });
// Intake queue by region and status.
complaintSchema.index({ intakeRegionPath: 1, createdAt: -1, _id: -1 });

export type ComplaintRecord = InferSchemaType<typeof complaintSchema> & { _id: Types.ObjectId; createdAt: Date; updatedAt: Date };
export const ComplaintModel = model('Complaint', complaintSchema);

/** Atomic sequences (case numbers): one document per key. */
const counterSchema = new Schema({ _id: { type: String, required: true }, seq: { type: Number, required: true } }, { collection: 'counters', versionKey: false });
export const Counter = model('Counter', counterSchema);

/** The next number of a sequence, starting at 1; atomic under concurrency. */
export async function nextSequence(key: string): Promise<number> {
  const doc = await Counter.findOneAndUpdate({ _id: key }, { $inc: { seq: 1 } }, { upsert: true, returnDocument: 'after', lean: true }).exec();
  if (!doc) throw new Error(`counter ${key} not returned`);
  return doc.seq;
}
