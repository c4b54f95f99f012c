/** Signing in through the H5 pages (the session is per browser context). */
import type { Page } from 'playwright-core';
import { smsCode } from './bff-api';
import type { RunningBff } from './bff-process';
import { field, input, shown, tapText } from './taro-page';

type Login = { username: string; password: string };

/** Fills the worker sign-in page with `phone` and the SMS code it asked for; tapping 登录 is left to the test. */
export async function fillSmsSignIn(page: Page, bff: RunningBff, phone: string): Promise<void> {
  await page.goto(`${bff.baseUrl}/#/pages/login/index`);
  await input(page, '请输入11位手机号').fill(phone);
  const logAt = bff.output().length;
  await tapText(page, '获取验证码');
  await shown(page, /秒后重发/).waitFor();
  await input(page, '6位数字').fill(await smsCode(bff, logAt));
}

/** Ticks both consents on the privacy notice (实名登记 asks them first) and waits for step 1 of the form. */
export async function agreeToPrivacyOnPage(page: Page): Promise<void> {
  await tapText(page, '我已读懂，同意按上面说的使用我的个人信息');
  await tapText(page, '我同意处理我的身份证号、民族和困难情况（敏感个人信息）');
  await tapText(page, '同意并继续');
  await shown(page, '第 1 步，共 5 步').waitFor({ timeout: 20_000 });
}

/** Opens the staff page at `url` (its sign-in form first) and signs in as `who`. */
export async function staffSignIn(page: Page, bff: RunningBff, who: Login, url = '/packages/staff/pages/home/index'): Promise<void> {
  await page.goto(`${bff.baseUrl}/#${url}`);
  await shown(page, '工作人员登录').waitFor({ timeout: 30_000 });
  await field(page, '用户名').fill(who.username);
  await field(page, '密码').fill(who.password);
  await tapText(page, '登录');
}

/** Opens the broker home, signs in as `who` and waits for the certified broker's home. */
export async function brokerSignIn(page: Page, bff: RunningBff, who: Login): Promise<void> {
  await page.goto(`${bff.baseUrl}/#/packages/broker/pages/home/index`);
  await shown(page, '经纪人登录').waitFor({ timeout: 30_000 });
  const inputs = page.locator('input').filter({ visible: true });
  await inputs.nth(0).fill(who.username);
  await inputs.nth(1).fill(who.password);
  await tapText(page, '登录');
  await shown(page, '资格：已认定').waitFor({ timeout: 20_000 });
}
