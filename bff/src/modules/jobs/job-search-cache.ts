/**
 * A short-lived cache of public job search pages, in front of the database (as national job
 * boards put one before search). Rules:
 * - keyed by the normalized query (parsed, region code normalized, keyword NFKC/lower case, keys sorted);
 * - bounded: least recently used entries go beyond `maxEntries`;
 * - a result is fresh for `ttlMs` (30 s by default); for `staleMs` more it is still answered while one
 *   background load replaces it (stale-while-revalidate, so no searcher waits for a refresh), after
 *   that it is gone: a deadline passing or a write by another BFF instance shows within
 *   ttlMs + staleMs (a job gone meanwhile answers "not found" when opened);
 * - dropped as soon as any job is written through this process (jobs version, job.model.ts), so
 *   publishing, closing or a PES sync shows on the next search;
 * - concurrent misses of the same key share one database query.
 * `ttlMs: 0` turns it off (config JOB_SEARCH_CACHE_TTL_MS).
 */
import type { JobListResponse } from '@zhuanyi/shared';
import { currentJobsVersion } from './job.model';

export interface JobSearchCacheOptions {
  ttlMs: number;
  maxEntries: number;
  /** How long past ttlMs a page is still answered while it is refreshed (default 0). */
  staleMs?: number;
  /** Milliseconds clock; tests move it. */
  now?: () => number;
}

interface Entry {
  at: number;
  version: number;
  value: Promise<JobListResponse>;
  refreshing?: boolean;
}

/** Pages answered from a cache (fresh or stale) and pages loaded, over every enabled cache of this process. */
const counters = { hits: 0, misses: 0 };
export const jobSearchCacheCounters = (): { hits: number; misses: number } => ({ ...counters });

export class JobSearchCache {
  private readonly entries = new Map<string, Entry>();
  private readonly now: () => number;

  constructor(private readonly options: JobSearchCacheOptions) {
    this.now = options.now ?? Date.now;
  }

  get enabled(): boolean {
    return this.options.ttlMs > 0 && this.options.maxEntries > 0;
  }

  /** The cached page for `key`, or `load()`'s (stored when no job was written meanwhile). */
  async get(key: string, load: () => Promise<JobListResponse>): Promise<JobListResponse> {
    if (!this.enabled) return load();
    const version = currentJobsVersion();
    const now = this.now();
    const hit = this.entries.get(key);
    if (hit && hit.version === version && now - hit.at < this.options.ttlMs + (this.options.staleMs ?? 0)) {
      // Most recently used last (Map keeps insertion order).
      this.entries.delete(key);
      this.entries.set(key, hit);
      if (now - hit.at >= this.options.ttlMs && !hit.refreshing) this.refresh(key, hit, load);
      counters.hits++;
      return hit.value;
    }
    if (hit) this.entries.delete(key);
    counters.misses++;
    const value = load();
    const entry: Entry = { at: now, version, value };
    this.entries.set(key, entry);
    while (this.entries.size > this.options.maxEntries) this.entries.delete(this.entries.keys().next().value as string);
    try {
      return await value;
    } catch (err: unknown) {
      if (this.entries.get(key) === entry) this.entries.delete(key);
      throw err;
    }
  }

  /** Replaces a stale entry by a new load in the background, unless a job is written meanwhile. */
  private refresh(key: string, stale: Entry, load: () => Promise<JobListResponse>): void {
    stale.refreshing = true;
    const at = this.now();
    load().then(
      (page) => {
        if (this.entries.get(key) !== stale || currentJobsVersion() !== stale.version) return;
        this.entries.set(key, { at, version: stale.version, value: Promise.resolve(page) });
      },
      () => {
        stale.refreshing = false;
      },
    );
  }

  get size(): number {
    return this.entries.size;
  }
}

/** Same search, same key: values normalized, undefined left out, keys in order. */
export function searchCacheKey(query: Record<string, unknown>): string {
  const parts: [string, unknown][] = Object.entries(query)
    .filter(([, v]) => v !== undefined && v !== '')
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return JSON.stringify(parts);
}
