import { ComplaintSchema, idNumberCheckChar } from '@zhuanyi/shared';
import { agreeToPrivacy, api, signedInPhone, workerBySms } from '../support/bff-api';
import { newDesktopContext, newPhoneContext, watchedPage } from '../support/browser';
import { INTAKE, STAFF } from '../support/demo-accounts';
import { useBffAndBrowser } from '../support/h5-suite';
import { staffSignIn } from '../support/sign-in-pages';
import { field, settledScreenshot as screenshot, shown, tap, tapText } from '../support/taro-page';

// The demo intake officer's scope: seed area 0, county 150521.
const { username: USERNAME, password: PASSWORD } = INTAKE;
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

describe('an intake officer in the H5 build served by the BFF', () => {
  const suite = useBffAndBrowser();

  it('when a worker files a wage complaint, the officer accepts it, records a mediation and closes it with the amount recovered, and the worker sees each step', async () => {
    const { bff, browser } = suite;
    // 1. A worker signs in by SMS and files a group complaint in the demo county (API).
    const worker = await workerBySms(bff, PHONE);
    const filed = await api(bff, '/complaints', { method: 'POST', body: filing, token: worker.accessToken, key: `intake-browser-${Date.now()}` }, (v) => ComplaintSchema.parse(v));

    const context = await newPhoneContext(browser);
    const errors: string[] = [];
    const page = await watchedPage(context, errors);

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

    const workerContext = await signedInPhone(browser, worker);
    const workerPage = await watchedPage(workerContext, errors);
    await workerPage.goto(`${bff.baseUrl}/#/pages/complaint-case/index?id=${filed.id}`);
    await shown(workerPage, /追回金额 8000/).waitFor({ timeout: 30_000 });
    await shown(workerPage, /调解成功/).scrollIntoViewIfNeeded();
    await screenshot(workerPage, 'intake-09-worker-timeline');

    // 8. The same case on a desktop browser.
    const desktop = await newDesktopContext(browser);
    const items = await page.evaluate(() => ({ ...localStorage }));
    await desktop.addInitScript((entries: Record<string, string>) => {
      for (const [k, v] of Object.entries(entries)) localStorage.setItem(k, v);
    }, items);
    const deskPage = await watchedPage(desktop, errors);
    await deskPage.goto(`${bff.baseUrl}/#/packages/staff/pages/case/index?id=${filed.id}`);
    await shown(deskPage, '本案已办结，不能再办理').waitFor({ timeout: 30_000 });
    await screenshot(deskPage, 'intake-10-desktop-case');

    expect(errors).toEqual([]);
    await Promise.all([context.close(), workerContext.close(), desktop.close()]);
  });

  it('when the demo county staff member signs in, the registry masks ID numbers until a reason is given, and the watch and monthly report show their figures', async () => {
    // A worker registers in a village of the demo county (API), so the registry has someone to show.
    const { bff, browser } = suite;
    const phone = '13900007788';
    const worker = await workerBySms(bff, phone);
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
    await agreeToPrivacy(bff, worker.accessToken);
    await api(bff, '/workers/me', { method: 'PUT', body: registration, token: worker.accessToken, key: `intake-browser-reg-${Date.now()}` }, (v) => v);

    const context = await newPhoneContext(browser);
    const errors: string[] = [];
    const page = await watchedPage(context, errors);
    await staffSignIn(page, bff, STAFF);
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
