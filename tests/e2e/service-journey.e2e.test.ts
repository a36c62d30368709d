/**
 * The volunteer service journey in a real browser, on phones: an organisation
 * publishes an activity, a volunteer signs up, checks in and out by the rotating
 * QR code, the organiser verifies the hours, the volunteer sees them and makes a
 * certificate, and a stranger checks it on the public verify page.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { hashPassword } from '../../core/identity/passwords.ts';
import { createUser } from '../../core/identity/users.ts';
import { toLocalDateTimeInput } from '../../core/volunteering/shared/time.ts';
import { openPhone, signIn, submit } from '../support/phone.ts';
import { BROWSER_TEST_TIMEOUT, describeBrowser, launchChromium, startBrowserPlatform, type BrowserPlatform } from '../support/browser.ts';
import { inCity, organisation, project } from '../volunteering/fixtures.ts';

const ORGANISER = { email: 'organiser@alpha.test', password: 'organiser-pass-1' };

describeBrowser('browser: a volunteer’s service from sign-up to a checked certificate', () => {
  let site: BrowserPlatform;
  let browser: Browser;
  let orgId: string;
  let projectId: string;

  beforeAll(async () => {
    [site, browser] = await Promise.all([startBrowserPlatform(), launchChromium()]);
    const p = site.platform;
    const passwordHash = await hashPassword(ORGANISER.password);
    const organiserId = await inCity(p, 'alpha', (tx, t) => createUser(tx, t, { name: '周社工', email: ORGANISER.email, passwordHash }));
    orgId = await organisation(p, 'alpha', organiserId, '阳光社工站');
    projectId = await project(p, 'alpha', orgId, organiserId, { name: '长者陪伴', category: 'elder_care' });
  }, BROWSER_TEST_TIMEOUT);

  afterAll(async () => {
    await browser?.close();
    await site?.close();
  });

  const phone = () => openPhone(browser);

  it('publishes, signs up, checks in and out by QR code, verifies, certifies and checks the certificate', async () => {
    const base = site.baseUrl('alpha');
    const organiser = await phone();
    const volunteer = await phone();
    await signIn(organiser.page, base, ORGANISER.email, ORGANISER.password);
    await signIn(volunteer.page, base, 'vol@alpha.test', 'password-123');

    // The organiser schedules an activity starting in half an hour (times typed in China time).
    const o = organiser.page;
    await o.goto(`${base}/projects/${projectId}`);
    await Promise.all([o.waitForEvent('load'), o.getByRole('link', { name: '新建活动' }).click()]);
    const startsAt = new Date(Date.now() + 30 * 60_000);
    const form = o.locator('main form');
    await form.locator('input[name="title"]').fill('周六陪伴长者');
    await form.locator('input[name="starts_at"]').fill(toLocalDateTimeInput(startsAt));
    await form.locator('input[name="ends_at"]').fill(toLocalDateTimeInput(new Date(startsAt.getTime() + 2 * 60 * 60_000)));
    await form.locator('input[name="place"]').fill('长者服务站');
    await form.locator('input[name="capacity"]').fill('5');
    await submit(o, form.getByRole('button', { name: '创建活动' }));
    const activityPath = new URL(o.url()).pathname;
    expect(activityPath).toMatch(/^\/activities\/[0-9a-f-]{36}$/);
    await expect.poll(() => o.locator('main').innerText()).toContain('活动已创建');

    // The volunteer signs up: htmx swaps the sign-up box in place.
    const v = volunteer.page;
    await v.goto(`${base}${activityPath}`);
    await v.getByRole('button', { name: '报名参加' }).click();
    await expect.poll(() => v.locator('#signup').innerText()).toContain('报名成功');

    // The organiser shows the code; the volunteer "scans" it (opens the address it encodes) and checks in.
    await o.goto(`${base}${activityPath}/checkin`);
    expect(await o.locator('#checkin-qr svg').count()).toBe(1);
    const scan = async (button: string) => {
      await o.reload();
      const url = (await o.locator('.scan-url').innerText()).trim();
      expect(url.startsWith(`${base}${activityPath}/scan?code=`)).toBe(true);
      await v.goto(url);
      await submit(v, v.getByRole('button', { name: button, exact: true }));
    };
    await scan('签到');
    await o.reload();
    expect(await o.locator('#checkin-qr').innerText()).toContain('正在签到中 1 人');
    await scan('签退');
    expect(await v.locator('main').innerText()).toContain('签退成功');

    // The organiser verifies the record, correcting the duration to the two hours served.
    await o.goto(`${base}/organisations/${orgId}/records?status=pending`);
    await Promise.all([o.waitForEvent('load'), o.locator('main table a[href^="/records/"]').first().click()]);
    const verify = o.locator('#verify form');
    await verify.locator('input[name="hours"]').fill('2');
    await verify.locator('input[name="minutes"]').fill('0');
    await submit(o, verify.getByRole('button', { name: '核实' }));
    expect(await o.locator('main').innerText()).toContain('已核实');

    // The volunteer sees the hours and makes a certificate for this year.
    await v.goto(`${base}/volunteer/hours`);
    expect(await v.locator('main').innerText()).toContain('2小时');
    await Promise.all([v.waitForEvent('load'), v.getByRole('link', { name: '我的服务证明' }).click()]);
    await submit(v, v.getByRole('button', { name: '开具证明' }));
    expect(new URL(v.url()).pathname).toMatch(/^\/certificates\//);
    const certificate = await v.locator('main').innerText();
    expect(certificate).toContain('志愿服务证明');
    expect(certificate).toContain('长者陪伴');
    const code = (await v.locator('main .code').innerText()).trim();
    expect(code).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);

    // Anyone, signed in or not, checks it on the city's public verify page by typing the code.
    const stranger = await phone();
    await stranger.page.goto(`${base}/verify`);
    await stranger.page.locator('main input[name="code"]').fill(code.toLowerCase());
    await submit(stranger.page, stranger.page.locator('main form').getByRole('button'));
    const verified = await stranger.page.locator('main').innerText();
    expect(verified).toContain('有效');
    expect(verified).toContain('2小时');
    expect(verified).toContain('甲*愿');
    expect(verified).not.toContain('甲志愿');

    for (const p of [organiser, volunteer, stranger]) expect(p.problems).toEqual([]);
  });
});
