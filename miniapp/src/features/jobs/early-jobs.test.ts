import fs from 'node:fs';
import path from 'node:path';
import { appConfig } from '@/config';
import { JOBS_PAGE_SIZE } from './api/get-jobs';
import { EARLY_JOBS_PATH, takeEarlyJobs } from './early-jobs';

const page = {
  items: [
    {
      id: 'j1',
      title: '招聘熟练电焊工',
      employerName: '通辽市某建筑公司',
      employerVerified: true,
      trade: '电焊工',
      regionCode: '150502',
      regionName: '内蒙古通辽市科尔沁区',
      payMinFen: 600000,
      payMaxFen: 800000,
      mealsAndLodging: true,
      transport: 'shuttle',
      publicWelfare: false,
      openings: 5,
      deadline: null,
      createdAt: '2026-11-01T02:00:00.000Z',
    },
  ],
  nextCursor: null,
};

describe('the first job list started by index.html', () => {
  const env = process.env.TARO_ENV;
  beforeEach(() => {
    process.env.TARO_ENV = 'h5';
  });
  afterEach(() => {
    process.env.TARO_ENV = env;
    window.__zyEarlyJobs = undefined;
    jest.useRealTimers();
  });

  it('when index.html fetched the first page, then the app takes that answer, and only once', async () => {
    window.__zyEarlyJobs = Promise.resolve(page);
    await expect(takeEarlyJobs(1000)).resolves.toEqual(page);
    expect(takeEarlyJobs(1000)).toBeNull();
  });

  it('when that fetch failed or answered something else, then it resolves null (the app asks the usual way)', async () => {
    window.__zyEarlyJobs = Promise.resolve(null);
    await expect(takeEarlyJobs(1000)).resolves.toBeNull();
    window.__zyEarlyJobs = Promise.resolve({ items: [{ id: 'x' }] });
    await expect(takeEarlyJobs(1000)).resolves.toBeNull();
    window.__zyEarlyJobs = Promise.reject(new Error('offline'));
    await expect(takeEarlyJobs(1000)).resolves.toBeNull();
  });

  it('when that fetch hangs past the timeout, then it resolves null', async () => {
    jest.useFakeTimers();
    window.__zyEarlyJobs = new Promise(() => undefined);
    const taken = takeEarlyJobs(15_000);
    jest.advanceTimersByTime(15_000);
    await expect(taken).resolves.toBeNull();
  });

  it('when the build is a weapp, then there is nothing to take', () => {
    process.env.TARO_ENV = 'weapp';
    window.__zyEarlyJobs = Promise.resolve(page);
    expect(takeEarlyJobs(1000)).toBeNull();
  });

  it('when index.html starts the request, then it asks exactly for the page the app would ask for first', () => {
    const html = fs.readFileSync(path.resolve(__dirname, '../../index.html'), 'utf8');
    expect(html).toContain(`fetch('${EARLY_JOBS_PATH}'`);
    expect(EARLY_JOBS_PATH).toBe(`${appConfig.apiBaseUrl}/jobs?limit=${JOBS_PAGE_SIZE}`);
  });
});
