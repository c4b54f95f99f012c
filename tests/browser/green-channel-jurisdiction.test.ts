import { join } from 'node:path';
import { ComplaintListResponseSchema, ComplaintSchema, IntakeQueueSchema, JobListResponseSchema, JobReportListSchema, MonthlyReportSchema, idNumberCheckChar } from '@zhuanyi/shared';
import { api, apiJson, signedInPhone, staffByPassword, workerBySms, agreeToPrivacy } from '../support/bff-api';
import { repoRoot } from '../support/bff-process';
import { newDesktopContext, watchedPage } from '../support/browser';
import { ADMIN, INTAKE, STAFF } from '../support/demo-accounts';
import { useBffAndBrowser } from '../support/h5-suite';
import { staffSignIn } from '../support/sign-in-pages';
import { exact, field, input, settledScreenshot as screenshot, shown, tap, tapText } from '../support/taro-page';

const PHONE = '13900008811';
const PHOTO = join(repoRoot, 'tests/fixtures/payslip.png');
const first17 = '65040219700315002';
const password = 'Green-channel-2026';

/** A registration in 高昌区 (吐鲁番市). */
const turpanRegistration = {
  name: '艾力·吐尔逊',
  idNumber: first17 + idNumberCheckChar(first17),
  ethnicity: '维吾尔族',
  phone: PHONE,
  education: 'junior',
  householdRegionCode: '650402001001',
  householdGroup: '一组',
  keyGroups: ['lifted_from_poverty'],
  mobility: 'can_travel_far',
  skills: [],
  certificates: [],
  jobIntention: { wantsJob: true, trades: ['钢筋工'], locations: ['out_of_province'], expectedMonthlyPayFen: 600_000 },
  trainingIntention: { wantsTraining: false, trades: [] },
  employment: { status: 'unemployed', destination: null },
  entrepreneurship: { active: false },
};

describe('the green channel routes a case to the worksite county (H5 build served by the BFF)', () => {
  const suite = useBffAndBrowser();

  it('when a worker registered in 吐鲁番市 files about a worksite in 科左中旗, then 科左中旗 handles and reports it, the worker sees where it went, the officer sees every item and the evidence, and a transfer keeps the clocks', async () => {
    const { bff, browser } = suite;
    const errors: string[] = [];
    // Setup (API): the worker registers in Turpan; intake officers for Turpan (高昌区) and 科左后旗.
    const worker = await workerBySms(bff, PHONE);
    await agreeToPrivacy(bff, worker.accessToken);
    await apiJson(bff, '/workers/me', { method: 'PUT', body: turpanRegistration, token: worker.accessToken, key: `gc-reg-${Date.now()}` });
    const admin = await staffByPassword(bff, ADMIN);
    const stamp = Date.now().toString(36);
    const officers = { turpan: `tp_intake_${stamp}`, kzhq: `kzhq_intake_${stamp}` };
    await apiJson(bff, '/staff/accounts', { token: admin.accessToken, body: { username: officers.turpan, displayName: '吐鲁番受理员', role: 'intake', regionScope: '650402', password } });
    await apiJson(bff, '/staff/accounts', { token: admin.accessToken, body: { username: officers.kzhq, displayName: '科左后旗受理员', role: 'intake', regionScope: '150522', password } });

    // 1. Phone (360×640): the worker files with the worksite picked in the region picker.
    const phone = await signedInPhone(browser, worker);
    const page = await watchedPage(phone, errors);
    await page.goto(`${bff.baseUrl}/#/pages/complaints/index`);
    await tapText(page, '我要投诉欠薪');
    await shown(page, '第 1 步，共 5 步').waitFor({ timeout: 30_000 });
    await tapText(page, '是，工程建设（工地）');
    await tapText(page, '只知道包工头');
    await input(page, '比如：王老板、某某建筑公司').fill('赵包工头');
    await tapText(page, '下一步');
    await shown(page, '第 2 步，共 5 步').waitFor();
    await shown(page, '在哪里干的活').waitFor();
    await tapText(page, '请选择');
    await tapText(page, '内蒙古自治区');
    await tapText(page, '通辽市');
    await tapText(page, '科尔沁左翼中旗');
    await tapText(page, '就选“科尔沁左翼中旗”');
    await shown(page, /通辽市 科尔沁左翼中旗/).waitFor();
    await field(page, '详细地址（知道的话）').fill('保康镇建设路安置房工地');
    await screenshot(page, 'green-01-worksite-picked');
    await tapText(page, '下一步');
    await shown(page, '第 3 步，共 5 步').waitFor();
    await input(page, '比如：12000').fill('8600');
    await tapText(page, '下一步');
    await shown(page, '第 4 步，共 5 步').waitFor();
    await field(page, '还想说的（可不填）').fill('干了两个多月，老板一直说下个月给，后来电话不接了');
    // No demand is pre-selected: the worker picks 要回工资.
    await tapText(page, '要回工资');
    await tapText(page, '下一步');
    await shown(page, '第 5 步，共 5 步').waitFor();
    const chooser = page.waitForEvent('filechooser');
    await tapText(page, '拍照或选照片');
    await (await chooser).setFiles(PHOTO);
    await exact(page, 'payslip.png').waitFor();
    // Review in plain words before the first submission, with a way back to edit.
    await tapText(page, '下一步：核对内容');
    await shown(page, '核对一下再提交').waitFor();
    await shown(page, '8600.00 元').waitFor();
    await shown(page, /通辽市 科尔沁左翼中旗/).waitFor();
    await screenshot(page, 'green-01b-review');
    await tapText(page, '确认提交');
    await shown(page, '投诉已提交').waitFor({ timeout: 30_000 });
    await tapText(page, '查看办理进度');
    await shown(page, '办理机构：科尔沁左翼中旗 劳动保障监察/仲裁院').waitFor({ timeout: 20_000 });
    await screenshot(page, 'green-02-worker-where-it-went');

    const mine = await api(bff, '/complaints', { token: worker.accessToken }, (v) => ComplaintListResponseSchema.parse(v));
    const filed = mine.items[0];
    if (!filed) throw new Error('the case was not filed');
    expect(filed.caseNumber.startsWith('150521-')).toBe(true);
    const receivedAt = (await api(bff, `/complaints/${filed.id}`, { token: worker.accessToken }, (v) => ComplaintSchema.parse(v))).clocks[0]?.startedAt;

    // 2. Not Turpan's queue or report; Turpan follows it read-only.
    const turpan = await staffByPassword(bff, { username: officers.turpan, password });
    const turpanMine = await api(bff, '/intake/queue', { token: turpan.accessToken }, (v) => IntakeQueueSchema.parse(v));
    expect(turpanMine.items.map((i) => i.id)).not.toContain(filed.id);
    const turpanFollowing = await api(bff, '/intake/queue?view=following', { token: turpan.accessToken }, (v) => IntakeQueueSchema.parse(v));
    expect(turpanFollowing.items.map((i) => [i.id, i.access])).toEqual([[filed.id, 'read']]);
    const month = new Date().toISOString().slice(0, 7);
    const report = async (regionCode: string) => api(bff, `/reports/monthly?month=${month}&regionCode=${regionCode}`, { token: admin.accessToken }, (v) => MonthlyReportSchema.parse(v));
    const kzzqReport = await report('150521');
    expect(kzzqReport.complaints.received).toBeGreaterThanOrEqual(1);
    expect((await report('650402')).complaints.received).toBe(0);

    // 3. Desktop: the 科左中旗 officer finds it in the queue and opens the case page.
    const desktop = await newDesktopContext(browser, true);
    const desk = await watchedPage(desktop, errors);
    await staffSignIn(desk, bff, INTAKE);
    await desk.goto(`${bff.baseUrl}/#/packages/staff/pages/queue/index`);
    const card = desk.locator('.zy-queue-item').filter({ visible: true }).filter({ hasText: filed.caseNumber });
    await card.waitFor({ timeout: 30_000 });
    await card.getByText('★ 重点群体').waitFor();
    await screenshot(desk, 'green-03-kzzq-queue');
    await tap(card);
    await shown(desk, '申请人').waitFor({ timeout: 20_000 });
    for (const text of ['艾力·吐尔逊', /^139\*{4}8811$/, /^650402\*+/, '脱贫人员', '赵包工头（包工头）', '保康镇建设路安置房工地', '8,600 元', '干了两个多月，老板一直说下个月给，后来电话不接了', '科尔沁左翼中旗 劳动保障监察/仲裁院', '5 天内决定是否受理']) {
      await shown(desk, text).waitFor({ timeout: 10_000 });
    }
    // The evidence image is shown inline (fetched with the officer's token).
    const image = desk.locator('.case__evidence-image img, img.case__evidence-image').filter({ visible: true }).first();
    await image.waitFor({ timeout: 20_000 });
    await desk.waitForFunction((el) => el instanceof HTMLImageElement && el.complete && el.naturalWidth > 0, await image.elementHandle(), { timeout: 20_000 });
    // The full phone: a reason first (audited), then the call button.
    await tapText(desk, '查看完整号码');
    await field(desk, '查看理由（会记入审计日志）').fill('电话联系申请人补充材料');
    await tapText(desk, '确认查看');
    await shown(desk, PHONE).waitFor({ timeout: 20_000 });
    await shown(desk, '拨打电话').waitFor();
    await screenshot(desk, 'green-04-officer-case-page');
    await image.scrollIntoViewIfNeeded();
    await screenshot(desk, 'green-05-officer-evidence');

    // 3b. The worker adds the missing bank card on the phone; the officer sees it on the timeline.
    await page.reload();
    const missingCard = page.locator('.case__missing-row').filter({ visible: true }).filter({ hasText: '收款银行卡' });
    await missingCard.waitFor({ timeout: 30_000 });
    await tap(missingCard.getByText('补上'));
    await field(page, '收工资的银行卡号（知道的话）').fill('6222021234567890123');
    await tapText(page, '保存');
    await shown(page, /已补上：收款银行卡/).waitFor({ timeout: 20_000 });
    await screenshot(page, 'green-05b-worker-added-card');
    await desk.reload();
    await shown(desk, '补充了材料：收款银行卡（尾号 0123）').waitFor({ timeout: 30_000 });
    expect(await desk.locator('.case__missing-item').filter({ visible: true }).filter({ hasText: '收款银行卡' }).count()).toBe(0);
    await shown(desk, '补充了材料：收款银行卡（尾号 0123）').scrollIntoViewIfNeeded();
    await screenshot(desk, 'green-05c-officer-sees-addition');

    // 4. Transfer to 科左后旗 with a reason.
    await tapText(desk, '转办/确定管辖');
    await tapText(desk, '内蒙古自治区');
    await tapText(desk, '通辽市');
    await tapText(desk, '科尔沁左翼后旗');
    await field(desk, '理由（书面，申请人会看到）').fill('工地实际在科左后旗境内');
    await tapText(desk, '确认办理：转办/确定管辖');
    await shown(desk, '已办理：转办/确定管辖').waitFor({ timeout: 20_000 });
    await shown(desk, /已转至 科尔沁左翼后旗 劳动保障监察\/仲裁院。原因：工地实际在科左后旗境内。法定时限仍从首次收到投诉/).waitFor();
    await screenshot(desk, 'green-06-transferred');

    const kzhq = await staffByPassword(bff, { username: officers.kzhq, password });
    const kzhqQueue = await api(bff, '/intake/queue', { token: kzhq.accessToken }, (v) => IntakeQueueSchema.parse(v));
    expect(kzhqQueue.items.filter((i) => i.id === filed.id).map((i) => i.clock?.startedAt)).toEqual([receivedAt]);

    // 5. The worker sees where it went.
    await page.reload();
    await shown(page, /已转至 科尔沁左翼后旗 劳动保障监察\/仲裁院/).waitFor({ timeout: 30_000 });
    await screenshot(page, 'green-07-worker-transferred');

    // 6. A job report: the worker reports a 科左中旗 job that charges fees; 科左中旗 staff take it down; the reporter is told.
    const jobs = await api(bff, '/jobs?regionCode=150521&limit=1', {}, (v) => JobListResponseSchema.parse(v));
    const job = jobs.items[0];
    if (!job) throw new Error('no demo job in 150521');
    await page.goto(`${bff.baseUrl}/#/pages/job-detail/index?id=${job.id}`);
    await tapText(page, '举报');
    await field(page, '补充说明（可不填）').fill('面试要先交300元服装费');
    await tap(page.locator('.zy-card').filter({ visible: true }).getByText('举报', { exact: true }).last());
    await shown(page, '举报已收到，工作人员会尽快核实').waitFor({ timeout: 20_000 });
    await screenshot(page, 'green-08-job-reported');

    const staffDesk = await newDesktopContext(browser, true);
    const sd = await watchedPage(staffDesk, errors);
    await staffSignIn(sd, bff, STAFF);
    await sd.goto(`${bff.baseUrl}/#/packages/staff/pages/job-reports/index`);
    const reportCard = sd.locator('[data-testid="job-report"]').filter({ visible: true }).filter({ hasText: job.title });
    await reportCard.waitFor({ timeout: 30_000 });
    await reportCard.getByText('面试要先交300元服装费').waitFor();
    await screenshot(sd, 'green-09-staff-job-reports');
    await reportCard.locator('input, textarea').first().fill('电话核实确有收费');
    await tap(reportCard.getByText('下架岗位'));
    await reportCard.waitFor({ state: 'detached', timeout: 20_000 });
    await tapText(sd, '已处理');
    await sd.locator('[data-testid="job-report"]').filter({ visible: true }).filter({ hasText: '岗位已下架' }).first().waitFor({ timeout: 20_000 });
    await screenshot(sd, 'green-10-staff-report-handled');

    const told = await api(bff, '/job-reports/mine', { token: worker.accessToken }, (v) => JobReportListSchema.parse(v));
    expect(told.items.filter((r) => r.jobId === job.id).map((r) => [r.status, r.outcome])).toEqual([['taken_down', '岗位已下架']]);
    await page.reload();
    await shown(page, /这个岗位没有了|已下架|没有找到/).first().waitFor({ timeout: 20_000 });
    await screenshot(page, 'green-11-job-gone');

    expect(errors).toEqual([]);
    await Promise.all([phone.close(), desktop.close(), staffDesk.close()]);
  });
});
