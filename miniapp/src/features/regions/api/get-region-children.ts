import { RegionListResponseSchema, type Region } from '@zhuanyi/shared';
import { http } from '@/services/http';

/** The one place that knows the paths: provinces at GET /regions, children at GET /regions/:code/children. */
export function regionChildrenPath(code: string | null): string {
  return code === null ? '/regions' : `/regions/${encodeURIComponent(code)}/children`;
}

const cache = new Map<string, Region[]>();

/** Children of a region (provinces for null). Divisions rarely change, so answers are kept for the session. */
export async function getRegionChildren(code: string | null): Promise<Region[]> {
  const path = regionChildrenPath(code);
  const cached = cache.get(path);
  if (cached) return cached;
  const { items } = await http.get(path, RegionListResponseSchema);
  cache.set(path, items);
  return items;
}

export function clearRegionCache(): void {
  cache.clear();
}
