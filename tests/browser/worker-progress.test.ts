import type { Browser, BrowserContext } from 'playwright-core';
import { ApplyResultSchema, CourseListResponseSchema, EnrollResultSchema, JobListResponseSchema, TokenPairSchema, type TokenPair } from '@zhuanyi/shared';
import { startBff, type RunningBff } from '../support/bff-process';
import { launchBrowser, newPhoneContext } from '../support/browser';
import { exact, settledScreenshot, shown, tapText } from '../support/taro-page';

// Demo accounts printed by the BFF at start (bff/src/seed/demo-data.ts); staff: county 150521.
const STAFF = { username: 'staff', password: 'demo-staff-2024' };
const ADMIN = { username: 'admin', password: 'demo-admin-2024' };

async function api<T>(bff: RunningBff, path: string, init: { method?: string; body?: unknown; token?: string; key?: string }, parse: (v: unknown) => T): Promise<T> {
  const headers: Record<string, string> = { 'Content-Type': 'application/json' };
  if (init.token) headers.Authorization = `Bearer ${init.token}`;
  if (init.key) headers['Idempotency-Key'] = init.key;
  const res = await fetch(`${bff.baseUrl}/api/v1${path}`, { method: init.method ?? 'GET', headers, body: init.body === undefined ? undefined : JSON.stringify(init.body) });
  const body: unknown = await res.json();
  if (!res.ok) throw new Error(`${path} ${res.status} ${JSON.stringify(body)}`);
  return parse(body);
}

async function smsCode(bff: RunningBff, since: number): Promise<string> {
  for (let i = 0; i < 100; i += 1) {
    const codes = [...bff.output().slice(since).matchAll(/"devLoginCode":"(\d{6})"/g)];
    const last = codes[codes.length - 1];
    if (last?.[1]) return last[1];
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('no SMS code in the BFF log');
}

/** A phone-sized context signed in as this subject (Taro H5 keeps storage as {"data": value}). */
async function signedIn(browser: Browser, pair: TokenPair): Promise<BrowserContext> {
  const context = await newPhoneContext(browser);
  const items = { 'auth.accessToken': pair.accessToken, 'auth.refreshToken': pair.refreshToken, 'auth.subject': JSON.stringify(pair.subject) };
  await context.addInitScript((entries: Record<string, string>) => {
    for (const [k, v] of Object.entries(entries)) localStorage.setItem(k, JSON.stringify({ data: v }));
  }, items);
  return context;
}

describe('staff move a worker’s application and course sign-up forward; the worker sees it (H5)', () => {
  let bff: RunningBff;
  let browser: Browser;

  beforeAll(async () => {
    bff = await startBff();
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await bff?.stop();
  });

  it('when an officer marks the application contacted then hired, and staff confirm, start and pass the sign-up, then 我的岗位报名 shows 已录用 and 我的培训 shows 已结业', async () => {
    const phone = '13900007788';
    const logAt = bff.output().length;
    await api(bff, '/auth/sms/code', { method: 'POST', body: { phone } }, (v) => v);
    const worker = await api(bff, '/auth/sms', { method: 'POST', body: { phone, code: await smsCode(bff, logAt) } }, (v) => TokenPairSchema.parse(v));
    const job = (await api(bff, '/jobs?limit=1', {}, (v) => JobListResponseSchema.parse(v))).items[0];
    if (!job) throw new Error('no seeded job');
    await api(bff, `/jobs/${job.id}/applications`, { method: 'POST', body: {}, token: worker.accessToken, key: 'progress-apply-0001' }, (v) => ApplyResultSchema.parse(v));
    const course = (await api(bff, `/courses?regionCode=150521&limit=50`, {}, (v) => CourseListResponseSchema.parse(v))).items.find((c) => c.signUpOpen);
    if (!course) throw new Error('no open course in 150521');
    await api(bff, `/courses/${course.id}/enrollments`, { method: 'POST', body: {}, token: worker.accessToken, key: 'progress-enrol-0001' }, (v) => EnrollResultSchema.parse(v));

    // The job is far from home (no county officer's): an admin moves the application.
    const admin = await api(bff, '/auth/password', { method: 'POST', body: ADMIN }, (v) => TokenPairSchema.parse(v));
    const adminContext = await signedIn(browser, admin);
    const adminPage = await adminContext.newPage();
    await adminPage.goto(`${bff.baseUrl}/#/packages/staff/pages/home/index`);
    await tapText(adminPage, '岗位报名');
    await shown(adminPage, `岗位：${job.title}`).waitFor({ timeout: 20_000 });
    await settledScreenshot(adminPage, 'progress-01-staff-applications');
    await tapText(adminPage, '标记已联系');
    await shown(adminPage, '已更新为“已联系”').waitFor({ timeout: 20_000 });
    await tapText(adminPage, '标记已录用');
    await shown(adminPage, '已更新为“已录用”').waitFor({ timeout: 20_000 });
    expect(await exact(adminPage, '标记已联系').count()).toBe(0);
    expect(await exact(adminPage, '标记未录用').count()).toBe(0);
    await settledScreenshot(adminPage, 'progress-02-staff-hired');
    await adminContext.close();

    // The county officer moves the sign-up of a course in their county.
    const staff = await api(bff, '/auth/password', { method: 'POST', body: STAFF }, (v) => TokenPairSchema.parse(v));
    const staffContext = await signedIn(browser, staff);
    const staffPage = await staffContext.newPage();
    await staffPage.goto(`${bff.baseUrl}/#/packages/staff/pages/home/index`);
    await tapText(staffPage, '培训报名');
    await shown(staffPage, `课程：${course.title}`).waitFor({ timeout: 20_000 });
    await settledScreenshot(staffPage, 'progress-03-staff-enrollments');
    await tapText(staffPage, '确认报名');
    await shown(staffPage, '已更新为“已确认”').waitFor({ timeout: 20_000 });
    await tapText(staffPage, '开始培训');
    await shown(staffPage, '已更新为“培训中”').waitFor({ timeout: 20_000 });
    await tapText(staffPage, '结业合格');
    await shown(staffPage, '已更新为“已结业”').waitFor({ timeout: 20_000 });
    await settledScreenshot(staffPage, 'progress-04-staff-passed');
    await staffContext.close();

    const workerContext = await signedIn(browser, worker);
    const page = await workerContext.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${bff.baseUrl}/#/pages/applications/index`);
    await exact(page, '已录用').first().waitFor({ timeout: 20_000 });
    expect(await exact(page, '撤回报名').count()).toBe(0);
    await settledScreenshot(page, 'progress-05-worker-hired');
    await page.goto(`${bff.baseUrl}/#/pages/enrollments/index`);
    await exact(page, '已结业').first().waitFor({ timeout: 20_000 });
    expect(await exact(page, '取消报名').count()).toBe(0);
    await settledScreenshot(page, 'progress-06-worker-completed');
    expect(errors).toEqual([]);
    await workerContext.close();
  });
});
