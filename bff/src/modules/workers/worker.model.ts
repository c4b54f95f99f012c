import { Schema, model, type Types } from 'mongoose';
import type { Ethnicity, Education, KeyGroup, Mobility, Role, SkillLevel, WorkerRegistrationData } from '@zhuanyi/shared';
import {
  EducationSchema,
  EmploymentStatusSchema,
  EthnicitySchema,
  KeyGroupSchema,
  MobilitySchema,
  RegistrationSourceSchema,
  RoleSchema,
  SexSchema,
  SkillLevelSchema,
  WorkLocationSchema,
} from '@zhuanyi/shared';

/**
 * One person in the labor resource registry (实名登记). Keyed by the blind index of the
 * 身份证号 (unique); the number and the phone are stored sealed (AES-256-GCM), never in clear.
 * `ownerLoginId` is the worker login that owns the record (self-registered or claimed).
 */
/** What a registration stores (sealed and indexed where personal). */
export interface WorkerFields {
  idIndex: string;
  idEnc: string;
  name: string;
  birthDate: string;
  sex: 'male' | 'female';
  ethnicity: Ethnicity;
  phoneIndex: string;
  phoneEnc: string;
  education: Education;
  household: { regionCode: string; countyCode: string; group: string };
  keyGroups: KeyGroup[];
  mobility: Mobility;
  skills: Array<{ trade: string; level: SkillLevel }>;
  certificates: Array<{ name: string; number?: string; issuedOn?: string }>;
  jobIntention: WorkerRegistrationData['jobIntention'];
  trainingIntention: WorkerRegistrationData['trainingIntention'];
  employment: WorkerRegistrationData['employment'];
  entrepreneurship: WorkerRegistrationData['entrepreneurship'];
}

export interface WorkerRecord extends WorkerFields {
  _id: Types.ObjectId;
  source: 'worker' | 'broker' | 'staff';
  createdBy: { role: Role; subjectId: string };
  ownerLoginId?: Types.ObjectId;
  claimedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
  /** Staff-kept employment facts the four-color watch reads (YYYY-MM-DD dates). */
  tracking?: { endedOn?: string | null; unemployedSince?: string | null; postEndsOn?: string | null; hasIncome?: boolean | null } | null;
  /** Checked by staff (核实). */
  verifiedAt?: Date | null;
  verifiedBy?: string | null;
  /** The facts verified (see verified-facts.ts); a change of them clears the verification. */
  verifiedFacts?: string | null;
  /** Four-color watch, recomputed when the record changes. */
  watch?: { color: string | null; reasons: string[]; computedAt: Date | null } | null;
}

const workerSchema = new Schema<WorkerRecord>(
  {
    idIndex: { type: String, required: true },
    idEnc: { type: String, required: true },
    name: { type: String, required: true },
    birthDate: { type: String, required: true },
    sex: { type: String, enum: SexSchema.options, required: true },
    ethnicity: { type: String, enum: EthnicitySchema.options, required: true },
    phoneIndex: { type: String, required: true },
    phoneEnc: { type: String, required: true },
    education: { type: String, enum: EducationSchema.options, required: true },
    household: {
      regionCode: { type: String, required: true },
      /** First 6 digits: the county, for scoped queries and reports. */
      countyCode: { type: String, required: true },
      group: { type: String, required: true },
    },
    keyGroups: { type: [String], enum: KeyGroupSchema.options, default: [] },
    mobility: { type: String, enum: MobilitySchema.options, required: true },
    skills: { type: [{ _id: false, trade: String, level: { type: String, enum: SkillLevelSchema.options } }], default: [] },
    certificates: { type: [{ _id: false, name: String, number: String, issuedOn: String }], default: [] },
    jobIntention: {
      wantsJob: { type: Boolean, required: true },
      trades: { type: [String], default: [] },
      locations: { type: [String], enum: WorkLocationSchema.options, default: [] },
      expectedMonthlyPayFen: { type: Number, default: null },
    },
    trainingIntention: {
      wantsTraining: { type: Boolean, required: true },
      trades: { type: [String], default: [] },
    },
    employment: {
      status: { type: String, enum: EmploymentStatusSchema.options, required: true },
      destination: {
        type: new Schema(
          {
            location: { type: String, enum: WorkLocationSchema.options, required: true },
            regionCode: String,
            employerName: String,
            trade: String,
            startedOn: String,
            organizedByGovernment: { type: Boolean, default: false },
          },
          { _id: false },
        ),
        default: null,
      },
    },
    entrepreneurship: {
      active: { type: Boolean, default: false },
      project: String,
      startedOn: String,
      employs: Number,
    },
    source: { type: String, enum: RegistrationSourceSchema.options, required: true },
    createdBy: {
      role: { type: String, enum: RoleSchema.options, required: true },
      subjectId: { type: String, required: true },
    },
    ownerLoginId: { type: Schema.Types.ObjectId, default: undefined },
    claimedAt: { type: Date, default: null },
    tracking: {
      type: new Schema({ endedOn: String, unemployedSince: String, postEndsOn: String, hasIncome: Boolean }, { _id: false }),
      default: null,
    },
    verifiedAt: { type: Date, default: null },
    verifiedBy: { type: String, default: null },
    verifiedFacts: { type: String, default: null },
    watch: {
      type: new Schema({ color: { type: String, default: null }, reasons: { type: [String], default: [] }, computedAt: { type: Date, default: null } }, { _id: false }),
      default: null,
    },
  },
  { timestamps: true, collection: 'workers' },
);
workerSchema.index({ idIndex: 1 }, { unique: true });
workerSchema.index({ ownerLoginId: 1 }, { unique: true, sparse: true });
workerSchema.index({ phoneIndex: 1 });
/** Records by county and village (few keys per county: counts of a county read only these). */
export const COUNTY_VILLAGE_INDEX = { 'household.countyCode': 1, 'household.regionCode': 1 } as const;
workerSchema.index(COUNTY_VILLAGE_INDEX);
workerSchema.index({ 'household.countyCode': 1, keyGroups: 1 });
workerSchema.index({ 'createdBy.subjectId': 1 });
// Staff console: watch lists and counts by village, monthly report ranges (all by county first).
workerSchema.index({ 'household.countyCode': 1, 'watch.color': 1, 'household.regionCode': 1 });
workerSchema.index({ 'household.countyCode': 1, 'employment.destination.startedOn': 1 });
export const COUNTY_CREATED_INDEX = { 'household.countyCode': 1, createdAt: 1 } as const;
workerSchema.index(COUNTY_CREATED_INDEX);
// Indicators and monthly report: people in work by status, start date, village and destination, read off
// the index alone (the embedded engine's covered $group; mongod can answer from it too), and the poor among them.
export const WORK_STATE_INDEX = {
  'household.countyCode': 1,
  'employment.status': 1,
  'employment.destination.startedOn': 1,
  'household.regionCode': 1,
  'employment.destination.regionCode': 1,
  'employment.destination.location': 1,
  'employment.destination.organizedByGovernment': 1,
} as const;
export const WORK_STATE_GROUPS_INDEX = { 'household.countyCode': 1, 'employment.status': 1, keyGroups: 1, 'household.regionCode': 1, 'employment.destination.startedOn': 1 } as const;
workerSchema.index(WORK_STATE_INDEX);
workerSchema.index(WORK_STATE_GROUPS_INDEX);
export const COUNTY_UPDATED_INDEX = { 'household.countyCode': 1, updatedAt: 1 } as const;
workerSchema.index(COUNTY_UPDATED_INDEX);

/** Called after a registration is saved or updated (the four-color watch recomputes). */
type WorkerChangeListener = (workerId: Types.ObjectId) => Promise<void>;
const changeListeners: WorkerChangeListener[] = [];
export function onWorkerChanged(listener: WorkerChangeListener): void {
  if (!changeListeners.includes(listener)) changeListeners.push(listener);
}
async function workerChanged(id: Types.ObjectId | undefined): Promise<void> {
  if (!id) return;
  for (const l of changeListeners) await l(id);
}
/** Called after a batch (an import) stored many records without the per-document hooks. */
type WorkersBatchListener = (rows: ReadonlyArray<Pick<WorkerRecord, '_id' | 'household' | 'employment' | 'tracking' | 'updatedAt'>>) => Promise<void>;
const batchListeners: WorkersBatchListener[] = [];
export function onWorkersBatchSaved(listener: WorkersBatchListener): void {
  if (!batchListeners.includes(listener)) batchListeners.push(listener);
}
export async function workersBatchSaved(rows: Parameters<WorkersBatchListener>[0]): Promise<void> {
  if (!rows.length) return;
  for (const l of batchListeners) await l(rows);
}
workerSchema.post('save', async function () {
  await workerChanged(this._id);
});
workerSchema.post('findOneAndUpdate', async function (res: { _id?: Types.ObjectId } | null) {
  await workerChanged(res?._id);
});

export const Worker = model<WorkerRecord>('Worker', workerSchema);
