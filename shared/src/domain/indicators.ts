/**
 * Report indicators as the seed plans define them, as data per region: which indicators a region
 * reports and what "out of region" means there (Tongliao counts 市外 = outside the city; Luolong's
 * 区外 = outside the Tibet Autonomous Region; Mile's point-to-point transfers go out of Yunnan).
 * A region without its own entry uses its nearest ancestor's, else the default (out of the county).
 */
export const IndicatorKeys = [
  'transferredStock',
  'transferredNew',
  'transferRate',
  'poorTransferred',
  'outOfRegion',
  'inRegion',
  'governmentOrganizedShare',
  'trained',
  'courses56h',
] as const;
export type IndicatorKey = (typeof IndicatorKeys)[number];

export type OutsideLevel = 'province' | 'city' | 'county';

export interface RegionIndicatorSpec {
  /** "Out of region" means outside this level's area around the report's region. */
  outsideLevel: OutsideLevel;
  indicators: readonly IndicatorKey[];
}

/** Which target (YearTargets key) each indicator is compared with. */
export const INDICATOR_TARGET = {
  transferredStock: 'transfers',
  transferredNew: 'newTransfers',
  transferRate: 'transferRate',
  poorTransferred: 'poorTransfers',
  outOfRegion: 'outOfRegion',
  inRegion: 'inRegion',
  governmentOrganizedShare: 'governmentOrganizedShare',
  trained: 'trainings',
  courses56h: null,
} as const satisfies Record<IndicatorKey, string | null>;

export const INDICATOR_SHARES: ReadonlySet<IndicatorKey> = new Set(['transferRate', 'governmentOrganizedShare']);

const ALL: readonly IndicatorKey[] = IndicatorKeys;

export const DEFAULT_INDICATOR_SPEC: RegionIndicatorSpec = { outsideLevel: 'county', indicators: ALL };

/** Region code (normalized) → spec. */
export const REGION_INDICATORS: Readonly<Record<string, RegionIndicatorSpec>> = {
  // 通辽市 [000 一]: 市外劳务输出 / 市内转移就业; trainings.
  '1505': { outsideLevel: 'city', indicators: ALL },
  // 兴安盟 [004]: poor laborers into work, organized outbound beyond the home banner.
  '1522': { outsideLevel: 'county', indicators: ALL },
  // 吐鲁番市 [001]: people lifted from poverty kept in work; transfers in and out of the city.
  '6504': { outsideLevel: 'city', indicators: ALL },
  // 弥勒市 [002]: transfers, new transfers, poor laborers, transfer rate; point-to-point to other provinces.
  '532504': { outsideLevel: 'province', indicators: ALL },
  // 洛隆县 [003 二]: 区外转移就业 = outside the Tibet Autonomous Region; ≥60% government-organized.
  '540329': { outsideLevel: 'province', indicators: ALL },
};

/** The spec for a region: its own, its nearest ancestor's, or the default. */
export function indicatorSpecFor(regionCode: string): RegionIndicatorSpec {
  for (let len = regionCode.length; len >= 2; len -= 1) {
    const spec = REGION_INDICATORS[regionCode.slice(0, len)];
    if (spec) return spec;
  }
  return DEFAULT_INDICATOR_SPEC;
}

const LEVEL_DIGITS: Record<OutsideLevel, number> = { province: 2, city: 4, county: 6 };

/** The area "out of region" is measured against: the report region's province, city or county (never finer than the region itself). */
export function outsideAreaCode(regionCode: string, level: OutsideLevel): string {
  return regionCode.slice(0, Math.min(LEVEL_DIGITS[level], Math.max(regionCode.length, 2)));
}

/**
 * Out of the area: by the workplace's region code when recorded, else by the location class
 * (out_of_province is out of any area; in_county is inside any area of county level or wider;
 * in_province is out of a county or city area, inside a province area).
 */
export function isOutside(area: string, workRegionCode: string | null | undefined, location: string | null | undefined): boolean {
  if (typeof workRegionCode === 'string' && workRegionCode.length >= 2) return !workRegionCode.startsWith(area.slice(0, Math.min(area.length, workRegionCode.length)));
  if (location === 'out_of_province') return true;
  if (location === 'in_province') return area.length > 2;
  return false;
}

export type ReportPeriod = 'week' | 'month' | 'quarter';

/** The China-date window [from, to] of the period containing `on` (weeks start on Monday). */
export function periodWindow(period: ReportPeriod, on: string): { from: string; to: string } {
  const [y, m] = on.split('-').map(Number) as [number, number, number];
  const ymd = (d: Date) => d.toISOString().slice(0, 10);
  if (period === 'week') {
    const d = new Date(`${on}T00:00:00Z`);
    const monday = new Date(d.getTime() - ((d.getUTCDay() + 6) % 7) * 86_400_000);
    return { from: ymd(monday), to: ymd(new Date(monday.getTime() + 6 * 86_400_000)) };
  }
  const first = period === 'month' ? m : Math.floor((m - 1) / 3) * 3 + 1;
  const months = period === 'month' ? 1 : 3;
  return { from: ymd(new Date(Date.UTC(y, first - 1, 1))), to: ymd(new Date(Date.UTC(y, first - 1 + months, 0))) };
}
