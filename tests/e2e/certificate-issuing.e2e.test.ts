/**
 * Issuing certificates in a real browser, on phones: an organisation's administrator
 * uploads its seal, a volunteer who served two organisations gets one certificate
 * from each (谁记录谁证明) with the number, the masked ID and the seal, and the city
 * admin finds them in the certificate register.
 */
import { writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { hashPassword } from '../../core/identity/passwords.ts';
import { createUser } from '../../core/identity/users.ts';
import { openPhone, signIn, submit } from '../support/phone.ts';
import { BROWSER_TEST_TIMEOUT, describeBrowser, launchChromium, startBrowserPlatform, type BrowserPlatform } from '../support/browser.ts';
import { completeProfile, idCard, inCity, organisation, project, serviceRecord, userIdOf, verify } from '../volunteering/fixtures.ts';
import { PNG_1x1 } from '../volunteering/certificates/seal-image.ts';

const ORGANISER = { email: 'seal-keeper@alpha.test', password: 'organiser-pass-1' };
const ID = idCard('44010619900101123');

describeBrowser('browser: an organisation seals, a volunteer gets one certificate per organisation, the city finds them', () => {
  let site: BrowserPlatform;
  let browser: Browser;
  let sunshine: string;
  let sealFile: string;

  beforeAll(async () => {
    [site, browser] = await Promise.all([startBrowserPlatform(), launchChromium()]);
    const p = site.platform;
    const passwordHash = await hashPassword(ORGANISER.password);
    const organiserId = await inCity(p, 'alpha', (tx, t) => createUser(tx, t, { name: '周社工', email: ORGANISER.email, passwordHash }));
    const volunteerId = await userIdOf(p, 'alpha', 'vol@alpha.test');
    await completeProfile(p, 'alpha', volunteerId, '甲志愿', ID);
    sunshine = await organisation(p, 'alpha', organiserId, '阳光社工站');
    const riverside = await organisation(p, 'alpha', organiserId, '河畔环保社');
    const elders = await project(p, 'alpha', sunshine, organiserId, { name: '长者陪伴' });
    const river = await project(p, 'alpha', riverside, organiserId, { name: '河道清洁' });
    const lastWeek = new Date(Date.now() - 7 * 24 * 60 * 60_000);
    const a = await serviceRecord(p, 'alpha', volunteerId, elders, { minutes: 120, startedAt: lastWeek });
    const b = await serviceRecord(p, 'alpha', volunteerId, river, { minutes: 60, startedAt: lastWeek });
    await verify(p, 'alpha', sunshine, organiserId, [a]);
    await verify(p, 'alpha', riverside, organiserId, [b]);
    sealFile = join(tmpdir(), `seal-${process.pid}.png`);
    await writeFile(sealFile, PNG_1x1);
  }, BROWSER_TEST_TIMEOUT);

  afterAll(async () => {
    await browser?.close();
    await site?.close();
  });

  const phone = () => openPhone(browser);

  it('uploads a seal, issues a certificate per organisation with it, and shows them in the register', async () => {
    const base = site.baseUrl('alpha');
    const organiser = await phone();
    const volunteer = await phone();
    const admin = await phone();
    await signIn(organiser.page, base, ORGANISER.email, ORGANISER.password);
    await signIn(volunteer.page, base, 'vol@alpha.test', 'password-123');
    await signIn(admin.page, base, 'admin@alpha.test', 'password-123');

    // The organisation's administrator finds the seal page from the organisation and uploads its seal.
    const o = organiser.page;
    await o.goto(`${base}/organisations/${sunshine}`);
    await Promise.all([o.waitForEvent('load'), o.getByRole('link', { name: '电子印章' }).click()]);
    await o.locator('main input[name="seal"]').setInputFiles(sealFile);
    await submit(o, o.getByRole('button', { name: '上传印章' }));
    expect(await o.locator('main').innerText()).toContain('印章已上传');
    expect(await o.locator('main img.seal').evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);

    // The volunteer asks for this year's certificates: one from each organisation.
    const v = volunteer.page;
    await v.goto(`${base}/volunteer/certificates`);
    await submit(v, v.getByRole('button', { name: '开具证明' }));
    expect(await v.locator('main').innerText()).toContain('已开具 2 份证明');
    const row = v.locator('main table tr', { hasText: '阳光社工站' });
    await Promise.all([v.waitForEvent('load'), row.getByRole('link', { name: '查看' }).click()]);
    const sheet = await v.locator('main').innerText();
    expect(sheet).toContain('阳光社工站');
    expect(sheet).toContain('长者陪伴');
    expect(sheet).not.toContain('河道清洁');
    expect(sheet).toMatch(/ALPHA-\d{4}-00000[12]/);
    expect(sheet).toContain(`4401**********123${ID.slice(-1)}`);
    expect(sheet).not.toContain(ID);
    expect(await v.locator('main img.seal').evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);

    // The city admin opens the register from the menu and narrows it to one organisation.
    const a = admin.page;
    await a.goto(`${base}/admin/certificates`);
    expect(await a.locator('main').innerText()).toContain('共 2 份');
    await a.locator('main select[name="organisation"]').selectOption({ label: '阳光社工站' });
    await submit(a, a.getByRole('button', { name: '筛选' }));
    const register = await a.locator('main').innerText();
    expect(register).toContain('共 1 份');
    expect(register).toContain('阳光社工站');
    expect(register).toContain('有效');

    for (const p of [organiser, volunteer, admin]) expect(p.problems).toEqual([]);
  });
});
