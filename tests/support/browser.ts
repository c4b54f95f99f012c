import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { repoRoot } from './bff-process';

/** Where browser tests keep their screenshots (named in the README). */
export const screenshotDir = join(repoRoot, 'tests/artifacts/screenshots');

export async function launchBrowser(): Promise<Browser> {
  // playwright's launch() already starts Chromium with a fresh, empty profile.
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** A phone-sized, touch-enabled context: Taro's H5 form buttons submit on touch only. */
export async function newPhoneContext(browser: Browser): Promise<BrowserContext> {
  return browser.newContext({
    viewport: { width: 360, height: 640 },
    deviceScaleFactor: 2,
    hasTouch: true,
    isMobile: true,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
  });
}

/** A 1280×800 desktop context; `hasTouch` for pages whose form buttons must be tapped. */
export async function newDesktopContext(browser: Browser, hasTouch = false): Promise<BrowserContext> {
  return browser.newContext({ viewport: { width: 1280, height: 800 }, ...(hasTouch ? { hasTouch } : {}), locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
}

/** A new page of `context` whose uncaught errors land in `errors`. */
export async function watchedPage(context: BrowserContext, errors: string[]): Promise<Page> {
  const page = await context.newPage();
  page.on('pageerror', (e) => errors.push(e.message));
  return page;
}

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(screenshotDir, { recursive: true });
  const path = join(screenshotDir, `${name}.png`);
  await page.screenshot({ path, fullPage: false });
  return path;
}
