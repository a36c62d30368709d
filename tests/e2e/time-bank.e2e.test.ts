/**
 * Time for service in a real browser, on phones: a neighbour offers help, a
 * volunteer who earned credits by verified service responds, both confirm it
 * happened, and the credits move from one balance to the other.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { hashPassword } from '../../core/identity/passwords.ts';
import { createUser, findUserByLogin } from '../../core/identity/users.ts';
import { setPluginEnablement } from '../../core/plugins/enablement.ts';
import { timeBankPlugin } from '../../plugins/time-bank/index.ts';
import { PHONE, signIn, submit } from '../support/phone.ts';
import { BROWSER_TEST_TIMEOUT, describeBrowser, launchChromium, startBrowserPlatform, watchForProblems, type BrowserPlatform } from '../support/browser.ts';
import { inCity, organisation, project, serviceRecord, verify } from '../volunteering/fixtures.ts';

const HELPER = { email: 'helper@alpha.test', password: 'helper-pass-1' };

describeBrowser('browser: an exchange of time between two members', () => {
  let site: BrowserPlatform;
  let browser: Browser;

  beforeAll(async () => {
    [site, browser] = await Promise.all([startBrowserPlatform({ plugins: [timeBankPlugin] }), launchChromium()]);
    const p = site.platform;
    const alpha = p.cities.alpha!.id;
    await p.db.tenant(alpha, (tx) => setPluginEnablement(tx, alpha, timeBankPlugin, { enabled: true, settings: {}, changedBy: 'test' }));
    const helperId = await inCity(p, 'alpha', async (tx, t) => createUser(tx, t, { name: '热心的周阿姨', email: HELPER.email, passwordHash: await hashPassword(HELPER.password) }));
    // The volunteer earns 3 credits: two verified hours of elder care at the default 150%.
    const volunteerId = (await inCity(p, 'alpha', (tx, t) => findUserByLogin(tx, t, 'vol@alpha.test')))!.id;
    const orgId = await organisation(p, 'alpha', helperId, '社区志愿队');
    const projectId = await project(p, 'alpha', orgId, helperId, { category: 'elder_care' });
    const recordId = await serviceRecord(p, 'alpha', volunteerId, projectId, { minutes: 120 });
    await verify(p, 'alpha', orgId, helperId, [recordId]);
  }, BROWSER_TEST_TIMEOUT);

  afterAll(async () => {
    await browser?.close();
    await site?.close();
  });

  it('offers, responds, confirms on both sides, and moves the credits', async () => {
    const base = site.baseUrl('alpha');
    const phone = async () => {
      const page = await (await browser.newContext(PHONE)).newPage();
      return { page, problems: watchForProblems(page) };
    };
    const helper = await phone();
    const volunteer = await phone();
    await signIn(helper.page, base, HELPER.email, HELPER.password);
    await signIn(volunteer.page, base, 'vol@alpha.test', 'password-123');

    const v = volunteer.page;
    await v.goto(`${base}/p/time-bank/`);
    expect(await v.locator('#balance').innerText()).toContain('3 时间币');

    // The helper posts an offer from the market page.
    const h = helper.page;
    await h.goto(`${base}/p/time-bank/`);
    await Promise.all([h.waitForEvent('load'), h.locator('main').getByRole('link', { name: '时间换服务' }).click()]);
    await Promise.all([h.waitForEvent('load'), h.getByRole('link', { name: '发布', exact: true }).click()]);
    const form = h.locator('main form');
    await form.locator('input[name="title"]').fill('陪同老人去医院');
    await form.locator('textarea[name="description"]').fill('周一上午，市第一医院');
    await form.locator('input[name="credits"]').fill('2');
    await submit(h, form.getByRole('button', { name: '发布' }));
    expect(await h.locator('main').innerText()).toContain('已发布');

    // The volunteer finds it and responds.
    await v.goto(`${base}/p/time-bank/market`);
    await Promise.all([v.waitForEvent('load'), v.getByRole('link', { name: '陪同老人去医院' }).click()]);
    await v.locator('#respond textarea[name="message"]').fill('周一九点在小区门口见');
    await submit(v, v.getByRole('button', { name: '我需要这项服务' }));
    expect(await v.locator('main').innerText()).toContain('已回应');
    const exchangePath = new URL(v.url()).pathname;
    expect(exchangePath).toMatch(/^\/p\/time-bank\/exchanges\/[0-9a-f-]{36}$/);

    // Both confirm; the second confirmation moves the credits.
    await submit(v, v.getByRole('button', { name: '确认服务已完成' }));
    expect(await v.locator('main').innerText()).toContain('已确认，等待对方确认');
    await h.goto(`${base}/p/time-bank/exchanges`);
    await Promise.all([h.waitForEvent('load'), h.locator('main table a').first().click()]);
    expect(new URL(h.url()).pathname).toBe(exchangePath);
    expect(await h.locator('#exchange').innerText()).toContain('周一九点在小区门口见');
    await submit(h, h.getByRole('button', { name: '确认服务已完成' }));
    expect(await h.locator('main').innerText()).toContain('双方已确认，2 时间币 已转给服务方');

    await h.goto(`${base}/p/time-bank/`);
    expect(await h.locator('#balance').innerText()).toContain('2 时间币');
    await v.goto(`${base}/p/time-bank/`);
    expect(await v.locator('#balance').innerText()).toContain('1 时间币');
    await v.goto(`${base}/p/time-bank/statement`);
    expect(await v.locator('#statement').innerText()).toContain('接受互助服务，支付积分');

    for (const x of [helper, volunteer]) expect(x.problems).toEqual([]);
  });
});
