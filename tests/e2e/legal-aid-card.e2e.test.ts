/**
 * The legal-aid card in a real browser, on phones: a resident activates a donated
 * card, asks a question a volunteer lawyer answers, applies for legal aid, the
 * coordinator grants it and offers it to lawyers of its area; the lawyer takes it,
 * clears conflicts, sets a hearing date and closes the case; the resident follows each step.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { hashPassword } from '../../core/identity/passwords.ts';
import { createUser, grantRole } from '../../core/identity/users.ts';
import { setPluginEnablement } from '../../core/plugins/enablement.ts';
import { printedNumber } from '../../plugins/legal-aid-card/card-numbers.ts';
import { legalAidCardPlugin } from '../../plugins/legal-aid-card/index.ts';
import { batch } from '../plugins/legal-aid-card/fixtures.ts';
import { PluginKit } from '../support/plugin-kit/index.ts';
import { BROWSER_TEST_TIMEOUT, describeBrowser, launchChromium, startBrowserPlatform, type BrowserPlatform } from '../support/browser.ts';
import { openPhone, signIn, submit } from '../support/phone.ts';
import { completeProfile, inCity } from '../volunteering/fixtures.ts';

const PASSWORD = 'legal-aid-pass-1';
const people = { holder: ['holder@alpha.test', '林阿婆'], lawyer: ['lawyer@alpha.test', '海律师'], coordinator: ['coordinator@alpha.test', '陈协调'] } as const;

describeBrowser('browser: a legal-aid card from activation to a closed case', () => {
  let site: BrowserPlatform;
  let browser: Browser;
  let card: { number: string; code: string };

  beforeAll(async () => {
    [site, browser] = await Promise.all([startBrowserPlatform({ plugins: [legalAidCardPlugin] }), launchChromium()]);
    const p = site.platform;
    const alpha = p.cities.alpha!.id;
    await p.db.tenant(alpha, (tx) => setPluginEnablement(tx, alpha, legalAidCardPlugin, { enabled: true, settings: {}, changedBy: 'test' }));
    const ids: Record<string, string> = {};
    for (const [who, [email, name]] of Object.entries(people)) {
      ids[who] = await inCity(p, 'alpha', async (tx, t) => createUser(tx, t, { name, email, passwordHash: await hashPassword(PASSWORD) }));
    }
    await completeProfile(p, 'alpha', ids.holder!, people.holder[1]);
    await inCity(p, 'alpha', async (tx, t) => {
      await grantRole(tx, t, ids.lawyer!, 'legal-aid-card.lawyer');
      await grantRole(tx, t, ids.coordinator!, 'legal-aid-card.coordinator');
    });
    card = (await batch(new PluginKit(p), 'alpha', ids.coordinator!, { cardCount: 1 })).cards[0]!;
  }, BROWSER_TEST_TIMEOUT);

  afterAll(async () => {
    await browser?.close();
    await site?.close();
  });

  it('activates, asks, is answered, applies, is assigned a lawyer and sees the case closed', async () => {
    const base = site.baseUrl('alpha');
    const phone = async (who: keyof typeof people) => {
      const opened = await openPhone(browser);
      await signIn(opened.page, base, people[who][0], PASSWORD);
      return opened;
    };
    const holder = await phone('holder');
    const lawyer = await phone('lawyer');
    const coordinator = await phone('coordinator');
    const h: Page = holder.page;
    const main = (page: Page) => page.locator('main').innerText();

    // Activate the card as printed: spaces in the number, the code with its dashes.
    await h.goto(`${base}/p/legal-aid-card/`);
    await Promise.all([h.waitForEvent('load'), h.locator('main').getByRole('link', { name: '激活我的卡' }).click()]);
    await h.locator('input[name="number"]').fill(printedNumber(card.number));
    await h.locator('input[name="code"]').fill(`${card.code.slice(0, 4)}-${card.code.slice(4, 8)}-${card.code.slice(8)}`);
    await submit(h, h.getByRole('button', { name: '激活', exact: true }));
    expect(await main(h)).toContain('激活成功');
    expect(await main(h)).toContain(printedNumber(card.number));

    // Ask a question.
    await Promise.all([h.waitForEvent('load'), h.locator('main').getByRole('link', { name: '免费法律咨询' }).click()]);
    await Promise.all([h.waitForEvent('load'), h.getByRole('link', { name: '我要咨询' }).click()]);
    await h.locator('select[name="category"]').selectOption('labour');
    await h.locator('textarea[name="description"]').fill('工地老板拖欠我三个月工资。');
    await submit(h, h.getByRole('button', { name: '提交' }));
    expect(await main(h)).toContain('问题已提交');
    const questionPath = new URL(h.url()).pathname;

    // The lawyer answers from the queue.
    const l = lawyer.page;
    await l.goto(`${base}/p/legal-aid-card/queue`);
    await Promise.all([l.waitForEvent('load'), l.locator('main table a').first().click()]);
    expect(new URL(l.url()).pathname).toBe(questionPath);
    await l.locator('textarea[name="body"]').fill('可以向劳动监察大队投诉，也可以申请法律援助。');
    await submit(l, l.getByRole('button', { name: '答复' }));

    await h.goto(`${base}${questionPath}`);
    expect(await main(h)).toContain('劳动监察大队');

    // Apply for legal aid as a migrant worker claiming wages (hardship not checked).
    await h.goto(`${base}/p/legal-aid-card/aid/new`);
    await h.locator('textarea[name="matter"]').fill('追讨三个月工资一万二千元。');
    await h.locator('input[name="adverse_party"]').fill('椰林建筑有限公司');
    await h.locator('select[name="exempt_group"]').selectOption('migrant_worker_wages');
    await submit(h, h.getByRole('button', { name: '提交申请' }));
    expect(await main(h)).toContain('申请已提交');
    const casePath = new URL(h.url()).pathname;

    // The coordinator grants it with reasons and designates the lawyer.
    const c = coordinator.page;
    await c.goto(`${base}${casePath}`);
    await c.locator('select[name="decision"]').selectOption('approve');
    await c.locator('textarea[name="reasons"]').fill('进城务工人员追索劳动报酬，免予核查经济困难状况。');
    await submit(c, c.getByRole('button', { name: '作出决定' }));
    // The lawyer declares labour law as a practice area; the coordinator offers the case instead of designating.
    await l.goto(`${base}/p/legal-aid-card/profile`);
    await l.locator('input[name="areas"][value="labour"]').check();
    await submit(l, l.getByRole('button', { name: '保存', exact: true }));
    await submit(c, c.getByRole('button', { name: '发布给相符的律师承接' }));
    expect(await main(c)).toContain('已发布，等待律师承接');

    // The lawyer takes the offered case from its summary (no party, no matter), on the phone.
    await l.goto(`${base}/p/legal-aid-card/offers`);
    expect(await main(l)).toContain('劳动与欠薪');
    expect(await main(l)).not.toContain('椰林建筑');
    await submit(l, l.getByRole('button', { name: '承接这个案件' }));
    expect(new URL(l.url()).pathname).toBe(casePath);
    expect(await main(l)).not.toContain('椰林建筑');
    await submit(l, l.getByRole('button', { name: '我确认与对方当事人没有利益冲突' }));
    expect(await main(l)).toContain('椰林建筑有限公司');

    // A hearing date, which the resident sees on their case.
    await l.locator('select[name="kind"]').selectOption('hearing');
    await l.locator('input[name="due_at"]').fill('2099-03-02T09:30');
    await l.locator('input[name="title"]').fill('劳动仲裁开庭');
    await submit(l, l.getByRole('button', { name: '登记期限' }));
    await h.goto(`${base}${casePath}`);
    expect(await main(h)).toContain('劳动仲裁开庭');
    await l.locator('select[name="outcome"]').selectOption('mediated');
    await submit(l, l.getByRole('button', { name: '结案' }));

    await h.goto(`${base}${casePath}`);
    const followed = await main(h);
    expect(followed).toContain('已结案');
    expect(followed).toContain('调解或和解');
    expect(followed).toContain(people.lawyer[1]);
    // Nothing wider than the phone.
    expect(await h.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);

    for (const x of [holder, lawyer, coordinator]) expect(x.problems).toEqual([]);
  });
});
