/**
 * Outcomes and what follows from them: confirmed outcomes with a job history per person,
 * follow-up tasks from the four-color watch, and a worker's own grants (补贴) with status.
 */
import { z } from 'zod';
import { HistorySources, OutcomeKinds } from '../domain/outcomes';
import { WatchColors } from '../domain/watch-rules';
import { ObjectIdSchema, TimestampSchema, sealedText } from './common.schema';
import { EntitlementSchema, EntitlementStateSchema, TravelFactsSchema, TravelModeSchema } from './subsidy.schema';
import { EmploymentStatusSchema, WorkLocationSchema } from './worker.schema';

const dateText = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { message: 'validation.date' });
const text = (min: number, max: number) => z.string().trim().min(min).max(max);

export const OutcomeKindSchema = z.enum(OutcomeKinds);
export const HistorySourceSchema = z.enum(HistorySources);

/** Staff confirm an outcome for one person. */
export const OutcomeInputSchema = z
  .object({
    kind: OutcomeKindSchema,
    on: dateText,
    location: WorkLocationSchema.optional(),
    regionCode: z.string().regex(/^\d{2,12}$/).optional(),
    employerName: sealedText(text(1, 60)).optional(),
    trade: text(1, 20).optional(),
    organizedByGovernment: z.boolean().optional(),
    postEndsOn: dateText.optional(),
    /** 到岗: distance and mode of the trip, for the transport grant (交通补助). */
    travel: TravelFactsSchema.optional(),
    note: sealedText(text(0, 200)).optional(),
  })
  .refine((v) => v.kind !== 'arrived' || v.location !== undefined || v.regionCode !== undefined, {
    message: 'validation.worker.destinationRequired',
    path: ['location'],
  })
  .refine((v) => v.kind === 'arrived' || v.travel === undefined, { message: 'validation.travel.arrivedOnly', path: ['travel'] })
  .meta({ id: 'OutcomeInput' });
export type OutcomeInput = z.infer<typeof OutcomeInputSchema>;

export const JobHistoryEntrySchema = z
  .object({
    id: z.string(),
    kind: z.union([OutcomeKindSchema, z.literal('registered')]),
    source: HistorySourceSchema,
    on: z.string(),
    status: EmploymentStatusSchema,
    location: WorkLocationSchema.nullable(),
    regionCode: z.string().nullable(),
    regionName: z.string().nullable(),
    employerName: z.string().nullable(),
    startedOn: z.string().nullable(),
    endedOn: z.string().nullable(),
    organizedByGovernment: z.boolean(),
    travel: TravelFactsSchema.nullable(),
    recordedAt: TimestampSchema,
  })
  .meta({ id: 'JobHistoryEntry' });
export type JobHistoryEntry = z.infer<typeof JobHistoryEntrySchema>;
export const JobHistoryListSchema = z.object({ items: z.array(JobHistoryEntrySchema) }).meta({ id: 'JobHistoryList' });

// ── Follow-up tasks from the watch ───────────────────────────────────────────
export const FollowUpStateSchema = z.enum(['open', 'overdue', 'done']);
export const FollowUpTaskSchema = z
  .object({
    id: z.string(),
    workerId: z.string(),
    workerName: z.string(),
    regionCode: z.string(),
    regionName: z.string(),
    fromColor: z.enum(WatchColors).nullable(),
    toColor: z.enum(WatchColors).nullable(),
    reasons: z.array(z.string()),
    assigneeId: z.string().nullable(),
    assigneeName: z.string().nullable(),
    dueOn: z.string(),
    state: FollowUpStateSchema,
    createdAt: TimestampSchema,
    doneAt: TimestampSchema.nullable(),
    note: z.string().nullable(),
  })
  .meta({ id: 'FollowUpTask' });
export type FollowUpTask = z.infer<typeof FollowUpTaskSchema>;
export const FollowUpQuerySchema = z.object({
  state: FollowUpStateSchema.optional(),
  mine: z.enum(['true', 'false']).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
});
export const FollowUpListSchema = z
  .object({ items: z.array(FollowUpTaskSchema), counts: z.object({ open: z.number().int(), overdue: z.number().int() }) })
  .meta({ id: 'FollowUpList' });
export type FollowUpList = z.infer<typeof FollowUpListSchema>;
export const FollowUpDoneSchema = z.object({ note: sealedText(text(2, 200)) }).meta({ id: 'FollowUpDone' });
export const WatchSweepResultSchema = z.object({ counties: z.number().int(), recomputed: z.number().int(), changed: z.number().int() }).meta({ id: 'WatchSweepResult' });

// ── A worker's own grants ────────────────────────────────────────────────────
/** What a grant is for, labelled in the worker's language: 一次性求职创业补贴, 交通补助, 培训生活费补贴. */
export const WorkerGrantKindSchema = z.enum(['job_seeking', 'transport', 'training_allowance', 'other']);
export type WorkerGrantKind = z.infer<typeof WorkerGrantKindSchema>;
/** Why the grant has its amount, told in plain words: the distance band and mode, or the course. */
export const GrantBasisSchema = z
  .discriminatedUnion('kind', [
    z.object({ kind: z.literal('transport'), distanceKm: z.number().int(), mode: TravelModeSchema, fromKm: z.number().int(), toKm: z.number().int().nullable() }),
    z.object({ kind: z.literal('training'), courseTitle: z.string(), classHours: z.number().int(), days: z.number().int().nullable() }),
  ])
  .meta({ id: 'GrantBasis' });
export type GrantBasis = z.infer<typeof GrantBasisSchema>;
export const WorkerGrantSchema = z
  .object({
    id: z.string(),
    kind: WorkerGrantKindSchema,
    ruleName: z.string(),
    amountFen: z.number().int(),
    state: EntitlementStateSchema,
    dueOn: z.string(),
    /** The worker must apply (申领) for it; false when it is paid without asking (免申即享). */
    needsClaim: z.boolean(),
    claimable: z.boolean(),
    reason: z.string().nullable(),
    basis: GrantBasisSchema.nullable(),
    paidAt: TimestampSchema.nullable(),
  })
  .meta({ id: 'WorkerGrant' });
export type WorkerGrant = z.infer<typeof WorkerGrantSchema>;
export const WorkerGrantListSchema = z
  .object({ items: z.array(WorkerGrantSchema), totalFen: z.number().int(), paidFen: z.number().int() })
  .meta({ id: 'WorkerGrantList' });
export type WorkerGrantList = z.infer<typeof WorkerGrantListSchema>;
export const GrantIdParamsSchema = z.object({ id: ObjectIdSchema });

/** Staff: workers' grants the data already proves (due, facts verified), to approve and pay without a claim (免申即享). */
export const ReadyToPayListSchema = z
  .object({ items: z.array(EntitlementSchema), totalFen: z.number().int() })
  .meta({ id: 'ReadyToPayList' });
