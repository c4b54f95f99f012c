import { Schema, model, type Types } from 'mongoose';
import type { WorkerFields } from './worker.model';

/**
 * A registration whose ID number another login already holds (a possible squatter). The caller is
 * answered as if registered (nothing revealed); the submission waits here until the caller proves
 * the phone on the record, or staff check the person's ID card in person and give the record back.
 */
export interface OwnershipConflictRecord {
  _id: Types.ObjectId;
  workerId: Types.ObjectId;
  claimantLoginId: Types.ObjectId;
  /** The claimant's submission, sealed and indexed as a registration is. */
  fields: WorkerFields;
  /** The existing record's household village and county (staff scope). */
  regionCode: string;
  countyCode: string;
  state: 'open' | 'granted' | 'refused';
  decidedBy: string | null;
  decidedAt: Date | null;
  reason: string | null;
  createdAt: Date;
  updatedAt: Date;
}

const ownershipConflictSchema = new Schema<OwnershipConflictRecord>(
  {
    workerId: { type: Schema.Types.ObjectId, required: true },
    claimantLoginId: { type: Schema.Types.ObjectId, required: true },
    fields: { type: Schema.Types.Mixed, required: true },
    regionCode: { type: String, required: true },
    countyCode: { type: String, required: true },
    state: { type: String, enum: ['open', 'granted', 'refused'], required: true, default: 'open' },
    decidedBy: { type: String, default: null },
    decidedAt: { type: Date, default: null },
    reason: { type: String, default: null },
  },
  { timestamps: true, collection: 'worker_ownership_conflicts' },
);
ownershipConflictSchema.index({ claimantLoginId: 1, workerId: 1 }, { unique: true, partialFilterExpression: { state: 'open' } });
ownershipConflictSchema.index({ state: 1, countyCode: 1, createdAt: -1 });

export const OwnershipConflict = model<OwnershipConflictRecord>('OwnershipConflict', ownershipConflictSchema);
