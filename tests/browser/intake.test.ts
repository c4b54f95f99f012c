import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { ComplaintSchema, TokenPairSchema, idNumberCheckChar, type TokenPair } from '@zhuanyi/shared';
import { startBff, type RunningBff } from '../support/bff-process';
import { launchBrowser, newPhoneContext, screenshot as save } from '../support/browser';

// The demo intake officer printed by the BFF at start (bff/src/seed/demo-data.ts); scope: seed area 0, county 150521.
const USERNAME = 'intake';
const PASSWORD = 'demo-intake-2024';
const PHONE = '13900005566';

const filing = {
  caseType: 'construction',
  respondent: { kind: 'foreman', name: '赵包工头', phone: '13800005678' },
  project: { name: '科尔沁花园二期', regionCode: '150521', address: '甘旗卡镇建设路' },
  workPeriod: { from: '2026-01-05', to: '2026-05-20' },
  amountOwedYuan: '12000',
  coWorkersOwed: 12,
  demands: ['pay_wages'],
};

// Taro's H5 router keeps earlier pages in the DOM, hidden: only look at what is on screen.
const exact = (page: Page, text: string): Locator => page.getByText(text, { exact: true }).filter({ visible: true });
const shown = (page: Page, text: string | RegExp): Locator => page.getByText(text).filter({ visible: true }).first();
/** The input or textarea of the labelled field. */
const field = (page: Page, label: string): Locator =>
  page.locator('.zy-field').filter({ visible: true }).filter({ has: page.getByText(label, { exact: true }) }).locator('input, textarea').first();
async function screenshot(page: Page, name: string): Promise<void> {
  await page.waitForTimeout(600);
  await save(page, name);
}
async function tap(target: Locator): Promise<void> {
  await target.waitFor({ state: 'visible', timeout: 20_000 });
  await target.tap();
}
const tapText = (page: Page, text: string, index = 0) => tap(exact(page, text).nth(index));

async function smsCode(bff: RunningBff, since: number): Promise<string> {
  for (let i = 0; i < 100; i += 1) {
    const codes = [...bff.output().slice(since).matchAll(/"devLoginCode":"(\d{6})"/g)];
    const last = codes[codes.length - 1];
    if (last?.[1]) return last[1];
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('no SMS code in the BFF log');
}

async function api<T>(bff: RunningBff, path: string, init: { method?: string; body?: unknown; token?: string; key?: string }, parse: (v: unknown) => T): Promise<T> {
  const headers: Record<string, string> = { 'Content-Type': 'application/json' };
  if (init.token) headers.Authorization = `Bearer ${init.token}`;
  if (init.key) headers['Idempotency-Key'] = init.key;
  const res = await fetch(`${bff.baseUrl}/api/v1${path}`, { method: init.method ?? 'GET', headers, body: init.body === undefined ? undefined : JSON.stringify(init.body) });
  const body: unknown = await res.json();
  if (!res.ok) throw new Error(`${path} ${res.status} ${JSON.stringify(body)}`);
  return parse(body);
}

/** A context already signed in as this subject (Taro H5 keeps storage as {"data": value}). */
async function signedInContext(browser: Browser, pair: TokenPair): Promise<BrowserContext> {
  const context = await newPhoneContext(browser);
  const items = { 'auth.accessToken': pair.accessToken, 'auth.refreshToken': pair.refreshToken, 'auth.subject': JSON.stringify(pair.subject) };
  await context.addInitScript((entries: Record<string, string>) => {
    for (const [k, v] of Object.entries(entries)) localStorage.setItem(k, JSON.stringify({ data: v }));
  }, items);
  return context;
}

describe('an intake officer in the H5 build served by the BFF', () => {
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

  it('when a worker files a wage complaint, the officer accepts it, records a mediation and closes it with the amount recovered, and the worker sees each step', async () => {
    // 1. A worker signs in by SMS and files a group complaint in the demo county (API).
    const logAt = bff.output().length;
    await api(bff, '/auth/sms/code', { method: 'POST', body: { phone: PHONE } }, (v) => v);
    const worker = await api(bff, '/auth/sms', { method: 'POST', body: { phone: PHONE, code: await smsCode(bff, logAt) } }, (v) => TokenPairSchema.parse(v));
    const filed = await api(bff, '/complaints', { method: 'POST', body: filing, token: worker.accessToken, key: `intake-browser-${Date.now()}` }, (v) => ComplaintSchema.parse(v));

    const context = await newPhoneContext(browser);
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));

    // 2. Sign in: empty fields and a wrong password are answered under the fields.
    await page.goto(`${bff.baseUrl}/#/packages/staff/pages/login/index`);
    await shown(page, '工作人员登录').waitFor({ timeout: 30_000 });
    await tapText(page, '登录');
    await shown(page, '请输入用户名').waitFor();
    await shown(page, '请输入密码').waitFor();
    await field(page, '用户名').fill(USERNAME);
    await field(page, '密码').fill('not-the-password');
    await tapText(page, '登录');
    await shown(page, '用户名或密码不对').waitFor({ timeout: 20_000 });
    await screenshot(page, 'intake-01-sign-in-error');
    await field(page, '密码').fill(PASSWORD);
    await tapText(page, '登录');
    await shown(page, /李建国/).waitFor({ timeout: 20_000 });
    await shown(page, /管辖地区：.*科尔沁左翼中旗/).waitFor({ timeout: 20_000 });
    await screenshot(page, 'intake-02-home');

    // 3. The queue: the new group case with its acceptance clock and priority marker.
    await tapText(page, '绿色通道待办');
    const card = page.locator('.zy-queue-item').filter({ visible: true }).filter({ hasText: filed.caseNumber });
    await card.waitFor({ timeout: 20_000 });
    await card.getByText('★ 集体').waitFor();
    await card.getByText('受理时限').waitFor();
    await screenshot(page, 'intake-03-queue');

    // 4. Accept (立案).
    await tap(card);
    await shown(page, '选择要办理的事项').waitFor({ timeout: 20_000 });
    await tapText(page, '立案受理');
    await tapText(page, '确认办理：立案受理');
    await shown(page, '已办理：立案受理').waitFor({ timeout: 20_000 });
    await screenshot(page, 'intake-04-accepted');

    // 5. Mediation: start it, then record the result with its required fields.
    await tapText(page, '开始调解');
    await tapText(page, '确认办理：开始调解');
    await shown(page, '已办理：开始调解').waitFor({ timeout: 20_000 });
    await tapText(page, '记录调解结果');
    await tapText(page, '确认办理：记录调解结果');
    await shown(page, '请填写调解笔录，至少 2 个字').waitFor();
    await field(page, '调解笔录').fill('双方到场，包工头承认拖欠工资 12000 元，同意分两次支付。');
    await tap(page.locator('.zy-action-form .zy-choice').filter({ visible: true }).filter({ hasText: '是' }).first());
    await field(page, '调解协议内容').fill('6月30日前支付 8000 元，余款7月底前付清');
    await field(page, '约定支付金额（元）（可不填）').fill('8000');
    await screenshot(page, 'intake-05-mediation-form');
    await tapText(page, '确认办理：记录调解结果');
    await shown(page, '已办理：记录调解结果').waitFor({ timeout: 20_000 });
    await shown(page, '调解成功，约定 8,000 元').waitFor();
    await screenshot(page, 'intake-06-mediated');

    // 6. Close with an outcome and the amount recovered.
    await tapText(page, '结案');
    await tap(page.locator('.zy-action-form').filter({ visible: true }).getByText('调解结案', { exact: true }));
    await field(page, '追回金额（元）').fill('8000');
    await screenshot(page, 'intake-07-close-form');
    await tapText(page, '确认办理：结案');
    await shown(page, '已办理：结案').waitFor({ timeout: 20_000 });
    await shown(page, '本案已办结，不能再办理').waitFor();
    await screenshot(page, 'intake-08-closed');

    // 7. The worker's timeline shows each step (API), and their case page shows it too.
    const mine = await api(bff, `/complaints/${filed.id}`, { token: worker.accessToken }, (v) => ComplaintSchema.parse(v));
    expect(mine.status).toBe('closed');
    expect(mine.outcome).toBe('mediated_settlement');
    expect(mine.timeline.map((e) => e.status)).toEqual(expect.arrayContaining(['submitted', 'accepted', 'mediating', 'closed']));
    const notes = mine.timeline.map((e) => e.note ?? '').join('\n');
    expect(notes).toContain('已立案受理');
    expect(notes).toContain('调解成功');
    expect(notes).toContain('追回金额 8000');

    const workerContext = await signedInContext(browser, worker);
    const workerPage = await workerContext.newPage();
    workerPage.on('pageerror', (e) => errors.push(e.message));
    await workerPage.goto(`${bff.baseUrl}/#/pages/complaint-case/index?id=${filed.id}`);
    await shown(workerPage, /追回金额 8000/).waitFor({ timeout: 30_000 });
    await shown(workerPage, /调解成功/).scrollIntoViewIfNeeded();
    await screenshot(workerPage, 'intake-09-worker-timeline');

    // 8. The same case on a desktop browser.
    const desktop = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    const items = await page.evaluate(() => ({ ...localStorage }));
    await desktop.addInitScript((entries: Record<string, string>) => {
      for (const [k, v] of Object.entries(entries)) localStorage.setItem(k, v);
    }, items);
    const deskPage = await desktop.newPage();
    deskPage.on('pageerror', (e) => errors.push(e.message));
    await deskPage.goto(`${bff.baseUrl}/#/packages/staff/pages/case/index?id=${filed.id}`);
    await shown(deskPage, '本案已办结，不能再办理').waitFor({ timeout: 30_000 });
    await screenshot(deskPage, 'intake-10-desktop-case');

    expect(errors).toEqual([]);
    await Promise.all([context.close(), workerContext.close(), desktop.close()]);
  });

  it('when the demo county staff member signs in, the registry masks ID numbers until a reason is given, and the watch and monthly report show their figures', async () => {
    // A worker registers in a village of the demo county (API), so the registry has someone to show.
    const phone = '13900007788';
    const logAt = bff.output().length;
    await api(bff, '/auth/sms/code', { method: 'POST', body: { phone } }, (v) => v);
    const worker = await api(bff, '/auth/sms', { method: 'POST', body: { phone, code: await smsCode(bff, logAt) } }, (v) => TokenPairSchema.parse(v));
    const first17 = '15052119800315123';
    const registration = {
      name: '包金山',
      idNumber: first17 + idNumberCheckChar(first17),
      ethnicity: '蒙古族',
      phone,
      education: 'junior',
      householdRegionCode: '150521100201',
      householdGroup: '三组',
      keyGroups: ['lifted_from_poverty'],
      mobility: 'can_travel_far',
      skills: [],
      certificates: [],
      jobIntention: { wantsJob: true, trades: ['电焊工'], locations: ['out_of_province'], expectedMonthlyPayFen: 600_000 },
      trainingIntention: { wantsTraining: false, trades: [] },
      employment: { status: 'unemployed', destination: null },
      entrepreneurship: { active: false },
    };
    await api(bff, '/workers/me', { method: 'PUT', body: registration, token: worker.accessToken, key: `intake-browser-reg-${Date.now()}` }, (v) => v);

    const context = await newPhoneContext(browser);
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${bff.baseUrl}/#/packages/staff/pages/home/index`);
    await field(page, '用户名').fill('staff');
    await field(page, '密码').fill('demo-staff-2024');
    await tapText(page, '登录');
    await shown(page, /王晓梅/).waitFor({ timeout: 20_000 });
    await screenshot(page, 'intake-11-staff-home');

    await tapText(page, '人员台账');
    const person = page.locator('.zy-person').filter({ visible: true }).first();
    await person.waitFor({ timeout: 20_000 });
    const masked = (await person.locator('.zy-mono').first().textContent()) ?? '';
    expect(masked).toContain('*');
    await tap(person.getByText('查看完整号码', { exact: true }));
    await tap(person.getByText('确认查看', { exact: true }));
    await person.getByText('请写明查看原因，至少 4 个字').waitFor();
    await person.locator('input').fill('核实欠薪投诉人身份');
    await tap(person.getByText('确认查看', { exact: true }));
    await person.locator('.zy-mono').first().filter({ hasText: /^\d{17}[\dX]$/ }).waitFor({ timeout: 20_000 });
    await screenshot(page, 'intake-12-registry-revealed');

    await page.goto(`${bff.baseUrl}/#/packages/staff/pages/watch/index`);
    await shown(page, '按村统计').waitFor({ timeout: 20_000 });
    await screenshot(page, 'intake-13-watch');

    await page.goto(`${bff.baseUrl}/#/packages/staff/pages/report/index`);
    await shown(page, /年目标完成情况/).waitFor({ timeout: 30_000 });
    await screenshot(page, 'intake-14-report');
    const download = page.waitForEvent('download');
    await tapText(page, '下载 Excel');
    expect((await download).suggestedFilename()).toMatch(/^monthly-\d{4}-\d{2}\.xlsx$/);

    expect(errors).toEqual([]);
    await context.close();
  });
});
