import { CourseListResponseSchema, JobListResponseSchema, MyConsentsSchema } from '@zhuanyi/shared';
import { api, apiJson, signedInPhone, workerBySms } from '../support/bff-api';
import { newPhoneContext, watchedPage } from '../support/browser';
import { useBffAndBrowser } from '../support/h5-suite';
import { agreeToPrivacyOnPage } from '../support/sign-in-pages';
import { settledScreenshot, shown, tapText, turnOnLargeText } from '../support/taro-page';

describe('consent and sharing on a phone (H5 build served by the BFF)', () => {
  const suite = useBffAndBrowser();

  it('when a worker opens 实名登记, then the privacy notice and the sensitive-information consent come first, are recorded, and can be withdrawn in 我的', async () => {
    const { bff, browser } = suite;
    const worker = await workerBySms(bff, '13900007711');
    const context = await signedInPhone(browser, worker);
    const errors: string[] = [];
    const page = await watchedPage(context, errors);

    await page.goto(`${bff.baseUrl}/#/pages/register/index`);
    await shown(page, '个人信息怎么用（隐私说明）').waitFor({ timeout: 20_000 });
    await shown(page, '说明版本：').waitFor();
    // Nothing is pre-ticked: 同意并继续 alone says what is missing, next to both ticks.
    await tapText(page, '同意并继续');
    await shown(page, '实名登记要用身份证号，两项都同意后才能继续').waitFor();
    await settledScreenshot(page, 'consent-01-notice-missing');
    await agreeToPrivacyOnPage(page);
    const given = await api(bff, '/consents/me', { token: worker.accessToken }, (v) => MyConsentsSchema.parse(v));
    expect(given.current).toEqual({ personal_info: true, sensitive_info: true });

    await page.goto(`${bff.baseUrl}/#/pages/me/index`);
    await shown(page, '隐私与授权').waitFor({ timeout: 20_000 });
    await shown(page, `（说明版本 ${given.noticeVersion}）`).waitFor();
    await shown(page, '撤回后：不能再提交或修改实名登记').waitFor();
    await page.getByTestId('my-consents').scrollIntoViewIfNeeded();
    await settledScreenshot(page, 'consent-02-me');
    await tapText(page, '撤回同意');
    // The confirmation repeats what stops working; confirm with its own 撤回同意.
    await page.locator('.taro-modal__foot, .taro__modal .weui-dialog__ft').getByText('撤回同意').filter({ visible: true }).first().tap();
    await shown(page, /已撤回/).waitFor({ timeout: 20_000 });
    await settledScreenshot(page, 'consent-03-withdrawn');
    const after = await api(bff, '/consents/me', { token: worker.accessToken }, (v) => MyConsentsSchema.parse(v));
    expect(after.current.sensitive_info).toBe(false);
    expect(after.history.find((h) => h.purpose === 'sensitive_info')?.withdrawnAt).toEqual(expect.any(String));

    // Care mode also reaches the tab bar (outside every page): its labels grow from 10 px.
    const labelSize = () => page.evaluate(() => parseFloat(getComputedStyle(document.querySelector('.weui-tabbar__label') ?? document.body).fontSize));
    expect(await labelSize()).toBe(10);
    await turnOnLargeText(page);
    expect(await labelSize()).toBeGreaterThanOrEqual(15);
    await settledScreenshot(page, 'care-tab-bar');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('when a job is shared from the H5 page, then the poster shows its title with a QR code of the link, and the link opens the job without signing in', async () => {
    const { bff, browser } = suite;
    const job = JobListResponseSchema.parse(await apiJson(bff, '/jobs?limit=1')).items[0];
    const course = CourseListResponseSchema.parse(await apiJson(bff, '/courses?limit=5')).items[0];
    if (!job || !course) throw new Error('no seeded job or course');
    const context = await newPhoneContext(browser);
    const errors: string[] = [];
    const page = await watchedPage(context, errors);

    await page.goto(`${bff.baseUrl}/#/pages/job-detail/index?id=${job.id}`);
    await shown(page, job.title).waitFor({ timeout: 20_000 });
    await tapText(page, '分享给亲友');
    const poster = page.getByTestId('share-poster');
    await poster.waitFor();
    await poster.scrollIntoViewIfNeeded();
    await shown(page, '用微信扫一扫，打开看详情（不用登录）').waitFor();
    const qr = poster.locator('img').first();
    expect(await qr.getAttribute('src')).toMatch(/^data:image\/svg\+xml/);
    expect((await qr.boundingBox())?.width ?? 0).toBeGreaterThan(150);
    const link = ((await poster.locator('.share__link').textContent()) ?? '').trim();
    expect(link).toBe(`${bff.baseUrl}/#/pages/job-detail/index?id=${job.id}`);
    await settledScreenshot(page, 'share-01-job-poster');

    // Someone in the family group opens the link on another phone, never signed in.
    const other = await newPhoneContext(browser);
    const friend = await watchedPage(other, errors);
    await friend.goto(link);
    await shown(friend, job.title).waitFor({ timeout: 20_000 });
    await shown(friend, '我要报名').waitFor();
    await settledScreenshot(friend, 'share-02-opened-signed-out');
    await other.close();

    await page.goto(`${bff.baseUrl}/#/pages/course-detail/index?id=${course.id}`);
    await shown(page, course.title).waitFor({ timeout: 20_000 });
    await tapText(page, '分享给亲友');
    await page.getByTestId('share-poster').waitFor();
    expect(((await page.getByTestId('share-poster').locator('.share__link').textContent()) ?? '').trim()).toBe(`${bff.baseUrl}/#/pages/course-detail/index?id=${course.id}`);
    await settledScreenshot(page, 'share-03-course-poster');
    expect(errors).toEqual([]);
    await context.close();
  });
});
