import { z } from 'zod';
import { yuanToFen } from '../domain/money';
import { ComplaintMissingItems, ComplaintOutcomes, ComplaintStatuses } from '../domain/complaint-rules';
import { AWARD_EXTENSION_MAX_DAYS } from '../domain/complaint-clocks';
import { MobilePhoneSchema, ObjectIdSchema, RegionCodeSchema, TimestampSchema, sealedText } from './common.schema';
import { KeyGroupSchema } from './worker.schema';
import { TimelineNoteSchema } from './timeline-note.schema';
import { OfficeRefSchema } from './office.schema';

/** Evidence limits, checked again by the BFF (by content, not by name). */
export const EVIDENCE_MAX_FILES = 9;
export const EVIDENCE_MAX_BYTES = 10 * 1024 * 1024;
export const EvidenceContentTypeSchema = z.enum([
  'image/jpeg',
  'image/png',
  'image/webp',
  'image/heic',
  'application/pdf',
]);
export type EvidenceContentType = z.infer<typeof EvidenceContentTypeSchema>;

export const ComplaintStatusSchema = z.enum(ComplaintStatuses);
export type { ComplaintStatus } from '../domain/complaint-rules';
export const ComplaintCaseTypeSchema = z.enum(['construction', 'non_construction']);
export type ComplaintCaseType = z.infer<typeof ComplaintCaseTypeSchema>;
export const ComplaintMissingItemSchema = z.enum(ComplaintMissingItems);
export const ComplaintDemandSchema = z.enum([
  'pay_wages',
  'overtime_pay',
  'compensation',
  'labor_contract',
  'social_insurance',
  'other',
]);
export type ComplaintDemand = z.infer<typeof ComplaintDemandSchema>;
export const ComplaintOutcomeSchema = z.enum(ComplaintOutcomes);
export type ComplaintOutcome = z.infer<typeof ComplaintOutcomeSchema>;

/** '' from an untouched input counts as not given. */
const optionalText = (max: number) =>
  z.preprocess(
    (v) => (typeof v === 'string' && v.trim() === '' ? undefined : v),
    sealedText(z.string().trim().max(max)).optional(),
  );
const dateText = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { message: 'validation.date' });

/** Yuan as typed ("12,000.50", 12000.5) → integer fen. */
export const AmountYuanSchema = z
  .union([z.string().max(24), z.number()])
  .transform((v, ctx) => {
    const fen = yuanToFen(v);
    if (fen === null) {
      ctx.addIssue({ code: 'custom', message: 'validation.amountYuan' });
      return z.NEVER;
    }
    return fen;
  })
  .meta({ description: '金额（元），最多两位小数', example: '12000.50' });

export const BankCardInputSchema = z.object({
  cardNumber: z
    .string()
    .transform((v) => v.replace(/[\s-]/g, ''))
    .pipe(z.string().regex(/^\d{12,19}$/, { message: 'validation.bankCard' })),
  bankName: optionalText(40),
  holderName: optionalText(30),
});

/** The guided form. Everything except case type and who owes is optional (容缺受理). */
export const ComplaintCreateSchema = z
  .object({
    caseType: ComplaintCaseTypeSchema,
    respondent: z.object({
      kind: z.enum(['employer', 'foreman']),
      /** Company, boss or foreman (包工头) name. */
      name: z.string().trim().min(1).max(80),
      phone: z.preprocess((v) => (v === '' ? undefined : v), MobilePhoneSchema.optional()),
    }),
    project: z
      .object({
        name: optionalText(100),
        regionCode: z.preprocess((v) => (v === '' ? undefined : v), RegionCodeSchema.optional()),
        address: optionalText(200),
      })
      .optional(),
    /** 总包 (construction): pays first under the wage payment rules. */
    mainContractor: optionalText(100),
    workPeriod: z
      .object({ from: dateText.optional(), to: dateText.optional() })
      .refine((p) => !p.from || !p.to || p.from <= p.to, { message: 'validation.workPeriod', path: ['to'] })
      .optional(),
    amountOwedYuan: z.preprocess((v) => (v === '' || v === null ? undefined : v), AmountYuanSchema.optional()),
    /** Other workers owed by the same boss; 10 or more makes a group case. */
    coWorkersOwed: z.coerce.number().int().min(0).max(100_000).default(0),
    demands: z.array(ComplaintDemandSchema).max(6).default(['pay_wages']),
    demandNote: optionalText(500),
    bankCard: BankCardInputSchema.optional(),
  })
  .meta({ id: 'ComplaintCreate' });
export type ComplaintCreateInput = z.input<typeof ComplaintCreateSchema>;
export type ComplaintCreate = z.output<typeof ComplaintCreateSchema>;

const requiredText = (max: number) => z.string().trim().min(1, { message: 'validation.required' }).max(max);

/**
 * One missing item (容缺) the worker adds after filing (补充材料). Photos and documents go through
 * POST /complaints/:id/evidence; each addition leaves a timeline entry.
 */
export const ComplaintSupplementSchema = z
  .discriminatedUnion('item', [
    z.object({ item: z.literal('respondentPhone'), phone: MobilePhoneSchema }),
    z.object({ item: z.literal('projectName'), name: requiredText(100) }),
    z.object({ item: z.literal('projectSite'), regionCode: RegionCodeSchema, address: requiredText(200) }),
    z.object({ item: z.literal('mainContractor'), name: requiredText(100) }),
    z
      .object({ item: z.literal('workPeriod'), from: dateText, to: dateText })
      .refine((p) => p.from <= p.to, { message: 'validation.workPeriod', path: ['to'] }),
    z.object({
      item: z.literal('amountOwed'),
      amountOwedYuan: AmountYuanSchema.refine((fen) => fen > 0, { message: 'validation.amountYuan' }),
    }),
    z.object({ item: z.literal('bankCard'), bankCard: BankCardInputSchema }),
  ])
  .meta({ id: 'ComplaintSupplement' });
export type ComplaintSupplementInput = z.input<typeof ComplaintSupplementSchema>;
export type ComplaintSupplement = z.output<typeof ComplaintSupplementSchema>;
/** The items a worker adds through ComplaintSupplementSchema (the rest: evidence upload). */
export type SupplementItem = ComplaintSupplement['item'];

export const EvidenceFileSchema = z
  .object({
    id: z.string(),
    filename: z.string(),
    contentType: EvidenceContentTypeSchema,
    size: z.number().int().nonnegative(),
    uploadedAt: TimestampSchema,
  })
  .meta({ id: 'EvidenceFile' });
export type EvidenceFile = z.infer<typeof EvidenceFileSchema>;

export const ComplaintTimelineEntrySchema = z.object({
  status: ComplaintStatusSchema,
  at: TimestampSchema,
  /** Reason (不予受理), outcome or extension note, in Chinese (older clients and entries read this). */
  note: z.string().nullable(),
  /** The same note as codes with parameters, rendered in the reader's language; absent on old entries and free-text reasons. */
  notes: z.array(TimelineNoteSchema).optional(),
  /** The intake step that wrote the entry (mediation_result, refer, hearing, award …); absent for plain moves. */
  action: z.string().optional(),
});

export const StatutoryClockSchema = z.object({
  kind: z.enum(['acceptance', 'award']),
  startedAt: TimestampSchema,
  dueAt: TimestampSchema,
  stoppedAt: TimestampSchema.nullable(),
  state: z.enum(['running', 'overdue', 'met', 'late']),
  daysLeft: z.number().int().nullable(),
  extensionDays: z.number().int().nonnegative(),
});

/** A notice as a code (the client renders it from its catalog) and, for older clients, its Chinese text. */
export const ComplaintNoticeSchema = z.object({ code: z.string(), message: z.string() });

/** Warnings that do not block filing, each with its catalog key. */
export const ComplaintWarningKeys = {
  older_worker: 'complaint.warning.olderWorker',
  group_case: 'complaint.warning.groupCase',
} as const;
export const ComplaintWarningCodeSchema = z.enum(['older_worker', 'group_case']);
export type ComplaintWarningCode = z.infer<typeof ComplaintWarningCodeSchema>;

export const ComplaintChannelSchema = z.enum(['online', 'walk_in', 'phone']);
/** Where a case is handed off: labour inspection, legal aid, public security (恶意欠薪). */
export const HandoffToSchema = z.enum(['labor_inspection', 'legal_aid', 'public_security']);
export type ComplaintChannel = z.infer<typeof ComplaintChannelSchema>;
export const IntakePriorityReasonSchema = z.enum(['group_case', 'key_group', 'large_amount', 'older_worker', 'near_deadline']);

/** What a staff member may do with a case: act on it (its county), or follow it read-only (the worker's home county). */
export const CaseAccessSchema = z.enum(['act', 'read']);
export type CaseAccess = z.infer<typeof CaseAccessSchema>;

/** Which office handles the case (the worksite county), as the worker and staff see it. */
export const ComplaintJurisdictionSchema = z
  .object({
    regionCode: z.string().nullable(),
    regionName: z.string().nullable(),
    /** "XX县 劳动保障监察/仲裁院" in Chinese (staff pages, older clients); workers' clients compose it from officeRef. */
    office: z.string().nullable(),
    /** The office as kind + county, named by the client in the reader's language. */
    officeRef: OfficeRefSchema.nullable(),
    /** No worksite given: the home county's triage must decide where it belongs (需确定管辖). */
    needsJurisdiction: z.boolean(),
    /** Moved from another county (the clocks still run from the first receipt). */
    transferred: z.boolean(),
  })
  .meta({ id: 'ComplaintJurisdiction' });
export type ComplaintJurisdiction = z.infer<typeof ComplaintJurisdictionSchema>;

export const CaseTransferSchema = z.object({
  fromRegionCode: z.string().nullable(),
  fromRegionName: z.string().nullable(),
  toRegionCode: z.string(),
  toRegionName: z.string().nullable(),
  reason: z.string(),
  at: TimestampSchema,
});

/** The complainant as the officer sees them: masked by default; the full phone only through an audited reveal. */
export const ComplainantSchema = z
  .object({
    name: z.string().nullable(),
    phoneMasked: z.string().nullable(),
    idMasked: z.string().nullable(),
    age: z.number().int().nullable(),
    olderWorker: z.boolean(),
    keyGroups: z.array(KeyGroupSchema),
    householdRegionName: z.string().nullable(),
  })
  .meta({ id: 'Complainant' });
export type Complainant = z.infer<typeof ComplainantSchema>;

/** The green channel's side of a case (staff console; the worker sees the timeline). */
export const ComplaintIntakeSchema = z
  .object({
    channel: ComplaintChannelSchema,
    /** Oral application written down by staff (口头申请笔录). */
    oralRecord: z.string().nullable(),
    /** Staff-filed cases: when the worker confirmed; null = not yet. */
    workerConfirmedAt: TimestampSchema.nullable(),
    priority: z.object({ score: z.number().int().nonnegative(), reasons: z.array(IntakePriorityReasonSchema) }),
    /** Green-channel acceptance target (same or next working day). */
    greenChannelDueAt: TimestampSchema,
    greenChannelMet: z.boolean().nullable(),
    procedure: z.enum(['simplified', 'ordinary']).nullable(),
    /** 一裁终局: the claim is at most 12 × the local monthly minimum wage. */
    finalAward: z.boolean().nullable(),
    hearingAt: TimestampSchema.nullable(),
    mediation: z
      .object({
        record: z.string(),
        agreement: z.string().nullable(),
        agreedAmountFen: z.number().int().nullable(),
        succeeded: z.boolean(),
        at: TimestampSchema,
      })
      .nullable(),
    referral: z
      .object({
        to: HandoffToSchema,
        at: TimestampSchema,
        note: z.string().nullable(),
        /** The receiving office, its answer due time and its answer (a tracked hand-off). */
        office: z.string().nullable(),
        dueAt: TimestampSchema.nullable(),
        answer: z.string().nullable(),
        answeredAt: TimestampSchema.nullable(),
        overdue: z.boolean(),
        /** Labour inspection: decide on the case within 5 working days, investigate within 60 (+30 once). */
        acceptDueAt: TimestampSchema.nullable(),
        investigateDueAt: TimestampSchema.nullable(),
        extended: z.boolean(),
      })
      .nullable(),
    advanceExecution: z
      .object({ amountFen: z.number().int(), at: TimestampSchema, note: z.string().nullable() })
      .nullable(),
    award: z
      .object({ amountFen: z.number().int(), summary: z.string(), at: TimestampSchema, final: z.boolean() })
      .nullable(),
    extensionApproval: z
      .object({ approvedBy: z.string().nullable(), reason: z.string(), at: TimestampSchema })
      .nullable(),
    amountRecoveredFen: z.number().int().nullable(),
    workerName: z.string().nullable(),
    /** act: this county handles it; read: the worker's home county follows it. */
    access: CaseAccessSchema,
    complainant: ComplainantSchema,
    homeRegionName: z.string().nullable(),
    transfers: z.array(CaseTransferSchema),
  })
  .meta({ id: 'ComplaintIntake' });
export type ComplaintIntake = z.infer<typeof ComplaintIntakeSchema>;

export const ComplaintSchema = z
  .object({
    id: z.string(),
    /** Readable and unique: county code, Shanghai date, sequence (150521-20260601-0001). */
    caseNumber: z.string(),
    status: ComplaintStatusSchema,
    caseType: ComplaintCaseTypeSchema,
    respondent: z.object({
      kind: z.enum(['employer', 'foreman']),
      name: z.string(),
      phoneMasked: z.string().nullable(),
    }),
    project: z.object({
      name: z.string().nullable(),
      regionCode: z.string().nullable(),
      regionName: z.string().nullable(),
      address: z.string().nullable(),
    }),
    mainContractor: z.string().nullable(),
    workPeriod: z.object({ from: z.string().nullable(), to: z.string().nullable() }),
    amountOwedFen: z.number().int().nonnegative().nullable(),
    coWorkersOwed: z.number().int().nonnegative(),
    groupCase: z.boolean(),
    demands: z.array(ComplaintDemandSchema),
    demandNote: z.string().nullable(),
    /** Masked: 6222 **** **** 1234. */
    bankCard: z
      .object({ cardMasked: z.string(), bankName: z.string().nullable(), holderName: z.string().nullable() })
      .nullable(),
    evidence: z.array(EvidenceFileSchema),
    /** What is still missing, in one list; the case is filed all the same. */
    missingItems: z.array(ComplaintNoticeSchema.extend({ code: ComplaintMissingItemSchema })),
    /** Warnings that do not block filing (e.g. the worker is 60 or older). */
    warnings: z.array(ComplaintNoticeSchema.extend({ code: ComplaintWarningCodeSchema })),
    timeline: z.array(ComplaintTimelineEntrySchema),
    clocks: z.array(StatutoryClockSchema),
    rejectionReason: z.string().nullable(),
    outcome: ComplaintOutcomeSchema.nullable(),
    jurisdiction: ComplaintJurisdictionSchema,
    /** Green-channel details: for intake staff; workers get the same through the timeline. */
    intake: ComplaintIntakeSchema.optional(),
    createdAt: TimestampSchema,
    updatedAt: TimestampSchema,
  })
  .meta({ id: 'Complaint' });
export type Complaint = z.infer<typeof ComplaintSchema>;

export const ComplaintSummarySchema = z
  .object({
    id: z.string(),
    caseNumber: z.string(),
    status: ComplaintStatusSchema,
    caseType: ComplaintCaseTypeSchema,
    respondentName: z.string(),
    amountOwedFen: z.number().int().nonnegative().nullable(),
    groupCase: z.boolean(),
    missingCount: z.number().int().nonnegative(),
    /** Office handling the case ("XX县 劳动保障监察/仲裁院", Chinese); clients name it from officeRef. */
    office: z.string().nullable(),
    officeRef: OfficeRefSchema.nullable(),
    createdAt: TimestampSchema,
  })
  .meta({ id: 'ComplaintSummary' });
export type ComplaintSummary = z.infer<typeof ComplaintSummarySchema>;

export const ComplaintListQuerySchema = z.object({
  status: ComplaintStatusSchema.optional(),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(50).default(20),
});
export type ComplaintListQuery = z.infer<typeof ComplaintListQuerySchema>;

export const ComplaintListResponseSchema = z
  .object({ items: z.array(ComplaintSummarySchema), nextCursor: z.string().nullable() })
  .meta({ id: 'ComplaintList' });
export type ComplaintListResponse = z.infer<typeof ComplaintListResponseSchema>;

export const ComplaintIdParamsSchema = z.object({ id: ObjectIdSchema });
export const ComplaintEvidenceParamsSchema = z.object({ id: ObjectIdSchema, fileId: ObjectIdSchema });

const decisionVariants = [
  z.object({ action: z.literal('accept') }),
  z.object({ action: z.literal('reject'), reason: sealedText(z.string().trim().min(2).max(500)) }),
  z.object({ action: z.literal('mediate') }),
  z.object({ action: z.literal('arbitrate'), hearingAt: TimestampSchema.optional() }),
  z.object({
    action: z.literal('extend'),
    days: z.number().int().min(1).max(AWARD_EXTENSION_MAX_DAYS),
    reason: sealedText(z.string().trim().min(2).max(500)),
    /** Who approved the extension (仲裁委主任 …); recorded with the case. */
    approvedBy: optionalText(40),
  }),
  z.object({
    action: z.literal('close'),
    outcome: ComplaintOutcomeSchema,
    note: optionalText(500),
    amountRecoveredYuan: z.preprocess((v) => (v === '' || v === null ? undefined : v), AmountYuanSchema.optional()),
  }),
] as const;

/** Intake officer's step on a case. */
export const ComplaintDecisionSchema = z
  .discriminatedUnion('action', [...decisionVariants])
  .meta({ id: 'ComplaintDecision' });
export type ComplaintDecision = z.infer<typeof ComplaintDecisionSchema>;

/** Every green-channel step of the staff console: the decisions above plus mediation results, referrals, hearings, 先予执行 and the award. Each leaves a timeline entry the worker sees. */
export const IntakeActionSchema = z
  .discriminatedUnion('action', [
    ...decisionVariants,
    z.object({
      action: z.literal('mediation_result'),
      /** 调解笔录. */
      record: sealedText(z.string().trim().min(2).max(2000)),
      /** 调解协议; empty when mediation failed. */
      agreement: optionalText(2000),
      agreedAmountYuan: z.preprocess((v) => (v === '' || v === null ? undefined : v), AmountYuanSchema.optional()),
      succeeded: z.boolean(),
    }),
    z.object({
      action: z.literal('refer'),
      to: HandoffToSchema,
      note: optionalText(500),
      /** The receiving office by name (e.g. 科左中旗公安局经侦大队). */
      office: optionalText(100),
      /** Answer due (Shanghai date); default: inspection 5 working days, others 5 working days. */
      dueDate: dateText.optional(),
    }),
    /** The receiving office's answer to a hand-off. */
    z.object({ action: z.literal('handoff_answer'), answer: sealedText(z.string().trim().min(2).max(1000)) }),
    z.object({ action: z.literal('inspection_extend'), reason: sealedText(z.string().trim().min(2).max(500)) }),
    z.object({ action: z.literal('hearing'), hearingAt: TimestampSchema }),
    z.object({
      action: z.literal('advance_execution'),
      amountYuan: AmountYuanSchema,
      note: optionalText(500),
    }),
    z.object({ action: z.literal('award'), amountYuan: AmountYuanSchema, summary: sealedText(z.string().trim().min(2).max(2000)) }),
    /** Move the case to the county that can act (or confirm this one); the clocks keep running from the first receipt. */
    z.object({ action: z.literal('transfer'), toRegionCode: RegionCodeSchema, reason: sealedText(z.string().trim().min(2).max(500)) }),
  ])
  .meta({ id: 'IntakeAction' });
export type IntakeAction = z.infer<typeof IntakeActionSchema>;
