import { Schema, model, type Types } from 'mongoose';
import {
  EmploymentStatusSchema,
  HistorySources,
  OutcomeKinds,
  TRAVEL_MODES,
  WorkLocationSchema,
  type EmploymentStatus,
  type HistorySource,
  type OutcomeKind,
  type TravelFacts,
  type WorkLocation,
} from '@zhuanyi/shared';

/**
 * One entry of a person's job history (就业履历): each confirmed outcome, import row or PES record
 * that set their employment state. `sourceRef` (e.g. team stage + person) makes a repeat a no-op.
 */
export interface JobHistoryRecord {
  _id: Types.ObjectId;
  workerId: Types.ObjectId;
  countyCode: string;
  kind: OutcomeKind | 'registered';
  source: HistorySource;
  sourceRef?: string;
  on: string;
  status: EmploymentStatus;
  location: WorkLocation | null;
  regionCode: string | null;
  employerName: string | null;
  startedOn: string | null;
  endedOn: string | null;
  organizedByGovernment: boolean;
  /** 到岗: distance and mode of the trip, when recorded (absent on older entries). */
  travel?: TravelFacts | null;
  recordedBy: string;
  recordedAt: Date;
}

const schema = new Schema<JobHistoryRecord>(
  {
    workerId: { type: Schema.Types.ObjectId, required: true },
    countyCode: { type: String, required: true },
    kind: { type: String, enum: [...OutcomeKinds, 'registered'], required: true },
    source: { type: String, enum: HistorySources, required: true },
    sourceRef: { type: String, default: undefined },
    on: { type: String, required: true },
    status: { type: String, enum: EmploymentStatusSchema.options, required: true },
    location: { type: String, enum: [...WorkLocationSchema.options, null], default: null },
    regionCode: { type: String, default: null },
    employerName: { type: String, default: null },
    startedOn: { type: String, default: null },
    endedOn: { type: String, default: null },
    organizedByGovernment: { type: Boolean, default: false },
    travel: {
      type: new Schema({ distanceKm: { type: Number, required: true }, mode: { type: String, enum: TRAVEL_MODES, required: true } }, { _id: false }),
      default: null,
    },
    recordedBy: { type: String, required: true },
    recordedAt: { type: Date, required: true },
  },
  { collection: 'job_history', versionKey: false },
);
schema.index({ workerId: 1, recordedAt: -1 });
schema.index({ sourceRef: 1 }, { unique: true, sparse: true });

export const JobHistoryModel = model<JobHistoryRecord>('JobHistory', schema);
