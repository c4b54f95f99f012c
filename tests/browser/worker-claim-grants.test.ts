import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { ClaimableRecordListSchema, JobListResponseSchema, TeamSchema, WorkerGrantListSchema, WorkerRegistrationSchema, chinaDateOf } from '@zhuanyi/shared';
import { seedAreaCodes } from '../../bff/src/seed/seed';
import { idNumberOf, registrationOf } from '../../bff/src/test-support/broker-rows';
import { apiJson, staffByPassword } from '../support/bff-api';
import { newPhoneContext, watchedPage } from '../support/browser';
import { BROKER, STAFF } from '../support/demo-accounts';
import { useBffAndBrowser } from '../support/h5-suite';
import { fillSmsSignIn } from '../support/sign-in-pages';
import { field, settledScreenshot, shown, tap, tapText } from '../support/taro-page';

const N = 7301;

describe('a worker enrolled by a broker claims the record in 我的 and sees their grants (H5 served by the BFF)', () => {
  const suite = useBffAndBrowser();

  async function api<S extends z.ZodType>(method: string, path: string, token: string, schema: S, body?: unknown): Promise<z.infer<S>> {
    return schema.parse(await apiJson(suite.bff, path, { method, body, token, key: randomUUID() }));
  }

  it('when a broker enrols a poor laborer who then goes out with an organized team, then the person signs in with that phone, claims the record with the ID number, applies for the 2,000 yuan grant and opens 修改登记信息 filled in', async () => {
    const { bff, browser } = suite;
    const area = seedAreaCodes()[0];
    if (!area) throw new Error('no seed area');
    const today = chinaDateOf(new Date());
    const registration = registrationOf(N, area.village, { name: '其木格', keyGroups: ['lifted_from_poverty'] });

    // The broker enrols the person and takes them out with an organized team; staff confirm departure and arrival.
    // The readiness check's kept-alive socket may be closing by now (the browser took a while to start): let it go first.
    await fetch(`${bff.baseUrl}/readyz`).catch(() => undefined);
    const broker = (await staffByPassword(bff, BROKER)).accessToken;
    const staff = (await staffByPassword(bff, STAFF)).accessToken;
    const enrolled = await api('POST', '/brokers/me/people', broker, z.object({ worker: z.object({ id: z.string() }) }), { consent: { given: true, method: 'signed_form' }, registration });
    const job = (await api('GET', '/jobs?limit=50', broker, JobListResponseSchema)).items.find((j) => j.regionCode.startsWith('31'));
    if (!job) throw new Error('no Shanghai job');
    const team = await api('POST', '/brokers/me/teams', broker, TeamSchema, { name: '其木格赴沪联队', jobId: job.id, memberIds: [enrolled.worker.id] });
    await api('POST', `/brokers/me/teams/${team.id}/application`, broker, TeamSchema);
    for (const stage of [{ stage: 'departed', on: today, transport: 'organized_train' }, { stage: 'arrived', on: today }]) {
      const t = await api('POST', `/brokers/me/teams/${team.id}/stages`, broker, TeamSchema, stage);
      await api('POST', `/brokers/teams/${team.id}/stages/${t.stages[t.stages.length - 1]?.id ?? ''}/confirmation`, staff, TeamSchema, { note: '核实' });
    }

    // The person signs in on their phone with the number the broker registered.
    const context = await newPhoneContext(browser);
    const errors: string[] = [];
    const page = await watchedPage(context, errors);
    await fillSmsSignIn(page, bff, registration.phone);
    await tapText(page, '登录');
    await page.waitForFunction(() => Object.keys(window.localStorage).includes('auth.accessToken'));
    await page.goto(`${bff.baseUrl}/#/pages/me/index`);
    const card = page.getByTestId('claim-card').filter({ visible: true });
    await card.waitFor({ timeout: 20_000 });
    await card.getByText('其**，内蒙古自治区', { exact: false }).waitFor();
    await card.getByText(/由劳务经纪人代为登记/).waitFor();
    expect(await page.getByTestId('my-grants').filter({ visible: true }).count()).toBe(0);
    await settledScreenshot(page, 'claim-01-found-in-me');

    // The privacy consents come first; then a wrong number is refused in plain words and the right one claims the record.
    await field(page, '请输入您的身份证号，确认是您本人').fill(idNumberOf(N + 1));
    await tapText(page, '确认认领');
    await shown(page, '个人信息怎么用（隐私说明）').waitFor({ timeout: 20_000 });
    await tapText(page, '我已读懂，同意按上面说的使用我的个人信息');
    await tapText(page, '我同意处理我的身份证号、民族和困难情况（敏感个人信息）');
    await tapText(page, '同意并继续');
    await shown(page, '身份证号或手机号与登记信息不一致').waitFor({ timeout: 20_000 });
    await field(page, '请输入您的身份证号，确认是您本人').fill(registration.idNumber);
    await tapText(page, '确认认领');
    await page.getByTestId('claim-done').filter({ visible: true }).waitFor({ timeout: 20_000 });
    await shown(page, '已实名登记').waitFor({ timeout: 20_000 });

    // 我的补贴: the 2,000 yuan job-seeking grant, due, to apply for (the key group is not verified yet).
    const grants = page.getByTestId('my-grants').filter({ visible: true });
    await grants.waitFor({ timeout: 20_000 });
    await grants.getByText('一次性求职补贴', { exact: true }).waitFor();
    await grants.getByText('2,000 元', { exact: true }).waitFor();
    await grants.getByText('可以申请，请点“申请”', { exact: true }).waitFor();
    await grants.scrollIntoViewIfNeeded();
    await settledScreenshot(page, 'claim-02-claimed-grants');
    await tap(grants.getByText('申请', { exact: true }));
    await grants.getByText('已申请，等待审核', { exact: true }).waitFor({ timeout: 20_000 });
    await settledScreenshot(page, 'claim-03-grant-applied');

    // The server agrees: the record is the person's, nothing is left to claim, the grant is claimed once.
    // (Asked with the page's own session: a second SMS code this minute would be refused.)
    const token = z.object({ data: z.string() }).parse(JSON.parse((await page.evaluate(() => window.localStorage.getItem('auth.accessToken'))) ?? '{}')).data;
    const mine = WorkerRegistrationSchema.parse(await apiJson(bff, '/workers/me', { token }));
    expect([mine.id, mine.claimed, mine.source]).toEqual([enrolled.worker.id, true, 'broker']);
    expect(ClaimableRecordListSchema.parse(await apiJson(bff, '/workers/me/claimable', { token })).items).toEqual([]);
    expect(WorkerGrantListSchema.parse(await apiJson(bff, '/workers/me/grants', { token })).items.map((g) => [g.kind, g.amountFen, g.state])).toEqual([['job_seeking', 200_000, 'claimed']]);

    // 修改登记信息 opens the registration filled in with the record (the ID number just typed included).
    await page.getByTestId('claim-done').filter({ visible: true }).scrollIntoViewIfNeeded();
    await tap(page.getByTestId('claim-done').filter({ visible: true }).getByText('修改登记信息', { exact: true }));
    await shown(page, /正在修改您的登记信息/).waitFor({ timeout: 20_000 });
    expect(await field(page, '姓名').inputValue()).toBe('其木格');
    expect(await field(page, '身份证号').inputValue()).toBe(registration.idNumber);
    await settledScreenshot(page, 'claim-04-edit-filled-in');
    expect(errors).toEqual([]);
    await context.close();
  });
});
