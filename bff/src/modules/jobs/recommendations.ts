/**
 * "为你推荐": jobs ranked for one worker by job-intention trades, mobility class and home region
 * (service level: at least 3 targeted recommendations per person who wants to move).
 * 无法外出 → jobs in the home county, public welfare posts first; 能外出但不能远行 → in the home
 * province; 能外出可远行 → anywhere, organized transport counts for more.
 */
import { ageOn, chinaDateOf, jobFitWarnings, type Mobility, type RecommendReason, type RecommendedJob } from '@zhuanyi/shared';
import type { AuthContext } from '../../http/auth';
import type { JobRecord } from './job.model';
import { findOpenJobsBy } from './jobs.repository';
import { toJobSummary } from './jobs.service';

export type MobilityClass = Mobility;

export interface WorkerJobProfile {
  /** Job-intention trades (工种), most wanted first. */
  trades: string[];
  mobility: MobilityClass | null;
  /** Household region, county or finer. */
  homeRegionCode: string | null;
  expectedPayFen: number | null;
  /** For the job's conditions: the person's birth date and how many certificates they hold. */
  birthDate?: string | null;
  certificateCount?: number;
}

export interface WorkerProfileSource {
  jobProfileOf(auth: AuthContext): Promise<WorkerJobProfile | null>;
}

export const MIN_RECOMMENDATIONS = 3;
const PER_SOURCE = 40;

interface Scored {
  job: JobRecord;
  score: number;
  reasons: RecommendReason[];
  fits: boolean;
}

export function scoreJob(job: JobRecord, p: WorkerJobProfile): Scored {
  const home = p.homeRegionCode ?? '';
  const sameCounty = home.length >= 6 && job.countyCode === home.slice(0, 6);
  const sameCity = home.length >= 4 && job.cityCode === home.slice(0, 4);
  const sameProvince = home.length >= 2 && job.provinceCode === home.slice(0, 2);
  const reasons: RecommendReason[] = [];
  let score = 0;
  const add = (points: number, reason: RecommendReason) => {
    score += points;
    reasons.push(reason);
  };
  if (p.trades.includes(job.trade)) add(50 - 5 * p.trades.indexOf(job.trade), 'trade_match');
  let fits = true;
  switch (p.mobility) {
    case 'cannot_leave':
      fits = sameCounty;
      if (job.publicWelfare) add(60, 'public_welfare');
      if (sameCounty) add(30, 'near_home');
      break;
    case 'nearby_only':
      fits = sameProvince;
      if (sameCounty) add(30, 'in_county');
      else if (sameProvince) add(sameCity ? 20 : 15, 'in_province');
      if (job.publicWelfare) add(5, 'public_welfare');
      break;
    default:
      if (job.transport === 'point_to_point') add(20, 'organized_transport');
      else if (job.transport === 'shuttle') add(10, 'organized_transport');
      if (job.mealsAndLodging) add(5, 'meals_and_lodging');
      if (sameCounty) add(10, 'near_home');
      break;
  }
  if (p.expectedPayFen !== null && job.payMaxFen >= p.expectedPayFen) add(10, 'pay_meets_expectation');
  return { job, score, reasons, fits };
}

/** Ranked recommendations, at least 3 when there are 3 open jobs at all. */
export async function recommendJobs(profile: WorkerJobProfile, now: Date, limit: number): Promise<RecommendedJob[]> {
  const home = profile.homeRegionCode;
  const sources: Promise<JobRecord[]>[] = profile.trades.slice(0, 3).map((t) => findOpenJobsBy('trade', t, now, PER_SOURCE));
  if (home && home.length >= 6) sources.push(findOpenJobsBy('countyCode', home.slice(0, 6), now, PER_SOURCE));
  if (home && profile.mobility !== 'cannot_leave') sources.push(findOpenJobsBy('provinceCode', home.slice(0, 2), now, PER_SOURCE));
  sources.push(findOpenJobsBy(null, null, now, PER_SOURCE));
  const seen = new Map<string, JobRecord>();
  for (const rows of await Promise.all(sources)) for (const j of rows) seen.set(j._id.toHexString(), j);

  const byRank = (a: Scored, b: Scored) => b.score - a.score || b.job.createdAt.getTime() - a.job.createdAt.getTime();
  // Jobs whose age range or requirements exclude the person are never recommended.
  const person = { age: profile.birthDate ? ageOn(profile.birthDate, chinaDateOf(now)) : null, certificateCount: profile.certificateCount ?? 1 };
  const scored = [...seen.values()].filter((j) => jobFitWarnings(j, person).length === 0).map((j) => scoreJob(j, profile));
  const fitting = scored.filter((s) => s.fits).sort(byRank);
  // Too few within reach: fill up with the best of the rest, after the fitting ones.
  const want = Math.max(limit, MIN_RECOMMENDATIONS);
  const rest = fitting.length < MIN_RECOMMENDATIONS ? scored.filter((s) => !s.fits).sort(byRank).slice(0, MIN_RECOMMENDATIONS - fitting.length) : [];
  return [...fitting.slice(0, want), ...rest].map((s) => ({ ...toJobSummary(s.job), score: s.score, reasons: s.reasons }));
}

/** For a worker without a registration yet: the newest jobs. */
export const EMPTY_PROFILE: WorkerJobProfile = { trades: [], mobility: null, homeRegionCode: null, expectedPayFen: null };
