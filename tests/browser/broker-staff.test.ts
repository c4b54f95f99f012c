import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import {
  BrokerProfileSchema,
  EntitlementListSchema,
  JobListResponseSchema,
  TeamSchema,
  chinaDateOf,
  idNumberCheckChar,
  regionCodePath,
} from '@zhuanyi/shared';
import { regionRepository } from '../../bff/src/modules/regions/regions.repository';
import { seedAreaCodes } from '../../bff/src/seed/seed';
import { registrationOf } from '../../bff/src/test-support/broker-rows';
import { apiJson, staffByPassword } from '../support/bff-api';
import { newPhoneContext, watchedPage } from '../support/browser';
import { BROKER, STAFF } from '../support/demo-accounts';
import { useBffAndBrowser } from '../support/h5-suite';
import { brokerSignIn, fillSmsSignIn, staffSignIn } from '../support/sign-in-pages';
import { exact, input, settledScreenshot, shown, tapText } from '../support/taro-page';

/** A valid 身份证号 born 1979-03-08 in 科尔沁左翼中旗 (150521). */
const first17 = '15052119790308007';
const ID_NUMBER = `${first17}${idNumberCheckChar(first17)}`;
const PHONE = '13900007788';

const namesOf = (code: string) => regionCodePath(code).map((c) => regionRepository().findByCode(c)?.name ?? c);

describe('broker application and staff review in the H5 build served by the BFF', () => {
  const suite = useBffAndBrowser();

  async function api<S extends z.ZodType>(method: string, path: string, token: string | null, schema: S, body?: unknown): Promise<z.infer<S>> {
    return schema.parse(await apiJson(suite.bff, path, { method, body, token: token ?? undefined, key: randomUUID() }));
  }
  const signIn = async (who: { username: string; password: string }) => (await staffByPassword(suite.bff, who)).accessToken;

  it('when a worker applies to be a broker, then staff of the region certify them with a reason and the worker sees it', async () => {
    const { bff, browser } = suite;
    const area = seedAreaCodes()[0];
    if (!area) throw new Error('no seed area');
    const context = await newPhoneContext(browser);
    const errors: string[] = [];
    const page = await watchedPage(context, errors);

    // 1. The worker signs in by SMS and opens 我的 → 申请当劳务经纪人.
    await fillSmsSignIn(page, bff, PHONE);
    await tapText(page, '登录');
    // A worker without a registration lands on 实名登记, which asks for consent first.
    await shown(page, '个人信息怎么用（隐私说明）').waitFor({ timeout: 20_000 });
    await page.goto(`${bff.baseUrl}/#/pages/me/index`);
    await tapText(page, '申请当劳务经纪人');
    await shown(page, '提交申请').waitFor({ timeout: 20_000 });

    // 2. A refused submit shows its problems next to the fields, in Chinese.
    await tapText(page, '提交申请');
    await shown(page, '请选择所在村').waitFor();

    const inputs = page.locator('input').filter({ visible: true });
    await inputs.nth(0).fill('巴特尔');
    await inputs.nth(1).fill(ID_NUMBER);
    await inputs.nth(2).fill(PHONE);
    const villagePicker = page.locator('[data-testid="village-picker"]').filter({ visible: true });
    for (const name of namesOf(area.village)) await villagePicker.getByText(name, { exact: true }).last().tap();
    const areaPicker = page.locator('[data-testid="area-picker"]').filter({ visible: true });
    for (const name of namesOf(area.township)) await areaPicker.getByText(name, { exact: true }).last().tap();
    await page.locator('textarea').filter({ visible: true }).first().fill('2019年起每年组织本村30多人到外地建筑工地务工');
    const username = `bateer${Date.now() % 100_000}`;
    await inputs.nth(3).fill(username);
    await inputs.nth(4).fill('bateer-pass-2026');
    await settledScreenshot(page, 'broker-staff-01-apply-form');
    await tapText(page, '提交申请');
    await shown(page, '申请状态：待认定').waitFor({ timeout: 20_000 });
    await settledScreenshot(page, 'broker-staff-02-applied');

    // 3. Staff of the county see the application; certifying needs a reason.
    const staffContext = await newPhoneContext(browser);
    const staffPage = await watchedPage(staffContext, errors);
    await staffSignIn(staffPage, bff, STAFF);
    await tapText(staffPage, '劳务经纪人');
    const card = staffPage.locator('[data-testid="broker-card"]').filter({ visible: true }).filter({ hasText: '巴特尔' });
    await card.waitFor({ timeout: 20_000 });
    await card.getByText('认定', { exact: true }).tap();
    await shown(staffPage, '请写明理由').waitFor();
    await card.locator('textarea').fill('身份核实无误，有多年组织务工经历');
    await settledScreenshot(staffPage, 'broker-staff-03-certify');
    await card.getByText('认定', { exact: true }).tap();
    await card.getByText('已认定', { exact: true }).waitFor({ timeout: 20_000 });
    await settledScreenshot(staffPage, 'broker-staff-04-certified');

    // 4. The worker sees the decision and the sign-in name for the broker console.
    await page.reload();
    await shown(page, '申请状态：已认定').waitFor({ timeout: 20_000 });
    await shown(page, '身份核实无误，有多年组织务工经历').waitFor();
    await settledScreenshot(page, 'broker-staff-05-worker-sees-certified');

    // The BFF agrees: certified, and the new broker can sign in.
    const staffToken = await signIn(STAFF);
    const list = await api('GET', '/brokers?status=certified', staffToken, z.object({ items: z.array(BrokerProfileSchema) }));
    const mine = list.items.find((b) => b.username === username);
    expect(mine).toMatchObject({ status: 'certified', certified: true, name: '巴特尔' });
    expect(mine?.history.map((h) => [h.status, h.reason])).toEqual([
      ['applied', expect.any(String)],
      ['certified', '身份核实无误，有多年组织务工经历'],
    ]);
    await signIn({ username, password: 'bateer-pass-2026' });
    expect(errors).toEqual([]);
    await context.close();
    await staffContext.close();
  });

  it('when a broker enrols one person with the registration form, then consent is required first and the person is listed, not yet claimed', async () => {
    const area = seedAreaCodes()[0];
    if (!area) throw new Error('no seed area');
    const first = '15052119880412005';
    const idNumber = `${first}${idNumberCheckChar(first)}`;
    const context = await newPhoneContext(suite.browser);
    const errors: string[] = [];
    const page = await watchedPage(context, errors);

    await brokerSignIn(page, suite.bff, BROKER);
    await tapText(page, '逐个登记');

    // The worker registration form, five steps.
    await shown(page, '第 1 步，共 5 步').waitFor({ timeout: 20_000 });
    await input(page, '和身份证上一样').fill('乌力吉');
    await input(page, '18位，最后一位可能是X').fill(idNumber);
    await tapText(page, '蒙古族');
    await input(page, '请输入11位手机号').fill('13900005566');
    await tapText(page, '初中');
    await tapText(page, '下一步');
    await shown(page, '第 2 步，共 5 步').waitFor();
    for (const name of namesOf(area.village)) await tapText(page, name);
    await input(page, '比如：三组').fill('二组');
    await tapText(page, '下一步');
    await shown(page, '第 3 步，共 5 步').waitFor();
    await tapText(page, '能外出，可以远行');
    await tapText(page, '未就业');
    await tapText(page, '否');
    await tapText(page, '下一步');
    await shown(page, '第 4 步，共 5 步').waitFor();
    await tapText(page, '下一步');
    await shown(page, '第 5 步，共 5 步').waitFor();
    await tapText(page, '是', 0);
    await tapText(page, '电焊工', 0);
    await tapText(page, '省（区）外');
    await tapText(page, '否', 1);

    // Without the person's consent nothing is sent.
    await tapText(page, '提交');
    await shown(page, '须经本人同意才能代为登记，请先勾选').waitFor();
    await page.locator('[data-testid="enrol-consent"] .zy-choice').filter({ visible: true }).first().tap();
    await tapText(page, '本人当面同意');
    await settledScreenshot(page, 'broker-staff-09-enrol-consent');
    await tapText(page, '提交');
    await shown(page, '登记成功').waitFor({ timeout: 30_000 });
    await shown(page, /用身份证号和这个手机号认领登记/).waitFor();
    await settledScreenshot(page, 'broker-staff-10-enrolled');

    // The BFF agrees: the person is the broker's, masked, waiting to be claimed.
    const people = await api('GET', '/brokers/me/people?limit=100', await signIn(BROKER), z.object({ items: z.array(z.object({ name: z.string(), idNumberMasked: z.string(), claimed: z.boolean() })) }));
    expect(people.items.filter((p) => p.name === '乌力吉')).toEqual([{ name: '乌力吉', idNumberMasked: expect.stringMatching(/^150521\*+\d{3}[\dX]$/) as unknown as string, claimed: false }]);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('when a team arrives, then staff confirm its stages and approve the broker’s claim with a reason', async () => {
    const { bff, browser } = suite;
    const area = seedAreaCodes()[0];
    if (!area) throw new Error('no seed area');
    const today = chinaDateOf(new Date());
    // The demo broker enrols a person, forms a team for a job outside the county and records the organized trip.
    const broker = await signIn(BROKER);
    const person = await api('POST', '/brokers/me/people', broker, z.object({ worker: z.object({ id: z.string() }) }), {
      consent: { given: true, method: 'signed_form' },
      registration: registrationOf(4242, area.village),
    });
    const jobs = await api('GET', '/jobs?limit=50', broker, JobListResponseSchema);
    const job = jobs.items.find((j) => !j.regionCode.startsWith(area.county));
    if (!job) throw new Error('no job outside the county');
    const team = await api('POST', '/brokers/me/teams', broker, TeamSchema, { name: '保康镇赴外地务工联队', jobId: job.id, memberIds: [person.worker.id] });
    await api('POST', `/brokers/me/teams/${team.id}/application`, broker, TeamSchema);
    await api('POST', `/brokers/me/teams/${team.id}/stages`, broker, TeamSchema, { stage: 'departed', on: today, transport: 'organized_train' });
    await api('POST', `/brokers/me/teams/${team.id}/stages`, broker, TeamSchema, { stage: 'arrived', on: today });

    const context = await newPhoneContext(browser);
    const errors: string[] = [];
    const page = await watchedPage(context, errors);

    // 1. Staff confirm the departure and the arrival.
    await staffSignIn(page, bff, STAFF);
    await tapText(page, '联队进度确认');
    const teamCard = page.locator('.zy-staff-card').filter({ visible: true }).filter({ hasText: '保康镇赴外地务工联队' });
    await teamCard.waitFor({ timeout: 20_000 });
    await expect(teamCard.locator('[data-testid="stage-row"]').count()).resolves.toBe(2);
    await settledScreenshot(page, 'broker-staff-06-stages');
    await teamCard.getByText('确认', { exact: true }).first().tap();
    await teamCard.locator('[data-testid="stage-row"]').nth(1).waitFor({ state: 'detached', timeout: 20_000 });
    await teamCard.getByText('确认', { exact: true }).first().tap();
    // Both confirmed: the team leaves the list.
    await teamCard.waitFor({ state: 'detached', timeout: 20_000 });

    // 2. The arrival earned the broker a service subsidy; the broker claims it.
    const ledger = await api('GET', `/brokers/me/subsidies?limit=100`, broker, EntitlementListSchema);
    const due = ledger.items.find((e) => e.workerId === person.worker.id && e.beneficiary === 'broker' && e.state === 'due');
    if (!due) throw new Error(`no due subsidy: ${JSON.stringify(ledger.items.map((e) => [e.ruleKey, e.state]))}`);
    await api('POST', `/brokers/me/subsidies/${due.id}/claim`, broker, z.object({ state: z.literal('claimed') }));

    // 3. Staff approve the claim with a reason, then export the month's approved claims.
    await page.goto(`${bff.baseUrl}/#/packages/staff/pages/home/index`);
    await tapText(page, '经纪人补贴审核');
    const claim = page.locator('[data-testid="claim-card"]').filter({ visible: true }).filter({ hasText: '保康镇赴外地务工联队' });
    await claim.waitFor({ timeout: 20_000 });
    await claim.locator('textarea').fill('到岗证明齐全');
    await settledScreenshot(page, 'broker-staff-07-claim');
    await claim.getByText('通过', { exact: true }).tap();
    await claim.getByText(/已处理：已审核通过/).waitFor({ timeout: 20_000 });
    await settledScreenshot(page, 'broker-staff-08-approved');
    const download = page.waitForEvent('download');
    await tapText(page, '导出已审核补贴（xlsx）');
    expect((await download).suggestedFilename()).toMatch(/\.xlsx$/);
    await exact(page, '已导出').waitFor();

    const after = await api('GET', `/brokers/me/subsidies?limit=100`, broker, EntitlementListSchema);
    expect(after.items.find((e) => e.id === due.id)).toMatchObject({ state: 'approved', reason: '到岗证明齐全' });
    expect(errors).toEqual([]);
    await context.close();
  });
});
