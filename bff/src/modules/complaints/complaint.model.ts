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
    /** The note as codes with parameters (shared TimelineNoteSchema); absent on older entries. */
    notes: { type: [Schema.Types.Mixed], default: undefined },
    /** Who moved the case (subject id). */
    by: { type: String, required: true },
    /** Staff console step that wrote the entry (mediation_result, refer, award …). */
    action: { type: String, default: undefined },
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
    /** The worker's household region: that county follows the case read-only. */
    homeRegionCode: { type: String, default: null },
    homeRegionPath: { type: [String], default: [] },
    /** No worksite given: the home county's triage decides where the case belongs (需确定管辖). */
    needsJurisdiction: { type: Boolean, default: false },
    /** Moves between counties; receivedAt (and so every clock) stays the first receipt. */
    transfers: {
      type: [new Schema({ fromRegionCode: String, toRegionCode: String, reason: String, at: Date, by: String }, { _id: false })],
      default: [],
    },
    status: { type: String, enum: ComplaintStatuses, required: true, default: 'submitted' },
    caseType: { type: String, enum: ['construction', 'non_construction'], required: true },
    respondent: {
      kind: { type: String, enum: ['employer', 'foreman'], required: true },
      name: { type: String, required: true },
      /** The boss's or foreman's phone, sealed (FieldCrypto 'phone'). */
      phoneEnc: { type: String, default: null },
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
    // Green channel (staff console).
    channel: { type: String, enum: ['online', 'walk_in', 'phone'], default: 'online' },
    /** 口头申请笔录 when staff filed for a walk-in or caller. */
    oralRecord: { type: String, default: null },
    /** Staff-filed: the worker's name and sealed phone until they confirm in the app. */
    workerName: { type: String, default: null },
    workerPhoneEnc: { type: String, default: null },
    workerPhoneIndex: { type: String, default: null },
    workerConfirmedAt: { type: Date, default: null },
    /** The worker belongs to a key group (priority). */
    keyGroupWorker: { type: Boolean, default: false },
    mediation: {
      type: new Schema({ record: String, agreement: String, agreedAmountFen: Number, succeeded: Boolean, at: Date }, { _id: false }),
      default: null,
    },
    referral: {
      type: new Schema(
        { to: String, at: Date, note: String, acceptDueAt: Date, investigateDueAt: Date, extended: Boolean, office: String, dueAt: Date, answer: String, answeredAt: Date },
        { _id: false },
      ),
      default: null,
    },
    procedure: { type: String, default: null },
    finalAward: { type: Boolean, default: null },
    hearingAt: { type: Date, default: null },
    advanceExecution: { type: new Schema({ amountFen: Number, at: Date, note: String }, { _id: false }), default: null },
    award: { type: new Schema({ amountFen: Number, summary: String, at: Date, final: Boolean }, { _id: false }), default: null },
    extensionApproval: { type: new Schema({ approvedBy: String, reason: String, at: Date }, { _id: false }), default: null },
    amountRecoveredFen: { type: Number, default: null },
  },
  { timestamps: true, collection: 'complaints' },
);
complaintSchema.index({ caseNumber: 1 }, { unique: true });
// "My complaints", newest first.
complaintSchema.index({ filedBy: 1, createdAt: -1, _id: -1 });
// Intake queue by region and status.
complaintSchema.index({ intakeRegionPath: 1, createdAt: -1, _id: -1 });
// Cases of a county's residents handled elsewhere (read-only follow-up).
complaintSchema.index({ homeRegionPath: 1, receivedAt: 1 });
// Monthly report ranges and the intake queue of open cases.
complaintSchema.index({ intakeRegionPath: 1, acceptedAt: 1 });
complaintSchema.index({ intakeRegionPath: 1, closedAt: 1 });
complaintSchema.index({ intakeRegionPath: 1, status: 1, receivedAt: 1 });
// Staff-filed cases waiting for the worker's confirmation.
complaintSchema.index({ workerPhoneIndex: 1, workerConfirmedAt: 1 }, { partialFilterExpression: { workerPhoneIndex: { $type: 'string' } } });
// Open complaints of a registered worker (four-color watch).
complaintSchema.index({ workerId: 1, status: 1 });

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
