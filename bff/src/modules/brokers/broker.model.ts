import { Schema, model, type Types } from 'mongoose';
import { BrokerStatusSchema, ConsentMethodSchema, RoleSchema, TeamStageSchema, TransportArrangementSchema, TRAVEL_MODES, type BrokerStatus, type ConsentMethod, type Role, type TeamStage, type TransportArrangement, type TravelFacts } from '@zhuanyi/shared';

/**
 * Broker profiles (application → certification), consent records of enrolment, and teams.
 * A profile is keyed by the applicant's ID-number blind index; its Account (role broker) is made on
 * certification and `Account.certifiedAt` is set while certified (null when suspended or revoked).
 */
export interface BrokerProfileRecord {
  _id: Types.ObjectId;
  applicantLoginId: string | null;
  accountId: Types.ObjectId | null;
  username: string;
  passwordHash: string;
  name: string;
  idIndex: string;
  idEnc: string;
  phoneIndex: string;
  phoneEnc: string;
  villageCode: string;
  serviceAreaCode: string;
  experience: string;
  status: BrokerStatus;
  history: Array<{ status: BrokerStatus; at: Date; byRole: Role; bySubjectId: string; reason: string }>;
  createdAt: Date;
  updatedAt: Date;
}

const brokerProfileSchema = new Schema<BrokerProfileRecord>(
  {
    applicantLoginId: { type: String, default: null },
    accountId: { type: Schema.Types.ObjectId, default: null },
    username: { type: String, required: true },
    passwordHash: { type: String, required: true },
    name: { type: String, required: true },
    idIndex: { type: String, required: true },
    idEnc: { type: String, required: true },
    phoneIndex: { type: String, required: true },
    phoneEnc: { type: String, required: true },
    villageCode: { type: String, required: true },
    serviceAreaCode: { type: String, required: true },
    experience: { type: String, default: '' },
    status: { type: String, enum: BrokerStatusSchema.options, required: true },
    history: {
      type: [
        new Schema(
          {
            status: { type: String, enum: BrokerStatusSchema.options, required: true },
            at: { type: Date, required: true },
            byRole: { type: String, enum: RoleSchema.options, required: true },
            bySubjectId: { type: String, required: true },
            reason: { type: String, default: '' },
          },
          { _id: false },
        ),
      ],
      default: [],
    },
  },
  { timestamps: true, collection: 'broker_profiles' },
);
brokerProfileSchema.index({ idIndex: 1 }, { unique: true });
// Partial, not sparse: a sparse index still holds accountId null, so a second pending application clashed.
brokerProfileSchema.index({ accountId: 1 }, { unique: true, partialFilterExpression: { accountId: { $type: 'objectId' } }, name: 'accountId_1_set' });
brokerProfileSchema.index({ applicantLoginId: 1 });
brokerProfileSchema.index({ serviceAreaCode: 1, status: 1 });
brokerProfileSchema.index({ createdAt: -1, _id: -1 });

export const BrokerProfileModel = model<BrokerProfileRecord>('BrokerProfile', brokerProfileSchema);

/** The person's consent to be enrolled by this broker (one per broker and person). */
export interface EnrolmentRecord {
  _id: Types.ObjectId;
  brokerId: string;
  workerId: Types.ObjectId;
  consentMethod: ConsentMethod;
  via: 'form' | 'import';
  importId: Types.ObjectId | null;
  consentedAt: Date;
}
const enrolmentSchema = new Schema<EnrolmentRecord>(
  {
    brokerId: { type: String, required: true },
    workerId: { type: Schema.Types.ObjectId, required: true },
    consentMethod: { type: String, enum: ConsentMethodSchema.options, required: true },
    via: { type: String, enum: ['form', 'import'], required: true },
    importId: { type: Schema.Types.ObjectId, default: null },
    consentedAt: { type: Date, required: true },
  },
  { collection: 'broker_enrolments', versionKey: false },
);
enrolmentSchema.index({ brokerId: 1, workerId: 1 }, { unique: true });
export const EnrolmentModel = model<EnrolmentRecord>('BrokerEnrolment', enrolmentSchema);

export interface TeamStageDoc {
  _id: Types.ObjectId;
  stage: TeamStage;
  on: string;
  memberIds: Types.ObjectId[];
  transport: TransportArrangement | null;
  laborDispatch: boolean;
  months: number | null;
  /** 到岗: distance and mode of the trip (absent on stages recorded before it existed). */
  travel?: TravelFacts | null;
  note: string;
  recordedAt: Date;
  confirmedAt: Date | null;
  confirmedBy: string | null;
}

export interface TeamRecord {
  _id: Types.ObjectId;
  brokerId: string;
  /** The broker's region scope when the team was formed (staff confirm within it). */
  regionCode: string;
  name: string;
  jobId: Types.ObjectId;
  jobTitle: string;
  employerId: Types.ObjectId;
  employerName: string;
  jobRegionCode: string;
  jobRegionName: string;
  members: Array<{ workerId: Types.ObjectId; name: string; idNumberMasked: string; addedAt: Date }>;
  appliedAt: Date | null;
  stages: TeamStageDoc[];
  createdAt: Date;
  updatedAt: Date;
}

const teamSchema = new Schema<TeamRecord>(
  {
    brokerId: { type: String, required: true },
    regionCode: { type: String, required: true },
    name: { type: String, required: true },
    jobId: { type: Schema.Types.ObjectId, required: true },
    jobTitle: { type: String, required: true },
    employerId: { type: Schema.Types.ObjectId, required: true },
    employerName: { type: String, required: true },
    jobRegionCode: { type: String, required: true },
    jobRegionName: { type: String, required: true },
    members: {
      type: [
        new Schema(
          {
            workerId: { type: Schema.Types.ObjectId, required: true },
            name: { type: String, required: true },
            idNumberMasked: { type: String, required: true },
            addedAt: { type: Date, required: true },
          },
          { _id: false },
        ),
      ],
      default: [],
    },
    appliedAt: { type: Date, default: null },
    stages: {
      type: [
        new Schema({
          stage: { type: String, enum: TeamStageSchema.options, required: true },
          on: { type: String, required: true },
          memberIds: { type: [Schema.Types.ObjectId], default: [] },
          transport: { type: String, enum: [...TransportArrangementSchema.options, null], default: null },
          laborDispatch: { type: Boolean, default: false },
          months: { type: Number, default: null },
          travel: {
            type: new Schema({ distanceKm: { type: Number, required: true }, mode: { type: String, enum: TRAVEL_MODES, required: true } }, { _id: false }),
            default: null,
          },
          note: { type: String, default: '' },
          recordedAt: { type: Date, required: true },
          confirmedAt: { type: Date, default: null },
          confirmedBy: { type: String, default: null },
        }),
      ],
      default: [],
    },
  },
  { timestamps: true, collection: 'broker_teams' },
);
teamSchema.index({ brokerId: 1, createdAt: -1 });
teamSchema.index({ regionCode: 1, createdAt: -1 });
teamSchema.index({ 'members.workerId': 1 });

export const TeamModel = model<TeamRecord>('BrokerTeam', teamSchema);
