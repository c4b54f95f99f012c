import { JobListResponseSchema, type JobListResponse } from '@zhuanyi/shared';

declare global {
  interface Window {
    /** Set by src/index.html: the first job list, fetched while the scripts were still on their way. */
    __zyEarlyJobs?: Promise<unknown>;
  }
}

/** The request index.html starts: the unfiltered first page (JOBS_PAGE_SIZE), same origin. */
export const EARLY_JOBS_PATH = '/api/v1/jobs?limit=20';

/**
 * H5: hands over, once, the first job list that index.html began fetching before any script arrived
 * (on a weak signal that saves the round trip and download that would otherwise start after the scripts).
 * Null when there is none (weapp, another page opened first, already taken); resolves null when that
 * fetch failed, answered wrongly or took longer than `timeoutMs`: the caller then asks the usual way.
 */
export function takeEarlyJobs(timeoutMs: number): Promise<JobListResponse | null> | null {
  if (process.env.TARO_ENV !== 'h5' || typeof window === 'undefined' || !window.__zyEarlyJobs) return null;
  const early = window.__zyEarlyJobs;
  window.__zyEarlyJobs = undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<null>((resolve) => {
    timer = setTimeout(() => resolve(null), timeoutMs);
  });
  const answer = early.then(
    (data) => {
      const parsed = JobListResponseSchema.safeParse(data);
      return parsed.success ? parsed.data : null;
    },
    () => null,
  );
  return Promise.race([answer, late]).finally(() => clearTimeout(timer));
}
