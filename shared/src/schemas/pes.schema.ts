import { z } from 'zod';
import { ObjectIdSchema, TimestampSchema } from './common.schema';

/** The public employment service (PES) connector, as admins and staff see it. */

export const PesRecordKindSchema = z.enum(['job', 'course', 'employment']);
export type PesRecordKind = z.infer<typeof PesRecordKindSchema>;

export const PesSyncCountsSchema = z.object({
  created: z.number().int(),
  updated: z.number().int(),
  removed: z.number().int(),
  stale: z.number().int(),
  rejected: z.number().int(),
});

export const PesSyncKindStatusSchema = z
  .object({
    kind: PesRecordKindSchema,
    lastStartedAt: TimestampSchema.nullable(),
    lastFinishedAt: TimestampSchema.nullable(),
    lastSuccessAt: TimestampSchema.nullable(),
    lastError: z.string().nullable(),
    /** The instance holding the sync lease now, if any. */
    runningOn: z.string().nullable(),
    totals: PesSyncCountsSchema,
  })
  .meta({ id: 'PesSyncKindStatus' });

export const PesOutboxCountsSchema = z.object({
  pending: z.number().int(),
  dead: z.number().int(),
  deliveredLastDay: z.number().int(),
  oldestPendingAt: TimestampSchema.nullable(),
});

export const PesStatusSchema = z
  .object({
    enabled: z.boolean(),
    sync: z.array(PesSyncKindStatusSchema),
    /** For staff: items of their region only. */
    outbox: PesOutboxCountsSchema,
    rejected: z.number().int(),
  })
  .meta({ id: 'PesStatus' });
export type PesStatus = z.infer<typeof PesStatusSchema>;

export const PesOutboxStateSchema = z.enum(['pending', 'delivered', 'dead']);
export type PesOutboxState = z.infer<typeof PesOutboxStateSchema>;

export const PesOutboxItemSchema = z
  .object({
    id: z.string(),
    type: z.enum(['registration', 'registration_update', 'complaint', 'case_event']),
    ref: z.string(),
    sequence: z.number().int(),
    state: PesOutboxStateSchema,
    attempts: z.number().int(),
    nextAttemptAt: TimestampSchema,
    lastError: z.string().nullable(),
    occurredAt: TimestampSchema,
    createdAt: TimestampSchema,
    deliveredAt: TimestampSchema.nullable(),
    deadAt: TimestampSchema.nullable(),
  })
  .meta({ id: 'PesOutboxItem' });
export type PesOutboxItem = z.infer<typeof PesOutboxItemSchema>;

export const PesListQuerySchema = z.object({
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});
export const PesOutboxQuerySchema = PesListQuerySchema.extend({ state: PesOutboxStateSchema.default('pending') });

export const PesOutboxListSchema = z.object({ items: z.array(PesOutboxItemSchema), nextCursor: z.string().nullable() }).meta({ id: 'PesOutboxList' });
export type PesOutboxList = z.infer<typeof PesOutboxListSchema>;

export const PesRejectSchema = z
  .object({
    id: z.string(),
    kind: PesRecordKindSchema,
    source: z.enum(['pull', 'file']),
    upstreamId: z.string().nullable(),
    reason: z.string(),
    record: z.string(),
    count: z.number().int(),
    firstSeenAt: TimestampSchema,
    lastSeenAt: TimestampSchema,
  })
  .meta({ id: 'PesReject' });
export const PesRejectListSchema = z.object({ items: z.array(PesRejectSchema), nextCursor: z.string().nullable() }).meta({ id: 'PesRejectList' });
export type PesRejectList = z.infer<typeof PesRejectListSchema>;

export const PesIdParamsSchema = z.object({ id: ObjectIdSchema });
export const PesRetryResultSchema = z.object({ retried: z.number().int() }).meta({ id: 'PesRetryResult' });
export type PesRetryResult = z.infer<typeof PesRetryResultSchema>;

export const PesImportQuerySchema = z.object({ kind: PesRecordKindSchema, format: z.enum(['jsonl', 'csv']) });
export const PesImportResultSchema = z
  .object({
    lines: z.number().int(),
    created: z.number().int(),
    updated: z.number().int(),
    removed: z.number().int(),
    stale: z.number().int(),
    rejected: z.number().int(),
  })
  .meta({ id: 'PesImportResult' });

export const PesSyncRunSchema = z
  .object({ runs: z.array(z.object({ kind: PesRecordKindSchema, ran: z.boolean(), pages: z.number().int(), counts: PesSyncCountsSchema, error: z.string().nullable() })) })
  .meta({ id: 'PesSyncRun' });
