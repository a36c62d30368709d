/**
 * The webhooks admin pages in a real browser, on a city admin's phone: register an
 * endpoint, copy the signing secret shown once, see a verification delivered in the
 * log, and rotate the secret with the old one still signing for a day.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { BROWSER_TEST_TIMEOUT, describeBrowser, launchChromium, startBrowserPlatform, type BrowserPlatform } from '../support/browser.ts';
import { openPhone, signIn, submit } from '../support/phone.ts';
import { WebhookReceiver } from '../support/webhook-receiver.ts';
import { citizen, organisation, project, serviceRecord } from '../volunteering/fixtures.ts';
import { signatureValid } from '../webhooks/fixtures.ts';

describeBrowser('browser: a city admin connects a data centre by webhook', () => {
  let site: BrowserPlatform;
  let browser: Browser;
  const hooks = new WebhookReceiver();

  beforeAll(async () => {
    [site, browser] = await Promise.all([startBrowserPlatform(), launchChromium(), hooks.up()]);
  }, BROWSER_TEST_TIMEOUT);

  afterAll(async () => {
    await hooks.down();
    await browser?.close();
    await site?.close();
  });

  /** A volunteer's service verified by their organiser in city alpha: the event the endpoint asked for. */
  async function verifyService(minutes: number): Promise<void> {
    const p = site.platform;
    const organiser = await citizen(p, 'alpha', '甲组织者');
    const volunteer = await citizen(p, 'alpha', '甲服务者', { profile: true });
    const org = await organisation(p, 'alpha', organiser.id);
    const projectId = await project(p, 'alpha', org, organiser.id);
    const record = await serviceRecord(p, 'alpha', volunteer.id, projectId, { minutes });
    const res = await organiser.client.post(`/organisations/${org}/records/verify`, { record_id: [record], status: 'pending', page: '1' });
    expect(res.status).toBe(303);
    await p.jobs.drain();
  }

  it('registers an endpoint, shows its secret once, logs a signed delivery and rotates the secret', async () => {
    const base = site.baseUrl('alpha');
    const { page, problems } = await openPhone(browser);
    await signIn(page, base, 'admin@alpha.test', 'password-123');

    // A bad address is refused beside the field, and what was typed stays.
    await page.goto(`${base}/admin/webhooks`);
    await expect.poll(() => page.locator('main').innerText()).toContain('还没有推送地址');
    const form = page.locator('main form[action$="/admin/webhooks"]');
    await form.locator('input[name="url"]').fill('https://10.0.0.8/hooks');
    await form.locator('input[name="description"]').fill('区数据中心');
    await form.getByLabel('服务记录已核实（记入账本）').check();
    await submit(page, form.getByRole('button', { name: '新增' }));
    expect(await page.locator('#f-url-error').innerText()).toContain('不能推送到内网');
    expect(await page.locator('#f-url').getAttribute('aria-invalid')).toBe('true');
    expect(await form.locator('input[name="description"]').inputValue()).toBe('区数据中心');
    // The refused form came back as 400, which Chromium logs as a failed load: the only problem allowed.
    expect(problems.splice(0)).toEqual([expect.stringContaining('status of 400')]);

    // The receiver's real address: the secret is shown once, to copy.
    await form.locator('input[name="url"]').fill(hooks.url);
    await submit(page, form.getByRole('button', { name: '新增' }));
    expect(await page.locator('h1').innerText()).toBe('请立即复制签名密钥');
    const secret = await page.locator('#signing-secret').inputValue();
    expect(secret).toMatch(/^whsec_/);
    await submit(page, page.getByRole('link', { name: '返回事件推送' }));
    expect(await page.locator('main').innerText()).toContain(hooks.url);
    expect(await page.content()).not.toContain(secret);

    // A verification reaches the receiver, signed with that secret, and the log says so.
    await verifyService(90);
    expect(hooks.received).toHaveLength(1);
    expect(signatureValid(secret, hooks.received[0]!)).toBe(true);
    await submit(page, page.getByRole('link', { name: '投递记录' }).first());
    const log = await page.locator('main').innerText();
    expect(log).toContain('已送达');
    expect(log).toContain('HTTP 200');

    // Rotating keeps the old secret signing for a day (the box is ticked unless it leaked).
    const rotate = page.locator('#rotate form');
    expect(await rotate.locator('input[name="keepOld"]').isChecked()).toBe(true);
    await submit(page, rotate.getByRole('button', { name: '更换签名密钥' }));
    expect(await page.locator('main').innerText()).toContain('旧密钥继续签名至');
    const rotated = await page.locator('#signing-secret').inputValue();
    expect(rotated).not.toBe(secret);
    await verifyService(45);
    expect(hooks.received).toHaveLength(2);
    expect(signatureValid(rotated, hooks.received[1]!)).toBe(true);
    expect(signatureValid(secret, hooks.received[1]!)).toBe(true);

    // Nothing on these pages is wider than the phone.
    await page.goto(`${base}/admin/webhooks`);
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth)).toBe(true);
    expect(problems).toEqual([]);
  });
});
