import { RegionDetailSchema, type Region, type RegionDetail } from '@zhuanyi/shared';
import { http } from '@/services/http';

/** GET /regions/:code: a region with its ancestors. */
export function getRegion(code: string): Promise<RegionDetail> {
  return http.get(`/regions/${encodeURIComponent(code)}`, RegionDetailSchema);
}

/** The path from the province down to the region itself, as the region picker holds it. */
export async function getRegionPath(code: string): Promise<Region[]> {
  const d = await getRegion(code);
  return [...d.ancestors, { code: d.code, name: d.name, level: d.level, parentCode: d.parentCode }];
}
