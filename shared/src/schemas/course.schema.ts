import { z } from 'zod';

export const CourseModeSchema = z.enum(['offline', 'online', 'mixed']);
export type CourseMode = z.infer<typeof CourseModeSchema>;

/** A free training course (菜单式免费技能培训). */
export const CourseSummarySchema = z
  .object({
    id: z.string(),
    title: z.string(),
    trade: z.string(),
    provider: z.string(),
    regionCode: z.string(),
    regionName: z.string(),
    mode: CourseModeSchema,
    classHours: z.number().int().positive(),
    subsidized: z.boolean(),
    seats: z.number().int().nonnegative(),
    startsAt: z.string().datetime(),
    endsAt: z.string().datetime(),
  })
  .meta({ id: 'CourseSummary' });
export type CourseSummary = z.infer<typeof CourseSummarySchema>;
