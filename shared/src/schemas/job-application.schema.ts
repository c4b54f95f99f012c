import { z } from 'zod';
import { ObjectIdSchema, TimestampSchema, sealedText } from './common.schema';
import { JobSummarySchema } from './job.schema';

/** 已报名 → 已联系 → 已录用 / 未录用; the worker may withdraw (已撤回) until hired or turned down. */
export const ApplicationStatusSchema = z.enum(['applied', 'contacted', 'hired', 'rejected', 'withdrawn']);
export type ApplicationStatus = z.infer<typeof ApplicationStatusSchema>;

export const ApplicationStatusChangeSchema = z.object({ status: ApplicationStatusSchema, at: TimestampSchema });

/** One worker's application to one job (one per worker and job). */
export const JobApplicationSchema = z
  .object({
    id: z.string(),
    jobId: z.string(),
    status: ApplicationStatusSchema,
    history: z.array(ApplicationStatusChangeSchema),
    /** The job as it is now; null when it was removed since. */
    job: JobSummarySchema.nullable(),
    /** The employer's contact phone, given once applied. */
    contactPhone: z.string().nullable(),
    createdAt: TimestampSchema,
    updatedAt: TimestampSchema,
  })
  .meta({ id: 'JobApplication' });
export type JobApplication = z.infer<typeof JobApplicationSchema>;

/** The answer to "apply": the application, and whether this request created it (false on a retry). */
export const ApplyResultSchema = z
  .object({
    application: JobApplicationSchema,
    created: z.boolean(),
    /** Plain warnings when the job's conditions (age range, a required certificate) exclude the person. */
    warnings: z.array(z.string()).default([]),
  })
  .meta({ id: 'ApplyResult' });
export type ApplyResult = z.infer<typeof ApplyResultSchema>;

export const ApplicationListQuerySchema = z.object({
  status: ApplicationStatusSchema.optional(),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(50).default(20),
});
export type ApplicationListQuery = z.infer<typeof ApplicationListQuerySchema>;

export const ApplicationListResponseSchema = z
  .object({ items: z.array(JobApplicationSchema), nextCursor: z.string().nullable() })
  .meta({ id: 'JobApplicationList' });
export type ApplicationListResponse = z.infer<typeof ApplicationListResponseSchema>;

export const ApplicationIdParamsSchema = z.object({ id: ObjectIdSchema });

/** Why a worker reports a job (举报). */
export const JobReportReasonSchema = z.enum(['charges_fees', 'false_information', 'unpaid_wages', 'unsafe', 'other']);
export type JobReportReason = z.infer<typeof JobReportReasonSchema>;

export const JobReportCreateSchema = z
  .object({
    reason: JobReportReasonSchema,
    note: sealedText(z.string().trim().max(500)).optional(),
  })
  .meta({ id: 'JobReportCreate' });
export type JobReportCreate = z.infer<typeof JobReportCreateSchema>;

export const JobReportSchema = z
  .object({
    id: z.string(),
    jobId: z.string(),
    reason: JobReportReasonSchema,
    note: z.string(),
    createdAt: TimestampSchema,
  })
  .meta({ id: 'JobReport' });
export type JobReport = z.infer<typeof JobReportSchema>;

// ── Staff side: moving applications forward (rules in domain/progress-rules) ──
/** The moves staff make on an application. */
export const ApplicationMoveSchema = z
  .object({ to: z.enum(['contacted', 'hired', 'rejected']), note: sealedText(z.string().trim().max(200)).optional() })
  .meta({ id: 'ApplicationMove' });
export type ApplicationMove = z.infer<typeof ApplicationMoveSchema>;

/** An application as county staff see it: the applicant's name and masked phone, never the full one. */
export const StaffApplicationSchema = z
  .object({
    id: z.string(),
    status: ApplicationStatusSchema,
    history: z.array(ApplicationStatusChangeSchema),
    jobId: z.string(),
    jobTitle: z.string(),
    regionCode: z.string(),
    applicantName: z.string().nullable(),
    applicantPhoneMasked: z.string().nullable(),
    createdAt: TimestampSchema,
    updatedAt: TimestampSchema,
  })
  .meta({ id: 'StaffApplication' });
export type StaffApplication = z.infer<typeof StaffApplicationSchema>;

export const StaffApplicationListQuerySchema = z.object({
  status: ApplicationStatusSchema.optional(),
  jobId: ObjectIdSchema.optional(),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(50).default(20),
});
export type StaffApplicationListQuery = z.infer<typeof StaffApplicationListQuerySchema>;

export const StaffApplicationListSchema = z
  .object({ items: z.array(StaffApplicationSchema), nextCursor: z.string().nullable() })
  .meta({ id: 'StaffApplicationList' });
export type StaffApplicationList = z.infer<typeof StaffApplicationListSchema>;
