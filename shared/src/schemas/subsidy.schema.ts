import { z } from 'zod';
import { SUBSIDY_STAGES } from '../domain/subsidy-rules';
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

export const SubsidyRuleInputSchema = z
  .object({
    regionCode: RegionCodeSchema,
    name: z.string().trim().min(2).max(60),
    beneficiary: z.enum(['broker', 'worker']),
    validFrom: DateSchema,
    validTo: DateSchema.nullable().default(null),
    tiers: z.array(SubsidyTierSchema).min(1).max(6).meta({ description: '按顺序匹配，第一个符合的档次生效' }),
    limits: z.object({
      oncePerPerson: z.boolean().default(false),
      oncePerPersonPerYear: z.boolean().default(false),
      oncePerPersonPerEmployer: z.boolean().default(false),
    }),
    exclusions: z.object({ laborDispatch: z.boolean().default(false) }),
    requires: z.object({ organizedTransport: z.boolean().default(false), outsideHomeCounty: z.boolean().default(false) }),
    active: z.boolean(),
    /** Where the rule comes from (the policy document and article). */
    source: z.string().trim().max(200).default(''),
  })
  .strict()
  .meta({ id: 'SubsidyRuleInput' });
export type SubsidyRuleInput = z.input<typeof SubsidyRuleInputSchema>;
export type SubsidyRuleFields = z.output<typeof SubsidyRuleInputSchema>;

export const SubsidyRuleSchema = z
  .object({
    key: z.string(),
    regionCode: z.string(),
    regionName: z.string(),
    name: z.string(),
    beneficiary: z.enum(['broker', 'worker']),
    validFrom: z.string(),
    validTo: z.string().nullable(),
    tiers: z.array(
      z.object({
        keyGroups: z.array(KeyGroupSchema),
        amountFen: z.number().int(),
        installments: z.array(z.object({ shareBp: z.number().int(), stage: SubsidyStageSchema, delayMonths: z.number().int() })),
      }),
    ),
    limits: z.object({ oncePerPerson: z.boolean(), oncePerPersonPerYear: z.boolean(), oncePerPersonPerEmployer: z.boolean() }),
    exclusions: z.object({ laborDispatch: z.boolean() }),
    requires: z.object({ organizedTransport: z.boolean(), outsideHomeCounty: z.boolean() }),
    active: z.boolean(),
    source: z.string(),
    updatedAt: TimestampSchema,
  })
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
    stage: SubsidyStageSchema,
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
