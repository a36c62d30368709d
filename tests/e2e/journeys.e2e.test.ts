/**
 * The key journeys in a real browser, on a phone-sized screen: a citizen on a
 * branded city site, the same email as two separate accounts on two cities, and a
 * city admin switching a plugin on and off.
 */
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { BROWSER_TEST_TIMEOUT, describeBrowser, launchChromium, startBrowserPlatform, type BrowserPlatform } from '../support/browser.ts';
import { examplePlugin } from '../support/example-plugin.tsx';
import { openPhone, submit } from '../support/phone.ts';

function form(page: Page, action: string): Locator {
  return page.locator(`main form[action$="${action}"]`);
}

/** Registers through the form, then signs in as the notice asks: registration itself never signs in. */
async function register(page: Page, base: string, person: { name: string; login: string; password: string }) {
  await page.goto(`${base}/register`);
  const f = form(page, '/register');
  await f.locator('input[name="name"]').fill(person.name);
  await f.locator('input[name="login"]').fill(person.login);
  await f.locator('input[name="password"]').fill(person.password);
  await f.locator('input[name="password_confirm"]').fill(person.password);
  await submit(page, f.getByRole('button', { name: '注册' }));
  expect(await page.locator('main').innerText()).toContain('注册已受理，请用该账号和密码登录。');
  expect(await signIn(page, base, person.login, person.password)).toBe(true);
}

/** Signs in through the form; true when the site let them in (they left the sign-in page, no error shown). */
async function signIn(page: Page, base: string, login: string, password: string): Promise<boolean> {
  await page.goto(`${base}/sign-in`);
  const f = form(page, '/sign-in');
  await f.locator('input[name="login"]').fill(login);
  await f.locator('input[name="password"]').fill(password);
  await submit(page, f.getByRole('button', { name: '登录' }));
  const stillHere = new URL(page.url()).pathname === '/sign-in';
  return !stillHere && (await page.getByRole('alert').count()) === 0;
}

/** Signs out with the button in the menu, as a person would. */
async function signOut(page: Page) {
  await page.locator('header details.menu > summary').click();
  await submit(page, page.locator('header nav').getByRole('button', { name: '退出' }));
}

/** Whose account page this browser reaches, or null when it is sent to sign in. */
async function accountName(page: Page, base: string): Promise<string | null> {
  await page.goto(`${base}/account`);
  if (new URL(page.url()).pathname !== '/account') return null;
  return page.locator('main').innerText();
}

async function menuLinks(page: Page): Promise<string[]> {
  return (await page.locator('header nav a').allTextContents()).map((t) => t.trim());
}

describeBrowser('browser journeys', () => {
  let site: BrowserPlatform;
  let browser: Browser;

  beforeAll(async () => {
    [site, browser] = await Promise.all([startBrowserPlatform({ plugins: [examplePlugin] }), launchChromium()]);
  }, BROWSER_TEST_TIMEOUT);

  afterAll(async () => {
    await browser?.close();
    await site?.close();
  });

  const phone = () => openPhone(browser);

  it('a citizen finds their city’s site on a phone, registers, signs out and signs in again', async () => {
    const { page, problems } = await phone();
    const alpha = site.baseUrl('alpha');

    const res = await page.goto(`${alpha}/`);
    expect(res?.status()).toBe(200);
    expect(await page.title()).toContain('甲市');
    expect(await page.locator('header .site-name').innerText()).toBe('甲市');
    const header = await page.locator('header.site-header').evaluate((el) => getComputedStyle(el).backgroundColor);
    expect(header).toBe('rgb(18, 52, 86)'); // #123456
    expect(await page.locator('footer').innerText()).toContain('甲市志愿 页脚');
    expect(await page.evaluate(() => typeof (window as unknown as { htmx?: unknown }).htmx)).toBe('object');
    // Nothing is wider than the phone's screen.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);

    await register(page, alpha, { name: '张小青', login: 'qing@example.com', password: 'qing-password-1' });
    expect(await accountName(page, alpha)).toContain('张小青');

    await signOut(page);
    expect(await accountName(page, alpha)).toBeNull();

    expect(await signIn(page, alpha, 'qing@example.com', 'qing-password-1')).toBe(true);
    expect(await accountName(page, alpha)).toContain('张小青');

    expect(problems).toEqual([]);
  });

  it('the same email is a separate account on each city, each with its own password', async () => {
    const alpha = site.baseUrl('alpha');
    const beta = site.baseUrl('beta');
    const login = 'same@example.com';

    const first = (await phone()).page;
    await register(first, alpha, { name: '李甲', login, password: 'alpha-password-1' });
    expect(await accountName(first, alpha)).toContain('李甲');

    // Before registering on beta, the alpha account does not exist there.
    const second = (await phone()).page;
    expect(await signIn(second, beta, login, 'alpha-password-1')).toBe(false);
    expect(await second.getByRole('alert').innerText()).toContain('账号或密码不正确');
    expect(await accountName(second, beta)).toBeNull();

    await register(second, beta, { name: '李乙', login, password: 'beta-password-1' });
    expect(await accountName(second, beta)).toContain('李乙');

    // Right passwords first: a wrong one makes the account wait before the next try.
    const third = (await phone()).page;
    expect(await signIn(third, alpha, login, 'alpha-password-1')).toBe(true);
    expect(await accountName(third, alpha)).toContain('李甲');
    expect(await signIn(third, beta, login, 'beta-password-1')).toBe(true);
    expect(await accountName(third, beta)).toContain('李乙');

    const fourth = (await phone()).page;
    expect(await signIn(fourth, alpha, login, 'beta-password-1')).toBe(false);
    expect(await fourth.getByRole('alert').innerText()).toContain('账号或密码不正确');
    expect(await signIn(fourth, beta, login, 'alpha-password-1')).toBe(false);
    expect(await fourth.getByRole('alert').innerText()).toContain('账号或密码不正确');
    expect(await accountName(fourth, alpha)).toBeNull();
    expect(await accountName(fourth, beta)).toBeNull();
  });

  it('a city admin enables a plugin, sees it in the menu, and disables it again', async () => {
    const { page, problems } = await phone();
    const alpha = site.baseUrl('alpha');
    expect(await signIn(page, alpha, 'admin@alpha.test', 'password-123')).toBe(true);

    await page.goto(`${alpha}/admin/plugins`);
    const card = page.locator('main section', { hasText: '示例模块' });
    expect(await menuLinks(page)).toContain('功能模块');
    expect(await menuLinks(page)).not.toContain('示例');
    await submit(page, card.locator('form[action$="/admin/plugins/example/enable"] button'));

    expect(await menuLinks(page)).toContain('示例');
    expect((await page.goto(`${alpha}/p/example/`))?.status()).toBe(200);

    await page.goto(`${alpha}/admin/plugins`);
    await submit(page, card.locator('form[action$="/admin/plugins/example/disable"] button'));
    expect(await menuLinks(page)).not.toContain('示例');
    expect(problems).toEqual([]);
    expect((await page.goto(`${alpha}/p/example/`))?.status()).toBe(404);
  });

  it('a visitor filters the project menu on a phone: only the results change, and the address follows', async () => {
    const { page, problems } = await phone();
    const alpha = site.baseUrl('alpha');
    await page.goto(`${alpha}/projects`);
    const results = page.locator('#project-results');
    await results.waitFor();
    const before = (await results.locator('h2').allTextContents()).length;
    await page.evaluate(() => ((window as unknown as { marker: number }).marker = 1));
    await page.getByLabel('服务类别').selectOption('elder_care');
    await page.waitForURL(/category=elder_care/);
    await results.getByRole('link', { name: '清除筛选' }).waitFor();
    const titles = await results.locator('h2').allTextContents();
    expect(titles).toContain('邻里助老·陪伴行动');
    expect(titles.length).toBeLessThan(before);
    expect(await page.evaluate(() => (window as unknown as { marker?: number }).marker)).toBe(1);
    expect(problems).toEqual([]);
  });

  it('a city admin finds a member by typing, without reloading the page', async () => {
    const { page, problems } = await phone();
    const alpha = site.baseUrl('alpha');
    expect(await signIn(page, alpha, 'admin@alpha.test', 'password-123')).toBe(true);
    await page.goto(`${alpha}/admin/members`);
    const results = page.locator('#member-results');
    await results.getByText('甲管理').waitFor();
    // A marker on the window survives only if htmx swapped the results instead of loading a new page.
    await page.evaluate(() => ((window as unknown as { marker: number }).marker = 1));
    await page.locator('#q').pressSequentially('vol@alpha');
    await results.getByText('“vol@alpha”').waitFor();
    expect(await results.textContent()).toContain('甲志愿');
    expect(await results.textContent()).not.toContain('甲管理');
    expect(await page.evaluate(() => (window as unknown as { marker?: number }).marker)).toBe(1);
    expect(page.url()).toContain('q=vol%40alpha');
    expect(problems).toEqual([]);
  });
});
