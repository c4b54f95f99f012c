/** The counties of a region, for reports run county by county. */
import { regionLevelOf } from '@zhuanyi/shared';
import { regionRepository } from '../regions/regions.repository';

/** Counties (6-digit codes) inside a region; a county or finer region is its own county. */
export function countiesOf(regionCode: string): string[] {
  const level = regionLevelOf(regionCode);
  if (level === 'county' || level === 'township' || level === 'village') return [regionCode.slice(0, 6)];
  const repo = regionRepository();
  const out: string[] = [];
  const walk = (code: string) => {
    for (const child of repo.childrenOf(code)) {
      if (child.level === 'county') out.push(child.code);
      else if (child.level === 'city' || child.level === 'province') walk(child.code);
    }
  };
  walk(regionCode);
  return out;
}
