/**
 * The charity fund in a real browser, on phones: a resident pledges a donation
 * (offline provider), station staff confirm the money arrived, the donor opens
 * and prints the numbered receipt, and a stranger sees the gift (name masked)
 * and the total on the fund's public disclosure page.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { hashPassword } from '../../core/identity/passwords.ts';
import { createUser, grantRole } from '../../core/identity/users.ts';
import { setPluginEnablement } from '../../core/plugins/enablement.ts';
import { createFund } from '../../plugins/charity-fund/funds.ts';
import { charityFundPlugin } from '../../plugins/charity-fund/index.ts';
import { chinaYear } from '../../plugins/charity-fund/receipts.ts';
import { openPhone, signIn, submit } from '../support/phone.ts';
import { BROWSER_TEST_TIMEOUT, describeBrowser, launchChromium, startBrowserPlatform, type BrowserPlatform } from '../support/browser.ts';
import { pluginWork } from '../support/plugin-work.ts';

const STAFF = { email: 'station@alpha.test', password: 'station-pass-1' };

describeBrowser('browser: a donation from pledge to receipt to public disclosure', () => {
  let site: BrowserPlatform;
  let browser: Browser;
  let fundId: string;

  beforeAll(async () => {
    [site, browser] = await Promise.all([startBrowserPlatform({ plugins: [charityFundPlugin] }), launchChromium()]);
    const p = site.platform;
    const alpha = p.cities.alpha!.id;
    const passwordHash = await hashPassword(STAFF.password);
    fundId = await p.db.tenant(alpha, async (tx) => {
      await setPluginEnablement(tx, alpha, charityFundPlugin, { enabled: true, settings: { paymentProvider: 'offline' }, changedBy: 'test' });
      const staffId = await createUser(tx, alpha, { name: '站点小刘', email: STAFF.email, passwordHash });
      await grantRole(tx, alpha, staffId, 'charity-fund.station_staff');
      const year = chinaYear(new Date());
      const fund = await createFund(pluginWork(charityFundPlugin, tx, p.cities.alpha!, p), staffId, { name: '幸福社区慈善基金', community: '幸福社区', hostCharity: '甲市慈善会', purpose: '长者助餐', targetFen: 1_000_000, startsOn: `${year - 1}-01-01`, endsOn: `${year + 1}-12-31` });
      if (!fund.ok) throw new Error('no fund');
      return fund.id;
    });
  }, BROWSER_TEST_TIMEOUT);

  afterAll(async () => {
    await browser?.close();
    await site?.close();
  });

  const phone = () => openPhone(browser);

  it('pledges, confirms, shows the receipt and discloses the gift with the donor masked', async () => {
    const base = site.baseUrl('alpha');
    const donor = await phone();
    const staff = await phone();
    await signIn(donor.page, base, 'vol@alpha.test', 'password-123');
    await signIn(staff.page, base, STAFF.email, STAFF.password);

    // The donor finds the fund from the menu's page and pledges 66.60 yuan.
    const d = donor.page;
    await d.goto(`${base}/p/charity-fund/`);
    await Promise.all([d.waitForEvent('load'), d.getByRole('link', { name: '幸福社区慈善基金' }).click()]);
    await Promise.all([d.waitForEvent('load'), d.getByRole('link', { name: '我要捐赠' }).click()]);
    const form = d.locator('main form');
    await form.locator('input[name="amount"]').fill('66.60');
    await form.locator('select[name="visibility"]').selectOption('masked');
    await form.locator('textarea[name="message"]').fill('祝长者安康');
    await submit(d, form.getByRole('button', { name: '提交捐赠' }));
    expect(new URL(d.url()).pathname).toMatch(/^\/p\/charity-fund\/donations\/[0-9a-f-]{36}$/);
    expect(await d.locator('main').innerText()).toContain('认捐已登记');

    // Station staff see the pledge on their desk and confirm the money arrived.
    const s = staff.page;
    await s.goto(`${base}/p/charity-fund/staff`);
    const row = s.locator('main tr', { hasText: '¥66.60' });
    await submit(s, row.getByRole('button', { name: '确认到账' }));
    const year = chinaYear(new Date());
    expect(await s.locator('main').innerText()).toContain(`收据编号 ${year}-000001`);

    // The donor sees it confirmed and opens the printable receipt.
    await d.reload();
    expect(await d.locator('main').innerText()).toContain('捐赠已确认');
    await Promise.all([d.waitForEvent('load'), d.getByRole('link', { name: '查看并打印收据' }).click()]);
    const receipt = await d.locator('main .receipt').innerText();
    expect(receipt).toContain('公益捐赠收据');
    expect(receipt).toContain(`${year}-000001`);
    expect(receipt).toContain('¥66.60');
    expect(receipt).toContain('甲志愿');
    expect(await d.locator('#print-receipt').isVisible()).toBe(true);

    // Anyone, without signing in, reads the fund's disclosure: the gift, masked, and the total.
    const stranger = await phone();
    await stranger.page.goto(`${base}/p/charity-fund/funds/${fundId}/disclosure`);
    const disclosure = await stranger.page.locator('main').innerText();
    expect(disclosure).toContain('甲*愿');
    expect(disclosure).not.toContain('甲志愿');
    expect(disclosure).toContain('祝长者安康');
    expect(await stranger.page.locator('main [data-total="raised"]').innerText()).toBe('¥66.60');
    expect(await stranger.page.locator('main [data-total="balance"]').innerText()).toBe('¥66.60');
    expect(await stranger.page.locator('main code.hash').innerText()).toMatch(/^[0-9a-f]{64}$/);

    for (const p of [donor, staff, stranger]) expect(p.problems).toEqual([]);
  });
});
