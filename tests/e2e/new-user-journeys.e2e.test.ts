/**
 * Journeys a new user took and lost their way on, in a real browser on a phone:
 * a city onboarded in the console gets going on its first day, and a resident
 * sent to complete their volunteer profile comes back signed up.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { hashPassword } from '../../core/identity/passwords.ts';
import { createUser } from '../../core/identity/users.ts';
import { seedPlatformAccounts } from '../../core/platform/seed.ts';
import { findTenantBySlug } from '../../core/tenancy/service.ts';
import { BROWSER_TEST_TIMEOUT, describeBrowser, launchChromium, startBrowserPlatform, watchForProblems, type BrowserPlatform } from '../support/browser.ts';
import { PHONE, signIn, submit } from '../support/phone.ts';
import { activity, citizen, inCity, organisation, project } from '../volunteering/fixtures.ts';

/** The checklist's steps as the admin sees them: done or not. */
async function checklist(page: Page): Promise<Record<string, boolean>> {
  const steps: Record<string, boolean> = {};
  for (const step of ['districts', 'branding', 'modules', 'organisation']) {
    steps[step] = (await page.locator(`#step-${step} .badge`).getAttribute('class')) === 'badge';
  }
  return steps;
}

describeBrowser('a new user’s journeys', () => {
  let site: BrowserPlatform;
  let browser: Browser;

  beforeAll(async () => {
    [site, browser] = await Promise.all([startBrowserPlatform(), launchChromium()]);
    const { config } = site.platform;
    await seedPlatformAccounts(site.platform.db, { operatorEmail: config.PLATFORM_ADMIN_EMAIL, operatorPassword: config.PLATFORM_ADMIN_PASSWORD, demo: false, pluginIds: [] });
  }, BROWSER_TEST_TIMEOUT);

  afterAll(async () => {
    await browser?.close();
    await site?.close();
  });

  const phone = async () => (await browser.newContext(PHONE)).newPage();

  it('an operator onboards a city; its admin finds the first-day checklist, and an organisation can apply and be approved', async () => {
    // The operator, on the console.
    const console_ = await phone();
    const problems = watchForProblems(console_);
    const { config } = site.platform;
    await console_.goto(`${site.consoleUrl}/sign-in`);
    const signInForm = console_.locator('main form[action="/sign-in"]');
    await signInForm.locator('input[name="email"]').fill(config.PLATFORM_ADMIN_EMAIL);
    await signInForm.locator('input[name="password"]').fill(config.PLATFORM_ADMIN_PASSWORD);
    await submit(console_, signInForm.getByRole('button', { name: '登录' }));
    await console_.goto(`${site.consoleUrl}/cities/new`);
    const onboard = console_.locator('main form[action="/cities/new"]');
    await onboard.locator('input[name="nameZh"]').fill('戊市');
    await onboard.locator('input[name="nameEn"]').fill('Epsilon City');
    await onboard.locator('input[name="slug"]').fill('epsilon');
    await onboard.locator('input[name="adminEmail"]').fill('admin@epsilon.test');
    await submit(console_, onboard.getByRole('button', { name: '创建城市' }));
    const inviteUrl = await console_.locator('#invite-url').inputValue();
    expect(inviteUrl).toContain('epsilon.localhost');

    // The new admin accepts the invitation, then signs in through the city's sign-in page.
    const base = site.baseUrl('epsilon');
    const invited = await phone();
    await invited.goto(inviteUrl.replace(/^https?:\/\/[^/]+/, base));
    const accept = invited.locator('main form');
    await accept.locator('input[name="name"]').fill('戊管理');
    await accept.locator('input[name="password"]').fill('epsilon-admin-2026');
    await accept.locator('input[name="confirm"]').fill('epsilon-admin-2026');
    await submit(invited, accept.getByRole('button', { name: '接受邀请' }));
    const admin = await phone();
    problems.push(...watchForProblems(admin));
    await signIn(admin, base, 'admin@epsilon.test', 'epsilon-admin-2026');
    await admin.goto(`${base}/`);
    await admin.locator('header details.menu > summary').click();
    await submit(admin, admin.locator('header nav').getByRole('link', { name: '管理首页' }));
    expect(await admin.locator('#first-day h2').innerText()).toBe('开通第一天：待办清单');
    expect(await checklist(admin)).toEqual({ districts: false, branding: false, modules: false, organisation: false });

    // Each step's link leads to where it is done; the list ticks it.
    await submit(admin, admin.locator('#step-districts a'));
    expect(await admin.locator('textarea[name="districts"]').inputValue()).toBe('城东区\n城西区\n城南区\n城北区');
    await admin.locator('textarea[name="districts"]').fill('戊城街道\n新港街道');
    await submit(admin, admin.locator('main form button[type="submit"]'));
    await admin.goto(`${base}/admin`);
    await submit(admin, admin.locator('#step-branding a'));
    await admin.locator('input[name="phone"]').fill('0592-7654321');
    await submit(admin, admin.locator('main form button[type="submit"]'));
    expect(await admin.locator('footer').innerText()).toContain('0592-7654321');
    await admin.goto(`${base}/admin`);
    expect(await checklist(admin)).toEqual({ districts: true, branding: true, modules: false, organisation: false });

    // A resident of the new city applies for an organisation in one of its districts.
    const tenantId = (await site.platform.db.platform((tx) => findTenantBySlug(tx, 'epsilon')))!.id;
    const passwordHash = await hashPassword('epsilon-organiser-1');
    await site.platform.db.tenant(tenantId, (tx) => createUser(tx, tenantId, { name: '戊社工', email: 'organiser@epsilon.test', passwordHash }));
    const organiser = await phone();
    problems.push(...watchForProblems(organiser));
    await signIn(organiser, base, 'organiser@epsilon.test', 'epsilon-organiser-1');
    await organiser.goto(`${base}/organisations/apply`);
    const apply = organiser.locator('main form[action$="/organisations/apply"]');
    await apply.locator('input[name="name"]').fill('戊市阳光社工服务中心');
    await apply.locator('select[name="kind"]').selectOption('social_work_org');
    await apply.locator('textarea[name="description"]').fill('为社区长者提供探访服务。');
    await apply.locator('select[name="district"]').selectOption('新港街道');
    await apply.locator('input[name="contact_phone"]').fill('13800138000');
    await submit(organiser, apply.locator('button[type="submit"]'));
    expect(new URL(organiser.url()).pathname).toMatch(/^\/organisations\/[0-9a-f-]{36}$/);

    // The admin approves it from the checklist's link; the last open step is ticked but modules.
    await admin.goto(`${base}/admin`);
    await submit(admin, admin.locator('#step-organisation a', { hasText: '审核组织申请' }));
    await submit(admin, admin.locator('main form[action$="/approve"] button').first());
    await admin.goto(`${base}/admin`);
    expect(await checklist(admin)).toEqual({ districts: true, branding: true, modules: false, organisation: true });
    expect(await admin.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    expect(problems).toEqual([]);
  });

  it('a new resident signs up for an activity, completes the profile it asks for, and is signed up with one welcome', async () => {
    const organiser = await citizen(site.platform, 'alpha', '组织者');
    const orgId = await organisation(site.platform, 'alpha', organiser.id);
    const activityId = await activity(site.platform, 'alpha', await project(site.platform, 'alpha', orgId, organiser.id), organiser.id, { title: '周末净滩' });
    const passwordHash = await hashPassword('resident-password-1');
    await inCity(site.platform, 'alpha', (tx, t) => createUser(tx, t, { name: '新居民', email: 'resident@alpha.test', passwordHash }));

    const page = await phone();
    const problems = watchForProblems(page);
    const alpha = site.baseUrl('alpha');
    await signIn(page, alpha, 'resident@alpha.test', 'resident-password-1');
    await page.goto(`${alpha}/activities/${activityId}`);
    await submit(page, page.locator('#signup').getByRole('button', { name: '报名参加' }));

    expect(new URL(page.url()).pathname).toBe('/volunteer/profile');
    expect(await page.locator('main').innerText()).toContain('报名活动前，请先完善志愿者信息。');
    expect((await page.locator('main').innerText()).split('请先完善志愿者信息')).toHaveLength(2);
    const form = page.locator('main form[action$="/volunteer/profile"]');
    await form.locator('input[name="mobile"]').fill('13912345678');
    await form.locator('input[name="service_areas"]').first().check();
    await form.locator('input[name="availability"][value="weekend"]').check();
    await submit(page, form.getByRole('button', { name: '保存' }));

    expect(new URL(page.url()).pathname).toBe(`/activities/${activityId}`);
    const main = await page.locator('main').innerText();
    expect(main.match(/欢迎成为志愿者/g)).toHaveLength(1);
    expect(main).toContain('报名成功！');
    expect(await page.locator('#signup').innerText()).toContain('您已报名成功');
    expect(problems).toEqual([]);
  });
});
