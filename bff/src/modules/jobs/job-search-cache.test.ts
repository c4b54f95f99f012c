import { JobListResponseSchema, type JobListResponse } from '@zhuanyi/shared';
import request from 'supertest';
import { createApp } from '../../app';
import { testConfig, type Config } from '../../config/env';
import { createLogger } from '../../logging/logger';
import { manualClock } from '../../security/clock';
import { useTestDb } from '../../test-support/test-db';
import { signInAs } from '../../test-support/auth';
import { buildJob } from '../../test-support/factories';
import { Job, bumpJobsVersion, currentJobsVersion } from './job.model';
import { JobSearchCache, searchCacheKey } from './job-search-cache';

const db = useTestDb();

async function waitFor(check: () => Promise<boolean>): Promise<void> {
  for (let i = 0; i < 100; i += 1) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error('condition not met within 2 s');
}

/** One app (so one cache) for the whole test, on a clock the test moves. */
function oneApp(cache: Config['jobSearchCache']) {
  const clock = manualClock(new Date());
  const app = createApp({ config: testConfig({ jobSearchCache: cache }), logger: createLogger({ level: 'silent' }), db: db.database, clock });
  const callback = app.callback();
  const titles = async (query = '') => JobListResponseSchema.parse((await request(callback).get(`/api/v1/jobs${query}`).expect(200)).body).items.map((j) => j.title);
  return { clock, http: () => request(callback), titles };
}

describe('public job search cache', () => {
  it('when a job is published (any write through the job model), then the very next search shows it', async () => {
    const { titles } = oneApp({ ttlMs: 60_000, staleMs: 0, maxEntries: 100 });
    await buildJob({ title: '电焊工甲', regionCode: '310115' });
    expect(await titles('?regionCode=31')).toEqual(['电焊工甲']);
    await buildJob({ title: '电焊工乙', regionCode: '310115', createdAt: new Date(Date.now() + 1000) });
    expect(await titles('?regionCode=31')).toEqual(['电焊工乙', '电焊工甲']);
  });

  it('when staff close a job, then the next search no longer lists it', async () => {
    const { http, titles, clock } = oneApp({ ttlMs: 60_000, staleMs: 0, maxEntries: 100 });
    const job = await buildJob({ title: '待下架电焊工', regionCode: '150521' });
    await buildJob({ title: '留下的电焊工', regionCode: '150521', createdAt: new Date(Date.now() - 1000) });
    expect(await titles(`?q=${encodeURIComponent('电焊')}`)).toEqual(['待下架电焊工', '留下的电焊工']);
    const staff = await signInAs('staff', { regionScope: '150521', clock });
    await http().post(`/api/v1/staff/jobs/${job._id.toHexString()}/close`).set(staff.header).send({}).expect(200);
    expect(await titles(`?q=${encodeURIComponent('电焊')}`)).toEqual(['留下的电焊工']);
  });

  it('when staff edit a job title, then keyword search finds it by the new words and no longer by the old', async () => {
    const { http, titles, clock } = oneApp({ ttlMs: 60_000, staleMs: 0, maxEntries: 100 });
    const job = await buildJob({ title: '招聘砌筑工', trade: '砌筑工', regionCode: '150521' });
    const staff = await signInAs('staff', { regionScope: '150521', clock });
    await http().patch(`/api/v1/staff/jobs/${job._id.toHexString()}`).set(staff.header).send({ title: '招聘熟练电焊工' }).expect(200);
    expect(await titles(`?q=${encodeURIComponent('电焊')}`)).toEqual(['招聘熟练电焊工']);
    expect(await titles(`?q=${encodeURIComponent('砌筑')}`)).toEqual(['招聘熟练电焊工']); // the trade is still 砌筑工
    expect(await titles(`?q=${encodeURIComponent('招聘砌')}`)).toEqual([]);
  });

  it('when a job changes through an update (as the PES sync writes), then cached pages are dropped', async () => {
    const { titles } = oneApp({ ttlMs: 60_000, staleMs: 0, maxEntries: 100 });
    const job = await buildJob({ title: '钢筋工', trade: '钢筋工' });
    expect(await titles('?trade=钢筋工')).toEqual(['钢筋工']);
    await Job.updateOne({ _id: job._id }, { $set: { trade: '木工' } }).exec();
    expect(await titles('?trade=钢筋工')).toEqual([]);
  });

  it('when nothing is written through this process, then a page is reused within its TTL and refreshed after it', async () => {
    const { titles, clock } = oneApp({ ttlMs: 3000, staleMs: 0, maxEntries: 100 });
    const job = await buildJob({ title: '保安员', trade: '保安员' });
    expect(await titles('?trade=保安员')).toEqual(['保安员']);
    // Another instance's write: this process's version does not move.
    await Job.collection.updateOne({ _id: job._id }, { $set: { title: '夜班保安员' } });
    expect(await titles('?trade=保安员')).toEqual(['保安员']);
    // The same search spelt differently is the same key.
    expect(await titles('?trade=保安员&limit=20')).toEqual(['保安员']);
    clock.advance(3000);
    expect(await titles('?trade=保安员')).toEqual(['夜班保安员']);
  });

  it('when a page is past its TTL but within the stale window, then it is answered at once while one background load refreshes it; past the window it is read anew', async () => {
    const { titles, clock } = oneApp({ ttlMs: 3000, staleMs: 3000, maxEntries: 100 });
    const job = await buildJob({ title: '保洁员', trade: '保洁员' });
    expect(await titles('?trade=保洁员')).toEqual(['保洁员']);
    await Job.collection.updateOne({ _id: job._id }, { $set: { title: '商场保洁员' } });
    clock.advance(3500);
    // Stale answer, refresh started behind it.
    expect(await titles('?trade=保洁员')).toEqual(['保洁员']);
    await waitFor(async () => (await titles('?trade=保洁员'))[0] === '商场保洁员');
    await Job.collection.updateOne({ _id: job._id }, { $set: { title: '医院保洁员' } });
    clock.advance(6000);
    expect(await titles('?trade=保洁员')).toEqual(['医院保洁员']);
  });

  it('when the cache is off (TTL 0), then every search reads the database', async () => {
    const { titles } = oneApp({ ttlMs: 0, staleMs: 0, maxEntries: 100 });
    const job = await buildJob({ title: '厨师', trade: '厨师' });
    expect(await titles('?trade=厨师')).toEqual(['厨师']);
    await Job.collection.updateOne({ _id: job._id }, { $set: { title: '中餐厨师' } });
    expect(await titles('?trade=厨师')).toEqual(['中餐厨师']);
  });

  it('when a write fails, then the version still moves (a partial write is not hidden by a cached page)', async () => {
    const before = currentJobsVersion();
    await expect(Job.updateOne({ _id: 'not-an-id' }, { $set: { title: 'x' } }).exec()).rejects.toThrow();
    expect(currentJobsVersion()).toBeGreaterThan(before);
  });
});

describe('JobSearchCache', () => {
  const page = (title: string): JobListResponse => ({ items: [{ title } as JobListResponse['items'][number]], nextCursor: null });

  it('when more keys than maxEntries are used, then the least recently used one is evicted', async () => {
    const cache = new JobSearchCache({ ttlMs: 10_000, maxEntries: 2, now: () => 0 });
    let loads = 0;
    const load = (t: string) => () => {
      loads += 1;
      return Promise.resolve(page(t));
    };
    await cache.get('a', load('a'));
    await cache.get('b', load('b'));
    await cache.get('a', load('a')); // a is now the most recent
    await cache.get('c', load('c')); // evicts b
    expect(cache.size).toBe(2);
    expect(loads).toBe(3);
    await cache.get('a', load('a'));
    expect(loads).toBe(3);
    await cache.get('b', load('b'));
    expect(loads).toBe(4);
  });

  it('when the same key is asked concurrently, then one load answers all; a failed load is not kept', async () => {
    const cache = new JobSearchCache({ ttlMs: 10_000, maxEntries: 10, now: () => 0 });
    let loads = 0;
    const slow = () =>
      new Promise<JobListResponse>((resolve) => {
        loads += 1;
        setTimeout(() => resolve(page('x')), 20);
      });
    const answers = await Promise.all(Array.from({ length: 20 }, () => cache.get('k', slow)));
    expect(loads).toBe(1);
    expect(new Set(answers).size).toBe(1);
    await expect(cache.get('bad', () => Promise.reject(new Error('db down')))).rejects.toThrow('db down');
    expect(await cache.get('bad', () => Promise.resolve(page('ok')))).toEqual(page('ok'));
  });

  it('when a job is written while a page loads, then that page is not served afterwards', async () => {
    const cache = new JobSearchCache({ ttlMs: 10_000, maxEntries: 10, now: () => 0 });
    await cache.get('k', async () => {
      bumpJobsVersion();
      return page('stale');
    });
    expect(await cache.get('k', () => Promise.resolve(page('fresh')))).toEqual(page('fresh'));
  });

  it('when several searchers ask a stale page, then only one background load runs; a failed refresh keeps the stale page and is tried again', async () => {
    let now = 0;
    const cache = new JobSearchCache({ ttlMs: 1000, staleMs: 1000, maxEntries: 10, now: () => now });
    await cache.get('k', () => Promise.resolve(page('old')));
    now = 1500;
    let loads = 0;
    const failing = () => {
      loads += 1;
      return Promise.reject(new Error('db down'));
    };
    const answers = await Promise.all(Array.from({ length: 5 }, () => cache.get('k', failing)));
    expect(answers).toEqual(Array.from({ length: 5 }, () => page('old')));
    expect(loads).toBe(1);
    await new Promise((r) => setImmediate(r));
    const fresh = () => {
      loads += 1;
      return Promise.resolve(page('new'));
    };
    expect(await cache.get('k', fresh)).toEqual(page('old'));
    await new Promise((r) => setImmediate(r));
    expect(loads).toBe(2);
    expect(await cache.get('k', fresh)).toEqual(page('new'));
    expect(loads).toBe(2);
  });

  it('when keys are built, then order and undefined values do not matter', () => {
    expect(searchCacheKey({ a: 1, b: undefined, c: 'x' })).toBe(searchCacheKey({ c: 'x', a: 1 }));
    expect(searchCacheKey({ a: 1 })).not.toBe(searchCacheKey({ a: 2 }));
  });
});
