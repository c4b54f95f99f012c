/**
 * Staff console shapes: accounts, audit trail, region settings, intake queue and staff filing,
 * registry search and one-to-one services, publishing, four-color watch, monthly report.
 */
import { z } from 'zod';
import { WatchColors, WatchReasons } from '../domain/watch-rules';
import {
  ComplaintCaseTypeSchema,
  ComplaintChannelSchema,
  ComplaintCreateSchema,
  CaseAccessSchema,
  ComplaintStatusSchema,
  IntakePriorityReasonSchema,
  StatutoryClockSchema,
} from './complaint.schema';
import { MobilePhoneSchema, ObjectIdSchema, RegionCodeSchema, RoleSchema, TimestampSchema, sealedText } from './common.schema';
import { EmploymentStatusSchema, KeyGroupSchema, MobilitySchema, WorkLocationSchema } from './worker.schema';
import { TransportModeSchema } from './job.schema';
import { IndicatorReportSchema } from './indicator.schema';

const text = (min: number, max: number) => z.string().trim().min(min).max(max);
const dateText = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { message: 'validation.date' });
const CursorQuery = { cursor: z.string().max(200).optional(), limit: z.coerce.number().int().min(1).max(100).default(20) };
export const IdParamsSchema = z.object({ id: ObjectIdSchema });

// ── Accounts (admin) ─────────────────────────────────────────────────────────
export const StaffRoleSchema = z.enum(['staff', 'intake', 'admin', 'broker']);
export const StaffAccountSchema = z
  .object({
    id: z.string(),
    username: z.string(),
    displayName: z.string(),
    role: RoleSchema,
    regionScope: z.string().nullable(),
    regionName: z.string().nullable(),
    active: z.boolean(),
    createdAt: TimestampSchema,
  })
  .meta({ id: 'StaffAccount' });
export type StaffAccount = z.infer<typeof StaffAccountSchema>;
export const StaffAccountCreateSchema = z
  .object({
    username: z.string().trim().toLowerCase().regex(/^[a-z0-9_.-]{3,32}$/, { message: 'validation.username' }),
    displayName: text(1, 30),
    role: StaffRoleSchema,
    /** County or township; required except for admin. */
    regionScope: RegionCodeSchema.nullable().default(null),
    password: z.string().min(10, { message: 'validation.password' }).max(128),
    phone: MobilePhoneSchema.optional(),
  })
  .meta({ id: 'StaffAccountCreate' });
export const StaffAccountPatchSchema = z
  .object({
    displayName: text(1, 30).optional(),
    active: z.boolean().optional(),
    regionScope: RegionCodeSchema.nullable().optional(),
    password: z.string().min(10, { message: 'validation.password' }).max(128).optional(),
    /** Why (kept in the audit trail). */
    reason: sealedText(text(2, 200)),
  })
  .meta({ id: 'StaffAccountPatch' });
export const StaffAccountListSchema = z.object({ items: z.array(StaffAccountSchema) }).meta({ id: 'StaffAccountList' });

// ── Sign-in delays (password guessing slowed per account, address, or account on a known address) ──
export const SignInDelaySchema = z
  .object({
    id: z.string(),
    kind: z.enum(['account', 'address', 'known']),
    /** The username, a masked address (203.0.113.*), or both. */
    label: z.string(),
    failures: z.number().int(),
    /** Null when no delay is running now (failures still count for a day). */
    blockedUntil: z.iso.datetime().nullable(),
    lastFailureAt: z.iso.datetime(),
  })
  .meta({ id: 'SignInDelay' });
export type SignInDelay = z.infer<typeof SignInDelaySchema>;
export const SignInDelayListSchema = z.object({ items: z.array(SignInDelaySchema) }).meta({ id: 'SignInDelayList' });
export const SignInDelayParamsSchema = z.object({ id: z.string().min(3).max(200) });

// ── Audit trail ──────────────────────────────────────────────────────────────
export const AuditActionSchema = z.enum(['reveal', 'view', 'create', 'update', 'decide', 'verify', 'service', 'export', 'disable']);
/** Who acted: a signed-in role, or `system` (a command run on the server, e.g. admin:create). */
export const AuditActorRoleSchema = z.enum([...RoleSchema.options, 'system']);
export type AuditActorRole = z.infer<typeof AuditActorRoleSchema>;
export const AuditEntrySchema = z
  .object({
    id: z.string(),
    at: TimestampSchema,
    actorId: z.string(),
    actorRole: AuditActorRoleSchema,
    actorName: z.string().nullable(),
    action: AuditActionSchema,
    targetType: z.string(),
    targetId: z.string().nullable(),
    regionCode: z.string().nullable(),
    /** Why (required for reveals). */
    reason: z.string().nullable(),
    /** What changed or was read, in short. */
    detail: z.string().nullable(),
  })
  .meta({ id: 'AuditEntry' });
export type AuditEntry = z.infer<typeof AuditEntrySchema>;
export const AuditQuerySchema = z.object({
  actorId: ObjectIdSchema.optional(),
  action: AuditActionSchema.optional(),
  targetType: z.string().max(40).optional(),
  targetId: z.string().max(40).optional(),
  from: TimestampSchema.optional(),
  to: TimestampSchema.optional(),
  ...CursorQuery,
});
export type AuditQuery = z.infer<typeof AuditQuerySchema>;
export const AuditListSchema = z.object({ items: z.array(AuditEntrySchema), nextCursor: z.string().nullable() }).meta({ id: 'AuditList' });

// ── Region settings ──────────────────────────────────────────────────────────
const share = z.number().min(0).max(1);
export const YearTargetsSchema = z.object({
  transfers: z.number().int().nonnegative().optional(),
  outOfRegion: z.number().int().nonnegative().optional(),
  inRegion: z.number().int().nonnegative().optional(),
  governmentOrganizedShare: share.optional(),
  trainings: z.number().int().nonnegative().optional(),
  passRate: share.optional(),
  orderBasedShare: share.optional(),
  newTransfers: z.number().int().nonnegative().optional(),
  poorTransfers: z.number().int().nonnegative().optional(),
  transferRate: share.optional(),
});
export const WatchRulesSchema = z.object({
  redUnemployedMonths: z.number().int().min(1).max(24),
  redNeedsKeyGroup: z.boolean(),
  orangeJobEndedDays: z.number().int().min(1).max(365),
  yellowPostEndingDays: z.number().int().min(1).max(365),
  stableTenureMonths: z.number().int().min(1).max(36),
});
export const IntakeSettingsSchema = z.object({
  greenChannelWorkingDays: z.union([z.literal(0), z.literal(1)]),
  simplifiedThresholdFen: z.number().int().nonnegative(),
  monthlyMinimumWageFen: z.number().int().positive(),
  largeAmountFen: z.number().int().positive(),
  dueSoonDays: z.number().int().min(0).max(10),
});
export const RegionSettingsSchema = z
  .object({
    regionCode: z.string(),
    /** Where each part comes from: the region itself, an ancestor, or the defaults. */
    source: z.string(),
    intake: IntakeSettingsSchema,
    watch: WatchRulesSchema,
    /** Year → targets. */
    targets: z.record(z.string(), YearTargetsSchema),
  })
  .meta({ id: 'RegionSettings' });
export type RegionSettings = z.infer<typeof RegionSettingsSchema>;
export const RegionSettingsPutSchema = z
  .object({
    intake: IntakeSettingsSchema.partial().optional(),
    watch: WatchRulesSchema.partial().optional(),
    targets: z.record(z.string().regex(/^\d{4}$/), YearTargetsSchema).optional(),
    reason: sealedText(text(2, 200)),
  })
  .meta({ id: 'RegionSettingsPut' });
export const RegionParamsSchema = z.object({ regionCode: RegionCodeSchema });

// ── Intake queue and staff filing ────────────────────────────────────────────
export const IntakeQueueItemSchema = z
  .object({
    id: z.string(),
    caseNumber: z.string(),
    status: ComplaintStatusSchema,
    caseType: ComplaintCaseTypeSchema,
    respondentName: z.string(),
    workerName: z.string().nullable(),
    amountOwedFen: z.number().int().nullable(),
    coWorkersOwed: z.number().int(),
    channel: ComplaintChannelSchema,
    priority: z.object({ score: z.number().int(), reasons: z.array(IntakePriorityReasonSchema) }),
    /** The clock that matters now (acceptance before a decision, award after). */
    clock: StatutoryClockSchema.nullable(),
    greenChannelDueAt: TimestampSchema,
    urgency: z.enum(['overdue', 'due_soon', 'on_track', 'done']),
    missingCount: z.number().int(),
    receivedAt: TimestampSchema,
    /** No worksite known: this (home) county must decide where the case belongs. */
    needsJurisdiction: z.boolean(),
    /** A hand-off past its due time without an answer (shown like an overdue clock). */
    handoffOverdue: z.boolean(),
    /** act: this county handles it; read: followed as the worker's home county. */
    access: CaseAccessSchema,
    regionName: z.string().nullable(),
  })
  .meta({ id: 'IntakeQueueItem' });
export type IntakeQueueItem = z.infer<typeof IntakeQueueItemSchema>;
export const IntakeQueueQuerySchema = z.object({
  status: ComplaintStatusSchema.optional(),
  urgency: z.enum(['overdue', 'due_soon', 'on_track', 'done']).optional(),
  /** Open cases only (default) or all. */
  open: z.enum(['true', 'false']).default('true'),
  /** mine: cases this county handles (default); following: cases of its residents handled elsewhere (read-only). */
  view: z.enum(['mine', 'following']).default('mine'),
  limit: z.coerce.number().int().min(1).max(200).default(100),
});
export const IntakeQueueSchema = z
  .object({
    items: z.array(IntakeQueueItemSchema),
    counts: z.object({ overdue: z.number().int(), dueSoon: z.number().int(), open: z.number().int() }),
  })
  .meta({ id: 'IntakeQueue' });
export type IntakeQueue = z.infer<typeof IntakeQueueSchema>;

export const StaffComplaintCreateSchema = z
  .object({
    channel: z.enum(['walk_in', 'phone']),
    /** The registry record, when the person is registered; else name and phone. */
    workerId: ObjectIdSchema.optional(),
    workerName: text(1, 40).optional(),
    workerPhone: MobilePhoneSchema.optional(),
    /** 口头申请笔录: what the worker said, written down. */
    oralRecord: sealedText(text(5, 4000)),
    complaint: ComplaintCreateSchema,
  })
  .refine((v) => v.workerId !== undefined || (v.workerName !== undefined && v.workerPhone !== undefined), {
    message: 'validation.complaint.workerRequired',
    path: ['workerPhone'],
  })
  .meta({ id: 'StaffComplaintCreate' });
export type StaffComplaintCreate = z.infer<typeof StaffComplaintCreateSchema>;

export const ConfirmationListSchema = z
  .object({ items: z.array(z.object({ id: z.string(), caseNumber: z.string(), respondentName: z.string(), oralRecord: z.string().nullable(), receivedAt: TimestampSchema })) })
  .meta({ id: 'ComplaintConfirmationList' });

// ── Registry ─────────────────────────────────────────────────────────────────
export const RegistryQuerySchema = z.object({
  regionCode: RegionCodeSchema.optional(),
  status: EmploymentStatusSchema.optional(),
  keyGroup: KeyGroupSchema.optional(),
  mobility: MobilitySchema.optional(),
  color: z.enum(WatchColors).optional(),
  verified: z.enum(['true', 'false']).optional(),
  ...CursorQuery,
});
export type RegistryQuery = z.infer<typeof RegistryQuerySchema>;
export const WatchStateSchema = z.object({
  color: z.enum(WatchColors).nullable(),
  reasons: z.array(z.object({ code: z.enum(WatchReasons), message: z.string() })),
  computedAt: TimestampSchema.nullable(),
});
export const RegistryPersonSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    idNumberMasked: z.string(),
    phoneMasked: z.string(),
    age: z.number().int(),
    sex: z.enum(['male', 'female']),
    regionCode: z.string(),
    regionName: z.string(),
    keyGroups: z.array(KeyGroupSchema),
    mobility: MobilitySchema,
    status: EmploymentStatusSchema,
    location: WorkLocationSchema.nullable(),
    verified: z.boolean(),
    watch: WatchStateSchema,
    updatedAt: TimestampSchema,
  })
  .meta({ id: 'RegistryPerson' });
export type RegistryPerson = z.infer<typeof RegistryPersonSchema>;
export const RegistryListSchema = z.object({ items: z.array(RegistryPersonSchema), nextCursor: z.string().nullable() }).meta({ id: 'RegistryList' });

export const ServiceKindSchema = z.enum(['guidance', 'job_info', 'job_recommendation', 'training_offer', 'policy', 'other']);
export type ServiceKind = z.infer<typeof ServiceKindSchema>;
export const ServiceRecordSchema = z
  .object({
    id: z.string(),
    kind: ServiceKindSchema,
    note: z.string().nullable(),
    jobId: z.string().nullable(),
    courseId: z.string().nullable(),
    at: TimestampSchema,
    byName: z.string().nullable(),
  })
  .meta({ id: 'ServiceRecord' });
export const ServiceCreateSchema = z
  .object({
    kind: ServiceKindSchema,
    note: sealedText(text(0, 500)).optional(),
    jobId: ObjectIdSchema.optional(),
    courseId: ObjectIdSchema.optional(),
  })
  .meta({ id: 'ServiceCreate' });
export const ServiceLevelSchema = z
  .object({
    month: z.string(),
    jobInfosThisMonth: z.object({ count: z.number().int(), target: z.number().int(), met: z.boolean() }),
    /** Only for poor laborers (key group) who want to move. */
    recommendations: z.object({ count: z.number().int(), target: z.number().int(), met: z.boolean(), applies: z.boolean() }),
    /** 1 guidance + 3 job infos + 1 free training, for everyone with needs. */
    needsPackage: z.object({
      applies: z.boolean(),
      guidance: z.number().int(),
      jobInfos: z.number().int(),
      training: z.number().int(),
      met: z.boolean(),
    }),
  })
  .meta({ id: 'ServiceLevel' });
export type ServiceLevel = z.infer<typeof ServiceLevelSchema>;
export const RegistryDetailSchema = RegistryPersonSchema.extend({
  household: z.object({ regionCode: z.string(), regionName: z.string(), group: z.string() }),
  employment: z.object({
    status: EmploymentStatusSchema,
    location: WorkLocationSchema.nullable(),
    employerName: z.string().nullable(),
    trade: z.string().nullable(),
    startedOn: z.string().nullable(),
    endedOn: z.string().nullable(),
    unemployedSince: z.string().nullable(),
    postEndsOn: z.string().nullable(),
    organizedByGovernment: z.boolean(),
    hasIncome: z.boolean(),
  }),
  jobTrades: z.array(z.string()),
  wantsJob: z.boolean(),
  wantsTraining: z.boolean(),
  verifiedAt: TimestampSchema.nullable(),
  services: z.array(ServiceRecordSchema),
  serviceLevel: ServiceLevelSchema,
}).meta({ id: 'RegistryDetail' });
export type RegistryDetail = z.infer<typeof RegistryDetailSchema>;
export const RevealRequestSchema = z.object({ reason: sealedText(text(4, 200)) }).meta({ id: 'RevealRequest' });
export const RevealResponseSchema = z.object({ idNumber: z.string(), phone: z.string() }).meta({ id: 'RevealResponse' });
/** A person's full phone for a call: shown after a stated reason, every reveal audited (complainants, applicants …). */
export const PhoneRevealResponseSchema = z.object({ phone: z.string() }).meta({ id: 'PhoneRevealResponse' });
export const VerifyRequestSchema = z.object({ note: sealedText(text(0, 200)).optional() }).meta({ id: 'VerifyRequest' });
export const EmploymentUpdateSchema = z
  .object({
    status: EmploymentStatusSchema,
    location: WorkLocationSchema.optional(),
    regionCode: z.string().regex(/^\d{2,12}$/).optional(),
    employerName: sealedText(text(1, 60)).optional(),
    trade: text(1, 20).optional(),
    startedOn: dateText.optional(),
    endedOn: dateText.optional(),
    unemployedSince: dateText.optional(),
    postEndsOn: dateText.optional(),
    organizedByGovernment: z.boolean().default(false),
    hasIncome: z.boolean().default(false),
  })
  .refine((v) => !['employed', 'self_employed', 'public_welfare_post'].includes(v.status) || v.location !== undefined, {
    message: 'validation.worker.destinationRequired',
    path: ['location'],
  })
  .meta({ id: 'EmploymentUpdate' });
export type EmploymentUpdate = z.infer<typeof EmploymentUpdateSchema>;

// ── Publishing: employers, jobs, courses ─────────────────────────────────────
export const EmployerInputSchema = z
  .object({
    name: text(2, 80),
    creditCode: z.string().trim().toUpperCase().optional(),
    regionCode: RegionCodeSchema,
    industry: text(1, 30),
    description: text(0, 2000).default(''),
    contactName: text(1, 30),
    contactPhone: MobilePhoneSchema,
    verified: z.boolean().default(false),
  })
  .meta({ id: 'EmployerInput' });
export const EmployerPatchSchema = EmployerInputSchema.partial().meta({ id: 'EmployerPatch' });
export const StaffEmployerSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    creditCode: z.string().nullable(),
    regionCode: z.string(),
    industry: z.string(),
    verified: z.boolean(),
    contactName: z.string(),
    contactPhone: z.string(),
  })
  .meta({ id: 'StaffEmployer' });
export const StaffEmployerListSchema = z.object({ items: z.array(StaffEmployerSchema) }).meta({ id: 'StaffEmployerList' });

export const StaffJobInputSchema = z
  .object({
    employerId: ObjectIdSchema,
    title: text(2, 60),
    trade: text(1, 30),
    regionCode: RegionCodeSchema,
    payMinFen: z.number().int().nonnegative(),
    payMaxFen: z.number().int().nonnegative(),
    openings: z.number().int().min(1).max(100_000),
    mealsAndLodging: z.boolean().default(false),
    transport: TransportModeSchema.default('none'),
    publicWelfare: z.boolean().default(false),
    description: text(0, 4000).default(''),
    workHours: text(0, 60).default(''),
    contactName: text(1, 30),
    contactPhone: MobilePhoneSchema,
  })
  .refine((v) => v.payMaxFen >= v.payMinFen, { message: 'validation.payRange', path: ['payMaxFen'] })
  .meta({ id: 'StaffJobInput' });
export const StaffJobPatchSchema = z
  .object({
    title: text(2, 60).optional(),
    payMinFen: z.number().int().nonnegative().optional(),
    payMaxFen: z.number().int().nonnegative().optional(),
    openings: z.number().int().min(0).max(100_000).optional(),
    description: text(0, 4000).optional(),
    workHours: text(0, 60).optional(),
  })
  .meta({ id: 'StaffJobPatch' });
export const StaffJobSchema = z
  .object({
    id: z.string(),
    title: z.string(),
    trade: z.string(),
    employerName: z.string(),
    regionCode: z.string(),
    regionName: z.string(),
    payMinFen: z.number().int(),
    payMaxFen: z.number().int(),
    openings: z.number().int(),
    status: z.enum(['open', 'closed']),
    createdAt: TimestampSchema,
  })
  .meta({ id: 'StaffJob' });
export const StaffJobListSchema = z.object({ items: z.array(StaffJobSchema) }).meta({ id: 'StaffJobList' });
export const JobPushRequestSchema = z
  .object({ regionCode: RegionCodeSchema.optional(), limit: z.number().int().min(1).max(1000).default(200) })
  .meta({ id: 'JobPushRequest' });
export const JobPushResultSchema = z.object({ pushed: z.number().int(), workerIds: z.array(z.string()) }).meta({ id: 'JobPushResult' });

export const StaffCourseInputSchema = z
  .object({
    title: text(2, 60),
    trade: text(1, 30),
    provider: text(2, 80),
    regionCode: RegionCodeSchema,
    mode: z.enum(['offline', 'online', 'mixed']),
    classHours: z.number().int().min(1).max(2000),
    seats: z.number().int().min(1).max(10_000),
    startsAt: TimestampSchema,
    endsAt: TimestampSchema,
    /** 订单式/定向培训. */
    orderBased: z.boolean().default(false),
    description: text(0, 2000).default(''),
    contactName: text(0, 30).default(''),
    contactPhone: z.string().max(20).default(''),
  })
  .refine((v) => v.endsAt >= v.startsAt, { message: 'validation.courseDates', path: ['endsAt'] })
  .meta({ id: 'StaffCourseInput' });
export const StaffCoursePatchSchema = z
  .object({ title: text(2, 60).optional(), seats: z.number().int().min(0).max(10_000).optional(), description: text(0, 2000).optional(), orderBased: z.boolean().optional() })
  .meta({ id: 'StaffCoursePatch' });
export const StaffCourseSchema = z
  .object({
    id: z.string(),
    title: z.string(),
    trade: z.string(),
    provider: z.string(),
    regionCode: z.string(),
    regionName: z.string(),
    seats: z.number().int(),
    seatsTaken: z.number().int(),
    orderBased: z.boolean(),
    status: z.enum(['open', 'closed']),
    startsAt: TimestampSchema,
  })
  .meta({ id: 'StaffCourse' });
export const StaffCourseListSchema = z.object({ items: z.array(StaffCourseSchema) }).meta({ id: 'StaffCourseList' });
export const EnrollmentResultSchema = z
  .object({ enrollmentId: ObjectIdSchema, result: z.enum(['completed', 'failed']) })
  .meta({ id: 'EnrollmentResult' });

// ── Four-color watch ─────────────────────────────────────────────────────────
export const WatchCountsQuerySchema = z.object({ regionCode: RegionCodeSchema.optional() });
export const WatchVillageCountSchema = z.object({
  regionCode: z.string(),
  regionName: z.string(),
  red: z.number().int(),
  orange: z.number().int(),
  yellow: z.number().int(),
  green: z.number().int(),
});
export const WatchCountsSchema = z
  .object({
    regionCode: z.string(),
    totals: z.object({ red: z.number().int(), orange: z.number().int(), yellow: z.number().int(), green: z.number().int() }),
    villages: z.array(WatchVillageCountSchema),
    rules: WatchRulesSchema,
  })
  .meta({ id: 'WatchCounts' });
export type WatchCounts = z.infer<typeof WatchCountsSchema>;
export const WatchRecomputeResultSchema = z.object({ recomputed: z.number().int() }).meta({ id: 'WatchRecomputeResult' });

// ── Monthly report ───────────────────────────────────────────────────────────
export const MonthlyReportQuerySchema = z.object({
  regionCode: RegionCodeSchema.optional(),
  month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, { message: 'validation.month' }),
});
export type MonthlyReportQuery = z.infer<typeof MonthlyReportQuerySchema>;
const Count = z.number().int().nonnegative();
const Progress = z.object({ actual: z.number(), target: z.number().nullable(), ratio: z.number().nullable() });
export const MonthlyReportSchema = z
  .object({
    regionCode: z.string(),
    regionName: z.string(),
    month: z.string(),
    generatedAt: TimestampSchema,
    transfers: z.object({
      month: z.object({ total: Count, outOfRegion: Count, inRegion: Count, governmentOrganized: Count }),
      yearToDate: z.object({ total: Count, outOfRegion: Count, inRegion: Count, governmentOrganized: Count }),
      governmentOrganizedShare: z.number().nullable(),
    }),
    registrations: z.object({ new: Count, updated: Count, total: Count }),
    trainings: z.object({
      month: z.object({ trained: Count, passed: Count, failed: Count, orderBased: Count }),
      yearToDate: z.object({ trained: Count, passed: Count }),
      passRate: z.number().nullable(),
      orderBasedShare: z.number().nullable(),
    }),
    complaints: z.object({
      received: Count,
      accepted: Count,
      closed: Count,
      amountRecoveredFen: Count,
      medianDaysToAccept: z.number().nullable(),
      medianDaysToClose: z.number().nullable(),
    }),
    targets: z.object({
      year: z.string(),
      transfers: Progress,
      outOfRegion: Progress,
      inRegion: Progress,
      governmentOrganizedShare: Progress,
      trainings: Progress,
      passRate: Progress,
      orderBasedShare: Progress,
    }),
    /** The seed plans' indicators for the month, each with its definition and target, by township and village. */
    indicators: IndicatorReportSchema,
    /** Twelve months of the year to date, for the chart. */
    monthly: z.array(z.object({ month: z.string(), transfers: Count, trainings: Count, complaints: Count })),
  })
  .meta({ id: 'MonthlyReport' });
export type MonthlyReport = z.infer<typeof MonthlyReportSchema>;

// ── Worker notifications not delivered (admin) ───────────────────────────────
export const NotificationRetryStateSchema = z.enum(['pending', 'delivered', 'failed']);
export const NotificationRetrySchema = z
  .object({
    id: z.string(),
    complaintId: z.string(),
    caseNumber: z.string(),
    step: z.string(),
    state: NotificationRetryStateSchema,
    attempts: z.number().int(),
    nextAt: TimestampSchema.nullable(),
    lastError: z.string().nullable(),
    channel: z.enum(['wechat', 'sms', 'log']).nullable(),
    createdAt: TimestampSchema,
    deliveredAt: TimestampSchema.nullable(),
  })
  .meta({ id: 'NotificationRetry' });
export const NotificationRetryQuerySchema = z.object({ state: NotificationRetryStateSchema.optional(), limit: z.coerce.number().int().min(1).max(200).default(50) });
export const NotificationRetryListSchema = z.object({ items: z.array(NotificationRetrySchema) }).meta({ id: 'NotificationRetryList' });
export const NotificationRetryRunSchema = z
  .object({ tried: z.number().int(), delivered: z.number().int(), gaveUp: z.number().int() })
  .meta({ id: 'NotificationRetryRun' });
