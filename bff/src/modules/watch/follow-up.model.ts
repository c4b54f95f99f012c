import { Schema, model, type Types } from 'mongoose';

/**
 * A follow-up task (跟进任务) created when a person's watch color changes: the responsible staff
 * member visits or calls by `dueOn`. At most one open task per person (a newer change updates it).
 */
export interface FollowUpRecord {
  _id: Types.ObjectId;
  workerId: Types.ObjectId;
  workerName: string;
  countyCode: string;
  regionCode: string;
  fromColor: string | null;
  toColor: string | null;
  reasons: string[];
  assigneeId: string | null;
  assigneeName: string | null;
  dueOn: string;
  status: 'open' | 'done';
  note: string | null;
  doneAt: Date | null;
  doneBy: string | null;
  createdAt: Date;
  updatedAt: Date;
}

const schema = new Schema<FollowUpRecord>(
  {
    workerId: { type: Schema.Types.ObjectId, required: true },
    workerName: { type: String, required: true },
    countyCode: { type: String, required: true },
    regionCode: { type: String, required: true },
    fromColor: { type: String, default: null },
    toColor: { type: String, default: null },
    reasons: { type: [String], default: [] },
    assigneeId: { type: String, default: null },
    assigneeName: { type: String, default: null },
    dueOn: { type: String, required: true },
    status: { type: String, enum: ['open', 'done'], required: true },
    note: { type: String, default: null },
    doneAt: { type: Date, default: null },
    doneBy: { type: String, default: null },
  },
  { timestamps: true, collection: 'follow_up_tasks', versionKey: false },
);
schema.index({ workerId: 1 }, { unique: true, partialFilterExpression: { status: 'open' } });
schema.index({ countyCode: 1, status: 1, dueOn: 1 });
schema.index({ assigneeId: 1, status: 1, dueOn: 1 });

export const FollowUpModel = model<FollowUpRecord>('FollowUpTask', schema);
