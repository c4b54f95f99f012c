import { JobListResponseSchema, type JobListQuery, type JobListResponse } from '@zhuanyi/shared';
import { http } from '@/services/http';

export type JobFilters = Pick<JobListQuery, 'q' | 'trade'>;
export interface JobPageRequest extends JobFilters {
  cursor?: string;
  limit?: number;
}

export const JOBS_PAGE_SIZE = 20;

/** GET /api/v1/jobs: one page of jobs, newest first; pass `nextCursor` back for the next page. */
export function getJobs(request: JobPageRequest): Promise<JobListResponse> {
  return http.get('/jobs', JobListResponseSchema, {
    q: request.q?.trim(),
    trade: request.trade,
    cursor: request.cursor,
    limit: request.limit ?? JOBS_PAGE_SIZE,
  });
}
