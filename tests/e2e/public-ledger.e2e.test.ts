/**
 * The public ledger in a real browser, on a phone: a visitor who is not signed in
 * checks the city's whole chain with the page's own script (Web Crypto, under the
 * site's CSP) and reads "verified up to transfer N"; after someone rewrites an
 * amount in the database, the same check names the transfer that was changed.
 */
import { sql } from 'drizzle-orm';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { rewriteLedger } from '../support/ledger-rewrite.ts';
import { PHONE } from '../support/phone.ts';
import { BROWSER_TEST_TIMEOUT, describeBrowser, launchChromium, startBrowserPlatform, watchForProblems, type BrowserPlatform } from '../support/browser.ts';
import { citizen, organisation, project, serviceRecord, userIdOf, verify } from '../volunteering/fixtures.ts';

describeBrowser('browser: a visitor checks the public ledger on a phone, and a rewrite is caught', () => {
  let site: BrowserPlatform;
  let browser: Browser;

  beforeAll(async () => {
    [site, browser] = await Promise.all([startBrowserPlatform(), launchChromium()]);
    const p = site.platform;
    const adminId = await userIdOf(p, 'alpha', 'admin@alpha.test');
    const volunteer = await citizen(p, 'alpha', '公开核验', { profile: true });
    const org = await organisation(p, 'alpha', adminId);
    const projectId = await project(p, 'alpha', org, adminId);
    const records = [];
    for (const minutes of [30, 60, 90]) records.push(await serviceRecord(p, 'alpha', volunteer.id, projectId, { minutes }));
    await verify(p, 'alpha', org, adminId, records);
  }, BROWSER_TEST_TIMEOUT);

  afterAll(async () => {
    await browser?.close();
    await site?.close();
  });

  async function checkInBrowser(page: Page): Promise<string> {
    await page.goto(`${site.baseUrl('alpha')}/ledger`);
    await page.getByRole('button', { name: '在本浏览器中核验' }).click();
    const status = page.locator('#ledger-check-status');
    await status.locator('xpath=self::*[contains(@class, "flash")]').waitFor();
    return status.innerText();
  }

  it('says 已验证至第 3 笔, then names the transfer whose amount was rewritten', async () => {
    const context = await browser.newContext(PHONE);
    const page = await context.newPage();
    const problems = watchForProblems(page);

    expect(await checkInBrowser(page)).toContain('已验证至第 3 笔');
    expect(await page.locator('main').innerText()).toContain('公开账本');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);

    const alpha = site.platform.cities.alpha!.id;
    await rewriteLedger(site.platform.db, (tx) => tx.execute(sql`update ledger_transfers set amount = amount + 600 where tenant_id = ${alpha} and seq = 2`));
    const after = await checkInBrowser(page);
    expect(after).toContain('第 2 笔的内容与其哈希不符');
    expect(after).toContain('已验证至第 1 笔');
    expect(problems).toEqual([]);
    await context.close();
  });
});
