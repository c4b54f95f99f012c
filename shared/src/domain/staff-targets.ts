/**
 * Defaults the staff console measures against, taken from the seed plans (see domain.md):
 * yearly report targets per region and the per-person service levels.
 */

export interface YearTargets {
  /** 转移就业 in the year. */
  transfers?: number;
  /** Out of the region (市外/区外输出). */
  outOfRegion?: number;
  /** Inside the region (市内/就地就近). */
  inRegion?: number;
  /** Share of transfers organized by the government, 0..1. */
  governmentOrganizedShare?: number;
  trainings?: number;
  /** Training pass rate, 0..1. */
  passRate?: number;
  /** Order/directed training share, 0..1. */
  orderBasedShare?: number;
  /** 新增转移就业: people who started their current job this year. */
  newTransfers?: number;
  /** 脱贫（贫困）劳动力 in work. */
  poorTransfers?: number;
  /** People in work ÷ registered labor force, 0..1. */
  transferRate?: number;
}

/** Region code (normalized: 1505 = 通辽市) → year → targets. */
export const DEFAULT_YEAR_TARGETS: Readonly<Record<string, Readonly<Record<string, YearTargets>>>> = {
  // 通辽市 three-year plan 2020–2022 [000 一; §17].
  '1505': {
    '2020': { transfers: 300_000, outOfRegion: 170_000, inRegion: 130_000, trainings: 30_000, passRate: 0.9 },
    '2021': { transfers: 400_000, outOfRegion: 230_000, inRegion: 170_000, trainings: 30_000, passRate: 0.9 },
    '2022': { transfers: 500_000, outOfRegion: 300_000, inRegion: 200_000, trainings: 30_000, passRate: 0.9 },
  },
  // 洛隆县 2022 [003 二]: 11,050 transfers, ≥60% government-organized, 90 outside Tibet, 1,505 trainings, ≥35% order-based.
  '540329': {
    '2022': { transfers: 11_050, governmentOrganizedShare: 0.6, outOfRegion: 90, trainings: 1_505, orderBasedShare: 0.35 },
  },
  // 弥勒市 2020 [002 二]: ≥200,000 transfers, ≥16,000 new, ≥15,000 poor laborers, transfer rate ≥60%.
  '532504': {
    '2020': { transfers: 200_000, newTransfers: 16_000, poorTransfers: 15_000, transferRate: 0.6 },
  },
  // 吐鲁番市 [001 一(二)]: keep 7,500 people lifted from poverty in work (高昌区 2,500, 鄯善县 3,000, 托克逊县 2,000).
  '6504': { '2022': { poorTransfers: 7_500 } },
  '650402': { '2022': { poorTransfers: 2_500 } },
  '650421': { '2022': { poorTransfers: 3_000 } },
  '650422': { '2022': { poorTransfers: 2_000 } },
};

/** Service levels per person [000 §22; 004 (七)2; 001 §18]. */
export const SERVICE_LEVELS = {
  /** Job postings each person receives a month. */
  monthlyJobInfos: 10,
  /** Targeted recommendations for a poor laborer who wants to move. */
  targetedRecommendations: 3,
  /** For everyone with needs: 1 career guidance, 3 suitable job infos, 1 free training. */
  guidance: 1,
  jobInfos: 3,
  training: 1,
} as const;

/** Green-channel and arbitration defaults (configurable per region). */
export const DEFAULT_INTAKE_SETTINGS = {
  /** Acceptance target in working days after receipt: 0 = same day, 1 = next working day. */
  greenChannelWorkingDays: 1,
  /** Simplified procedure at or below this claim (fen). */
  simplifiedThresholdFen: 5_000_000,
  /** Local monthly minimum wage (fen); final award when the claim ≤ 12 × this. */
  monthlyMinimumWageFen: 198_000,
  /** Claims at or above this are "large" (priority). */
  largeAmountFen: 5_000_000,
  /** Days before a due date that count as "nearly overdue". */
  dueSoonDays: 1,
} as const;

/** 劳动保障监察: 5 working days to decide on a case, 60 working days to investigate, +30 once. */
export const INSPECTION_ACCEPT_WORKING_DAYS = 5;
export const INSPECTION_INVESTIGATE_WORKING_DAYS = 60;
export const INSPECTION_EXTENSION_WORKING_DAYS = 30;
