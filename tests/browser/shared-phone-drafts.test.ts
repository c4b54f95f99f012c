/** A shared phone: the next person who signs in sees an empty form, and the phone's storage never held the full ID number. */
import { idNumberCheckChar } from '@zhuanyi/shared';
import { newPhoneContext, watchedPage } from '../support/browser';
import { useBffAndBrowser } from '../support/h5-suite';
import { agreeToPrivacyOnPage, fillSmsSignIn } from '../support/sign-in-pages';
import { input, settledScreenshot, shown, tapText } from '../support/taro-page';

const first17 = '15052119850615011';
const ID_NUMBER = `${first17}${idNumberCheckChar(first17)}`;

describe('form drafts on a shared phone, in the H5 build served by the BFF', () => {
  const suite = useBffAndBrowser();

  it('when one worker half-fills the registration and signs out, then the next worker sees an empty form and storage never held the ID number', async () => {
    const { bff, browser } = suite;
    const context = await newPhoneContext(browser);
    const errors: string[] = [];
    const page = await watchedPage(context, errors);
    const storage = () => page.evaluate(() => JSON.stringify(Object.fromEntries(Object.entries(window.localStorage))));

    await fillSmsSignIn(page, bff, '13900005601');
    await tapText(page, '登录');
    await agreeToPrivacyOnPage(page);
    await input(page, '和身份证上一样').fill('巴特尔');
    await input(page, '18位，最后一位可能是X').fill(ID_NUMBER);
    await shown(page, /出生日期 1985-06-15/).waitFor();
    // The draft is kept (the name is in storage under this account), the ID number is not.
    await page.waitForFunction(() => Object.keys(window.localStorage).some((k) => k.startsWith('draft.registration:')));
    const kept = await storage();
    expect(kept).toContain('巴特尔');
    expect(kept).not.toContain(ID_NUMBER);
    expect(kept).not.toContain(ID_NUMBER.slice(0, 14));

    await page.goto(`${bff.baseUrl}/#/pages/me/index`);
    await tapText(page, '退出登录');
    await page.waitForFunction(() => !Object.keys(window.localStorage).some((k) => k.startsWith('draft.')));

    await fillSmsSignIn(page, bff, '13900005602');
    await tapText(page, '登录');
    await agreeToPrivacyOnPage(page);
    expect(await input(page, '和身份证上一样').inputValue()).toBe('');
    expect(await input(page, '18位，最后一位可能是X').inputValue()).toBe('');
    await settledScreenshot(page, 'shared-phone-empty-form');
    expect(await storage()).not.toContain('巴特尔');
    expect(errors).toEqual([]);
    await context.close();
  }, 180_000);
});
