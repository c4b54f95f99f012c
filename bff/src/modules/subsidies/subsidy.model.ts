import { Schema, model, type Types } from 'mongoose';
import { EntitlementStatusSchema, KeyGroupSchema, SUBSIDY_STAGES, type EntitlementStatus, type SubsidyRuleFields, type SubsidyStage } from '@zhuanyi/shared';

/** A subsidy rule of a region, as data (see shared/src/domain/subsidy-rules.ts). */
export interface SubsidyRuleRecord extends SubsidyRuleFields {
  _id: Types.ObjectId;
  key: string;
  createdAt: Date;
  updatedAt: Date;
}

const installmentSchema = new Schema(
  { shareBp: { type: Number, required: true }, stage: { type: String, enum: SUBSIDY_STAGES, required: true }, delayMonths: { type: Number, required: true } },
  { _id: false },
);
const tierSchema = new Schema(
  { keyGroups: { type: [String], enum: KeyGroupSchema.options, default: [] }, amountFen: { type: Number, required: true }, installments: { type: [installmentSchema], default: [] } },
  { _id: false },
);

const ruleSchema = new Schema<SubsidyRuleRecord>(
  {
    key: { type: String, required: true },
    regionCode: { type: String, required: true },
    name: { type: String, required: true },
    beneficiary: { type: String, enum: ['broker', 'worker'], required: true },
    validFrom: { type: String, required: true },
    validTo: { type: String, default: null },
    tiers: { type: [tierSchema], default: [] },
    limits: { oncePerPerson: Boolean, oncePerPersonPerYear: Boolean, oncePerPersonPerEmployer: Boolean },
    exclusions: { laborDispatch: Boolean },
    requires: { organizedTransport: Boolean, outsideHomeCounty: Boolean },
    active: { type: Boolean, required: true },
    source: { type: String, default: '' },
  },
  { timestamps: true, collection: 'subsidy_rules' },
);
ruleSchema.index({ key: 1 }, { unique: true });
ruleSchema.index({ regionCode: 1 });

export const SubsidyRuleModel = model<SubsidyRuleRecord>('SubsidyRule', ruleSchema);

/**
 * One installment of one rule earned by one person's placement (the subsidy ledger).
 * Unique keys make it impossible to record the same installment twice, whatever runs at once:
 * `placementKey` always; `lifetimeKey` / `yearKey` / `employerKey` per the rule's limits (absent
 * when the limit is off, and removed when the entry is voided).
 */
export interface EntitlementRecord {
  _id: Types.ObjectId;
  ruleKey: string;
  ruleName: string;
  beneficiary: 'broker' | 'worker';
  brokerId: string;
  workerId: Types.ObjectId;
  workerName: string;
  idNumberMasked: string;
  teamId: Types.ObjectId;
  teamName: string;
  employerId: Types.ObjectId;
  employerName: string;
  /** The team's region (staff scope). */
  regionCode: string;
  installment: number;
  installments: number;
  amountFen: number;
  stage: SubsidyStage;
  dueOn: string;
  dueAt: Date;
  status: EntitlementStatus;
  placementKey: string;
  /** The amount depends on the person's key group (脱贫人口 ...): approving needs a verified record. */
  keyGroupTier?: boolean;
  lifetimeKey?: string;
  yearKey?: string;
  employerKey?: string;
  claimedAt: Date | null;
  decidedAt: Date | null;
  decidedBy: string | null;
  approvedAt: Date | null;
  reason: string | null;
  paidAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

const entitlementSchema = new Schema<EntitlementRecord>(
  {
    ruleKey: { type: String, required: true },
    ruleName: { type: String, required: true },
    beneficiary: { type: String, enum: ['broker', 'worker'], required: true },
    brokerId: { type: String, required: true },
    workerId: { type: Schema.Types.ObjectId, required: true },
    workerName: { type: String, required: true },
    idNumberMasked: { type: String, required: true },
    teamId: { type: Schema.Types.ObjectId, required: true },
    teamName: { type: String, required: true },
    employerId: { type: Schema.Types.ObjectId, required: true },
    employerName: { type: String, required: true },
    regionCode: { type: String, required: true },
    installment: { type: Number, required: true },
    installments: { type: Number, required: true },
    amountFen: { type: Number, required: true, min: 0, validate: Number.isInteger },
    stage: { type: String, enum: SUBSIDY_STAGES, required: true },
    dueOn: { type: String, required: true },
    dueAt: { type: Date, required: true },
    status: { type: String, enum: EntitlementStatusSchema.options, required: true },
    placementKey: { type: String, required: true },
    keyGroupTier: { type: Boolean, default: false },
    lifetimeKey: { type: String },
    yearKey: { type: String },
    employerKey: { type: String },
    claimedAt: { type: Date, default: null },
    decidedAt: { type: Date, default: null },
    decidedBy: { type: String, default: null },
    approvedAt: { type: Date, default: null },
    reason: { type: String, default: null },
    paidAt: { type: Date, default: null },
  },
  { timestamps: true, collection: 'subsidy_entitlements' },
);
entitlementSchema.index({ placementKey: 1 }, { unique: true });
entitlementSchema.index({ lifetimeKey: 1 }, { unique: true, sparse: true });
entitlementSchema.index({ yearKey: 1 }, { unique: true, sparse: true });
entitlementSchema.index({ employerKey: 1 }, { unique: true, sparse: true });
entitlementSchema.index({ brokerId: 1, createdAt: -1, _id: -1 });
entitlementSchema.index({ regionCode: 1, status: 1, createdAt: -1 });
entitlementSchema.index({ status: 1, approvedAt: 1 });
entitlementSchema.index({ teamId: 1, workerId: 1 });
entitlementSchema.index({ workerId: 1, beneficiary: 1, createdAt: -1 });

export const EntitlementModel = model<EntitlementRecord>('SubsidyEntitlement', entitlementSchema);
