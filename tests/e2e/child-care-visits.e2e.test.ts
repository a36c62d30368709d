/**
 * A child director's round on a phone: the due list shows an overdue visit, the
 * director opens the child, records the visit, and the child leaves the overdue list.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { hashPassword } from '../../core/identity/passwords.ts';
import { createUser, grantRole } from '../../core/identity/users.ts';
import { setPluginEnablement } from '../../core/plugins/enablement.ts';
import { childCareVisitsPlugin } from '../../plugins/child-care-visits/index.ts';
import { PHONE, signIn, submit } from '../support/phone.ts';
import { BROWSER_TEST_TIMEOUT, describeBrowser, launchChromium, startBrowserPlatform, watchForProblems, type BrowserPlatform } from '../support/browser.ts';
import { child, DIRECTOR, inCity, supervisor } from '../plugins/child-care-visits/fixtures.ts';
import { PluginKit } from '../support/plugin-kit/index.ts';

const DIRECTOR_LOGIN = { email: 'director@alpha.test', password: 'director-pass-1' };

describeBrowser('browser: a child director records an overdue visit on a phone', () => {
  let site: BrowserPlatform;
  let browser: Browser;
  let childId: string;

  beforeAll(async () => {
    [site, browser] = await Promise.all([startBrowserPlatform({ plugins: [childCareVisitsPlugin] }), launchChromium()]);
    const p = new PluginKit(site.platform);
    await inCity(p, 'alpha', (tx, t) => setPluginEnablement(tx, t, childCareVisitsPlugin, { enabled: true, settings: { highRiskDays: 7 }, changedBy: 'test' }));
    const directorId = await inCity(p, 'alpha', async (tx, t) => {
      const id = await createUser(tx, t, { name: '贾主任', email: DIRECTOR_LOGIN.email, passwordHash: await hashPassword(DIRECTOR_LOGIN.password) });
      await grantRole(tx, t, id, DIRECTOR);
      return id;
    });
    const boss = await supervisor(p, 'alpha');
    childId = await child(p, 'alpha', boss.id, directorId, { name: '韦小明', riskLevel: 'high' }, new Date(Date.now() - 20 * 86_400_000));
  }, BROWSER_TEST_TIMEOUT);

  afterAll(async () => {
    await browser?.close();
    await site?.close();
  });

  it('opens the due list, records the visit, and the child is no longer overdue', async () => {
    const base = site.baseUrl('alpha');
    const page = await (await browser.newContext(PHONE)).newPage();
    const problems = watchForProblems(page);
    await signIn(page, base, DIRECTOR_LOGIN.email, DIRECTOR_LOGIN.password);

    await page.goto(`${base}/p/child-care-visits/`);
    const row = page.locator(`#child-${childId}`);
    expect(await row.innerText()).toContain('已逾期');

    await Promise.all([page.waitForEvent('load'), row.getByRole('link', { name: '韦小明' }).click()]);
    expect(new URL(page.url()).pathname).toBe(`/p/child-care-visits/children/${childId}`);
    const form = page.locator('#record-visit form');
    await form.locator('select[name="mode"]').selectOption('home');
    await form.locator('textarea[name="findings"]').fill('孩子精神好，祖母身体尚可');
    await submit(page, form.getByRole('button', { name: '保存' }));

    expect(await page.locator('main').innerText()).toContain('探访已记录');
    expect(await page.locator(`#child-${childId}`).innerText()).not.toContain('已逾期');
    expect(problems).toEqual([]);
  }, BROWSER_TEST_TIMEOUT);
});
