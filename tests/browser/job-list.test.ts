import type { Browser } from 'playwright-core';
import { JobListResponseSchema } from '@zhuanyi/shared';
import { startBff, type RunningBff } from '../support/bff-process';
import { launchBrowser, newPhoneContext, screenshot } from '../support/browser';

describe('job list in the H5 build served by the BFF', () => {
  let bff: RunningBff;
  let browser: Browser;

  beforeAll(async () => {
    bff = await startBff();
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await bff?.stop();
  });

  it('when a person opens the printed URL on a phone, then the seeded jobs are listed', async () => {
    const api = JobListResponseSchema.parse(await (await fetch(`${bff.baseUrl}/api/v1/jobs?limit=5`)).json());
    expect(api.items.length).toBeGreaterThanOrEqual(3);

    const context = await newPhoneContext(browser);
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${bff.baseUrl}/`);
    const first = api.items[0]!;
    await page.getByText(first.title).first().waitFor({ timeout: 30_000 });
    await page.getByText(first.employerName).first().waitFor();
    await screenshot(page, 'job-list');
    expect(errors).toEqual([]);
    await context.close();
  });
});
