import type { JobSummary } from '@zhuanyi/shared';
import { useCallback, useEffect, useRef, useState } from 'react';
import { NetworkError } from '@/services/errors';
import { getJobs, type JobFilters } from '../api/get-jobs';
import { readLastJobs, saveLastJobs } from '../last-jobs';

export type JobListStatus = 'loading' | 'ready' | 'error';

export interface JobListState {
  items: JobSummary[];
  nextCursor: string | null;
  status: JobListStatus;
  /** The first page's failure (shown full screen) or a later page's (shown under the list). */
  error: unknown;
  loadingMore: boolean;
  loadMoreError: unknown;
  /** No network: these are the jobs last loaded without filters (kept on the phone), not fresh ones. */
  offline: boolean;
}

const INITIAL: JobListState = {
  items: [],
  nextCursor: null,
  status: 'loading',
  error: null,
  loadingMore: false,
  loadMoreError: null,
  offline: false,
};

const UNFILTERED = '{}';

/** Appends a page, dropping jobs already shown (a job may move between pages while paging). */
function appendNew(shown: JobSummary[], page: JobSummary[]): JobSummary[] {
  const seen = new Set(shown.map((job) => job.id));
  return [...shown, ...page.filter((job) => !seen.has(job.id))];
}

/** The job list for some filters, paged by cursor. Answers for stale filters are dropped. */
export function useJobs(filters: JobFilters) {
  const [state, setState] = useState<JobListState>(INITIAL);
  const generation = useRef(0);
  const busy = useRef(false);
  // One stable string for the request's filters (regionName is only a label).
  const { regionName: _label, ...sent } = filters;
  const key = JSON.stringify(sent);

  const reload = useCallback(async () => {
    const mine = ++generation.current;
    busy.current = true;
    setState(INITIAL);
    try {
      const page = await getJobs(JSON.parse(key) as JobFilters);
      if (mine !== generation.current) return;
      if (key === UNFILTERED) saveLastJobs(page);
      setState({ ...INITIAL, items: page.items, nextCursor: page.nextCursor, status: 'ready' });
    } catch (error) {
      if (mine !== generation.current) return;
      const last = error instanceof NetworkError && key === UNFILTERED ? readLastJobs() : null;
      // Offline: the last list, marked as such; no paging until the network is back (pull down to reload).
      if (last) setState({ ...INITIAL, items: last.items, status: 'ready', offline: true });
      else setState({ ...INITIAL, status: 'error', error });
    } finally {
      if (mine === generation.current) busy.current = false;
    }
  }, [key]);

  const loadMore = useCallback(async () => {
    const cursor = state.nextCursor;
    if (busy.current || state.status !== 'ready' || !cursor) return;
    const mine = generation.current;
    busy.current = true;
    setState((prev) => ({ ...prev, loadingMore: true, loadMoreError: null }));
    try {
      const page = await getJobs({ ...(JSON.parse(key) as JobFilters), cursor });
      if (mine !== generation.current) return;
      setState((prev) => ({
        ...prev,
        items: appendNew(prev.items, page.items),
        nextCursor: page.nextCursor,
        loadingMore: false,
      }));
    } catch (error) {
      if (mine !== generation.current) return;
      setState((prev) => ({ ...prev, loadingMore: false, loadMoreError: error }));
    } finally {
      if (mine === generation.current) busy.current = false;
    }
  }, [key, state.nextCursor, state.status]);

  useEffect(() => {
    void reload();
  }, [reload]);

  return { ...state, hasMore: state.nextCursor !== null, reload, loadMore };
}
