import type { Browser } from 'playwright-core';
import { startBff, type RunningBff } from './bff-process';
import { launchBrowser } from './browser';

export interface H5Suite {
  readonly bff: RunningBff;
  readonly browser: Browser;
}

/**
 * Call inside a describe block: starts the BFF (which serves the H5 build) and a browser before its
 * tests and stops both after. Read `bff` and `browser` from the answer inside hooks and tests.
 * `env` (read when the BFF starts) adds settings, e.g. SMS_BASE_URL of a fake started in an earlier beforeAll.
 */
export function useBffAndBrowser(env: () => Record<string, string> = () => ({})): H5Suite {
  let bff: RunningBff | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    bff = await startBff(env());
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await bff?.stop();
  });
  return {
    get bff() {
      if (!bff) throw new Error('the BFF is not started yet (use it inside hooks and tests)');
      return bff;
    },
    get browser() {
      if (!browser) throw new Error('the browser is not launched yet (use it inside hooks and tests)');
      return browser;
    },
  };
}
