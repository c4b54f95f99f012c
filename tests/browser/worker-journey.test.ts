import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { idNumberCheckChar } from '@zhuanyi/shared';
import { repoRoot } from '../support/bff-process';
import { newPhoneContext, watchedPage } from '../support/browser';
import { useBffAndBrowser } from '../support/h5-suite';
import { agreeToPrivacyOnPage, fillSmsSignIn } from '../support/sign-in-pages';
import { exact, input, settledScreenshot, shown, tapText, turnOnLargeText } from '../support/taro-page';

/** A valid 身份证号 born 1985-06-15 in 科尔沁左翼中旗 (150521), male. */
const first17 = '15052119850615003';
const ID_NUMBER = `${first17}${idNumberCheckChar(first17)}`;
const PHONE = '13900001234';
const PHOTO = join(repoRoot, 'tests/fixtures/payslip.png');

describe('a new worker on a phone, in the H5 build served by the BFF', () => {
  beforeAll(() => {
    expect(readFileSync(PHOTO).subarray(1, 4).toString()).toBe('PNG');
  });
  const suite = useBffAndBrowser();

  it('when they sign in by SMS, register, find a welding job, apply, sign up for a course and file a complaint, then each step shows its result', async () => {
    const { bff, browser } = suite;
    const context = await newPhoneContext(browser);
    const errors: string[] = [];
    const page = await watchedPage(context, errors);

    // 1. Sign in by phone + SMS code.
    await fillSmsSignIn(page, bff, PHONE);
    await settledScreenshot(page, 'journey-01-sign-in');
    await tapText(page, '登录');

    // 2. 实名登记 in five steps; a new worker lands on it after signing in, behind the privacy notice.
    await shown(page, '个人信息怎么用（隐私说明）').waitFor({ timeout: 20_000 });
    await agreeToPrivacyOnPage(page);
    await input(page, '和身份证上一样').fill('巴特尔');
    await input(page, '18位，最后一位可能是X').fill(ID_NUMBER);
    await shown(page, /出生日期 1985-06-15，\d+ 岁，男/).waitFor();
    await tapText(page, '蒙古族');
    await input(page, '请输入11位手机号').fill(PHONE);
    await tapText(page, '初中');
    await settledScreenshot(page, 'journey-02-register-identity');
    await tapText(page, '下一步');

    await shown(page, '第 2 步，共 5 步').waitFor();
    for (const name of ['内蒙古自治区', '通辽市', '科尔沁左翼中旗', '保康镇', '保南村']) await tapText(page, name);
    await input(page, '比如：三组').fill('三组');
    await settledScreenshot(page, 'journey-03-register-home');
    await tapText(page, '下一步');

    await shown(page, '第 3 步，共 5 步').waitFor();
    await tapText(page, '能外出，可以远行');
    await tapText(page, '未就业');
    await tapText(page, '否');
    await tapText(page, '下一步');

    await shown(page, '第 4 步，共 5 步').waitFor();
    await tapText(page, '电焊工');
    await tapText(page, '初级工（五级）');
    await tapText(page, '下一步');

    await shown(page, '第 5 步，共 5 步').waitFor();
    await tapText(page, '是', 0);
    await tapText(page, '电焊工', 0);
    await tapText(page, '省（区）外');
    await tapText(page, '是', 1);
    await settledScreenshot(page, 'journey-04-register-wishes');
    await tapText(page, '提交');
    await shown(page, '登记成功').waitFor({ timeout: 30_000 });
    await settledScreenshot(page, 'journey-05-registered');

    // 3. Find work: recommendations, then search 电焊, open a job, apply.
    await tapText(page, '找工作');
    await shown(page, '为你推荐').waitFor({ timeout: 20_000 });
    await page.locator('.recommended .job-card').filter({ visible: true }).nth(2).waitFor({ timeout: 20_000 });
    await settledScreenshot(page, 'journey-06-recommended');
    await input(page, '输入工种或岗位，比如：电焊').fill('电焊');
    await tapText(page, '搜索');
    const weldingJob = page.locator('.job-card__title', { hasText: '电焊' }).filter({ visible: true }).first();
    await weldingJob.waitFor({ timeout: 20_000 });
    await settledScreenshot(page, 'journey-07-search-welding');
    await weldingJob.tap();
    await shown(page, '不得收取任何费用').waitFor({ timeout: 20_000 });
    await settledScreenshot(page, 'journey-08-job-detail');
    await tapText(page, '我要报名');
    await shown(page, '已报名，招聘单位会联系你').waitFor({ timeout: 20_000 });
    await shown(page, '已报名，招聘单位会联系你').scrollIntoViewIfNeeded();
    await settledScreenshot(page, 'journey-09-applied');

    // 4. Free training: open a course with seats, sign up.
    await page.goto(`${bff.baseUrl}/#/pages/training/index`);
    const course = page.locator('.course-card__title').filter({ visible: true }).first();
    await course.waitFor({ timeout: 20_000 });
    await settledScreenshot(page, 'journey-10-training');
    await course.tap();
    await tapText(page, '我要报名');
    await shown(page, '报名成功，请留意培训机构的电话').waitFor({ timeout: 20_000 });
    await shown(page, '报名成功，请留意培训机构的电话').scrollIntoViewIfNeeded();
    await settledScreenshot(page, 'journey-11-course-signed-up');

    // 5. Wage-arrears complaint knowing only the foreman, with a photo.
    await page.goto(`${bff.baseUrl}/#/pages/complaints/index`);
    await tapText(page, '我要投诉欠薪');
    await shown(page, '第 1 步，共 5 步').waitFor({ timeout: 20_000 });
    await tapText(page, '是，工程建设（工地）');
    await tapText(page, '只知道包工头');
    await input(page, '比如：王老板、某某建筑公司').fill('王老板');
    await settledScreenshot(page, 'journey-12-complaint-who');
    await tapText(page, '下一步');
    await shown(page, '第 2 步，共 5 步').waitFor();
    await tapText(page, '下一步');
    await shown(page, '第 3 步，共 5 步').waitFor();
    await input(page, '比如：12000').fill('12000.5');
    await shown(page, '= 1200050 分').waitFor();
    await tapText(page, '下一步');
    await shown(page, '第 4 步，共 5 步').waitFor();
    await tapText(page, '要回工资');
    await tapText(page, '下一步');
    await shown(page, '第 5 步，共 5 步').waitFor();
    const chooser = page.waitForEvent('filechooser');
    await tapText(page, '拍照或选照片');
    await (await chooser).setFiles(PHOTO);
    await exact(page, 'payslip.png').waitFor();
    await settledScreenshot(page, 'journey-13-complaint-evidence');
    await tapText(page, '下一步：核对内容');
    await tapText(page, '确认提交');
    await shown(page, '投诉已提交').waitFor({ timeout: 30_000 });
    await shown(page, '已上传 1 个证据').waitFor();
    await shown(page, '还缺这些材料（不影响受理，有了再补）').waitFor();
    await shown(page, /老板或包工头的电话/).waitFor();
    await settledScreenshot(page, 'journey-14-complaint-filed');

    // 6. The case: number, timeline and the statutory clocks.
    await tapText(page, '查看办理进度');
    await shown(page, '5 天内决定是否受理').waitFor({ timeout: 20_000 });
    await exact(page, '已提交').first().waitFor();
    await settledScreenshot(page, 'journey-15-case-timeline');

    // 7. 我的: the large-text switch makes body text and tap targets bigger on every page.
    await page.goto(`${bff.baseUrl}/#/pages/me/index`);
    await shown(page, '大字模式').waitFor({ timeout: 20_000 });
    await turnOnLargeText(page);
    const bodySize = await shown(page, '我的岗位报名').evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
    expect(bodySize).toBeGreaterThanOrEqual(18);
    await settledScreenshot(page, 'journey-16-me-large-text');

    expect(errors).toEqual([]);
    await context.close();
  });
});
