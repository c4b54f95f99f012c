import { z } from 'zod';

export const TransportModeSchema = z.enum(['none', 'shuttle', 'point_to_point']);
export type TransportMode = z.infer<typeof TransportModeSchema>;

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
  transport: TransportModeSchema.optional(),
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
  employer: JobEmployerSchema,
}).meta({ id: 'JobDetail' });
export type JobDetail = z.infer<typeof JobDetailSchema>;
