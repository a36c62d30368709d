/** What the browser journeys do on a phone, as a person would: submit a form and sign in. */
import type { Browser, Locator, Page } from 'playwright-core';
import { expect } from 'vitest';
import { watchForProblems } from './browser.ts';

/** A phone-sized screen in Chinese, as most citizens use the sites. */
export const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, locale: 'zh-CN' };

/** Clicks a submit button and waits for the page the form leads to. */
export async function submit(page: Page, button: Locator): Promise<void> {
  await Promise.all([page.waitForEvent('load'), button.click()]);
}

/** Signs in through the city's sign-in form and checks it let them in. */
export async function signIn(page: Page, base: string, login: string, password: string): Promise<void> {
  await page.goto(`${base}/sign-in`);
  const f = page.locator('main form[action$="/sign-in"]');
  await f.locator('input[name="login"]').fill(login);
  await f.locator('input[name="password"]').fill(password);
  await submit(page, f.getByRole('button', { name: '登录' }));
  expect(new URL(page.url()).pathname).not.toBe('/sign-in');
}

/** A new phone on the file's browser: a context of its own (its own cookies), a page, and what that page reports as broken. */
export async function openPhone(browser: Browser): Promise<{ page: Page; problems: string[] }> {
  const page = await (await browser.newContext(PHONE)).newPage();
  return { page, problems: watchForProblems(page) };
}
