/**
 * The key pages on a 390 px phone, as the people who use them: nothing may be
 * wider than the screen or hidden off it, in the document or in a table that
 * scrolls sideways, and no button or link may be cut off. Then the list actions
 * that swap their own row (the reader keeps their place) and the roster that
 * follows the scans by itself.
 */
import { eq } from 'drizzle-orm';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createUser, grantRole } from '../../core/identity/users.ts';
import { setPluginEnablement } from '../../core/plugins/enablement.ts';
import { seedPlatformAccounts, DEMO_FOUNDATION } from '../../core/platform/seed.ts';
import { ensureCheckinSecret, currentCode } from '../../core/volunteering/attendance/checkin-code.ts';
import { issueCertificates } from '../../core/volunteering/certificates/service.ts';
import { DAY_MS, toLocalDateInput } from '../../core/volunteering/shared/time.ts';
import { charityFunds, charityProjects } from '../../plugins/charity-fund/schema.ts';
import { charityFundPlugin } from '../../plugins/charity-fund/index.ts';
import { listItems, redeemItem } from '../../plugins/time-bank/catalogue.ts';
import { timeBankPlugin } from '../../plugins/time-bank/index.ts';
import { openPhone, PHONE, signIn, submit } from '../support/phone.ts';
import { addFailedJob } from '../support/jobs.ts';
import { BROWSER_TEST_TIMEOUT, describeBrowser, launchChromium, startBrowserPlatform, type BrowserPlatform } from '../support/browser.ts';
import { activity, completeProfile, confirmedSignup, idCard, inCity, organisation, project, serviceRecord, userIdOf, verify } from '../volunteering/fixtures.ts';
import { pluginContextIn, pluginWork } from '../support/plugin-work.ts';

const LONG_CONTENT = '上门探访独居老人，陪伴聊天、代购生活用品、教老人使用智能手机，并记录老人近况反馈给社区网格员';

/** What a phone reader cannot see: the page wider than the screen, content hidden sideways, cut-off controls. */
function overflowOf(page: Page) {
  return page.evaluate(() => {
    const problems: string[] = [];
    const doc = document.documentElement;
    const describe = (el: Element) => `${el.tagName.toLowerCase()} "${(el.textContent ?? '').trim().replace(/\s+/g, ' ').slice(0, 40)}"`;
    if (doc.scrollWidth > doc.clientWidth) {
      // Name the innermost boxes that stick out, so a failure says what to fix.
      const wide = [...document.querySelectorAll('body *')].filter((el) => el.getBoundingClientRect().right > doc.clientWidth + 1 && ![...el.children].some((c) => c.getBoundingClientRect().right > doc.clientWidth + 1));
      problems.push(`page is ${doc.scrollWidth}px wide on a ${doc.clientWidth}px screen: ${wide.slice(0, 3).map(describe).join(', ')}`);
    }
    for (const el of document.querySelectorAll('main *')) {
      const style = getComputedStyle(el);
      // Hidden, or kept only for screen readers (a 1 px box, as the stacked tables' column headings).
      if (style.display === 'none' || style.visibility === 'hidden' || el.getBoundingClientRect().width <= 1) continue;
      // A box that scrolls or clips sideways hides part of what it holds.
      if (['auto', 'scroll', 'hidden'].includes(style.overflowX) && el.scrollWidth > el.clientWidth + 1) problems.push(`${describe(el)} hides ${el.scrollWidth - el.clientWidth}px sideways`);
    }
    for (const el of document.querySelectorAll('main a, main button, main .button, main summary')) {
      const r = el.getBoundingClientRect();
      if (r.width === 0 && r.height === 0) continue;
      if (r.right > doc.clientWidth + 1 || r.left < -1) problems.push(`${describe(el)} is off screen (${Math.round(r.left)}..${Math.round(r.right)})`);
      if (el.scrollWidth > el.clientWidth + 1 && getComputedStyle(el).display !== 'inline') problems.push(`${describe(el)} is cut off`);
    }
    return problems;
  });
}

describeBrowser('browser: the key pages fit a 390 px phone', () => {
  let site: BrowserPlatform;
  let browser: Browser;
  const ids = {} as { org: string; project: string; running: string; upcoming: string; fund: string; charityProject: string; code: string; certificate: string; records: string[] };

  beforeAll(async () => {
    [site, browser] = await Promise.all([startBrowserPlatform({ plugins: [timeBankPlugin, charityFundPlugin] }), launchChromium()]);
    const p = site.platform;
    const alpha = p.cities.alpha!;
    await seedPlatformAccounts(p.db, { operatorEmail: p.config.PLATFORM_ADMIN_EMAIL, operatorPassword: p.config.PLATFORM_ADMIN_PASSWORD, demo: true, pluginIds: [timeBankPlugin.id, charityFundPlugin.id] });
    const admin = await userIdOf(p, 'alpha', 'admin@alpha.test');
    const vol = await userIdOf(p, 'alpha', 'vol@alpha.test');
    await inCity(p, 'alpha', async (tx, t) => {
      for (const plugin of [timeBankPlugin, charityFundPlugin]) await setPluginEnablement(tx, t, plugin, { enabled: true, settings: {}, changedBy: 'test' });
      const manager = await createUser(tx, t, { name: '基金第二管理人', email: 'manager@alpha.test', passwordHash: null });
      await grantRole(tx, t, manager, 'charity-fund.manager');
      await charityFundPlugin.seed!(pluginContextIn(charityFundPlugin, tx, alpha, p, { paymentProvider: 'offline' }));
    });

    // An organisation with a long name, a project, an activity under way (check-in open) and one next week.
    ids.org = await organisation(p, 'alpha', admin, '甲市阳光社会工作服务中心青年志愿服务队');
    ids.project = await project(p, 'alpha', ids.org, admin, { name: '邻里助老·陪伴行动（长期项目）', category: 'elder_care' });
    ids.running = await activity(p, 'alpha', ids.project, admin, { title: '独居老人探访（第 1 期）', startsAt: new Date(Date.now() - 30 * 60_000), capacity: 30 });
    ids.upcoming = await activity(p, 'alpha', ids.project, admin, { title: '独居老人探访（第 2 期）', requiresApproval: true });
    await confirmedSignup(p, 'alpha', ids.running, vol);

    // A dozen volunteers with real names and ID cards on the roster, and 20 of their claims waiting for the organiser.
    ids.records = [];
    for (let i = 0; i < 12; i++) {
      const name = `欧阳志愿者${String(i).padStart(2, '0')}`;
      const id = await inCity(p, 'alpha', (tx, t) => createUser(tx, t, { name, email: `v${i}@citizens.test`, passwordHash: null }));
      await completeProfile(p, 'alpha', id, name, idCard(`1101051990010${String(100 + i).padStart(4, '0')}`));
      await confirmedSignup(p, 'alpha', ids.running, id, i < 3 ? 'pending' : 'confirmed');
      for (const day of [2, 3]) {
        ids.records.push(await serviceRecord(p, 'alpha', id, ids.project, { minutes: 150, startedAt: new Date(Date.now() - day * DAY_MS), content: LONG_CONTENT }));
      }
    }

    // The volunteer's verified service (time credits follow), a certificate and a redemption they can cancel.
    const mine = [];
    for (const day of [5, 6, 7]) mine.push(await serviceRecord(p, 'alpha', vol, ids.project, { minutes: 120, startedAt: new Date(Date.now() - day * DAY_MS), content: LONG_CONTENT }));
    await verify(p, 'alpha', ids.org, admin, mine);
    const certificate = await inCity(p, 'alpha', (tx, t) => issueCertificates(tx, { id: t, slug: 'alpha' }, vol, toLocalDateInput(new Date(Date.now() - 30 * DAY_MS)), toLocalDateInput(new Date())));
    if (!certificate.ok) throw new Error('no certificate');
    ids.code = certificate.certificates[0]!.code;
    ids.certificate = certificate.certificates[0]!.id;
    await inCity(p, 'alpha', async (tx, t) => {
      await timeBankPlugin.seed!(pluginContextIn(timeBankPlugin, tx, alpha, p));
      const rice = (await listItems(pluginWork(timeBankPlugin, tx, alpha, p), { activeOnly: true })).find((item) => item.stock > 0 && item.kind === 'goods')!;
      const redeemed = await redeemItem(pluginWork(timeBankPlugin, tx, alpha, p), rice.id, vol, 60);
      if (!redeemed.ok) throw new Error(`no redemption: ${redeemed.reason}`);
      const [fund] = await tx.select({ id: charityFunds.id }).from(charityFunds).where(eq(charityFunds.tenantId, t));
      const [charityProject] = await tx.select({ id: charityProjects.id }).from(charityProjects).where(eq(charityProjects.tenantId, t));
      ids.fund = fund!.id;
      ids.charityProject = charityProject!.id;
    });
    // The failed jobs page with a row to show: a city's job and a long error.
    await p.jobs.drain();
    await addFailedJob(p, {
      name: 'plugin.time-bank.expire-credits',
      tenantId: alpha.id,
      message: 'connect ECONNREFUSED 10.20.30.40:5432 while expiring time credits for a very long list of lots, retried five times without success',
    });
  }, BROWSER_TEST_TIMEOUT);

  afterAll(async () => {
    await browser?.close();
    await site?.close();
  });

  const phone = () => openPhone(browser);

  /** Visits each path and collects what does not fit, by page. */
  async function unfit(page: Page, base: string, paths: string[]) {
    const found: Record<string, string[]> = {};
    for (const path of paths) {
      const res = await page.goto(`${base}${path}`);
      expect(res?.status(), path).toBe(200);
      const problems = await overflowOf(page);
      if (problems.length > 0) found[path] = problems;
    }
    return found;
  }

  /** Every key page in one language, by the user who opens it; `{}` when all of them fit. */
  async function unfitPages(locale: 'zh-CN' | 'en') {
    const base = site.baseUrl('alpha');
    const organiser = await phone();
    const volunteer = await phone();
    const visitor = await phone();
    await signIn(organiser.page, base, 'admin@alpha.test', 'password-123');
    await signIn(volunteer.page, base, 'vol@alpha.test', 'password-123');
    for (const p of [organiser, volunteer, visitor]) await p.page.context().addCookies([{ name: 'lang', value: locale, url: base }]);

    const found = {
      ...(await unfit(organiser.page, base, [
        `/activities/${ids.running}/manage`,
        `/organisations/${ids.org}/records?status=pending`,
        `/organisations/${ids.org}/records?status=verified`,
        `/admin`,
        `/admin/branding`,
        `/admin/members`,
        `/admin/members/invite`,
        `/admin/organisations`,
        `/admin/audit`,
        `/admin/messages`,
        `/admin/api-keys`,
        `/api/v1`,
        `/admin/plugins`,
        `/p/time-bank/admin`,
        `/p/charity-fund/funds/${ids.fund}/manage`,
        `/p/charity-fund/staff`,
        `/p/charity-fund/review`,
      ])),
      ...(await unfit(volunteer.page, base, [
        `/volunteer/hours`,
        `/volunteer/certificates`,
        `/certificates/${ids.certificate}`,
        `/activities/${ids.upcoming}`,
        `/p/time-bank/`,
        `/p/time-bank/statement`,
        `/p/time-bank/redemptions`,
        `/p/time-bank/catalogue`,
        `/p/time-bank/exchanges`,
        `/p/charity-fund/mine`,
        `/account`,
        `/account/messages`,
      ])),
      ...(await unfit(visitor.page, base, [
        `/verify/${ids.code}`,
        `/forgot-password`,
        `/projects`,
        `/projects/${ids.project}`,
        `/p/charity-fund/`,
        `/p/charity-fund/funds/${ids.fund}`,
        `/p/charity-fund/funds/${ids.fund}/disclosure`,
        `/p/charity-fund/projects/${ids.charityProject}`,
      ])),
    };

    for (const account of [
      { email: site.platform.config.PLATFORM_ADMIN_EMAIL, password: site.platform.config.PLATFORM_ADMIN_PASSWORD, paths: ['/', '/jobs'] },
      { email: DEMO_FOUNDATION.email, password: DEMO_FOUNDATION.password, paths: ['/'] },
    ]) {
      const console = await phone();
      await console.page.context().addCookies([{ name: 'lang', value: locale, url: site.consoleUrl }]);
      await console.page.goto(`${site.consoleUrl}/sign-in`);
      const form = console.page.locator('main form');
      await form.locator('input[name="email"]').fill(account.email);
      await form.locator('input[name="password"]').fill(account.password);
      await submit(console.page, form.getByRole('button'));
      for (const [path, problems] of Object.entries(await unfit(console.page, site.consoleUrl, account.paths))) found[`console ${account.email} ${path}`] = problems;
      expect(console.problems).toEqual([]);
    }
    for (const p of [organiser, volunteer, visitor]) expect(p.problems).toEqual([]);
    await Promise.all([organiser, volunteer, visitor].map((p) => p.page.context().close()));
    return found;
  }

  it('fits every key page of the organiser, the volunteer, a visitor and the console, in Chinese', async () => {
    expect(await unfitPages('zh-CN')).toEqual({});
  });

  it('fits every key page of the organiser, the volunteer, a visitor and the console, in English', async () => {
    expect(await unfitPages('en')).toEqual({});
  });

  it('verifies a record deep in a long queue by swapping its row, keeping the reader’s place', async () => {
    const base = site.baseUrl('alpha');
    const organiser = await phone();
    const o = organiser.page;
    await signIn(o, base, 'admin@alpha.test', 'password-123');
    await o.goto(`${base}/organisations/${ids.org}/records?status=pending`);
    const rows = o.locator('main table tbody tr');
    expect(await rows.count()).toBe(20);
    const row = rows.nth(14);
    const id = await row.getAttribute('id');
    await row.getByRole('button', { name: /^核实/ }).scrollIntoViewIfNeeded();
    await o.evaluate(() => ((window as unknown as { journeyMark: number }).journeyMark = 1));
    const scrolled = await o.evaluate(() => window.scrollY);
    expect(scrolled).toBeGreaterThan(1000);

    await row.getByRole('button', { name: /^核实/ }).click();
    const swapped = o.locator(`#${id}`);
    await expect.poll(() => swapped.innerText()).toContain('已核实');
    expect(await swapped.innerText()).not.toContain('拒绝');
    expect(await o.evaluate(() => window.scrollY)).toBe(scrolled);
    // The same document: no reload put the reader back at the top.
    expect(await o.evaluate(() => (window as unknown as { journeyMark?: number }).journeyMark)).toBe(1);
    expect(await rows.count()).toBe(20);
    expect(await overflowOf(o)).toEqual([]);
    expect(organiser.problems).toEqual([]);
  });

  it('shows a volunteer’s scan on the organiser’s roster by itself, without a reload', async () => {
    const base = site.baseUrl('alpha');
    const organiser = await phone();
    const volunteer = await phone();
    const o = organiser.page;
    await signIn(o, base, 'admin@alpha.test', 'password-123');
    await signIn(volunteer.page, base, 'vol@alpha.test', 'password-123');
    const vol = await userIdOf(site.platform, 'alpha', 'vol@alpha.test');
    await o.goto(`${base}/activities/${ids.running}/manage`);
    const row = o.locator(`#roster-${vol}`);
    expect(await row.innerText()).toContain('未签到');
    await o.evaluate(() => ((window as unknown as { journeyMark: number }).journeyMark = 1));

    // The organiser approves a pending sign-up: only that row changes.
    const pending = o.locator('main table tbody tr', { has: o.getByRole('button', { name: /^通过/ }) }).first();
    const pendingId = await pending.getAttribute('id');
    await pending.getByRole('button', { name: /^通过/ }).click();
    await expect.poll(() => o.locator(`#${pendingId}`).innerText()).toContain('已确认');

    // The volunteer scans the code on another phone and checks in.
    const secret = await inCity(site.platform, 'alpha', (tx, t) => ensureCheckinSecret(tx, t, ids.running));
    await volunteer.page.goto(`${base}/activities/${ids.running}/scan?code=${currentCode(secret, ids.running, new Date())}`);
    await submit(volunteer.page, volunteer.page.getByRole('button', { name: '签到', exact: true }));
    expect(await volunteer.page.locator('main').innerText()).toContain('签到成功');

    // The roster asks again every few seconds; allow several rounds on a busy machine.
    await expect.poll(() => row.innerText(), { timeout: 45_000, interval: 500 }).not.toContain('未签到');
    expect(await row.getByRole('button', { name: /签退/ }).count()).toBe(1);
    expect(await o.evaluate(() => (window as unknown as { journeyMark?: number }).journeyMark)).toBe(1);
    expect(organiser.problems).toEqual([]);
    expect(volunteer.problems).toEqual([]);
  });

  it('does the same without script: the row forms post and come back, ticked records verify together', async () => {
    const base = site.baseUrl('alpha');
    const page = await (await browser.newContext({ ...PHONE, javaScriptEnabled: false })).newPage();
    await signIn(page, base, 'admin@alpha.test', 'password-123');

    // Approve a pending sign-up on the roster: the page comes back with the flash.
    await page.goto(`${base}/activities/${ids.running}/manage`);
    const approve = page.locator('main').getByRole('button', { name: /^通过/ }).first();
    await submit(page, approve);
    expect(new URL(page.url()).pathname).toBe(`/activities/${ids.running}/manage`);
    expect(await page.locator('main > .flash').innerText()).toMatch(/已通过 .+ 的报名/);

    // Tick two records in the queue and verify them together (the boxes belong to the form below the table).
    await page.goto(`${base}/organisations/${ids.org}/records?status=pending`);
    const before = await page.locator('main table tbody tr').count();
    const boxes = page.locator('main input[type="checkbox"][name="record_id"]');
    await boxes.nth(0).check();
    await boxes.nth(1).check();
    await submit(page, page.getByRole('button', { name: '核实所选' }));
    expect(await page.locator('main > .flash').innerText()).toContain('已核实 2 条');
    expect(await page.locator('main table tbody tr').count()).toBe(before);

    // A row's own verify button posts to the record and lands on its page.
    const row = page.locator('main table tbody tr').first();
    const name = await row.locator('a').first().innerText();
    await submit(page, row.getByRole('button', { name: /^核实/ }));
    expect(new URL(page.url()).pathname).toMatch(/^\/records\//);
    expect(await page.locator('main').innerText()).toContain(name);
    expect(await page.locator('main > .flash').innerText()).toContain('已核实');
  });
});
