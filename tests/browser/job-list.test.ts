import { JobListResponseSchema } from '@zhuanyi/shared';
import { newPhoneContext, screenshot, watchedPage } from '../support/browser';
import { useBffAndBrowser } from '../support/h5-suite';

describe('job list in the H5 build served by the BFF', () => {
  const suite = useBffAndBrowser();

  it('when a person opens the printed URL on a phone, then the seeded jobs are listed', async () => {
    const { bff, browser } = suite;
    const api = JobListResponseSchema.parse(await (await fetch(`${bff.baseUrl}/api/v1/jobs?limit=5`)).json());
    expect(api.items.length).toBeGreaterThanOrEqual(3);

    const context = await newPhoneContext(browser);
    const errors: string[] = [];
    const page = await watchedPage(context, errors);
    await page.goto(`${bff.baseUrl}/`);
    const first = api.items[0]!;
    await page.getByText(first.title).first().waitFor({ timeout: 30_000 });
    await page.getByText(first.employerName).first().waitFor();
    await screenshot(page, 'job-list');
    expect(errors).toEqual([]);
    await context.close();
  });
});
