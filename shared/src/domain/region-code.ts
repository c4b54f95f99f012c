/**
 * Administrative division codes: province 2 digits, city 4, county 6 (GB/T 2260),
 * township 9 and village 12 (statistical division codes). GB/T 2260 also writes
 * provinces and cities with trailing zeros (150000, 150500); `normalizeRegionCode` strips them.
 * These rules check the shape only; whether a code exists is the regions service's business.
 */

export const RegionLevels = ['province', 'city', 'county', 'township', 'village'] as const;
export type RegionLevel = (typeof RegionLevels)[number];

const LENGTH_OF: Record<RegionLevel, number> = { province: 2, city: 4, county: 6, township: 9, village: 12 };
const PROVINCE_PATTERN = /^(1[1-5]|2[1-3]|3[1-7]|4[1-6]|5[0-4]|6[1-5]|71|81|82)$/;

export function regionCodeLength(level: RegionLevel): number {
  return LENGTH_OF[level];
}

/** The level a code's length and shape say it is, or null when it is not a region code. */
export function regionLevelOf(code: string): RegionLevel | null {
  if (!/^\d+$/.test(code) || !PROVINCE_PATTERN.test(code.slice(0, 2))) return null;
  switch (code.length) {
    case 2:
      return 'province';
    case 4:
      return code.slice(2) === '00' ? null : 'city';
    case 6:
      // Counties may end in 00 where a city has no districts (东莞市 441900).
      return code.slice(2, 4) === '00' ? null : 'county';
    case 9:
      return regionLevelOf(code.slice(0, 6)) === 'county' ? 'township' : null;
    case 12:
      return regionLevelOf(code.slice(0, 9)) === 'township' ? 'village' : null;
    default:
      return null;
  }
}

export function isRegionCode(code: string): boolean {
  return regionLevelOf(code) !== null;
}
export function isCountyCode(code: string): boolean {
  return regionLevelOf(code) === 'county';
}
export function isTownshipCode(code: string): boolean {
  return regionLevelOf(code) === 'township';
}
export function isVillageCode(code: string): boolean {
  return regionLevelOf(code) === 'village';
}

/**
 * Turns GB/T 2260 six-digit province and city codes into their short forms
 * (150000 → 15, 150500 → 1505) and drops trailing zero groups of 12-digit statistical
 * codes (150502000000 → 150502). Other input comes back unchanged.
 */
export function normalizeRegionCode(input: string): string {
  const code = input.trim();
  if (/^\d{12}$/.test(code)) {
    if (code.endsWith('000000')) return normalizeRegionCode(code.slice(0, 6));
    if (code.endsWith('000')) return code.slice(0, 9);
    return code;
  }
  if (/^\d{6}$/.test(code)) {
    if (code.endsWith('0000')) return code.slice(0, 2);
    if (code.endsWith('00')) return code.slice(0, 4);
  }
  return code;
}

/** The parent's code, or null for a province (or an invalid code). */
export function parentRegionCode(code: string): string | null {
  const level = regionLevelOf(code);
  switch (level) {
    case 'city':
      return code.slice(0, 2);
    case 'county':
      return code.slice(0, 4);
    case 'township':
      return code.slice(0, 6);
    case 'village':
      return code.slice(0, 9);
    default:
      return null;
  }
}

/** Codes from the province down to the code itself: 150502001 → [15, 1505, 150502, 150502001]. */
export function regionCodePath(code: string): string[] {
  const path: string[] = [];
  for (let c: string | null = code; c !== null; c = parentRegionCode(c)) path.unshift(c);
  return regionLevelOf(code) === null ? [] : path;
}

/** True when `code` is `ancestor` or lies inside it. */
export function isWithinRegion(code: string, ancestor: string): boolean {
  return code.startsWith(ancestor) && regionCodePath(code).includes(ancestor);
}
