/**
 * A volunteer who forgot the password, on a phone: "forgot password" from the
 * sign-in page, the reset link read from the captured email (the outbox), a new
 * password, and signing in with it.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeBrowser, launchChromium, startBrowserPlatform, watchForProblems, type BrowserPlatform } from '../support/browser.ts';
import { messagesTo } from '../support/outbox.ts';
import { PHONE, signIn, submit } from '../support/phone.ts';

let served: BrowserPlatform;
let browser: Browser;

describeBrowser('password reset in a browser', () => {
  beforeAll(async () => {
    served = await startBrowserPlatform();
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await served?.close();
  });

  it('forgot password → the link from the email → a new password → signed in with it', async () => {
    const base = served.baseUrl('alpha');
    const context = await browser.newContext(PHONE);
    const page = await context.newPage();
    const problems = watchForProblems(page);

    await page.goto(`${base}/sign-in`);
    await submit(page, page.getByRole('link', { name: '忘记密码？' }));
    expect(new URL(page.url()).pathname).toBe('/forgot-password');
    await page.locator('main form input[name="login"]').fill('vol@alpha.test');
    await submit(page, page.getByRole('button', { name: '发送' }));
    expect(await page.locator('main').innerText()).toContain('请查收邮件');

    const [mail] = await messagesTo(served.platform, 'vol@alpha.test');
    expect(mail?.kind).toBe('identity.password-reset-link');
    const link = /http:\/\/\S+\/reset-password\/[a-z2-7]{24}/.exec(mail!.text)![0];
    await page.goto(`${base}${new URL(link).pathname}`);
    await page.locator('main form input[name="password"]').fill('brand-new-pass-1');
    await page.locator('main form input[name="password_confirm"]').fill('brand-new-pass-1');
    await submit(page, page.getByRole('button', { name: '设置新密码' }));
    expect(new URL(page.url()).pathname).toBe('/sign-in');
    expect(await page.locator('main').innerText()).toContain('新密码已设置');

    await signIn(page, base, 'vol@alpha.test', 'brand-new-pass-1');
    await page.goto(`${base}/account`);
    expect(new URL(page.url()).pathname).toBe('/account');
    expect(await page.locator('main').innerText()).toContain('vol@alpha.test');
    expect(problems).toEqual([]);
    await context.close();
  });
});
