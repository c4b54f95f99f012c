import Taro from '@tarojs/taro';
import { JobListResponseSchema, type JobListResponse } from '@zhuanyi/shared';

/** The last unfiltered first page of jobs, kept on the phone for when the network is gone. Public data only. */
const KEY = 'zy.lastJobs';

export function saveLastJobs(page: JobListResponse): void {
  try {
    Taro.setStorageSync(KEY, JSON.stringify(page));
  } catch {
    // Storage full or unavailable: the list still shows, only the offline copy is missing.
  }
}

/** The kept page, or null when there is none or it no longer matches the schema (an older app version). */
export function readLastJobs(): JobListResponse | null {
  try {
    const raw: unknown = Taro.getStorageSync(KEY);
    if (typeof raw !== 'string' || !raw) return null;
    const parsed = JobListResponseSchema.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
