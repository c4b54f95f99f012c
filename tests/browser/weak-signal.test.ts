import { JobListResponseSchema } from '@zhuanyi/shared';
import type { Page } from 'playwright-core';
import { startBff } from '../support/bff-process';
import { newPhoneContext, screenshot, watchedPage } from '../support/browser';
import { useBffAndBrowser } from '../support/h5-suite';
import { emulateNetwork, measureFirstScreen } from '../support/weak-signal';

/** Waits until the service worker controls the page and has kept the app shell and the page's scripts. */
async function waitForOfflineCopy(page: Page): Promise<void> {
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });
  await page.waitForFunction(
    async () => {
      if (!navigator.serviceWorker.controller) return false;
      for (const name of await caches.keys()) {
        const kept = (await (await caches.open(name)).keys()).map((r) => new URL(r.url).pathname);
        if (kept.includes('/') && kept.includes('/offline.html') && kept.some((p) => p.startsWith('/js/app.'))) return true;
      }
      return false;
    },
    undefined,
    { timeout: 30_000, polling: 500 },
  );
}

describe('H5 first screen on a weak signal (400 kbps, 400 ms) and offline', () => {
  const suite = useBffAndBrowser();

  // Timings (loading sign, first jobs) are figures of the `h5` bench group, not assertions: CI load moves them.
  it('when a phone on a weak signal opens the app, then the page shows a skeleton before any script runs, the jobs appear, and at most 250 KB are transferred', async () => {
    const { bff, browser } = suite;
    const api = JobListResponseSchema.parse(await (await fetch(`${bff.baseUrl}/api/v1/jobs?limit=20`)).json());
    const context = await newPhoneContext(browser);
    const figures = await measureFirstScreen(context, bff.baseUrl, 60_000);
    await context.close();
    console.log(`weak signal: ${figures.firstPageBytes} B, sign ${figures.loadingSignMs} ms, jobs ${figures.firstJobsMs} ms; largest: ${figures.requests.slice(0, 4).map((r) => `${new URL(r.url).pathname} ${r.bytes}`).join(', ')}`);
    expect(figures.firstPageBytes).toBeLessThanOrEqual(250_000);
    // A Chinese phone fetches no other language's catalog (they are chunks of their own, loaded on demand).
    expect(figures.requests.map((r) => new URL(r.url).pathname).filter((p) => p.startsWith('/js/i18n-'))).toEqual([]);

    // The skeleton is in the HTML itself: it shows with scripts off, so before any script has arrived.
    const noScript = await suite.browser.newContext({ javaScriptEnabled: false, viewport: { width: 360, height: 640 } });
    const bare = await noScript.newPage();
    await bare.goto(`${bff.baseUrl}/`);
    await expect(bare.locator('.job-skeleton').first().isVisible()).resolves.toBe(true);
    await noScript.close();

    // The pictures: the skeleton before the app, then the list.
    const look = await newPhoneContext(browser);
    const page = await look.newPage();
    await emulateNetwork(look, page);
    await page.goto(`${bff.baseUrl}/`, { waitUntil: 'commit' });
    await page.locator('.job-skeleton').first().waitFor({ timeout: 10_000 });
    await screenshot(page, 'weak-signal-01-skeleton');
    await page.getByText(api.items[0]!.title).first().waitFor({ timeout: 30_000 });
    await screenshot(page, 'weak-signal-02-jobs');
    await look.close();
  });

  it('when the phone reloads without network, then it shows the last job list marked offline, or the Chinese offline page, never the browser error', async () => {
    // Its own BFF: stopping it is a network that is really gone (the service worker's fetches fail too).
    const bff = await startBff();
    const context = await newPhoneContext(suite.browser);
    const errors: string[] = [];
    const page = await watchedPage(context, errors);
    try {
      const api = JobListResponseSchema.parse(await (await fetch(`${bff.baseUrl}/api/v1/jobs?limit=20`)).json());
      const title = api.items[0]!.title;
      await page.goto(`${bff.baseUrl}/`);
      await page.getByText(title).first().waitFor({ timeout: 30_000 });
      await waitForOfflineCopy(page);

      // The server gone (connection refused). Chromium's offline emulation would fail the navigation before
      // the service worker sees it, which a real phone without signal does not.
      await bff.stop();
      await page.goto(`${bff.baseUrl}/`);
      await page.getByText('离线，显示上次的岗位').first().waitFor({ timeout: 30_000 });
      await page.getByText(title).first().waitFor();
      await page.locator('#zy-boot').waitFor({ state: 'detached', timeout: 5_000 });
      await page.getByText('离线，显示上次的岗位').first().scrollIntoViewIfNeeded();
      await screenshot(page, 'weak-signal-03-offline-last-jobs');

      // Without the kept app page, the static Chinese offline page answers.
      await page.evaluate(async () => {
        for (const name of await caches.keys()) await (await caches.open(name)).delete('/');
      });
      await page.reload();
      await page.locator('#offline-page').getByText('网络不通').waitFor({ timeout: 15_000 });
      await page.getByText('再试一次').waitFor();
      // Its Mongolian, Uyghur and Tibetan lines are drawn with the page's own fonts, which the worker kept (the
      // server is gone), not as empty boxes: each differs, pixel for pixel, from the same line in a missing font.
      for (const lang of ['mn-Mong', 'ug', 'bo']) {
        const line = page.locator(`#offline-page [lang="${lang}"]`);
        const [family, text] = await line.evaluate((el) => [getComputedStyle(el).fontFamily.split(',')[0]?.trim() ?? '', el.textContent ?? '']);
        expect(family).toMatch(/^"?ZY Offline/);
        const loaded = await page.evaluate(async ([f, s]) => (await document.fonts.load(`18px ${f}`, s)).length, [family, text] as const);
        expect({ lang, loaded }).toEqual({ lang, loaded: 1 });
        const ours = await line.screenshot();
        await line.evaluate((el) => void (el.style.fontFamily = "'zy-font-that-does-not-exist'"));
        const missing = await line.screenshot();
        await line.evaluate((el) => void (el.style.fontFamily = ''));
        expect({ lang, sameAsMissingFont: ours.equals(missing) }).toEqual({ lang, sameAsMissingFont: false });
      }
      await screenshot(page, 'weak-signal-04-offline-page');
    } finally {
      await context.close();
      await bff.stop();
    }
  });
});
