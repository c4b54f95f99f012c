import { z } from 'zod';
import { ObjectIdSchema, TimestampSchema, sealedText } from './common.schema';
import { FitWarningSchema, JobSummarySchema } from './job.schema';

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
    warnings: z.array(FitWarningSchema).default([]),
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

/** 待处理 → 岗位已下架 / 已警告招聘单位 / 不予处理 (with a reason). */
export const JobReportStatusSchema = z.enum(['open', 'taken_down', 'warned', 'dismissed']);
export type JobReportStatus = z.infer<typeof JobReportStatusSchema>;

/** A report as the worker who made it sees it: what was reported and what came of it. */
export const JobReportSchema = z
  .object({
    id: z.string(),
    jobId: z.string(),
    jobTitle: z.string(),
    reason: JobReportReasonSchema,
    note: z.string(),
    status: JobReportStatusSchema,
    /** The outcome in plain words once staff acted ("岗位已下架"); null while open. */
    outcome: z.string().nullable(),
    handledAt: TimestampSchema.nullable(),
    createdAt: TimestampSchema,
  })
  .meta({ id: 'JobReport' });
export type JobReport = z.infer<typeof JobReportSchema>;

export const JobReportListSchema = z.object({ items: z.array(JobReportSchema) }).meta({ id: 'JobReportList' });
export type JobReportList = z.infer<typeof JobReportListSchema>;

// ── Staff side: the report queue of the job's county ──
export const StaffJobReportQuerySchema = z.object({
  status: z.enum(['open', 'handled', 'all']).default('open'),
  limit: z.coerce.number().int().min(1).max(100).default(50),
});
export type StaffJobReportQuery = z.infer<typeof StaffJobReportQuerySchema>;

export const StaffJobReportSchema = JobReportSchema.extend({
  employerName: z.string(),
  regionCode: z.string(),
  regionName: z.string().nullable(),
  /** The job is still published (open). */
  jobOpen: z.boolean(),
  /** Open reports on the same job (this one included). */
  openReportsOnJob: z.number().int(),
  /** Why staff dismissed or warned. */
  handledReason: z.string().nullable(),
}).meta({ id: 'StaffJobReport' });
export type StaffJobReport = z.infer<typeof StaffJobReportSchema>;

export const StaffJobReportListSchema = z
  .object({ items: z.array(StaffJobReportSchema), openCount: z.number().int() })
  .meta({ id: 'StaffJobReportList' });
export type StaffJobReportList = z.infer<typeof StaffJobReportListSchema>;

/** Staff act on a report: take the job down, warn the employer, or dismiss; each with why (audited, told to the reporter). */
export const JobReportActionSchema = z
  .object({
    action: z.enum(['take_down', 'warn_employer', 'dismiss']),
    reason: z.string().trim().min(2).max(200),
  })
  .meta({ id: 'JobReportAction' });
export type JobReportAction = z.infer<typeof JobReportActionSchema>;
export const JobReportIdParamsSchema = z.object({ id: ObjectIdSchema });

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
