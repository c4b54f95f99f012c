import { Types, type QueryFilter } from 'mongoose';
import type { Document, Filter } from 'mongodb';
import type { TransportFilter } from '@zhuanyi/shared';
import { bumpJobsVersion, Job, jobSearchFields, type JobRecord } from './job.model';
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

type IndexKey = Record<string, 1 | -1>;
const SORT = { createdAt: -1, _id: -1 } as const;
const byIndex = (field: string): IndexKey => ({ [field]: 1, status: 1, ...SORT });

export interface JobQueryPlan {
  filter: QueryFilter<JobRecord>;
  /** The index that serves this query (the one expected to walk the fewest entries). */
  hint: IndexKey;
}

/** One equality a compound index can lead with, and how many open jobs it is expected to match. */
export interface IndexCandidate {
  field: 'countyCode' | 'trade' | 'searchGrams' | 'cityCode' | 'provinceCode' | 'publicWelfare';
  value: string | boolean;
  /** Region candidates only: the trade too, through the region + trade index. */
  trade?: string;
}
const candidateIndex = (c: IndexCandidate): IndexKey => (c.trade === undefined ? byIndex(c.field) : { [c.field]: 1, trade: 1, status: 1, ...SORT });
const candidateEquality = (c: IndexCandidate): Record<string, unknown> => (c.trade === undefined ? { [c.field]: c.value } : { [c.field]: c.value, trade: c.trade });
/** Open jobs per candidate, when known (counted from the index); undefined: not counted yet. */
export type Selectivity = (c: IndexCandidate) => number | undefined;

// Before anything is counted: region and trade together are narrowest, then a county, a trade, a keyword gram, and so on.
const PRIOR: Record<IndexCandidate['field'], number> = { countyCode: 1, trade: 2, searchGrams: 3, cityCode: 4, provinceCode: 5, publicWelfare: 6 };

/**
 * The filter and the index for a search. Equality fields lead the compound indexes and the sort
 * follows, so a page is a walk of one index in order; the rest is checked on the way. Of the
 * candidate indexes, the one with the fewest open jobs for this query's value is walked.
 */
export function planJobQuery(filter: JobFilter, after: JobCursor | undefined, selectivity?: Selectivity): JobQueryPlan {
  const q: Record<string, unknown> = { status: 'open' };
  const and: Record<string, unknown>[] = [];
  const candidates: IndexCandidate[] = [];

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
  for (const field of ['countyCode', 'cityCode', 'provinceCode'] as const) {
    if (typeof q[field] === 'string' && typeof q.trade === 'string') candidates.push({ field, value: q[field], trade: q.trade });
  }
  for (const field of ['countyCode', 'trade', 'cityCode', 'provinceCode'] as const) {
    if (typeof q[field] === 'string') candidates.push({ field, value: q[field] });
  }
  if (q.publicWelfare !== undefined) candidates.push({ field: 'publicWelfare', value: q.publicWelfare as boolean });

  const kw = filter.keyword ? keywordQuery(filter.keyword) : null;
  let grams: string[] = [];
  if (kw) {
    // One gram is what the index looks up; the others, required too, rule most jobs out cheaply
    // (the engine checks an equality on the stored array without decoding it); each term in
    // searchText decides.
    for (const g of kw.grams) candidates.push({ field: 'searchGrams', value: g });
    grams = kw.grams;
    for (const re of kw.patterns) and.push({ searchText: re });
  }
  and.push({ $or: [{ deadline: null }, { deadline: { $gte: filter.openAt } }] });
  if (after) {
    const id = new Types.ObjectId(after.id);
    // The range bound lets the index walk start at the cursor; the $or breaks ties on _id.
    and.push({ createdAt: { $lte: after.createdAt } });
    and.push({ $or: [{ createdAt: { $lt: after.createdAt } }, { createdAt: after.createdAt, _id: { $lt: id } }] });
  }

  let best: IndexCandidate | undefined;
  let bestScore = Infinity;
  for (const c of candidates) {
    const n = selectivity?.(c);
    // Counted ones compare by count; uncounted ones rank after counted and keep the prior order.
    const prior = c.trade === undefined ? PRIOR[c.field] : 0;
    const score = n === undefined ? 1e12 + prior * 1e6 + candidates.indexOf(c) : n * 10 + prior;
    if (score < bestScore) {
      best = c;
      bestScore = score;
    }
  }
  // The gram the index walks goes first: the embedded engine bounds its walk by the first equality on a field.
  const walked = best?.field === 'searchGrams' ? best.value : undefined;
  and.unshift(...[...grams].sort((a, b) => Number(b === walked) - Number(a === walked)).map((g) => ({ searchGrams: g })));
  const hint: IndexKey = best ? candidateIndex(best) : { status: 1, ...SORT };
  return { filter: { ...q, $and: and } as QueryFilter<JobRecord>, hint };
}

/** What a job list shows (JobSummary), and nothing else, so less is encoded, sent and decoded. */
const SUMMARY_PROJECTION = {
  title: 1,
  employerName: 1,
  employerVerified: 1,
  trade: 1,
  regionCode: 1,
  regionName: 1,
  payMinFen: 1,
  payMaxFen: 1,
  mealsAndLodging: 1,
  transport: 1,
  publicWelfare: 1,
  openings: 1,
  deadline: 1,
  createdAt: 1,
} as const;
export type JobSummaryRecord = Pick<JobRecord, '_id' | keyof typeof SUMMARY_PROJECTION>;

/**
 * Up to `limit` open jobs, newest first, after the cursor: the list fields only, as plain objects
 * straight from the driver (no mongoose casting or documents; the filter is already typed).
 */
export async function findJobs(filter: JobFilter, after: JobCursor | undefined, limit: number): Promise<JobSummaryRecord[]> {
  const plan = planJobQuery(filter, after, openJobsCounted);
  return Job.collection
    .find(plan.filter as Filter<Document>, { projection: SUMMARY_PROJECTION, sort: SORT, hint: plan.hint, limit })
    .toArray() as Promise<JobSummaryRecord[]>;
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
 * How many open jobs an index candidate matches: counted from the index alone (a count of an
 * equality prefix needs no document), in the background, once per TTL; until then, unknown.
 */
const COUNT_TTL_MS = 5 * 60_000;
const counts = new Map<string, { n: number | undefined; at: number; pending?: Promise<void> }>();

function openJobsCounted(c: IndexCandidate): number | undefined {
  const key = `${c.field}\u0000${String(c.value)}\u0000${c.trade ?? ''}`;
  const known = counts.get(key);
  if (!known || (!known.pending && Date.now() - known.at > COUNT_TTL_MS)) void countOpenJobs(c, key, known?.n);
  return known?.n;
}

async function countOpenJobs(c: IndexCandidate, key: string, previous: number | undefined): Promise<void> {
  const pending = (async () => {
    try {
      const db = Job.db.db;
      if (!db) throw new Error('not connected');
      const res = await db.command({ count: Job.collection.collectionName, query: { ...candidateEquality(c), status: 'open' }, hint: candidateIndex(c) });
      counts.set(key, { n: Number(res.n), at: Date.now() });
      if (counts.size > 10_000) counts.delete(counts.keys().next().value as string);
    } catch {
      counts.delete(key);
    }
  })();
  counts.set(key, { n: previous, at: Date.now(), pending });
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

const BACKFILL_MARKER = 'jobs.searchText';

/**
 * Gives jobs stored before `searchText` existed their search fields (keyword search decides on it).
 * Run at start-up after the indexes; a no-op once every job has them. Answers how many were updated.
 */
export async function backfillJobSearchFields(batchSize = 500): Promise<number> {
  // Once done, every later write sets the fields itself: a marker spares a walk of all jobs at each start.
  const markers = Job.db.collection<{ _id: string; at: Date }>('migrations');
  if (await markers.findOne({ _id: BACKFILL_MARKER })) return 0;
  let updated = 0;
  let after: Types.ObjectId | undefined;
  for (;;) {
    // In _id order from where the last batch ended, so each job is read once.
    const batch = await Job.collection
      .find(after ? { _id: { $gt: after }, searchText: { $exists: false } } : { searchText: { $exists: false } }, {
        projection: { title: 1, trade: 1, employerName: 1, regionName: 1, description: 1 },
        sort: { _id: 1 },
        hint: { _id: 1 },
        limit: batchSize,
      })
      .toArray();
    if (batch.length === 0) break;
    after = batch[batch.length - 1]?._id;
    await Job.collection.bulkWrite(
      batch.map((j) => ({
        updateOne: {
          filter: { _id: j._id, searchText: { $exists: false } },
          update: { $set: jobSearchFields({ title: String(j.title ?? ''), trade: String(j.trade ?? ''), employerName: String(j.employerName ?? ''), regionName: String(j.regionName ?? ''), description: typeof j.description === 'string' ? j.description : '' }) },
        },
      })),
      { ordered: false },
    );
    updated += batch.length;
    bumpJobsVersion();
  }
  await markers.updateOne({ _id: BACKFILL_MARKER }, { $setOnInsert: { at: new Date() } }, { upsert: true });
  return updated;
}
