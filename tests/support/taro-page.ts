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
