import { RegionListResponseSchema, type Region } from '@zhuanyi/shared';
import { http } from '@/services/http';

/** The one place that knows the path: children of a region, or provinces when `code` is null. */
export function regionChildrenPath(code: string | null): string {
  return `/regions/${code === null ? 'root' : encodeURIComponent(code)}/children`;
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
