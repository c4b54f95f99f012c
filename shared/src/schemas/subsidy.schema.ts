import { z } from 'zod';
import { ENTITLEMENT_STAGES, SUBSIDY_STAGES, TRAVEL_MODES } from '../domain/subsidy-rules';
import { FenSchema, ObjectIdSchema, RegionCodeSchema, TimestampSchema, sealedText } from './common.schema';
import { KeyGroupSchema } from './worker.schema';

/**
 * Subsidy rules (as data, per region) and the subsidy ledger. Money in integer fen.
 * Labels: `subsidyStage.<stage>`, `subsidyStatus.<status>`, `subsidyBeneficiary.<who>`.
 */

export const SubsidyStageSchema = z.enum(SUBSIDY_STAGES);
const DateSchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { message: 'validation.date' });

export const SubsidyInstallmentSchema = z.object({
  shareBp: z.number().int().min(1).max(10_000).meta({ description: '占本档金额的万分比（5000 = 一半）' }),
  stage: SubsidyStageSchema,
  delayMonths: z.number().int().min(0).max(36).default(0),
});

export const SubsidyTierSchema = z
  .object({
    keyGroups: z.array(KeyGroupSchema).max(8).default([]).meta({ description: '适用的人员类别（有其一即可）；空 = 所有人' }),
    amountFen: FenSchema.max(100_000_00),
    installments: z.array(SubsidyInstallmentSchema).min(1).max(6),
  })
  .refine((t) => t.installments.reduce((s, i) => s + i.shareBp, 0) === 10_000, {
    message: 'validation.subsidy.sharesSum',
    path: ['installments'],
  });

export const SubsidyRuleKeySchema = z.string().regex(/^[a-z0-9][a-z0-9-]{2,47}$/, { message: 'validation.subsidy.key' });

const ruleLimitsSchema = z.object({
  oncePerPerson: z.boolean().default(false),
  oncePerPersonPerYear: z.boolean().default(false),
  oncePerPersonPerEmployer: z.boolean().default(false),
});

/** Fields every rule has, whatever its shape. */
const ruleCommon = {
  regionCode: RegionCodeSchema,
  name: z.string().trim().min(2).max(60),
  validFrom: DateSchema,
  validTo: DateSchema.nullable().default(null),
  limits: ruleLimitsSchema,
  active: z.boolean(),
  /** Where the rule comes from (the policy document and article). */
  source: z.string().trim().max(200).default(''),
};
const ruleKeyGroups = z.array(KeyGroupSchema).max(8).default([]).meta({ description: '适用的人员类别（有其一即可）；空 = 所有人' });

/** Installments per placement (服务补贴, 一次性求职创业补贴): tiers by key group, paid by stage. */
export const PlacementRuleInputSchema = z
  .object({
    kind: z.literal('placement').default('placement'),
    ...ruleCommon,
    beneficiary: z.enum(['broker', 'worker']),
    tiers: z.array(SubsidyTierSchema).min(1).max(6).meta({ description: '按顺序匹配，第一个符合的档次生效' }),
    exclusions: z.object({ laborDispatch: z.boolean().default(false) }),
    requires: z.object({ organizedTransport: z.boolean().default(false), outsideHomeCounty: z.boolean().default(false) }),
  })
  .strict()
  .meta({ id: 'PlacementRuleInput' });

export const TravelModeSchema = z.enum(TRAVEL_MODES);
/** Distance and mode of the trip to the job, recorded with the arrival (到岗). */
export const TravelFactsSchema = z
  .object({
    distanceKm: z.number({ message: 'validation.travel.distance' }).int({ message: 'validation.travel.distance' }).min(1, { message: 'validation.travel.distance' }).max(10_000, { message: 'validation.travel.distance' }),
    mode: TravelModeSchema,
  })
  .strict()
  .meta({ id: 'TravelFacts' });

/** One row of a transport table: [fromKm, toKm) with an amount per travel mode (a mode left out gets nothing). */
export const TransportBandSchema = z
  .object({
    fromKm: z.number().int().min(0).max(10_000),
    toKm: z.number().int().min(1).max(10_000).nullable().meta({ description: '不含；空 = 不设上限' }),
    amountFen: z.partialRecord(TravelModeSchema, FenSchema.max(100_000_00)).meta({ description: '各交通方式的金额（分）' }),
  })
  .strict()
  .refine((b) => b.toKm === null || b.toKm > b.fromKm, { message: 'validation.subsidy.bandRange', path: ['toKm'] });

/** 一次性交通补助 by distance and mode: one payment to the worker when the arrival is confirmed. */
export const TransportRuleInputSchema = z
  .object({
    kind: z.literal('transport'),
    ...ruleCommon,
    beneficiary: z.literal('worker').default('worker'),
    keyGroups: ruleKeyGroups,
    bands: z.array(TransportBandSchema).min(1).max(12).meta({ description: '按里程由近到远排列，不重叠' }),
    requires: z.object({ organizedTransport: z.boolean().default(false) }).default({ organizedTransport: false }),
  })
  .strict()
  .refine((r) => r.bands.every((b, i) => i === 0 || (r.bands[i - 1]?.toKm !== null && b.fromKm >= (r.bands[i - 1]?.toKm ?? 0))), {
    message: 'validation.subsidy.bandsOrder',
    path: ['bands'],
  })
  .meta({ id: 'TransportRuleInput' });

/** 培训期间生活费（含交通费）补贴: paid to the worker when a course of enough class hours is completed. */
export const TrainingAllowanceRuleInputSchema = z
  .object({
    kind: z.literal('training_allowance'),
    ...ruleCommon,
    beneficiary: z.literal('worker').default('worker'),
    keyGroups: ruleKeyGroups,
    allowance: z
      .object({
        per: z.enum(['day', 'course']).meta({ description: '按天或按期（每门课程）' }),
        amountFen: FenSchema.max(100_000_00),
        minClassHours: z.number().int().min(0).max(2000).default(0).meta({ description: '课程至少多少课时才发' }),
        maxDays: z.number().int().min(1).max(366).nullable().default(null).meta({ description: '按天时最多计多少天；空 = 不限' }),
      })
      .strict(),
  })
  .strict()
  .meta({ id: 'TrainingAllowanceRuleInput' });

export const SubsidyRuleInputSchema = z
  .discriminatedUnion('kind', [PlacementRuleInputSchema, TransportRuleInputSchema, TrainingAllowanceRuleInputSchema], { message: 'validation.subsidy.kind' })
  .meta({ id: 'SubsidyRuleInput' });
export type SubsidyRuleInput = z.input<typeof SubsidyRuleInputSchema>;
export type SubsidyRuleFields = z.output<typeof SubsidyRuleInputSchema>;
export type PlacementRuleFields = z.output<typeof PlacementRuleInputSchema>;
export type TransportRuleFields = z.output<typeof TransportRuleInputSchema>;
export type TrainingAllowanceRuleFields = z.output<typeof TrainingAllowanceRuleInputSchema>;

const ruleMeta = { key: z.string(), regionName: z.string(), updatedAt: TimestampSchema };
export const SubsidyRuleSchema = z
  .discriminatedUnion('kind', [PlacementRuleInputSchema.extend(ruleMeta), TransportRuleInputSchema.extend(ruleMeta), TrainingAllowanceRuleInputSchema.extend(ruleMeta)])
  .meta({ id: 'SubsidyRule' });
export type SubsidyRule = z.infer<typeof SubsidyRuleSchema>;

export const SubsidyRuleListSchema = z.object({ items: z.array(SubsidyRuleSchema) }).meta({ id: 'SubsidyRuleList' });
export const SubsidyRuleListQuerySchema = z.object({ regionCode: z.string().regex(/^\d{2,12}$/).optional() });
export const SubsidyRuleKeyParamsSchema = z.object({ key: SubsidyRuleKeySchema });

/** open: earned (claimable once due); void: the person left before it fell due. */
export const EntitlementStatusSchema = z.enum(['open', 'claimed', 'approved', 'rejected', 'paid', 'void']);
export type EntitlementStatus = z.infer<typeof EntitlementStatusSchema>;
/** What a list shows: `waiting` = open but not yet due, `due` = open and claimable. */
export const EntitlementStateSchema = z.enum(['waiting', 'due', 'claimed', 'approved', 'rejected', 'paid', 'void']);
export type EntitlementState = z.infer<typeof EntitlementStateSchema>;

export const EntitlementSchema = z
  .object({
    id: z.string(),
    ruleKey: z.string(),
    ruleName: z.string(),
    beneficiary: z.enum(['broker', 'worker']),
    brokerId: z.string(),
    workerId: z.string(),
    workerName: z.string(),
    idNumberMasked: z.string(),
    teamId: z.string(),
    teamName: z.string(),
    employerName: z.string(),
    installment: z.number().int(),
    installments: z.number().int(),
    amountFen: z.number().int(),
    stage: z.enum(ENTITLEMENT_STAGES),
    dueOn: z.string(),
    status: EntitlementStatusSchema,
    state: EntitlementStateSchema,
    claimedAt: TimestampSchema.nullable(),
    decidedAt: TimestampSchema.nullable(),
    reason: z.string().nullable(),
    paidAt: TimestampSchema.nullable(),
    createdAt: TimestampSchema,
  })
  .meta({ id: 'Entitlement' });
export type Entitlement = z.infer<typeof EntitlementSchema>;

export const EntitlementListSchema = z
  .object({
    items: z.array(EntitlementSchema),
    nextCursor: z.string().nullable(),
    totals: z.record(EntitlementStateSchema, z.number().int()).meta({ description: '各状态金额合计（分）' }),
  })
  .meta({ id: 'EntitlementList' });
export type EntitlementList = z.infer<typeof EntitlementListSchema>;

export const EntitlementListQuerySchema = z.object({
  state: EntitlementStateSchema.optional(),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
});

export const EntitlementIdParamsSchema = z.object({ id: ObjectIdSchema });

export const EntitlementDecisionSchema = z
  .object({
    action: z.enum(['approve', 'reject', 'pay']),
    reason: sealedText(z.string().trim().min(2, { message: 'validation.reasonRequired' }).max(200)),
  })
  .strict()
  .meta({ id: 'EntitlementDecision' });
export type EntitlementDecision = z.infer<typeof EntitlementDecisionSchema>;

export const SubsidyExportQuerySchema = z
  .object({ from: DateSchema, to: DateSchema })
  .refine((q) => q.from <= q.to, { message: 'validation.subsidy.period', path: ['to'] });
