import type { Page } from 'playwright-core';
import { CourseListResponseSchema, JobListResponseSchema } from '@zhuanyi/shared';
import { apiJson, signedInPhone, workerBySms } from '../support/bff-api';
import { watchedPage } from '../support/browser';
import { useBffAndBrowser } from '../support/h5-suite';
import { settledScreenshot, shown, turnOnLargeText } from '../support/taro-page';

const PHONE = '13900005678';

interface Measured {
  texts: number;
  taps: number;
  small: string[];
  low: string[];
}

/**
 * On the page on screen (inside its .zy-screen): every visible text smaller than 18 px and every
 * visible tap target (buttons, chips, switches, options) lower than 60 px.
 */
function measure(page: Page): Promise<Measured> {
  return page.evaluate(() => {
    const visible = (el: Element) => {
      const r = el.getBoundingClientRect();
      const s = getComputedStyle(el);
      return r.width > 0 && r.height > 0 && s.visibility !== 'hidden' && s.display !== 'none';
    };
    const screen = Array.from(document.querySelectorAll('.zy-screen')).find(visible);
    if (!screen) return { texts: 0, taps: 0, small: ['no .zy-screen on screen'], low: [] };
    const out = { texts: 0, taps: 0, small: [] as string[], low: [] as string[] };
    const label = (el: Element) => `${el.tagName.toLowerCase()}.${Array.from(el.classList).join('.')} "${(el.textContent ?? '').trim().slice(0, 20)}"`;
    const walker = document.createTreeWalker(screen, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const el = n.parentElement;
      if (!el || !(n.textContent ?? '').trim() || !visible(el)) continue;
      out.texts += 1;
      const size = parseFloat(getComputedStyle(el).fontSize);
      if (size < 18) out.small.push(`${label(el)} ${size}px`);
    }
    const taps = screen.querySelectorAll('.zy-button, .zy-chip, taro-switch-core, .zy-option, [role="button"], [role="link"]');
    for (const el of Array.from(taps)) {
      if (!visible(el)) continue;
      out.taps += 1;
      const h = el.getBoundingClientRect().height;
      if (h < 60) out.low.push(`${label(el)} ${Math.round(h)}px`);
    }
    return out;
  });
}

describe('care mode on the worker pages (H5, 360×640)', () => {
  const suite = useBffAndBrowser();

  it('when large text is switched on, then body text is at least 18 px and every tap target at least 60 px high on each main worker page', async () => {
    // A signed-in worker with an application and a course sign-up, so every list has cards and buttons.
    const { bff, browser } = suite;
    const worker = await workerBySms(bff, PHONE);
    const job = JobListResponseSchema.parse(await apiJson(bff, '/jobs?limit=1')).items[0];
    const course = CourseListResponseSchema.parse(await apiJson(bff, '/courses?limit=20')).items.find((c) => c.signUpOpen);
    if (!job || !course) throw new Error('no seeded job or open course');
    await apiJson(bff, `/jobs/${job.id}/applications`, { body: {}, token: worker.accessToken });
    await apiJson(bff, `/courses/${course.id}/enrollments`, { body: {}, token: worker.accessToken });

    const context = await signedInPhone(browser, worker);
    const errors: string[] = [];
    const page = await watchedPage(context, errors);

    await page.goto(`${bff.baseUrl}/#/pages/me/index`);
    await shown(page, '大字模式').waitFor({ timeout: 20_000 });
    const tabLabelPx = async () => {
      const label = page.locator('.weui-tabbar__label').filter({ visible: true }).first();
      await label.waitFor();
      return label.evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
    };
    const tabBefore = await tabLabelPx();
    await turnOnLargeText(page);
    // The H5 tab bar sits outside every page: its labels follow care mode too (10 px otherwise).
    expect(await tabLabelPx()).toBeGreaterThanOrEqual(Math.max(15, tabBefore + 4));

    const pages: Array<{ name: string; path: string; ready: string | RegExp }> = [
      { name: 'me', path: 'pages/me/index', ready: '大字模式' },
      { name: 'jobs', path: 'pages/jobs/index', ready: '为你推荐' },
      { name: 'training', path: 'pages/training/index', ready: /课时/ },
      { name: 'complaints', path: 'pages/complaints/index', ready: '我要投诉欠薪' },
      { name: 'complaint-new', path: 'pages/complaint-new/index', ready: '第 1 步，共 5 步' },
      { name: 'register', path: 'pages/register/index', ready: '第 1 步，共 5 步' },
      { name: 'applications', path: 'pages/applications/index', ready: '撤回报名' },
      { name: 'enrollments', path: 'pages/enrollments/index', ready: '取消报名' },
    ];
    const findings: Record<string, Measured> = {};
    for (const p of pages) {
      await page.goto(`${bff.baseUrl}/#/${p.path}`);
      await shown(page, p.ready).waitFor({ timeout: 20_000 });
      await page.locator('.zy-screen--large').filter({ visible: true }).first().waitFor();
      await settledScreenshot(page, `care-${p.name}`);
      findings[p.name] = await measure(page);
    }
    // A job's and a course's detail page, opened from their lists.
    await page.goto(`${bff.baseUrl}/#/pages/jobs/index`);
    await page.locator('.job-card__title').filter({ visible: true }).first().tap();
    await shown(page, '不得收取任何费用').waitFor({ timeout: 20_000 });
    await settledScreenshot(page, 'care-job-detail');
    findings['job-detail'] = await measure(page);
    await page.goto(`${bff.baseUrl}/#/pages/training/index`);
    await page.locator('.course-card__title').filter({ visible: true }).first().tap();
    await shown(page, '培训机构').waitFor({ timeout: 20_000 });
    await settledScreenshot(page, 'care-course-detail');
    findings['course-detail'] = await measure(page);

    const problems = Object.entries(findings).flatMap(([name, m]) => [...m.small.map((s) => `${name}: text ${s}`), ...m.low.map((s) => `${name}: tap ${s}`)]);
    expect(problems).toEqual([]);
    for (const m of Object.values(findings)) {
      expect(m.texts).toBeGreaterThan(0);
      expect(m.taps).toBeGreaterThan(0);
    }
    expect(errors).toEqual([]);
    await context.close();
  });
});
