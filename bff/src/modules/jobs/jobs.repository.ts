import { Types, type QueryFilter } from 'mongoose';
import type { TransportFilter } from '@zhuanyi/shared';
import { Job, type JobRecord } from './job.model';
import { Employer, type EmployerRecord } from './employer.model';
import { keywordQuery } from './job-search';

export interface JobFilter {
  keyword?: string;
  trade?: string;
  regionCode?: string;
  payMinFen?: number;
  payMaxFen?: number;
  mealsAndLodging?: boolean;
  transport?: TransportFilter;
  publicWelfare?: boolean;
  /** Jobs whose deadline passed before this are left out. */
  openAt: Date;
}

/** Position after which the next page starts (sort: createdAt desc, _id desc). */
export interface JobCursor {
  createdAt: Date;
  id: string;
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

const SEARCH_FIELDS = ['title', 'trade', 'employerName', 'regionName', 'description'] as const;
type IndexKey = Record<string, 1 | -1>;
const SORT = { createdAt: -1, _id: -1 } as const;
const byIndex = (field: string): IndexKey => ({ [field]: 1, status: 1, ...SORT });

export interface JobQueryPlan {
  filter: QueryFilter<JobRecord>;
  /** The index that serves this query (most selective equality first). */
  hint: IndexKey;
}

/**
 * The filter and the index for a search. Equality fields lead the compound indexes and the sort
 * follows, so a page is a walk of one index in order; the rest is checked on the way.
 */
export function planJobQuery(filter: JobFilter, after: JobCursor | undefined, rareGram?: (grams: string[]) => string): JobQueryPlan {
  const q: Record<string, unknown> = { status: 'open' };
  const and: Record<string, unknown>[] = [];
  let hint: IndexKey = { status: 1, ...SORT };

  const region = filter.regionCode;
  const regionField = region === undefined ? null : region.length === 2 ? 'provinceCode' : region.length === 4 ? 'cityCode' : region.length === 6 ? 'countyCode' : null;
  if (region !== undefined) {
    if (regionField) q[regionField] = region;
    // Township and village codes: prefix of the job's own code, within the county.
    else {
      q.countyCode = region.slice(0, 6);
      q.regionPath = region;
    }
  }
  if (filter.trade !== undefined) q.trade = filter.trade;
  if (filter.publicWelfare !== undefined) q.publicWelfare = filter.publicWelfare;
  if (filter.mealsAndLodging !== undefined) q.mealsAndLodging = filter.mealsAndLodging;
  if (filter.transport === 'organized') q.transport = { $in: ['shuttle', 'point_to_point'] };
  else if (filter.transport !== undefined) q.transport = filter.transport;
  if (filter.payMinFen !== undefined) q.payMaxFen = { $gte: filter.payMinFen };
  if (filter.payMaxFen !== undefined) q.payMinFen = { $lte: filter.payMaxFen };

  const kw = filter.keyword ? keywordQuery(filter.keyword) : null;
  if (kw) {
    const lead = rareGram ? rareGram(kw.grams) : (kw.grams[0] as string);
    // The equality on one gram is what the index looks up; $all and the substring check confirm.
    and.push({ searchGrams: lead });
    if (kw.grams.length > 1) and.push({ searchGrams: { $all: kw.grams } });
    for (const term of kw.terms) {
      const re = new RegExp(escapeRegex(term), 'i');
      and.push({ $or: SEARCH_FIELDS.map((f) => ({ [f]: re })) });
    }
  }
  and.push({ $or: [{ deadline: null }, { deadline: { $gte: filter.openAt } }] });
  if (after) {
    const id = new Types.ObjectId(after.id);
    // The range bound lets the index walk start at the cursor; the $or breaks ties on _id.
    and.push({ createdAt: { $lte: after.createdAt } });
    and.push({ $or: [{ createdAt: { $lt: after.createdAt } }, { createdAt: after.createdAt, _id: { $lt: id } }] });
  }

  // Most selective first: county, trade, keyword, city, province, public welfare, else all open jobs.
  if (q.countyCode !== undefined) hint = byIndex('countyCode');
  else if (q.trade !== undefined) hint = byIndex('trade');
  else if (kw) hint = byIndex('searchGrams');
  else if (q.cityCode !== undefined) hint = byIndex('cityCode');
  else if (q.provinceCode !== undefined) hint = byIndex('provinceCode');
  else if (q.publicWelfare !== undefined) hint = byIndex('publicWelfare');
  return { filter: { ...q, $and: and } as QueryFilter<JobRecord>, hint };
}

/** Up to `limit` open jobs, newest first, after the cursor. */
export async function findJobs(filter: JobFilter, after: JobCursor | undefined, limit: number): Promise<JobRecord[]> {
  const plan = planJobQuery(filter, after, rarestGram);
  return Job.find(plan.filter).sort(SORT).hint(plan.hint).limit(limit).lean<JobRecord[]>().exec();
}

/** Open jobs matching an equality filter, newest first, through the given index (recommendations). */
export async function findOpenJobsBy(field: 'trade' | 'countyCode' | 'cityCode' | 'provinceCode' | 'publicWelfare' | null, value: string | boolean | null, openAt: Date, limit: number): Promise<JobRecord[]> {
  const q: Record<string, unknown> = { status: 'open', $or: [{ deadline: null }, { deadline: { $gte: openAt } }] };
  if (field) q[field] = value;
  return Job.find(q as QueryFilter<JobRecord>)
    .sort(SORT)
    .hint(field ? byIndex(field) : { status: 1, ...SORT })
    .limit(limit)
    .lean<JobRecord[]>()
    .exec();
}

/**
 * Which gram of a multi-gram query to look up in the index: the one with the fewest jobs,
 * counted once (capped) and remembered for a while. The other grams are checked by $all.
 */
// High enough to tell a common gram (熟练) from a rarer one (电焊); counted in the background, once per TTL.
const GRAM_COUNT_CAP = 50_000;
const GRAM_TTL_MS = 5 * 60_000;
const gramCounts = new Map<string, { n: number; at: number; pending?: Promise<void> }>();

function rarestGram(grams: string[]): string {
  if (grams.length === 1) return grams[0] as string;
  let best = grams[0] as string;
  let bestN = Infinity;
  const now = Date.now();
  for (const g of grams) {
    const known = gramCounts.get(g);
    if (!known || now - known.at > GRAM_TTL_MS) void countGram(g);
    const n = known?.n ?? GRAM_COUNT_CAP;
    if (n < bestN) {
      best = g;
      bestN = n;
    }
  }
  return best;
}

async function countGram(g: string): Promise<void> {
  const known = gramCounts.get(g);
  if (known?.pending) return known.pending;
  const pending = Job.find({ searchGrams: g })
    .select({ _id: 1 })
    .hint(byIndex('searchGrams'))
    .limit(GRAM_COUNT_CAP)
    .lean()
    .exec()
    .then(
      (rows) => {
        gramCounts.set(g, { n: rows.length, at: Date.now() });
        if (gramCounts.size > 10_000) gramCounts.delete(gramCounts.keys().next().value as string);
      },
      () => {
        gramCounts.delete(g);
      },
    );
  gramCounts.set(g, { n: known?.n ?? GRAM_COUNT_CAP, at: known?.at ?? 0, pending });
  return pending;
}

export async function findJobById(id: string): Promise<JobRecord | null> {
  return Job.findById(id).lean<JobRecord>().exec();
}

export async function findJobsByIds(ids: readonly Types.ObjectId[]): Promise<JobRecord[]> {
  if (ids.length === 0) return [];
  return Job.find({ _id: { $in: ids } }).lean<JobRecord[]>().exec();
}

export async function findEmployerById(id: Types.ObjectId | string): Promise<EmployerRecord | null> {
  return Employer.findById(id).lean<EmployerRecord>().exec();
}
