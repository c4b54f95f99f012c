import { Types, type QueryFilter } from 'mongoose';
import { Job, type JobRecord } from './job.model';
import { Employer, type EmployerRecord } from './employer.model';
import type { TransportMode } from '@zhuanyi/shared';

export interface JobFilter {
  keyword?: string;
  trade?: string;
  regionCode?: string;
  payMinFen?: number;
  payMaxFen?: number;
  mealsAndLodging?: boolean;
  transport?: TransportMode;
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

function toQuery(filter: JobFilter, after: JobCursor | undefined): QueryFilter<JobRecord> {
  const and: QueryFilter<JobRecord>[] = [{ $or: [{ deadline: null }, { deadline: { $gte: filter.openAt } }] }];
  const q: QueryFilter<JobRecord> = { status: 'open' };
  if (filter.trade !== undefined) q.trade = filter.trade;
  if (filter.regionCode !== undefined) q.regionPath = filter.regionCode;
  if (filter.mealsAndLodging !== undefined) q.mealsAndLodging = filter.mealsAndLodging;
  if (filter.transport !== undefined) q.transport = filter.transport;
  if (filter.publicWelfare !== undefined) q.publicWelfare = filter.publicWelfare;
  if (filter.payMinFen !== undefined) q.payMaxFen = { $gte: filter.payMinFen };
  if (filter.payMaxFen !== undefined) q.payMinFen = { $lte: filter.payMaxFen };
  if (filter.keyword) {
    // Simple match for now; a Chinese n-gram index replaces it later.
    const re = new RegExp(escapeRegex(filter.keyword), 'i');
    and.push({ $or: [{ title: re }, { trade: re }, { employerName: re }, { regionName: re }] });
  }
  if (after) {
    const id = new Types.ObjectId(after.id);
    and.push({ $or: [{ createdAt: { $lt: after.createdAt } }, { createdAt: after.createdAt, _id: { $lt: id } }] });
  }
  return { ...q, $and: and };
}

/** Up to `limit` open jobs, newest first, after the cursor. */
export async function findJobs(filter: JobFilter, after: JobCursor | undefined, limit: number): Promise<JobRecord[]> {
  return Job.find(toQuery(filter, after))
    .sort({ createdAt: -1, _id: -1 })
    .limit(limit)
    .lean<JobRecord[]>()
    .exec();
}

export async function findJobById(id: string): Promise<JobRecord | null> {
  return Job.findById(id).lean<JobRecord>().exec();
}

export async function findEmployerById(id: Types.ObjectId | string): Promise<EmployerRecord | null> {
  return Employer.findById(id).lean<EmployerRecord>().exec();
}
