import { z } from 'zod';
import {
  IdNumberSchema,
  MobilePhoneSchema,
  ObjectIdSchema,
  PersonNameSchema,
  RegionCodeSchema,
  TimestampSchema,
  VillageCodeSchema,
  sealedText,
} from './common.schema';
import { KeyGroupSchema, WorkerRegistrationInputSchema } from './worker.schema';
import { TravelFactsSchema } from './subsidy.schema';

/**
 * Labor brokers (劳务经纪人): application and certification, enrolment (one by one and by
 * spreadsheet import), teams (务工联队) and their placement stages, and the broker home.
 * Labels: `brokerStatus.<s>`, `teamStage.<s>`, `importOutcome.<o>`, `consentMethod.<m>`.
 */

const DateSchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { message: 'validation.date' });
const ReasonSchema = sealedText(z.string().trim().min(2, { message: 'validation.reasonRequired' }).max(200));

export const BrokerStatusSchema = z.enum(['applied', 'certified', 'suspended', 'revoked', 'rejected']);
export type BrokerStatus = z.infer<typeof BrokerStatusSchema>;

/** A worker applies to become a broker; the username and password are for the broker sign-in. */
export const BrokerApplicationInputSchema = z
  .object({
    name: PersonNameSchema,
    idNumber: IdNumberSchema,
    phone: MobilePhoneSchema,
    villageCode: VillageCodeSchema,
    /** The township or county the broker will serve. */
    serviceAreaCode: RegionCodeSchema,
    experience: sealedText(z.string().trim().min(2).max(500)),
    username: z.string().trim().toLowerCase().regex(/^[a-z0-9_.-]{3,32}$/, { message: 'validation.broker.username' }),
    password: z.string().min(8, { message: 'validation.broker.password' }).max(64),
  })
  .strict()
  .meta({ id: 'BrokerApplicationInput' });
export type BrokerApplicationInput = z.input<typeof BrokerApplicationInputSchema>;

export const BrokerHistoryEntrySchema = z.object({
  status: BrokerStatusSchema,
  at: TimestampSchema,
  byRole: z.string(),
  reason: z.string(),
});

export const BrokerProfileSchema = z
  .object({
    id: z.string(),
    accountId: z.string().nullable(),
    username: z.string(),
    name: z.string(),
    idNumberMasked: z.string(),
    phoneMasked: z.string(),
    villageCode: z.string(),
    villageName: z.string(),
    serviceAreaCode: z.string(),
    serviceAreaName: z.string(),
    experience: z.string(),
    status: BrokerStatusSchema,
    /** Only a certified broker may enroll people and claim subsidies. */
    certified: z.boolean(),
    history: z.array(BrokerHistoryEntrySchema),
    createdAt: TimestampSchema,
    updatedAt: TimestampSchema,
  })
  .meta({ id: 'BrokerProfile' });
export type BrokerProfile = z.infer<typeof BrokerProfileSchema>;

export const BrokerListSchema = z.object({ items: z.array(BrokerProfileSchema), nextCursor: z.string().nullable() }).meta({ id: 'BrokerList' });
export const BrokerListQuerySchema = z.object({
  status: BrokerStatusSchema.optional(),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
});
export const BrokerIdParamsSchema = z.object({ id: ObjectIdSchema });

export const BrokerDecisionSchema = z
  .object({ action: z.enum(['certify', 'reject', 'suspend', 'revoke']), reason: ReasonSchema })
  .strict()
  .meta({ id: 'BrokerDecision' });
export type BrokerDecision = z.infer<typeof BrokerDecisionSchema>;

/** How the person agreed to be enrolled. */
export const ConsentMethodSchema = z.enum(['signed_form', 'in_person', 'phone_call']);
export type ConsentMethod = z.infer<typeof ConsentMethodSchema>;

export const EnrolPersonInputSchema = z
  .object({
    consent: z.object({ given: z.literal(true, { message: 'validation.broker.consent' }), method: ConsentMethodSchema }),
    registration: WorkerRegistrationInputSchema,
  })
  .strict()
  .meta({ id: 'EnrolPersonInput' });
export type EnrolPersonInput = z.input<typeof EnrolPersonInputSchema>;
export type EnrolPersonData = z.output<typeof EnrolPersonInputSchema>;

/** One of my people, as the broker sees them (masked). */
export const BrokerPersonSchema = z
  .object({
    workerId: z.string(),
    name: z.string(),
    idNumberMasked: z.string(),
    phoneMasked: z.string(),
    regionName: z.string(),
    keyGroups: z.array(KeyGroupSchema),
    claimed: z.boolean(),
    enrolledAt: TimestampSchema,
  })
  .meta({ id: 'BrokerPerson' });
export type BrokerPerson = z.infer<typeof BrokerPersonSchema>;
export const BrokerPeopleSchema = z.object({ items: z.array(BrokerPersonSchema), nextCursor: z.string().nullable() }).meta({ id: 'BrokerPeople' });
export const BrokerPeopleQuerySchema = z.object({
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
});

// ---- Spreadsheet import ----

export const IMPORT_MAX_ROWS = 1000;
export const IMPORT_MAX_BYTES = 5 * 1024 * 1024;
/** An xlsx is a zip: what its parts may add up to once unpacked (a 1000-row sheet is about 2 MB). */
export const IMPORT_MAX_UNPACKED_BYTES = 20 * 1024 * 1024;
/** Cells read from one sheet (1000 rows of the template's 15 columns, with room to spare). */
export const IMPORT_MAX_CELLS = 60_000;

export const ImportOutcomeSchema = z.enum(['created', 'updated', 'rejected']);
export type ImportOutcome = z.infer<typeof ImportOutcomeSchema>;

export const ImportRowResultSchema = z.object({
  /** Row number as the spreadsheet shows it (the header is row 1). */
  row: z.number().int(),
  outcome: ImportOutcomeSchema,
  name: z.string().nullable(),
  idNumberMasked: z.string().nullable(),
  workerId: z.string().nullable(),
  /** Chinese, one per problem; empty unless rejected. */
  reasons: z.array(z.string()),
});
export type ImportRowResult = z.infer<typeof ImportRowResultSchema>;

export const ImportStatusSchema = z.enum(['queued', 'processing', 'done', 'failed']);
export type ImportStatus = z.infer<typeof ImportStatusSchema>;

export const BrokerImportSchema = z
  .object({
    id: z.string(),
    filename: z.string(),
    format: z.enum(['xlsx', 'csv']),
    status: ImportStatusSchema,
    totalRows: z.number().int(),
    processedRows: z.number().int(),
    counts: z.object({ created: z.number().int(), updated: z.number().int(), rejected: z.number().int() }),
    rows: z.array(ImportRowResultSchema),
    /** Chinese; set when the whole file was refused. */
    failure: z.string().nullable(),
    /** True when this upload was the same file as an earlier import (answered with that import). */
    repeated: z.boolean(),
    createdAt: TimestampSchema,
    finishedAt: TimestampSchema.nullable(),
  })
  .meta({ id: 'BrokerImport' });
export type BrokerImport = z.infer<typeof BrokerImportSchema>;

export const BrokerImportSummarySchema = BrokerImportSchema.omit({ rows: true }).meta({ id: 'BrokerImportSummary' });
export const BrokerImportListSchema = z.object({ items: z.array(BrokerImportSummarySchema) }).meta({ id: 'BrokerImportList' });
export const ImportIdParamsSchema = z.object({ id: ObjectIdSchema });
export const ImportTemplateQuerySchema = z.object({ format: z.enum(['xlsx', 'csv']).default('xlsx') });

// ---- Teams and placement stages ----

/** Stages a broker records: the subsidy stages plus `left` (离职, ends the placement). */
export const TeamStageSchema = z.enum(['hired', 'departed', 'arrived', 'insured', 'retained', 'left']);
export type TeamStage = z.infer<typeof TeamStageSchema>;
export const TransportArrangementSchema = z.enum(['organized_bus', 'organized_train', 'organized_flight', 'self_arranged']);
export type TransportArrangement = z.infer<typeof TransportArrangementSchema>;

export const TeamCreateInputSchema = z
  .object({
    name: z.string().trim().min(2).max(30),
    jobId: ObjectIdSchema,
    memberIds: z.array(ObjectIdSchema).max(200).default([]),
  })
  .strict()
  .meta({ id: 'TeamCreateInput' });
export type TeamCreateInput = z.input<typeof TeamCreateInputSchema>;

export const TeamMembersInputSchema = z
  .object({ workerIds: z.array(ObjectIdSchema).min(1).max(200) })
  .strict()
  .meta({ id: 'TeamMembersInput' });

export const StageInputSchema = z
  .object({
    stage: TeamStageSchema,
    /** The day it happened (China date). */
    on: DateSchema,
    /** Members it applies to; default: every current member. */
    memberIds: z.array(ObjectIdSchema).max(200).optional(),
    transport: TransportArrangementSchema.optional(),
    /** 录用: hired through a labor-dispatch company (劳务派遣). */
    laborDispatch: z.boolean().optional(),
    /** 稳定就业: months employed. */
    months: z.number().int().min(1).max(36).optional(),
    /** 到岗: distance and mode of the trip, for the transport grant (交通补助). */
    travel: TravelFactsSchema.optional(),
    note: sealedText(z.string().trim().max(200)).default(''),
  })
  .strict()
  .superRefine((v, ctx) => {
    if (v.stage === 'departed' && !v.transport) ctx.addIssue({ code: 'custom', path: ['transport'], message: 'validation.team.transportRequired' });
    if (v.stage === 'retained' && v.months === undefined) ctx.addIssue({ code: 'custom', path: ['months'], message: 'validation.team.monthsRequired' });
  })
  .meta({ id: 'StageInput' });
export type StageInput = z.input<typeof StageInputSchema>;
export type StageData = z.output<typeof StageInputSchema>;

export const TeamStageRecordSchema = z.object({
  id: z.string(),
  stage: TeamStageSchema,
  on: z.string(),
  memberIds: z.array(z.string()),
  transport: TransportArrangementSchema.nullable(),
  laborDispatch: z.boolean(),
  months: z.number().int().nullable(),
  travel: TravelFactsSchema.nullable(),
  note: z.string(),
  recordedAt: TimestampSchema,
  /** Staff confirmation: only confirmed stages earn subsidies. */
  confirmedAt: TimestampSchema.nullable(),
});
export type TeamStageRecord = z.infer<typeof TeamStageRecordSchema>;

export const TeamMemberSchema = z.object({
  workerId: z.string(),
  name: z.string(),
  idNumberMasked: z.string(),
  addedAt: TimestampSchema,
});

export const TeamSchema = z
  .object({
    id: z.string(),
    brokerId: z.string(),
    name: z.string(),
    job: z.object({ id: z.string(), title: z.string(), employerName: z.string(), regionName: z.string() }),
    members: z.array(TeamMemberSchema),
    appliedAt: TimestampSchema.nullable(),
    stages: z.array(TeamStageRecordSchema),
    /** The latest stage recorded, or `forming` / `applied`. */
    progress: z.enum(['forming', 'applied', 'hired', 'departed', 'arrived', 'insured', 'retained', 'left']),
    createdAt: TimestampSchema,
  })
  .meta({ id: 'Team' });
export type Team = z.infer<typeof TeamSchema>;
export const TeamListSchema = z.object({ items: z.array(TeamSchema) }).meta({ id: 'TeamList' });
export const TeamIdParamsSchema = z.object({ id: ObjectIdSchema });
export const TeamStageParamsSchema = z.object({ id: ObjectIdSchema, stageId: ObjectIdSchema });
export const StageConfirmInputSchema = z.object({ note: sealedText(z.string().trim().max(200)).default('') }).strict();
export const StaffTeamListQuerySchema = z.object({ unconfirmed: z.enum(['true', 'false']).transform((v) => v === 'true').optional() });

// ---- Home ----

export const BrokerHomeSchema = z
  .object({
    profile: z.object({ name: z.string(), status: BrokerStatusSchema, certified: z.boolean(), serviceAreaName: z.string() }),
    people: z.number().int(),
    teams: z.number().int(),
    subsidies: z.object({
      waitingFen: z.number().int(),
      dueFen: z.number().int(),
      claimedFen: z.number().int(),
      approvedFen: z.number().int(),
      paidFen: z.number().int(),
    }),
    /** People arrived at work (到岗) per month, oldest first, the last 12 months. */
    placementsByMonth: z.array(z.object({ month: z.string(), count: z.number().int() })),
  })
  .meta({ id: 'BrokerHome' });
export type BrokerHome = z.infer<typeof BrokerHomeSchema>;

