import { JobListResponseSchema, type JobListQuery, type JobListResponse } from '@zhuanyi/shared';
import { appConfig } from '@/config';
import { http } from '@/services/http';
import { takeEarlyJobs } from '../early-jobs';

/** What the list can be filtered by (booleans: only `true` filters; undefined = any). */
export type JobFilters = Pick<JobListQuery, 'q' | 'trade' | 'regionCode' | 'payMinFen' | 'transport'> & {
  mealsAndLodging?: true;
  publicWelfare?: true;
  /** Shown beside the destination filter; not sent. */
  regionName?: string;
};
export interface JobPageRequest extends JobFilters {
  cursor?: string;
  limit?: number;
}

export const JOBS_PAGE_SIZE = 20;

/** GET /api/v1/jobs: one page of jobs, newest first; pass `nextCursor` back for the next page. */
export function getJobs(request: JobPageRequest): Promise<JobListResponse> {
  const query = {
    q: request.q?.trim(),
    trade: request.trade,
    regionCode: request.regionCode,
    payMinFen: request.payMinFen,
    mealsAndLodging: request.mealsAndLodging,
    transport: request.transport,
    publicWelfare: request.publicWelfare,
    cursor: request.cursor,
    limit: request.limit ?? JOBS_PAGE_SIZE,
  };
  const ask = () => http.get('/jobs', JobListResponseSchema, query);
  // The unfiltered first page may already be on its way (index.html started it): take that answer once.
  const firstPage = query.limit === JOBS_PAGE_SIZE && Object.entries(query).every(([k, v]) => k === 'limit' || v === undefined || v === '');
  const early = firstPage && appConfig.apiBaseUrl === '/api/v1' ? takeEarlyJobs(appConfig.requestTimeoutMs) : null;
  return early ? early.then((page) => page ?? ask()) : ask();
}

/** True when any filter besides the keyword is set. */
export function hasExtraFilters(f: JobFilters): boolean {
  return Boolean(f.regionCode || f.payMinFen || f.transport || f.mealsAndLodging || f.publicWelfare);
}
