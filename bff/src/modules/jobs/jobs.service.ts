import {
  maskMobilePhone,
  normalizeRegionCode,
  type JobDetail,
  type JobListQuery,
  type JobListResponse,
  type JobSummary,
} from '@zhuanyi/shared';
import { NotFoundError, ValidationError } from '../../http/errors';
import type { JobRecord } from './job.model';
import { findEmployerById, findJobById, findJobs, type JobCursor, type JobFilter, type JobSummaryRecord } from './jobs.repository';
import { searchCacheKey, type JobSearchCache } from './job-search-cache';

export function encodeCursor(job: Pick<JobRecord, 'createdAt' | '_id'>): string {
  return Buffer.from(JSON.stringify([job.createdAt.getTime(), job._id.toHexString()])).toString('base64url');
}

/** Undefined for a malformed cursor. */
export function decodeCursor(cursor: string): JobCursor | undefined {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (!Array.isArray(value) || value.length !== 2) return undefined;
    const [ms, id]: unknown[] = value;
    if (typeof ms !== 'number' || !Number.isFinite(ms) || typeof id !== 'string' || !/^[0-9a-f]{24}$/.test(id)) {
      return undefined;
    }
    return { createdAt: new Date(ms), id };
  } catch {
    return undefined;
  }
}

export function toJobSummary(job: JobSummaryRecord): JobSummary {
  return {
    id: job._id.toHexString(),
    title: job.title,
    employerName: job.employerName,
    employerVerified: job.employerVerified,
    trade: job.trade,
    regionCode: job.regionCode,
    regionName: job.regionName,
    payMinFen: job.payMinFen,
    payMaxFen: job.payMaxFen,
    mealsAndLodging: job.mealsAndLodging,
    transport: job.transport,
    publicWelfare: job.publicWelfare,
    openings: job.openings,
    deadline: job.deadline ? job.deadline.toISOString() : null,
    createdAt: job.createdAt.toISOString(),
  };
}

/**
 * Open jobs matching the query, newest first, one page at a time (limit + 1 rows tell whether
 * there is a next page; nothing is counted). With a cache, equal searches within its TTL share
 * one answer unless a job was written meanwhile (job-search-cache.ts).
 */
export async function listJobs(query: JobListQuery, now: Date = new Date(), cache?: JobSearchCache): Promise<JobListResponse> {
  const after = query.cursor === undefined ? undefined : decodeCursor(query.cursor);
  if (query.cursor !== undefined && after === undefined) throw new ValidationError({ cursor: 'validation.cursor' });
  if (query.payMinFen !== undefined && query.payMaxFen !== undefined && query.payMinFen > query.payMaxFen) {
    throw new ValidationError({ payMinFen: 'validation.payRange' });
  }
  const filter: Omit<JobFilter, 'openAt'> = {
    keyword: query.q ? query.q.normalize('NFKC').toLowerCase().trim().replace(/\s+/g, ' ') : undefined,
    trade: query.trade,
    regionCode: query.regionCode === undefined ? undefined : normalizeRegionCode(query.regionCode),
    payMinFen: query.payMinFen,
    payMaxFen: query.payMaxFen,
    mealsAndLodging: query.mealsAndLodging,
    transport: query.transport,
    publicWelfare: query.publicWelfare,
  };
  const load = async (): Promise<JobListResponse> => {
    const rows = await findJobs({ ...filter, openAt: now }, after, query.limit + 1);
    const page = rows.slice(0, query.limit);
    const last = page[page.length - 1];
    return { items: page.map(toJobSummary), nextCursor: rows.length > query.limit && last ? encodeCursor(last) : null };
  };
  if (!cache?.enabled) return load();
  return cache.get(searchCacheKey({ ...filter, cursor: query.cursor, limit: query.limit }), load);
}

export async function getJob(id: string): Promise<JobDetail> {
  const job = await findJobById(id);
  if (!job || job.status !== 'open') throw new NotFoundError('error.jobNotFound');
  const employer = await findEmployerById(job.employerId);
  if (!employer) throw new NotFoundError('error.jobNotFound');
  return {
    ...toJobSummary(job),
    description: job.description,
    requirements: job.requirements,
    benefits: job.benefits,
    workAddress: job.workAddress,
    ageMin: job.ageMin ?? null,
    ageMax: job.ageMax ?? null,
    contactName: job.contactName,
    contactPhoneMasked: maskMobilePhone(job.contactPhone),
    workHours: job.workHours ?? '',
    // Every job published here is free to job seekers; the UI shows the notice and the report button.
    noFeesNotice: true,
    employer: {
      id: employer._id.toHexString(),
      name: employer.name,
      verified: employer.verified,
      regionCode: employer.regionCode,
      industry: employer.industry,
      description: employer.description,
    },
  };
}
