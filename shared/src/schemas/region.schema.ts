import { z } from 'zod';
import { RegionLevels } from '../domain/region-code';

export const RegionLevelSchema = z.enum(RegionLevels);

export const RegionSchema = z
  .object({
    code: z.string(),
    name: z.string(),
    level: RegionLevelSchema,
    parentCode: z.string().nullable(),
  })
  .meta({ id: 'Region' });
export type Region = z.infer<typeof RegionSchema>;

/** A region with its ancestors from the province down (not including itself). */
export const RegionDetailSchema = RegionSchema.extend({
  ancestors: z.array(RegionSchema),
  fullName: z.string(),
  hasChildren: z.boolean(),
}).meta({ id: 'RegionDetail' });
export type RegionDetail = z.infer<typeof RegionDetailSchema>;

const RegionCodeParam = z
  .string()
  .regex(/^\d{2,12}$/, { message: 'validation.regionCode.format' })
  .meta({ description: '行政区划代码；县以上也接受6位国标写法（150500）', example: '150502' });

export const RegionCodeParamsSchema = z.object({ code: RegionCodeParam });

export const RegionListResponseSchema = z
  .object({ items: z.array(RegionSchema) })
  .meta({ id: 'RegionList' });
export type RegionListResponse = z.infer<typeof RegionListResponseSchema>;

export const RegionSearchQuerySchema = z.object({
  q: z.string().trim().min(1).max(30),
  /** Search only inside this region. */
  within: RegionCodeParam.optional(),
  level: RegionLevelSchema.optional(),
  limit: z.coerce.number().int().min(1).max(50).default(20),
});
export type RegionSearchQuery = z.infer<typeof RegionSearchQuerySchema>;

export const RegionSearchHitSchema = RegionSchema.extend({ fullName: z.string() }).meta({ id: 'RegionSearchHit' });
export const RegionSearchResponseSchema = z
  .object({ items: z.array(RegionSearchHitSchema) })
  .meta({ id: 'RegionSearchResponse' });
export type RegionSearchResponse = z.infer<typeof RegionSearchResponseSchema>;
