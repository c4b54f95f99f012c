import type { Locator, Page } from 'playwright-core';
import { screenshot as save } from './browser';

// Taro's H5 router keeps earlier pages in the DOM, hidden: only look at what is on screen.
export const exact = (page: Page, text: string): Locator => page.getByText(text, { exact: true }).filter({ visible: true });
export const shown = (page: Page, text: string | RegExp): Locator => page.getByText(text).filter({ visible: true }).first();

/** The visible input with this placeholder. */
export const input = (page: Page, placeholder: string): Locator => page.locator(`input[placeholder="${placeholder}"]`).filter({ visible: true });
/** The input or textarea of the visible field labelled exactly `label`. */
export const field = (page: Page, label: string): Locator =>
  page.locator('.zy-field').filter({ visible: true }).filter({ has: page.getByText(label, { exact: true }) }).locator('input, textarea').first();

/** Taro's H5 pages slide in (300 ms): let the page settle before the picture. */
export async function settledScreenshot(page: Page, name: string): Promise<void> {
  await page.waitForTimeout(600);
  await save(page, name);
}

/** Taps `target` once it is visible (form buttons submit on touch only). */
export async function tap(target: Locator): Promise<void> {
  await target.waitFor({ state: 'visible', timeout: 20_000 });
  await target.tap();
}

/** Taps the nth visible element whose text is exactly `text`. */
export const tapText = (page: Page, text: string, index = 0): Promise<void> => tap(exact(page, text).nth(index));

/** The visible field (label, control, error) labelled exactly `label`. */
export const fieldBox = (page: Page, label: string): Locator =>
  page.locator('.zy-field').filter({ visible: true }).filter({ has: page.getByText(label, { exact: true }) }).first();

/** Today in Beijing as YYYY-MM-DD. */
export const beijingToday = (): string => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);

const PICKER_ROW = 34;

/**
 * Picks `day` (YYYY-MM-DD) in the date picker of the field labelled `label` as a finger would:
 * opens the sheet, taps rows of each wheel (year, month, day) until the wanted one is in the middle, taps 确定.
 */
export async function pickDate(page: Page, label: string, day: string): Promise<void> {
  await tap(fieldBox(page, label).locator('.zy-date-field'));
  // The sheet itself (its overlay wrapper has no box of its own: everything in it is fixed).
  const sheet = page.locator('.weui-picker').filter({ visible: true });
  await sheet.waitFor();
  await page.waitForTimeout(400); // the sheet slides up
  const [y, m, d] = day.split('-');
  for (const [i, text] of [`${y}年`, `${m}月`, `${d}日`].entries()) {
    const wheel = sheet.locator('.weui-picker__group').nth(i);
    for (let step = 0; ; step++) {
      const band = await wheel.locator('.weui-picker__indicator').boundingBox();
      const row = await wheel.locator('.weui-picker__item', { hasText: new RegExp(`^${text}$`) }).boundingBox();
      if (!band || !row) throw new Error(`no ${text} in the date picker of ${label}`);
      const off = row.y + row.height / 2 - (band.y + band.height / 2);
      if (Math.abs(off) < 2) break;
      if (step > 60) throw new Error(`the date picker of ${label} does not reach ${text}`);
      // Only three rows either side are in view: tap the farthest one towards the wanted row.
      const reach = Math.max(-3 * PICKER_ROW, Math.min(3 * PICKER_ROW, off));
      await page.mouse.click(band.x + band.width / 2, band.y + band.height / 2 + reach);
      await page.waitForTimeout(350);
    }
  }
  await tap(sheet.locator('.weui-picker__action').getByText('确定', { exact: true }));
  await sheet.waitFor({ state: 'hidden' });
}

/**
 * Turns on 大字模式 from 我的 and waits for the large screen. The switch is a web component: a tap
 * before it has rendered its input does nothing, so wait for that, and tap again only while it is
 * still off (never toggling it back).
 */
export async function turnOnLargeText(page: Page): Promise<void> {
  const sw = page.locator('taro-switch-core').filter({ visible: true }).first();
  // Rendered by the component once it is defined: the sign it will take a tap.
  const box = sw.locator('input.weui-switch');
  const large = page.locator('.zy-screen--large').filter({ visible: true }).first();
  for (let attempt = 0; attempt < 3; attempt++) {
    await box.waitFor({ state: 'attached', timeout: 20_000 });
    if (!(await box.isChecked())) await sw.tap();
    try {
      await large.waitFor({ timeout: 8_000 });
      return;
    } catch {
      if (attempt === 2) throw new Error('大字模式 did not turn on after three taps');
    }
  }
}
