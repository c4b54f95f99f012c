import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TeamListSchema } from '@zhuanyi/shared';
import { seedAreaCodes } from '../../bff/src/seed/seed';
import { enrolmentRows, enrolmentXlsx, villagesOf, wrongChecksum } from '../../bff/src/test-support/broker-rows';
import { apiJson, staffByPassword } from '../support/bff-api';
import { newPhoneContext, watchedPage } from '../support/browser';
import { BROKER } from '../support/demo-accounts';
import { useBffAndBrowser } from '../support/h5-suite';
import { brokerSignIn } from '../support/sign-in-pages';
import { exact, settledScreenshot, shown, tapText } from '../support/taro-page';

describe('a labor broker in the H5 build served by the BFF', () => {
  const suite = useBffAndBrowser();

  it('when the demo broker signs in, enrolls people from a spreadsheet and forms a team, then rows are answered and the team records its departure', async () => {
    const { bff, browser } = suite;
    const area = seedAreaCodes()[0];
    if (!area) throw new Error('no seed area');
    const rows = enrolmentRows({ count: 6, villages: villagesOf(area.township), offset: 300 });
    const bad = rows[5];
    if (!bad) throw new Error('rows');
    bad.idNumber = wrongChecksum(bad.idNumber);
    const file = join(mkdtempSync(join(tmpdir(), 'broker-sheet-')), '巴彦塔拉村名单.xlsx');
    writeFileSync(file, await enrolmentXlsx(rows));

    const context = await newPhoneContext(browser);
    const errors: string[] = [];
    const page = await watchedPage(context, errors);

    // 1. Sign in with the broker account.
    await brokerSignIn(page, bff, BROKER);
    await settledScreenshot(page, 'broker-01-home');

    // 2. Enrol by spreadsheet: the file input, then the answer per row.
    await tapText(page, '批量登记');
    await shown(page, '表格批量登记').waitFor();
    const chooser = page.waitForEvent('filechooser');
    await tapText(page, '选择表格文件（xlsx 或 csv）');
    await (await chooser).setFiles(file);
    await shown(page, '导入完成：新登记 5 人，更新 0 人，未导入 1 行').waitFor({ timeout: 30_000 });
    await shown(page, '身份证号：身份证号校验位不对，请核对后重新填写').waitFor();
    await settledScreenshot(page, 'broker-02-import-result');

    // 3. Form a team for a job from the people just enrolled.
    await page.goto(`${bff.baseUrl}/#/packages/broker/pages/teams/index`);
    await tapText(page, '组建新联队');
    await page.locator('input[placeholder="如：巴彦塔拉村赴上海务工联队"]').filter({ visible: true }).fill('巴彦塔拉村赴上海务工联队');
    const form = page.locator('[data-testid="team-form"]').filter({ visible: true });
    await form.locator('.zy-choices').first().locator('.zy-choice').first().tap();
    const people = form.locator('.zy-choices').nth(1).locator('.zy-choice');
    await people.nth(0).tap();
    await people.nth(1).tap();
    await people.nth(2).tap();
    await shown(page, '选择成员（3 人已选）').waitFor();
    await settledScreenshot(page, 'broker-03-team-form');
    await tapText(page, '建立联队');

    // 4. The team page: apply, then record the organized departure.
    await tapText(page, '提交联队报名');
    await shown(page, /已于 \d{4}-\d{2}-\d{2} 报名/).waitFor({ timeout: 20_000 });
    await tapText(page, '出发', 0);
    await tapText(page, '组织乘火车（点对点）');
    await tapText(page, '保存进度');
    await shown(page, '待工作人员确认').waitFor({ timeout: 20_000 });
    await tapText(page, '到岗', 0);
    await tapText(page, '保存进度');
    await exact(page, '待工作人员确认').nth(1).waitFor({ timeout: 20_000 });
    await shown(page, '进度').scrollIntoViewIfNeeded();
    await settledScreenshot(page, 'broker-04-team-stages');

    // 5. Home: the arrival shows in the chart of placements by month.
    await page.goto(`${bff.baseUrl}/#/packages/broker/pages/home/index`);
    await page.reload();
    await shown(page, '每月到岗人数').scrollIntoViewIfNeeded({ timeout: 20_000 });
    await shown(page, '3 个').waitFor().catch(() => undefined);
    await settledScreenshot(page, 'broker-05-home-chart');

    // The BFF agrees: one team, three members, one unconfirmed departure by organized train.
    const signIn = await staffByPassword(bff, BROKER);
    const teams = TeamListSchema.parse(await apiJson(bff, '/brokers/me/teams', { token: signIn.accessToken }));
    expect(teams.items.map((tm) => [tm.name, tm.members.length, tm.stages.map((s) => [s.stage, s.transport, s.confirmedAt])])).toEqual([
      ['巴彦塔拉村赴上海务工联队', 3, [['departed', 'organized_train', null], ['arrived', null, null]]],
    ]);
    expect(errors).toEqual([]);
    await context.close();
  });
});
