import { z } from 'zod';

export const TransportModeSchema = z.enum(['none', 'shuttle', 'point_to_point']);
export type TransportMode = z.infer<typeof TransportModeSchema>;

/** A transport filter: one mode, or `organized` for either kind of organized transport (专车 or 点对点). */
export const TransportFilterSchema = z.enum(['none', 'shuttle', 'point_to_point', 'organized']);
export type TransportFilter = z.infer<typeof TransportFilterSchema>;

/** A job as shown in lists. Money in integer fen, times as ISO-8601 UTC strings. */
export const JobSummarySchema = z.object({
  id: z.string(),
  title: z.string(),
  employerName: z.string(),
  employerVerified: z.boolean(),
  trade: z.string(),
  regionCode: z.string(),
  regionName: z.string(),
  payMinFen: z.number().int().nonnegative(),
  payMaxFen: z.number().int().nonnegative(),
  mealsAndLodging: z.boolean(),
  transport: TransportModeSchema,
  publicWelfare: z.boolean(),
  openings: z.number().int().nonnegative(),
  deadline: z.string().datetime().nullable(),
  createdAt: z.string().datetime(),
}).meta({ id: 'JobSummary' });
export type JobSummary = z.infer<typeof JobSummarySchema>;

export const JobListQuerySchema = z.object({
  q: z.string().trim().max(50).optional(),
  trade: z.string().max(30).optional(),
  regionCode: z.string().regex(/^\d{2,12}$/).optional(),
  payMinFen: z.coerce.number().int().nonnegative().optional(),
  payMaxFen: z.coerce.number().int().nonnegative().optional(),
  mealsAndLodging: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
  transport: TransportFilterSchema.optional(),
  publicWelfare: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(50).default(20),
});
export type JobListQuery = z.infer<typeof JobListQuerySchema>;

export const JobListResponseSchema = z.object({
  items: z.array(JobSummarySchema),
  nextCursor: z.string().nullable(),
}).meta({ id: 'JobList' });
export type JobListResponse = z.infer<typeof JobListResponseSchema>;

export const JobIdParamsSchema = z.object({
  id: z.string().regex(/^[0-9a-f]{24}$/i, { message: 'validation.objectId' }),
});

export const JobEmployerSchema = z.object({
  id: z.string(),
  name: z.string(),
  verified: z.boolean(),
  regionCode: z.string(),
  industry: z.string(),
  description: z.string(),
});

/** One job with everything a worker needs to decide. */
export const JobDetailSchema = JobSummarySchema.extend({
  description: z.string(),
  requirements: z.array(z.string()),
  benefits: z.array(z.string()),
  workAddress: z.string(),
  ageMin: z.number().int().nullable(),
  ageMax: z.number().int().nullable(),
  contactName: z.string(),
  /** Masked, e.g. 138****5678; the full number comes with sign-up. */
  contactPhoneMasked: z.string(),
  /** Working hours as the employer states them, e.g. 每天8小时，月休4天. */
  workHours: z.string(),
  employer: JobEmployerSchema,
  /** Show the notice that no fee of any kind may be charged to job seekers, with the report button. */
  noFeesNotice: z.boolean(),
}).meta({ id: 'JobDetail' });
export type JobDetail = z.infer<typeof JobDetailSchema>;

/** Why a job's conditions exclude a person, as a code with parameters; the client renders `t('job.warning.*')`. */
export const FitWarningSchema = z
  .discriminatedUnion('code', [
    z.object({ code: z.literal('age_outside'), min: z.number().int(), max: z.number().int(), age: z.number().int() }),
    z.object({ code: z.literal('certificate_required'), requirement: z.string() }),
  ])
  .meta({ id: 'FitWarning' });

export type FitWarning = z.infer<typeof FitWarningSchema>;

/** For the signed-in worker: plain warnings when the job's age range or a required certificate excludes them. */
export const JobFitSchema = z.object({ warnings: z.array(FitWarningSchema) }).meta({ id: 'JobFit' });
export type JobFit = z.infer<typeof JobFitSchema>;

/** Why a job was recommended; the UI shows `t('job.recommendReason.<code>')`. */
export const RecommendReasonSchema = z.enum([
  'trade_match',
  'near_home',
  'in_county',
  'in_province',
  'public_welfare',
  'organized_transport',
  'meals_and_lodging',
  'pay_meets_expectation',
]);
export type RecommendReason = z.infer<typeof RecommendReasonSchema>;

export const RecommendedJobSchema = JobSummarySchema.extend({
  /** Higher is better; items come best first. */
  score: z.number(),
  reasons: z.array(RecommendReasonSchema),
}).meta({ id: 'RecommendedJob' });
export type RecommendedJob = z.infer<typeof RecommendedJobSchema>;

export const RecommendedJobsQuerySchema = z.object({
  limit: z.coerce.number().int().min(3).max(20).default(10),
});
export type RecommendedJobsQuery = z.infer<typeof RecommendedJobsQuerySchema>;

export const RecommendedJobsResponseSchema = z
  .object({ items: z.array(RecommendedJobSchema) })
  .meta({ id: 'RecommendedJobs' });
export type RecommendedJobsResponse = z.infer<typeof RecommendedJobsResponseSchema>;
