/** Indicator report: each indicator with its definition against its target, by township and village, per week/month/quarter. */
import { z } from 'zod';
import { IndicatorKeys } from '../domain/indicators';
import { RegionCodeSchema, TimestampSchema } from './common.schema';

const dateText = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { message: 'validation.date' });
export const ReportPeriodSchema = z.enum(['week', 'month', 'quarter']);

export const IndicatorQuerySchema = z.object({
  regionCode: RegionCodeSchema.optional(),
  period: ReportPeriodSchema.default('month'),
  /** Any China date inside the period. */
  on: dateText,
});
export type IndicatorQuery = z.infer<typeof IndicatorQuerySchema>;

export const IndicatorRowSchema = z.object({
  key: z.enum(IndicatorKeys),
  name: z.string(),
  definition: z.string(),
  unit: z.enum(['people', 'share']),
  /** At the period's end (people in work), or for the year to the period's end (new, trained). */
  actual: z.number(),
  /** Of it, within the period itself (null where that means nothing, e.g. a share). */
  inPeriod: z.number().nullable(),
  target: z.number().nullable(),
  ratio: z.number().nullable(),
});
export type IndicatorRow = z.infer<typeof IndicatorRowSchema>;

const Count = z.number().int().nonnegative();
export const IndicatorAreaSchema = z.object({
  regionCode: z.string(),
  regionName: z.string(),
  level: z.enum(['township', 'village']),
  transferredStock: Count,
  transferredNew: Count,
  poorTransferred: Count,
  outOfRegion: Count,
  inRegion: Count,
});
export type IndicatorArea = z.infer<typeof IndicatorAreaSchema>;

export const IndicatorReportSchema = z
  .object({
    regionCode: z.string(),
    regionName: z.string(),
    period: ReportPeriodSchema,
    from: z.string(),
    to: z.string(),
    year: z.string(),
    /** The area "out of region" is counted against (e.g. 西藏自治区 for 洛隆县). */
    outsideArea: z.object({ code: z.string(), name: z.string() }),
    indicators: z.array(IndicatorRowSchema),
    areas: z.array(IndicatorAreaSchema),
    generatedAt: TimestampSchema,
  })
  .meta({ id: 'IndicatorReport' });
export type IndicatorReport = z.infer<typeof IndicatorReportSchema>;
