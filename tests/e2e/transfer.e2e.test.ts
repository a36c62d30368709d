/**
 * A transfer between cities (转移接续) in a real browser, on phones: a volunteer of
 * Alpha who moved to Beta asks to transfer, Alpha's admin approves, the volunteer reads
 * the code on Alpha's site and types it on Beta's, and Beta's hours page shows the
 * service with its origin, counted there and no longer in Alpha.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { PHONE, signIn, submit } from '../support/phone.ts';
import { BROWSER_TEST_TIMEOUT, describeBrowser, launchChromium, startBrowserPlatform, watchForProblems, type BrowserPlatform } from '../support/browser.ts';
import { citizen, completeProfile, idCard, organisation, project, serviceRecord, userIdOf, verify } from '../volunteering/fixtures.ts';

const ID = idCard('44010619900101123');

describeBrowser('browser: a volunteer transfers their record from one city to another', () => {
  let site: BrowserPlatform;
  let browser: Browser;
  let recordId: string;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    [site, browser] = await Promise.all([startBrowserPlatform(), launchChromium()]);
    const p = site.platform;
    // The same person: Alpha's and Beta's demo volunteers hold the same identity document.
    const alphaVolunteer = await userIdOf(p, 'alpha', 'vol@alpha.test');
    await completeProfile(p, 'alpha', alphaVolunteer, '甲志愿', ID);
    await completeProfile(p, 'beta', await userIdOf(p, 'beta', 'vol@beta.test'), '甲志愿', ID);
    const organiser = await citizen(p, 'alpha', '周社工');
    const orgId = await organisation(p, 'alpha', organiser.id, '阳光社工站');
    const elders = await project(p, 'alpha', orgId, organiser.id, { name: '长者陪伴' });
    recordId = await serviceRecord(p, 'alpha', alphaVolunteer, elders, { minutes: 150, startedAt: new Date(Date.now() - 7 * 24 * 60 * 60_000) });
    await verify(p, 'alpha', orgId, organiser.id, [recordId]);
  }, BROWSER_TEST_TIMEOUT);

  afterAll(async () => {
    await browser?.close();
    await site?.close();
  });

  async function phone(): Promise<{ page: Page; problems: string[] }> {
    const context = await browser.newContext(PHONE);
    contexts.push(context);
    const page = await context.newPage();
    return { page, problems: watchForProblems(page) };
  }

  const fitsTheScreen = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);

  it('asks in the origin, is approved there, accepts in the destination with the code, and finds the hours there', async () => {
    const alpha = site.baseUrl('alpha');
    const beta = site.baseUrl('beta');
    const inAlpha = await phone();
    const inBeta = await phone();
    const admin = await phone();
    await signIn(inAlpha.page, alpha, 'vol@alpha.test', 'password-123');
    await signIn(inBeta.page, beta, 'vol@beta.test', 'password-123');
    await signIn(admin.page, alpha, 'admin@alpha.test', 'password-123');

    // From their hours page, the volunteer asks to move to Beta.
    const v = inAlpha.page;
    await v.goto(`${alpha}/volunteer/hours`);
    await Promise.all([v.waitForEvent('load'), v.getByRole('link', { name: '转移接续' }).click()]);
    await v.locator('main select[name="destination"]').selectOption({ label: '乙市' });
    await submit(v, v.getByRole('button', { name: '申请转移' }));
    expect(await v.locator('main').innerText()).toContain('待本市审核');
    expect(await fitsTheScreen(v)).toBe(true);

    // Alpha's admin approves it from the menu's page.
    const a = admin.page;
    await a.goto(`${alpha}/admin/transfers`);
    expect(await a.locator('main').innerText()).toContain('甲志愿');
    expect(await fitsTheScreen(a)).toBe(true);
    await submit(a, a.getByRole('button', { name: '批准', exact: true }));
    expect(await a.locator('main').innerText()).toContain('已批准，已通知志愿者');
    await site.platform.jobs.drain();

    // The volunteer reads the code on Alpha's site and types it on Beta's.
    await v.reload();
    const code = (await v.locator('#transfer-code').innerText()).trim();
    expect(code).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    const b = inBeta.page;
    await b.goto(`${beta}/volunteer/transfer`);
    await b.locator('main input[name="code"]').fill(code);
    await submit(b, b.getByRole('button', { name: '接收' }));
    expect(await b.locator('main').innerText()).toContain('记录正在转入');
    await site.platform.jobs.drain();

    // Beta counts the hours, with the record's origin; Alpha no longer does.
    await b.goto(`${beta}/volunteer/hours`);
    const hours = await b.locator('main').innerText();
    expect(hours).toContain('2小时30分钟');
    expect(hours).toContain('阳光社工站');
    expect(hours).toContain(`alpha/${recordId}`);
    expect(await fitsTheScreen(b)).toBe(true);
    await v.goto(`${alpha}/volunteer/hours`);
    expect(await v.locator('main .total').innerText()).toContain('0分钟');

    for (const p of [inAlpha, inBeta, admin]) expect(p.problems).toEqual([]);
  });
});
