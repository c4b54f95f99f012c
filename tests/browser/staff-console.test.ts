import {
  AuditListSchema,
  StaffAccountListSchema,
  ComplaintSchema,
  IntakeQueueSchema,
  RegistryDetailSchema,
  creditCodeCheckChar,
  idNumberCheckChar,
} from '@zhuanyi/shared';
import { agreeToPrivacy, api, signedInDesktop, signedInPhone as signedIn, staffByPassword as signIn, workerBySms } from '../support/bff-api';
import { newPhoneContext, watchedPage } from '../support/browser';
import { ADMIN, INTAKE, STAFF } from '../support/demo-accounts';
import { useBffAndBrowser } from '../support/h5-suite';
import { staffSignIn } from '../support/sign-in-pages';
import { beijingToday, exact, field, fieldBox, pickDate, settledScreenshot as screenshot, shown, tap, tapText } from '../support/taro-page';

describe('the staff console in the H5 build served by the BFF', () => {
  const suite = useBffAndBrowser();
  let workerId: string;
  const errors: string[] = [];

  beforeAll(async () => {
    const { bff } = suite;
    // A worker of the demo county registers (API): wants welding work, can travel far.
    const phone = '13900006602';
    const worker = await workerBySms(bff, phone);
    await agreeToPrivacy(bff, worker.accessToken);
    const first17 = '15052119880610232';
    const saved = await api(
      bff,
      '/workers/me',
      {
        method: 'PUT',
        token: worker.accessToken,
        key: `staff-console-reg-${Date.now()}`,
        body: {
          name: '包金花',
          idNumber: first17 + idNumberCheckChar(first17),
          ethnicity: '蒙古族',
          phone,
          education: 'junior',
          householdRegionCode: '150521100201',
          householdGroup: '二组',
          keyGroups: ['lifted_from_poverty'],
          mobility: 'can_travel_far',
          skills: [],
          certificates: [],
          jobIntention: { wantsJob: true, trades: ['电焊工'], locations: ['out_of_province'], expectedMonthlyPayFen: 700_000 },
          trainingIntention: { wantsTraining: true, trades: ['电焊工'] },
          employment: { status: 'unemployed', destination: null },
          entrepreneurship: { active: false },
        },
      },
      (v) => v as { worker: { id: string } },
    );
    workerId = saved.worker.id;
  });

  afterEach(() => {
    expect(errors).toEqual([]);
    errors.length = 0;
  });

  it('when a worker walks in, the staff member files the complaint on their behalf with the oral record; missing items are listed in one go and the case is in the intake queue', async () => {
    const { bff, browser } = suite;
    const context = await newPhoneContext(browser);
    const page = await watchedPage(context, errors);
    await staffSignIn(page, bff, STAFF);
    await shown(page, new RegExp(STAFF.name)).waitFor({ timeout: 20_000 });
    // Staff (not admin) see filing and publishing, not the admin pages.
    await shown(page, '代为登记投诉').waitFor();
    await shown(page, '岗位发布').waitFor();
    expect(await exact(page, '审计日志').count()).toBe(0);
    expect(await exact(page, '工作人员账号').count()).toBe(0);
    await screenshot(page, 'staff-console-01-home');

    await tapText(page, '代为登记投诉');
    await shown(page, '口头申请笔录').waitFor({ timeout: 20_000 });
    await tapText(page, '登记投诉');
    await shown(page, '请填写申请人姓名').waitFor();
    await shown(page, '请填写 11 位手机号').waitFor();
    await shown(page, '请填写口头申请笔录，至少 5 个字').waitFor();
    await page.locator('.zy-field__error').filter({ visible: true }).first().scrollIntoViewIfNeeded();
    await screenshot(page, 'staff-console-02-file-errors');

    const oral = '本人来访，称在甘旗卡镇好运来饭店做帮厨三个月，老板拖欠工资 4500 元，多次讨要未果。';
    await field(page, '申请人姓名').fill('乌力吉');
    await field(page, '申请人手机号').fill('13900006601');
    await field(page, '口头申请笔录').fill(oral);
    await tapText(page, '不是（工厂、饭店、家政等）');
    await tapText(page, '公司或老板');
    await field(page, '老板、公司或包工头的名字').fill('好运来饭店');
    await field(page, '被欠了多少钱（元）').fill('4500');
    await tapText(page, '登记投诉');
    const done = shown(page, /^已登记，案件编号 /);
    await done.waitFor({ timeout: 20_000 });
    const caseNumber = ((await done.textContent()) ?? '').replace('已登记，案件编号 ', '').trim();
    await shown(page, /^容缺受理：/).waitFor();
    expect(await page.locator('.zy-file-missing').filter({ visible: true }).count()).toBeGreaterThan(0);
    await done.scrollIntoViewIfNeeded();
    await screenshot(page, 'staff-console-03-filed-missing-items');

    // The intake officer sees it in the queue, with the oral record kept (API).
    const intake = await signIn(bff, INTAKE);
    const queue = await api(bff, '/intake/queue', { token: intake.accessToken }, (v) => IntakeQueueSchema.parse(v));
    const item = queue.items.find((i) => i.caseNumber === caseNumber);
    expect(item).toMatchObject({ channel: 'walk_in', workerName: '乌力吉', respondentName: '好运来饭店', amountOwedFen: 450_000 });
    const c = await api(bff, `/intake/cases/${item?.id ?? ''}`, { token: intake.accessToken }, (v) => ComplaintSchema.parse(v));
    expect(c.intake).toMatchObject({ channel: 'walk_in', oralRecord: oral, workerConfirmedAt: null });
    expect(c.missingItems.length).toBe(await page.locator('.zy-file-missing').filter({ visible: true }).count());
    await context.close();
  });

  it('when staff reveal a person’s ID number on their record with a reason, the admin finds that reveal in the audit trail by action and actor', async () => {
    const { bff, browser } = suite;
    const staff = await signIn(bff, STAFF);
    const context = await signedIn(browser, staff);
    const page = await watchedPage(context, errors);
    await page.goto(`${bff.baseUrl}/#/packages/staff/pages/registry/index`);
    const card = page.locator('.zy-person').filter({ visible: true }).filter({ hasText: '包金花' });
    await card.waitFor({ timeout: 30_000 });
    await tap(card.getByText('查看详情', { exact: true }));
    await shown(page, /^服务达标情况/).waitFor({ timeout: 20_000 });
    const person = page.locator('.zy-person').filter({ visible: true }).first();
    expect((await person.locator('.zy-mono').first().textContent()) ?? '').toContain('*');

    await tap(person.getByText('查看完整号码', { exact: true }));
    await tap(person.getByText('确认查看', { exact: true }));
    await person.getByText('请写明查看原因，至少 4 个字').waitFor();
    const reason = '核实欠薪投诉人身份信息';
    await person.locator('input').fill(reason);
    await tap(person.getByText('确认查看', { exact: true }));
    await person.locator('.zy-mono').first().filter({ hasText: /^150521\d{11}[\dX]$/ }).waitFor({ timeout: 20_000 });

    // One-to-one service and verification on the same page.
    await tapText(page, '保存这次服务');
    await shown(page, '请选择服务类型').waitFor();
    await tap(page.locator('.zy-chip').filter({ visible: true }).filter({ hasText: '职业指导' }).first());
    await field(page, '服务内容（可不填）').fill('介绍电焊工岗位要求和持证上岗');
    await tapText(page, '保存这次服务');
    await shown(page, '已记录：职业指导').waitFor({ timeout: 20_000 });
    await tapText(page, '核实登记信息');
    await shown(page, /^已于 .* 核实$/).waitFor({ timeout: 20_000 });
    await screenshot(page, 'staff-console-04-person-verified');
    await person.scrollIntoViewIfNeeded();
    await screenshot(page, 'staff-console-04-person-revealed');
    const detail = await api(bff, `/registry/workers/${workerId}`, { token: staff.accessToken }, (v) => RegistryDetailSchema.parse(v));
    expect(detail.verified).toBe(true);
    expect(detail.serviceLevel.needsPackage).toMatchObject({ applies: true, guidance: 1 });

    // The admin: the audit page, filtered to reveals by this staff member.
    const admin = await signIn(bff, ADMIN);
    const adminContext = await signedIn(browser, admin);
    const adminPage = await watchedPage(adminContext, errors);
    await adminPage.goto(`${bff.baseUrl}/#/packages/staff/pages/home/index`);
    await shown(adminPage, '审计日志').waitFor({ timeout: 30_000 });
    await shown(adminPage, '工作人员账号').waitFor();
    await tapText(adminPage, '审计日志');
    await shown(adminPage, /^已显示 \d+ 条$/).waitFor({ timeout: 20_000 });
    await tapText(adminPage, '查看完整信息');
    await tapText(adminPage, STAFF.name);
    const entry = adminPage.locator('.zy-audit-entry').filter({ visible: true }).filter({ hasText: `原因：${reason}` });
    await entry.waitFor({ timeout: 20_000 });
    await entry.getByText(`${STAFF.name} · 人社工作人员`).waitFor();
    await entry.getByText(`实名登记 ${workerId}`, { exact: true }).waitFor();
    expect(await adminPage.locator('.zy-audit-entry').filter({ visible: true }).filter({ hasNotText: '查看完整信息' }).count()).toBe(0);
    await entry.scrollIntoViewIfNeeded();
    await screenshot(adminPage, 'staff-console-05-audit-reveal');

    // Dates are picked, not typed: an end day before the start day is refused next to its field;
    // today to today (Beijing) searches exactly that day and still finds the reveal.
    const today = beijingToday();
    const lastYear = `${Number(today.slice(0, 4)) - 1}${today.slice(4, 8)}01`;
    await pickDate(adminPage, '开始日期', today);
    await pickDate(adminPage, '结束日期', lastYear);
    await fieldBox(adminPage, '结束日期').getByText(lastYear, { exact: true }).waitFor();
    await tapText(adminPage, '查询');
    await fieldBox(adminPage, '结束日期').getByText('结束日期不能早于开始日期').waitFor();
    await screenshot(adminPage, 'staff-console-05b-audit-dates-reversed');
    await pickDate(adminPage, '结束日期', today);
    const searched = adminPage.waitForResponse((r) => new URL(r.url()).pathname.endsWith('/audit') && new URL(r.url()).searchParams.has('from'));
    await tapText(adminPage, '查询');
    const asked = new URL((await searched).url()).searchParams;
    const dayStart = new Date(`${today}T00:00:00+08:00`).getTime();
    expect([asked.get('from'), asked.get('to')].map((v) => new Date(v ?? '').getTime())).toEqual([dayStart, dayStart + 86_400_000 - 1]);
    await entry.waitFor({ timeout: 20_000 });
    await fieldBox(adminPage, '开始日期').scrollIntoViewIfNeeded();
    await screenshot(adminPage, 'staff-console-05c-audit-dates-picked');

    // The same search on a desktop browser; the API agrees.
    const audit = await api(bff, `/audit?action=reveal&actorId=${staff.subject.subjectId}`, { token: admin.accessToken }, (v) => AuditListSchema.parse(v));
    expect(audit.items.map((e) => [e.targetId, e.reason])).toContainEqual([workerId, reason]);
    const desk = await signedInDesktop(browser, admin);
    const deskPage = await watchedPage(desk, errors);
    await deskPage.goto(`${bff.baseUrl}/#/packages/staff/pages/audit/index`);
    await shown(deskPage, /^已显示 \d+ 条$/).waitFor({ timeout: 30_000 });
    await tapText(deskPage, '查看完整信息');
    await deskPage.locator('.zy-audit-entry').filter({ visible: true }).filter({ hasText: `原因：${reason}` }).waitFor({ timeout: 20_000 });
    await screenshot(deskPage, 'staff-console-06-audit-desktop');
    await Promise.all([context.close(), adminContext.close(), desk.close()]);
  });

  it('when staff add an employer (credit code checked), publish a job and push it, the fitting person gets a job recommendation service; the job can be closed', async () => {
    const { bff, browser } = suite;
    const staff = await signIn(bff, STAFF);
    const context = await signedIn(browser, staff);
    const page = await watchedPage(context, errors);
    await page.goto(`${bff.baseUrl}/#/packages/staff/pages/employers/index`);
    await shown(page, '单位名称').waitFor({ timeout: 30_000 });
    const employerName = `科左中旗钢构${Date.now().toString(36)}有限公司`;
    await field(page, '单位名称').fill(employerName);
    await field(page, '统一社会信用代码（可不填）').fill('91150521MA0N12345X');
    await field(page, '行业').fill('钢结构制造');
    await field(page, '联系人').fill('周经理');
    await field(page, '联系电话').fill('13900001234');
    await tap(page.locator('.zy-field').filter({ visible: true }).filter({ hasText: '是否已核验营业执照' }).getByText('是', { exact: true }));
    await tapText(page, '保存');
    const creditError = page.locator('.zy-field__error').filter({ visible: true }).filter({ hasText: /^统一社会信用代码不正确/ });
    await creditError.waitFor({ timeout: 20_000 });
    await creditError.scrollIntoViewIfNeeded();
    await screenshot(page, 'staff-console-07-employer-credit-error');
    const first17 = '91150521MA0N12345';
    await field(page, '统一社会信用代码（可不填）').fill(first17 + (creditCodeCheckChar(first17) ?? ''));
    await tapText(page, '保存');
    await shown(page, '已保存').waitFor({ timeout: 20_000 });
    await page.locator('.zy-employer').filter({ visible: true }).filter({ hasText: employerName }).getByText('已核验').waitFor();

    await page.goto(`${bff.baseUrl}/#/packages/staff/pages/jobs/index`);
    await shown(page, '岗位名称').waitFor({ timeout: 30_000 });
    await tapText(page, employerName);
    await field(page, '岗位名称').fill('钢结构电焊工');
    await field(page, '工种').fill('电焊工');
    await field(page, '月工资下限（元）').fill('6000');
    await field(page, '月工资上限（元）').fill('5000');
    await field(page, '招聘人数').fill('5');
    await field(page, '联系人').fill('周经理');
    await field(page, '联系电话').fill('13900001234');
    await tapText(page, '保存');
    const payError = page.locator('.zy-field__error').filter({ visible: true }).filter({ hasText: '最低工资不能高于最高工资' });
    await payError.waitFor();
    await payError.scrollIntoViewIfNeeded();
    await screenshot(page, 'staff-console-08-job-pay-error');
    await field(page, '月工资上限（元）').fill('8000');
    await tapText(page, '保存');
    await shown(page, '已保存').waitFor({ timeout: 20_000 });
    const job = page.locator('.zy-job').filter({ visible: true }).filter({ hasText: '钢结构电焊工' });
    await job.waitFor();
    await tap(job.getByText('推送给合适的人', { exact: true }));
    const pushed = job.getByText(/^已推送给 \d+ 人/);
    await pushed.waitFor({ timeout: 20_000 });
    expect(Number(/(\d+)/.exec((await pushed.textContent()) ?? '')?.[1])).toBeGreaterThanOrEqual(1);
    await job.scrollIntoViewIfNeeded();
    await screenshot(page, 'staff-console-09-job-pushed');

    const detail = await api(bff, `/registry/workers/${workerId}`, { token: staff.accessToken }, (v) => RegistryDetailSchema.parse(v));
    expect(detail.services.filter((s) => s.kind === 'job_recommendation' && s.note === '钢结构电焊工')).toHaveLength(1);

    await tap(job.getByText('下架', { exact: true }));
    await job.getByText('已结束', { exact: true }).waitFor({ timeout: 20_000 });
    await job.scrollIntoViewIfNeeded();
    await screenshot(page, 'staff-console-10-job-closed');
    await context.close();
  });

  it('when the admin creates a staff account (bad username refused under the field) and disables it with a reason, the account cannot sign in and the change is audited', async () => {
    const { bff, browser } = suite;
    const admin = await signIn(bff, ADMIN);
    const context = await signedIn(browser, admin);
    const page = await watchedPage(context, errors);
    await page.goto(`${bff.baseUrl}/#/packages/staff/pages/accounts/index`);
    await shown(page, '现有账号').waitFor({ timeout: 30_000 });
    const username = `wk${Date.now().toString(36)}`;
    await field(page, '用户名').fill('No Spaces!');
    await field(page, '姓名').fill('乌兰');
    await field(page, '初始密码').fill('short');
    await tapText(page, '新建账号');
    await page.locator('.zy-field--error').filter({ visible: true }).filter({ hasText: '用户名' }).waitFor();
    await page.locator('.zy-field--error').filter({ visible: true }).filter({ hasText: '初始密码' }).waitFor();
    await fieldBox(page, '管辖地区').getByText('工作人员账号必须指定负责的县或乡镇').waitFor();
    await screenshot(page, 'staff-console-11-account-errors');
    // The region is picked level by level, not typed as a code.
    await tap(fieldBox(page, '管辖地区').getByText('请选择', { exact: true }));
    await tapText(page, '内蒙古自治区');
    await tapText(page, '通辽市');
    await tapText(page, '科尔沁左翼中旗');
    await tapText(page, '就选“科尔沁左翼中旗”');
    await fieldBox(page, '管辖地区').getByText('内蒙古自治区 通辽市 科尔沁左翼中旗', { exact: true }).waitFor();
    await fieldBox(page, '管辖地区').scrollIntoViewIfNeeded();
    await screenshot(page, 'staff-console-11b-account-region-picked');
    await field(page, '用户名').fill(username);
    await field(page, '初始密码').fill('Ulan-2026-pass');
    await tapText(page, '新建账号');
    await shown(page, `已新建账号 ${username}`).waitFor({ timeout: 20_000 });
    const row = page.locator('.zy-account').filter({ visible: true }).filter({ hasText: username });
    await row.waitFor();
    await signIn(bff, { username, password: 'Ulan-2026-pass' });

    await tap(row.getByText('停用', { exact: true }));
    await tap(row.getByText('确认停用', { exact: true }));
    await row.getByText('请写明原因，至少 2 个字').waitFor();
    await row.locator('input').last().fill('借调到市局，暂停使用');
    await tap(row.getByText('确认停用', { exact: true }));
    await row.getByText('已停用', { exact: true }).waitFor({ timeout: 20_000 });
    await row.scrollIntoViewIfNeeded();
    await screenshot(page, 'staff-console-12-account-disabled');

    await expect(signIn(bff, { username, password: 'Ulan-2026-pass' })).rejects.toThrow(/auth\/password 4\d\d/);
    const accounts = await api(bff, '/staff/accounts', { token: admin.accessToken }, (v) => StaffAccountListSchema.parse(v));
    const created = accounts.items.find((a) => a.username === username);
    expect(created).toMatchObject({ role: 'staff', regionScope: '150521', active: false });
    const audit = await api(bff, `/audit?targetId=${created?.id ?? ''}`, { token: admin.accessToken }, (v) => AuditListSchema.parse(v));
    expect(audit.items.map((e) => e.reason)).toContain('借调到市局，暂停使用');
    await context.close();
  });
});
