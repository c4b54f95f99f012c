import { Types, type QueryFilter } from 'mongoose';
import type { Document, Filter } from 'mongodb';
import type { TransportFilter } from '@zhuanyi/shared';
import { bumpJobsVersion, Job, jobSearchFields, type JobRecord } from './job.model';
import { Employer, type EmployerRecord } from './employer.model';
import { keywordQuery } from './job-search';
import { SEARCH_WORDS_VERSION } from './search-words';

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

const SORT = { createdAt: -1, _id: -1 } as const;

/**
 * The filter of a search. Every equality a job list filters on leads one of the compound indexes
 * (job.model.ts) with the sort after it, so whichever the database's planner picks for the query's
 * shape (MongoDB's, or the embedded engine's with its plan cache), a page is a walk of one index in
 * order with the rest checked on the way. No hints: the planner races the candidates and caches the
 * winner per shape.
 */
export function jobQueryFilter(filter: JobFilter, after: JobCursor | undefined): QueryFilter<JobRecord> {
  const q: Record<string, unknown> = { status: 'open' };
  const and: Record<string, unknown>[] = [];

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
    // Every gram is required: each may bound the index walk (the planner picks), the others rule
    // most jobs out cheaply; each term in searchText decides.
    for (const g of kw.grams) and.push({ searchGrams: g });
    for (const re of kw.patterns) and.push({ searchText: re });
  }
  and.push({ $or: [{ deadline: null }, { deadline: { $gte: filter.openAt } }] });
  if (after) {
    const id = new Types.ObjectId(after.id);
    // The range bound lets the index walk start at the cursor; the $or breaks ties on _id.
    and.push({ createdAt: { $lte: after.createdAt } });
    and.push({ $or: [{ createdAt: { $lt: after.createdAt } }, { createdAt: after.createdAt, _id: { $lt: id } }] });
  }
  return { ...q, $and: and } as QueryFilter<JobRecord>;
}

export const JOB_LIST_SORT = SORT;

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
  return Job.collection
    .find(jobQueryFilter(filter, after) as Filter<Document>, { projection: SUMMARY_PROJECTION, sort: SORT, limit })
    .toArray() as Promise<JobSummaryRecord[]>;
}

/** Open jobs matching an equality filter, newest first (recommendations). */
export async function findOpenJobsBy(field: 'trade' | 'countyCode' | 'cityCode' | 'provinceCode' | 'publicWelfare' | null, value: string | boolean | null, openAt: Date, limit: number): Promise<JobRecord[]> {
  const q: Record<string, unknown> = { status: 'open', $or: [{ deadline: null }, { deadline: { $gte: openAt } }] };
  if (field) q[field] = value;
  return Job.find(q as QueryFilter<JobRecord>)
    .sort(SORT)
    .limit(limit)
    .lean<JobRecord[]>()
    .exec();
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

const BACKFILL_MARKER = `jobs.searchFields.${SEARCH_WORDS_VERSION}`;
/** Jobs whose search fields are missing or were made with another search-words version. */
const STALE_SEARCH_FIELDS = { $or: [{ searchText: { $exists: false } }, { searchVersion: { $ne: SEARCH_WORDS_VERSION } }] };

/**
 * Gives jobs stored before `searchText` existed, or made with another search-words version, their search fields (keyword search decides on them).
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
      .find(after ? { _id: { $gt: after }, ...STALE_SEARCH_FIELDS } : STALE_SEARCH_FIELDS, {
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
          filter: { _id: j._id, ...STALE_SEARCH_FIELDS },
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
