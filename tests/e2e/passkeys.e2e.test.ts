/**
 * A real passkey ceremony: Chromium with a CDP virtual authenticator (a platform
 * authenticator with user verification) against the app served over HTTP.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeBrowser, launchChromium, startBrowserPlatform, watchForProblems, type BrowserPlatform } from '../support/browser.ts';

let served: BrowserPlatform;
let browser: Browser;

describeBrowser('passkeys in a browser', () => {
  beforeAll(async () => {
    served = await startBrowserPlatform();
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await served?.close();
  });

  /** Clicks and waits for the page the click leads to. */
  async function clickAndLoad(page: Page, selector: string) {
    await Promise.all([page.waitForEvent('load'), page.locator(selector).click()]);
  }

  it('signs in with a password, adds a passkey, signs out and signs in with the passkey', async () => {
    const base = served.baseUrl('alpha');
    const context = await browser.newContext({ locale: 'zh-CN' });
    const page = await context.newPage();
    const problems = watchForProblems(page);
    const cdp = await context.newCDPSession(page);
    await cdp.send('WebAuthn.enable');
    await cdp.send('WebAuthn.addVirtualAuthenticator', {
      options: { protocol: 'ctap2', transport: 'internal', hasResidentKey: true, hasUserVerification: true, isUserVerified: true },
    });

    await page.goto(`${base}/sign-in?next=%2Faccount`);
    await page.locator('main form input[name="login"]').fill('vol@alpha.test');
    await page.locator('main form input[name="password"]').fill('password-123');
    await clickAndLoad(page, 'main form button[type="submit"]');
    expect(new URL(page.url()).pathname).toBe('/account');

    await page.locator('#passkey-name').fill('测试手机');
    await clickAndLoad(page, '#add-passkey');
    await expect.poll(() => page.locator('main').innerText()).toContain('通行密钥已添加');
    expect(await page.locator('#passkeys table').innerText()).toContain('测试手机');

    await page.locator('header details.menu > summary').click();
    await clickAndLoad(page, 'header nav form[action="/sign-out"] button');
    await page.goto(`${base}/account`);
    expect(new URL(page.url()).pathname).toBe('/sign-in');

    await clickAndLoad(page, '#passkey-sign-in');
    expect(new URL(page.url()).pathname).toBe('/account');
    const account = await page.locator('main').innerText();
    expect(account).toContain('甲志愿，欢迎回来');
    expect(account).not.toContain('从未使用');
    expect(problems).toEqual([]);
    await context.close();
  });
});
