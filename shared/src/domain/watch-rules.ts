/**
 * Four-color watch (红橙黄绿四色预警) over the registry: early warning on people's employment.
 * The seeds ask for the colors but do not define them; these are the product's default rules,
 * each number configurable per region (RegionSettings.watch):
 *
 * - red:    key-group person, unemployed for more than 3 months, no income.
 * - orange: unemployed (up to 3 months, or longer when not red), or a job ended in the last 30 days.
 * - yellow: employed but unstable: a public welfare post ending within 60 days, under 6 months in
 *           the job (or start unknown), in training, or an open wage complaint.
 * - green:  employed (incl. self-employed and public welfare posts) for 6 months or more.
 * - none:   not seeking work (students, carers, the retired): not watched.
 * The first rule that matches, in that order, decides; every matching reason is kept.
 */

export const WatchColors = ['red', 'orange', 'yellow', 'green'] as const;
export type WatchColor = (typeof WatchColors)[number];

export const WatchReasons = [
  'long_unemployed_no_income',
  'unemployed',
  'job_ended_recently',
  'post_ending',
  'short_tenure',
  'tenure_unknown',
  'in_training',
  'open_complaint',
  'stable_job',
] as const;
export type WatchReason = (typeof WatchReasons)[number];

export interface WatchRules {
  /** Red: unemployed longer than this many months (key group, no income). */
  redUnemployedMonths: number;
  /** Red needs a key group (重点群体). */
  redNeedsKeyGroup: boolean;
  /** Orange: a job that ended within this many days. */
  orangeJobEndedDays: number;
  /** Yellow: a public welfare post whose contract ends within this many days. */
  yellowPostEndingDays: number;
  /** Green from this many months in the job; yellow below. */
  stableTenureMonths: number;
}

export const DEFAULT_WATCH_RULES: WatchRules = {
  redUnemployedMonths: 3,
  redNeedsKeyGroup: true,
  orangeJobEndedDays: 30,
  yellowPostEndingDays: 60,
  stableTenureMonths: 6,
};

export interface WatchFacts {
  keyGroups: readonly string[];
  status: 'unemployed' | 'employed' | 'self_employed' | 'public_welfare_post' | 'in_training' | 'not_seeking';
  /** YYYY-MM-DD; the current job's start. */
  startedOn?: string | null;
  /** YYYY-MM-DD; when the last job ended. */
  endedOn?: string | null;
  /** YYYY-MM-DD; unemployed since (defaults to endedOn). */
  unemployedSince?: string | null;
  /** YYYY-MM-DD; public welfare post contract end. */
  postEndsOn?: string | null;
  /** Any income (pension, business, subsidy); null/undefined = none recorded. */
  hasIncome?: boolean | null;
  openComplaint: boolean;
}

export interface WatchResult {
  color: WatchColor | null;
  reasons: WatchReason[];
}

const DAY_MS = 86_400_000;
const dayOf = (ymd: string): number => Math.floor(Date.parse(`${ymd}T00:00:00Z`) / DAY_MS);

/** YYYY-MM-DD plus whole months (end of month clamps: 01-31 + 1 month → 02-28/29). */
export function addMonthsYmd(ymd: string, months: number): string {
  const [y, m, d] = ymd.split('-').map(Number) as [number, number, number];
  const total = y * 12 + (m - 1) + months;
  const ny = Math.floor(total / 12);
  const nm = (total % 12) + 1;
  const last = new Date(Date.UTC(ny, nm, 0)).getUTCDate();
  return `${ny}-${String(nm).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

const EMPLOYED = new Set(['employed', 'self_employed', 'public_welfare_post']);

export function watchColor(f: WatchFacts, today: string, rules: WatchRules = DEFAULT_WATCH_RULES): WatchResult {
  const reasons: WatchReason[] = [];
  if (f.status === 'not_seeking') return { color: null, reasons };
  const t = dayOf(today);
  const endedRecently = !!f.endedOn && t - dayOf(f.endedOn) >= 0 && t - dayOf(f.endedOn) <= rules.orangeJobEndedDays;
  if (f.status === 'unemployed') {
    const since = f.unemployedSince ?? f.endedOn ?? null;
    const long = since !== null && addMonthsYmd(since, rules.redUnemployedMonths) < today;
    const key = !rules.redNeedsKeyGroup || f.keyGroups.length > 0;
    if (long && key && !f.hasIncome) reasons.push('long_unemployed_no_income');
    reasons.push('unemployed');
    if (endedRecently) reasons.push('job_ended_recently');
    if (f.openComplaint) reasons.push('open_complaint');
    return { color: reasons[0] === 'long_unemployed_no_income' ? 'red' : 'orange', reasons };
  }
  if (endedRecently) reasons.push('job_ended_recently');
  if (f.status === 'in_training') reasons.push('in_training');
  if (EMPLOYED.has(f.status)) {
    if (f.status === 'public_welfare_post' && f.postEndsOn) {
      const left = dayOf(f.postEndsOn) - t;
      if (left <= rules.yellowPostEndingDays) reasons.push('post_ending');
    }
    if (!f.startedOn) reasons.push('tenure_unknown');
    else if (addMonthsYmd(f.startedOn, rules.stableTenureMonths) > today) reasons.push('short_tenure');
  }
  if (f.openComplaint) reasons.push('open_complaint');
  if (reasons.includes('job_ended_recently')) return { color: 'orange', reasons };
  if (reasons.length > 0) return { color: 'yellow', reasons };
  return { color: 'green', reasons: ['stable_job'] };
}

/** Days staff have to follow up a person whose color changed to this one (a follow-up task's due date). */
export const FOLLOW_UP_DAYS: Readonly<Record<WatchColor, number>> = { red: 3, orange: 7, yellow: 14, green: 30 };

/** A color change that needs a follow-up: any change between colors, and a first color that is not green. */
export function needsFollowUp(from: WatchColor | null, to: WatchColor | null): boolean {
  if (from === to || to === null) return false;
  return from !== null || to !== 'green';
}

/** A China date plus whole days. */
export function addDaysYmd(ymd: string, days: number): string {
  return new Date(Date.parse(`${ymd}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}
