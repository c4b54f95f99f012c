/**
 * Security screens of the staff console: the admin clears a sign-in delay after wrong passwords,
 * and county staff give an ID number back to its owner from the conflicts queue.
 */
import { OwnershipConflictListSchema, StaffAccountSchema, idNumberCheckChar } from '@zhuanyi/shared';
import { agreeToPrivacy, api, apiJson, signedInDesktop, staffByPassword as signIn, workerBySms } from '../support/bff-api';
import { watchedPage } from '../support/browser';
import { ADMIN, STAFF } from '../support/demo-accounts';
import { useBffAndBrowser } from '../support/h5-suite';
import { field, settledScreenshot as screenshot, shown, tap } from '../support/taro-page';

function registration(phone: string, idNumber: string, name: string) {
  return {
    name,
    idNumber,
    ethnicity: '蒙古族',
    phone,
    education: 'junior',
    householdRegionCode: '150521100201',
    householdGroup: '三组',
    keyGroups: [],
    mobility: 'can_travel_far',
    skills: [],
    certificates: [],
    jobIntention: { wantsJob: true, trades: [], locations: [], expectedMonthlyPayFen: null },
    trainingIntention: { wantsTraining: false, trades: [] },
    employment: { status: 'unemployed', destination: null },
    entrepreneurship: { active: false },
  };
}

describe('staff console security screens (H5 build served by the BFF)', () => {
  const suite = useBffAndBrowser();
  const errors: string[] = [];

  afterEach(() => {
    expect(errors).toEqual([]);
    errors.length = 0;
  });

  it('when someone guesses a staff password, the admin sees the delay on the accounts page, clears it, and the person signs in at once', async () => {
    const { bff, browser } = suite;
    const admin = await signIn(bff, ADMIN);
    const username = `dl${Date.now().toString(36)}`;
    const password = 'Delay-2026-pass!';
    await api(bff, '/staff/accounts', { token: admin.accessToken, body: { username, displayName: '敖登', role: 'staff', regionScope: '150521', password } }, (v) => StaffAccountSchema.parse(v));
    for (let i = 0; i < 6; i += 1) await expect(signIn(bff, { username, password: `wrong-guess-${i}` })).rejects.toThrow(/auth\/password 4\d\d/);
    await expect(signIn(bff, { username, password })).rejects.toThrow(/auth\/password 429/);

    const context = await signedInDesktop(browser, admin);
    const page = await watchedPage(context, errors);
    await page.goto(`${bff.baseUrl}/#/packages/staff/pages/accounts/index`);
    await shown(page, '登录延时').waitFor({ timeout: 30_000 });
    const item = page.locator('.zy-staff-gap-top').filter({ visible: true }).filter({ hasText: username }).filter({ hasText: '解除' }).first();
    await item.waitFor({ timeout: 20_000 });
    await item.getByText(/输错 \d+ 次 · 需等到/).waitFor();
    await item.scrollIntoViewIfNeeded();
    await screenshot(page, 'staff-security-1-sign-in-delay');
    await tap(item.getByText('解除', { exact: true }));
    await shown(page, `已解除 ${username} 的登录延时`).waitFor({ timeout: 20_000 });
    await signIn(bff, { username, password });
    await context.close();
  });

  it('when a second login registers an ID number already held, county staff check the ID card and give the record back from the registry page', async () => {
    const { bff, browser } = suite;
    const first17 = '15052119790312251';
    const idNumber = first17 + idNumberCheckChar(first17);
    const squatter = await workerBySms(bff, '13900007711');
    await agreeToPrivacy(bff, squatter.accessToken);
    await apiJson(bff, '/workers/me', { method: 'PUT', token: squatter.accessToken, key: `squat-${Date.now()}`, body: registration('13900007711', idNumber, '冒用者') });
    const owner = await workerBySms(bff, '13900007722');
    await agreeToPrivacy(bff, owner.accessToken);
    await apiJson(bff, '/workers/me', { method: 'PUT', token: owner.accessToken, key: `owner-${Date.now()}`, body: registration('13900007722', idNumber, '巴特尔') });

    const staff = await signIn(bff, STAFF);
    const context = await signedInDesktop(browser, staff);
    const page = await watchedPage(context, errors);
    await page.goto(`${bff.baseUrl}/#/packages/staff/pages/registry/index`);
    await shown(page, '身份证号争议').waitFor({ timeout: 30_000 });
    await shown(page, `${idNumber.slice(0, 6)}********${idNumber.slice(-4)}`).waitFor({ timeout: 20_000 });
    await shown(page, '巴特尔 139****7722').waitFor();
    await screenshot(page, 'staff-security-2-id-conflict');
    await tap(shown(page, '核验属实，归还给申请人'));
    await shown(page, '请写明核验情况，至少 2 个字').waitFor();
    await field(page, '处理说明（记入审计日志）').fill('已当面核验身份证原件，系本人');
    await tap(shown(page, '核验属实，归还给申请人'));
    await shown(page, '已归还给申请人').waitFor({ timeout: 20_000 });
    const queue = await api(bff, '/staff/ownership-conflicts', { token: staff.accessToken }, (v) => OwnershipConflictListSchema.parse(v));
    expect(queue.items.filter((c) => c.idNumberMasked.endsWith(idNumber.slice(-4)) && c.state === 'open')).toEqual([]);
    await context.close();
  });
});
