/**
 * A caring parent on a phone: sees only the alias, the township and the next
 * contact due of the child they are paired with, records a contact, and the
 * child's director confirms it on their phone.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { hashPassword } from '../../core/identity/passwords.ts';
import { createUser, grantRole } from '../../core/identity/users.ts';
import { setPluginEnablement } from '../../core/plugins/enablement.ts';
import { MAY_SUPERVISE } from '../../plugins/child-care-visits/access.ts';
import { applyAsCaringParent, pair, vetCaringParent } from '../../plugins/child-care-visits/caring-parents.ts';
import { assignSupervisorDistrict, viewerOf } from '../../plugins/child-care-visits/children.ts';
import { childCareVisitsPlugin } from '../../plugins/child-care-visits/index.ts';
import { PHONE, signIn, submit } from '../support/phone.ts';
import { BROWSER_TEST_TIMEOUT, describeBrowser, launchChromium, startBrowserPlatform, watchForProblems, type BrowserPlatform } from '../support/browser.ts';
import { child, DIRECTOR, districtsOf, inCity, inPlugin, SUPERVISOR } from '../plugins/child-care-visits/fixtures.ts';
import { PluginKit } from '../support/plugin-kit/index.ts';

const PARENT = { email: 'parent@alpha.test', password: 'parent-pass-1' };
const DIRECTOR_LOGIN = { email: 'director@alpha.test', password: 'director-pass-1' };

describeBrowser('browser: a caring parent records a contact on a phone, and the director confirms it', () => {
  let site: BrowserPlatform;
  let browser: Browser;
  let p: PluginKit;
  let parentId: string;

  beforeAll(async () => {
    [site, browser] = await Promise.all([startBrowserPlatform({ plugins: [childCareVisitsPlugin] }), launchChromium()]);
    p = new PluginKit(site.platform);
    await inCity(p, 'alpha', (tx, t) => setPluginEnablement(tx, t, childCareVisitsPlugin, { enabled: true, changedBy: 'test' }));
    let directorId: string;
    [directorId, parentId] = await inCity(p, 'alpha', async (tx, t) => {
      const people: string[] = [];
      for (const [who, name, role] of [[DIRECTOR_LOGIN, '贾主任', DIRECTOR], [PARENT, '覃爱心', null]] as const) {
        const id = await createUser(tx, t, { name, email: who.email, passwordHash: await hashPassword(who.password) });
        if (role) await grantRole(tx, t, id, role);
        people.push(id);
      }
      return people as [string, string];
    });
    // The supervisor runs an organisation: the caring parent's hours are recorded under it.
    const boss = await p.organiser('alpha');
    await p.grantRole('alpha', boss.id, SUPERVISOR);
    const [district] = await districtsOf(p, 'alpha');
    await inPlugin(p, 'alpha', (w) => assignSupervisorDistrict(w, boss.id, boss.id, district!));
    const childId = await child(p, 'alpha', boss.id, directorId, { name: '韦小明', riskLevel: 'high' });
    await inPlugin(p, 'alpha', async (w) => {
      const s = await viewerOf(w, { id: boss.id }, new Set([MAY_SUPERVISE]));
      const applied = await applyAsCaringParent(w, parentId, '想陪伴孩子成长');
      if (!applied.ok) throw new Error('not applied');
      await vetCaringParent(w, s, applied.id, { approve: true, checkReference: 'NCR-2026-001' });
      if (!(await pair(w, s, { childId, caringParentId: applied.id, organisationId: boss.orgId, alias: '星星' })).ok) throw new Error('not paired');
    });
  }, BROWSER_TEST_TIMEOUT);

  afterAll(async () => {
    await browser?.close();
    await site?.close();
  });

  it('shows the caring parent the alias only, takes their contact, and the director confirms it into service hours', async () => {
    const base = site.baseUrl('alpha');
    const phone = await (await browser.newContext(PHONE)).newPage();
    const problems = watchForProblems(phone);
    await signIn(phone, base, PARENT.email, PARENT.password);

    await phone.goto(`${base}/p/child-care-visits/caring`);
    const mine = phone.locator('#my-child');
    expect(await mine.innerText()).toContain('星星');
    expect(await phone.locator('#next-contact').innerText()).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    for (const secret of ['韦小明', '良寨', '韦奶奶', '13907725678']) expect(await phone.locator('main').innerText()).not.toContain(secret);

    const form = mine.locator('form');
    await form.locator('input[name="minutes"]').fill('60');
    await form.locator('select[name="mode"]').selectOption('phone');
    await form.locator('textarea[name="note"]').fill('电话聊了学校的事');
    await submit(phone, form.getByRole('button', { name: '保存' }));
    expect(await phone.locator('main').innerText()).toContain('联系已记录');
    expect(await phone.locator('#contacts').innerText()).toContain('电话聊了学校的事');

    const directorPhone = await (await browser.newContext(PHONE)).newPage();
    const directorProblems = watchForProblems(directorPhone);
    await signIn(directorPhone, base, DIRECTOR_LOGIN.email, DIRECTOR_LOGIN.password);
    await directorPhone.goto(`${base}/p/child-care-visits/caring`);
    const waiting = directorPhone.locator('#contacts-to-confirm');
    expect(await waiting.innerText()).toContain('覃爱心');
    await submit(directorPhone, waiting.getByRole('button', { name: '确认' }));
    expect(await directorPhone.locator('main').innerText()).not.toContain('电话聊了学校的事');
    expect(await p.ledger.balance('alpha', `volunteer:${parentId}`, 'SERVICE_MINUTE')).toBe(60);

    await phone.reload();
    expect(await phone.locator('#contacts').innerText()).toContain('已确认');
    expect([...problems, ...directorProblems]).toEqual([]);
  }, BROWSER_TEST_TIMEOUT);
});
