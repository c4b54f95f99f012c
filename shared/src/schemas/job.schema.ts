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
});
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
});
export type JobListResponse = z.infer<typeof JobListResponseSchema>;
