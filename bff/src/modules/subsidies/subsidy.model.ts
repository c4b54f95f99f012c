import { Schema, model, type Types } from 'mongoose';
import {
  EntitlementStatusSchema,
  KeyGroupSchema,
  SUBSIDY_RULE_KINDS,
  ENTITLEMENT_STAGES,
  SUBSIDY_STAGES,
  TRAVEL_MODES,
  type EntitlementStatus,
  type GrantBasis,
  type PlacementRuleFields,
  type SubsidyRuleFields,
  type TrainingAllowanceRuleFields,
  type TransportRuleFields,
  type SubsidyRuleKind,
  type EntitlementStage,
} from '@zhuanyi/shared';

/**
 * A subsidy rule of a region, as data (see shared/src/domain/subsidy-rules.ts). Rules stored
 * before rules had a `kind` read as 'placement' (see `ruleKindOf`).
 */
export type SubsidyRuleRecord = SubsidyRuleFields & {
  _id: Types.ObjectId;
  key: string;
  createdAt: Date;
  updatedAt: Date;
};

/** The stored document: every shape's fields, those of the other shapes absent. */
interface SubsidyRuleDoc {
  key: string;
  kind: SubsidyRuleKind;
  regionCode: string;
  name: string;
  beneficiary: 'broker' | 'worker';
  validFrom: string;
  validTo: string | null;
  tiers: PlacementRuleFields['tiers'];
  limits: SubsidyRuleFields['limits'];
  exclusions: PlacementRuleFields['exclusions'];
  requires: PlacementRuleFields['requires'];
  keyGroups?: TransportRuleFields['keyGroups'];
  bands?: TransportRuleFields['bands'];
  allowance?: TrainingAllowanceRuleFields['allowance'];
  active: boolean;
  source: string;
}

export function ruleKindOf(rule: { kind?: SubsidyRuleKind }): SubsidyRuleKind {
  return rule.kind ?? 'placement';
}

const installmentSchema = new Schema(
  { shareBp: { type: Number, required: true }, stage: { type: String, enum: SUBSIDY_STAGES, required: true }, delayMonths: { type: Number, required: true } },
  { _id: false },
);
const tierSchema = new Schema(
  { keyGroups: { type: [String], enum: KeyGroupSchema.options, default: [] }, amountFen: { type: Number, required: true }, installments: { type: [installmentSchema], default: [] } },
  { _id: false },
);
const bandSchema = new Schema(
  {
    fromKm: { type: Number, required: true },
    toKm: { type: Number, default: null },
    amountFen: Object.fromEntries(TRAVEL_MODES.map((m) => [m, { type: Number }])),
  },
  { _id: false },
);

const ruleSchema = new Schema<SubsidyRuleDoc>(
  {
    key: { type: String, required: true },
    kind: { type: String, enum: SUBSIDY_RULE_KINDS, default: 'placement' },
    regionCode: { type: String, required: true },
    name: { type: String, required: true },
    beneficiary: { type: String, enum: ['broker', 'worker'], required: true },
    validFrom: { type: String, required: true },
    validTo: { type: String, default: null },
    tiers: { type: [tierSchema], default: [] },
    limits: { oncePerPerson: Boolean, oncePerPersonPerYear: Boolean, oncePerPersonPerEmployer: Boolean },
    exclusions: { laborDispatch: Boolean },
    requires: { organizedTransport: Boolean, outsideHomeCounty: Boolean },
    /** Transport and training-allowance rules: who may get them (empty = anyone). */
    keyGroups: { type: [String], enum: KeyGroupSchema.options, default: undefined },
    /** Transport rules: the table of distance bands. */
    bands: { type: [bandSchema], default: undefined },
    /** Training-allowance rules. */
    allowance: {
      type: new Schema(
        { per: { type: String, enum: ['day', 'course'], required: true }, amountFen: { type: Number, required: true }, minClassHours: { type: Number, default: 0 }, maxDays: { type: Number, default: null } },
        { _id: false },
      ),
      default: undefined,
    },
    active: { type: Boolean, required: true },
    source: { type: String, default: '' },
  },
  { timestamps: true, collection: 'subsidy_rules' },
);
ruleSchema.index({ key: 1 }, { unique: true });
ruleSchema.index({ regionCode: 1 });

export const SubsidyRuleModel = model<SubsidyRuleDoc>('SubsidyRule', ruleSchema);

/**
 * One installment of one rule earned by one person's placement (the subsidy ledger).
 * Unique keys make it impossible to record the same installment twice, whatever runs at once:
 * `placementKey` always; `lifetimeKey` / `yearKey` / `employerKey` per the rule's limits (absent
 * when the limit is off, and removed when the entry is voided).
 */
export interface EntitlementRecord {
  _id: Types.ObjectId;
  ruleKey: string;
  /** Absent on rows written before rules had a kind (= placement). */
  ruleKind?: SubsidyRuleKind;
  ruleName: string;
  beneficiary: 'broker' | 'worker';
  brokerId: string;
  workerId: Types.ObjectId;
  workerName: string;
  idNumberMasked: string;
  /** Null for a grant not earned through a team (the training allowance). */
  teamId: Types.ObjectId | null;
  teamName: string;
  employerId: Types.ObjectId | null;
  employerName: string;
  /** The training allowance: the completed sign-up it pays for. */
  enrollmentId?: Types.ObjectId;
  /** Why the amount is what it is (distance band and mode, or the course), shown to the worker. */
  basis?: GrantBasis | null;
  /** The team's region (staff scope). */
  regionCode: string;
  installment: number;
  installments: number;
  amountFen: number;
  stage: EntitlementStage;
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
    ruleKind: { type: String, enum: SUBSIDY_RULE_KINDS },
    ruleName: { type: String, required: true },
    beneficiary: { type: String, enum: ['broker', 'worker'], required: true },
    brokerId: { type: String, default: '' },
    workerId: { type: Schema.Types.ObjectId, required: true },
    workerName: { type: String, required: true },
    idNumberMasked: { type: String, required: true },
    teamId: { type: Schema.Types.ObjectId, default: null },
    teamName: { type: String, default: '' },
    employerId: { type: Schema.Types.ObjectId, default: null },
    employerName: { type: String, default: '' },
    enrollmentId: { type: Schema.Types.ObjectId },
    basis: { type: Schema.Types.Mixed, default: null },
    regionCode: { type: String, required: true },
    installment: { type: Number, required: true },
    installments: { type: Number, required: true },
    amountFen: { type: Number, required: true, min: 0, validate: Number.isInteger },
    stage: { type: String, enum: ENTITLEMENT_STAGES, required: true },
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
