import { and, eq, like } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordAudit } from '../core/audit/service.ts';
import { auditLog } from '../core/db/schema/audit.ts';
import { userRoles } from '../core/db/schema/identity.ts';
import { createUser, findUserByLogin } from '../core/identity/users.ts';
import { TestClient } from './support/client.ts';
import { startTestPlatform, type TestPlatform } from './support/platform.ts';
import { signInAs } from './support/sign-in.ts';

let p: TestPlatform;
let alphaId: string;
let betaId: string;
let admin: TestClient;
let volunteer: TestClient;
let betaAdmin: TestClient;
let adminId: string;
let volId: string;
let betaVolId: string;

const userId = async (tenantId: string, email: string) => (await p.db.tenant(tenantId, (tx) => findUserByLogin(tx, tenantId, email)))!.id;
const rolesOf = (tenantId: string, id: string) =>
  p.db.tenant(tenantId, async (tx) =>
    (await tx.select().from(userRoles).where(and(eq(userRoles.tenantId, tenantId), eq(userRoles.userId, id)))).map((r) => r.role).sort(),
  );
/** The page's own content, without the menu (which names the signed-in user). */
const mainOf = async (res: Response) => /<main[^>]*>([\s\S]*)<\/main>/.exec(await res.text())?.[1] ?? '';
const roleAudits = (tenantId: string) =>
  p.db.tenant(tenantId, (tx) => tx.select().from(auditLog).where(and(eq(auditLog.tenantId, tenantId), like(auditLog.action, 'role.%'))));

beforeAll(async () => {
  p = await startTestPlatform();
  alphaId = p.cities.alpha!.id;
  betaId = p.cities.beta!.id;
  admin = new TestClient(p.app, 'http://alpha.localhost');
  volunteer = new TestClient(p.app, 'http://alpha.localhost');
  betaAdmin = new TestClient(p.app, 'http://beta.localhost');
  adminId = (await signInAs(p, admin, 'alpha', 'admin@alpha.test')).id;
  volId = (await signInAs(p, volunteer, 'alpha', 'vol@alpha.test')).id;
  await signInAs(p, betaAdmin, 'beta', 'admin@beta.test');
  betaVolId = await userId(betaId, 'vol@beta.test');
  // Enough members for a second page.
  await p.db.tenant(alphaId, async (tx) => {
    for (let i = 1; i <= 21; i++) await createUser(tx, alphaId, { name: `居民${String(i).padStart(2, '0')}`, mobile: `139000000${String(i).padStart(2, '0')}`, passwordHash: null });
  });
});
afterAll(() => p.close());

describe('members and roles', () => {
  it('lists the city’s members with their roles, a page at a time, and finds them by name, email or mobile', async () => {
    const first = await mainOf(await admin.get('/admin/members'));
    expect(first).toContain('居民21');
    expect(first).not.toContain('甲管理'); // the oldest members are on page 2
    expect(first).toContain('href="/admin/members?page=2"');
    expect(first).not.toContain('乙');
    const second = await mainOf(await admin.get('/admin/members?page=2'));
    expect(second).toContain('甲管理');
    expect(second).toMatch(/甲管理[\s\S]*城市管理员/);
    expect(second).toMatch(/甲志愿[\s\S]*志愿者/);

    const byEmail = await mainOf(await admin.get('/admin/members?q=VOL%40alpha'));
    expect(byEmail).toContain('甲志愿');
    expect(byEmail).not.toContain('居民');
    expect(byEmail).toContain('“VOL@alpha”的查找结果：1 人');
    const byMobile = await mainOf(await admin.get('/admin/members?q=13900000007'));
    expect(byMobile).toContain('居民07');
    expect(byMobile).not.toContain('居民08');
    const wildcard = await mainOf(await admin.get('/admin/members?q=%25'));
    expect(wildcard).toContain('暂无记录');
    // A search of Han characters only (matched without lowercasing), and a page past its last match still counts them all.
    const byName = await mainOf(await admin.get(`/admin/members?q=${encodeURIComponent('居民')}&page=2`));
    expect(byName).toContain('“居民”的查找结果：21 人');
    expect(byName).toContain('居民01');
    expect(byName).not.toContain('居民02');
    const pastTheEnd = await mainOf(await admin.get(`/admin/members?q=${encodeURIComponent('居民')}&page=9`));
    expect(pastTheEnd).toContain('“居民”的查找结果：21 人');
    expect(pastTheEnd).toContain('暂无记录');
    const caseless = await mainOf(await admin.get('/admin/members?q=vol%40ALPHA'));
    expect(caseless).toContain('“vol@ALPHA”的查找结果：1 人');
  });

  it('answers a search typed with htmx with just the results, and a full page without it', async () => {
    const partial = await admin.get('/admin/members?q=VOL%40alpha', { 'hx-request': 'true' });
    const fragment = await partial.text();
    expect(partial.status).toBe(200);
    expect(fragment.startsWith('<div id="member-results">')).toBe(true);
    expect(fragment).toContain('甲志愿');
    expect(fragment).not.toContain('<html');
    const full = await (await admin.get('/admin/members?q=VOL%40alpha')).text();
    expect(full).toContain('<html');
    expect(full).toContain('hx-target="#member-results"');
  });

  it('grants and revokes roles, audits each change and shows it on /admin/audit', async () => {
    const form = await (await admin.get(`/admin/members/${volId}`)).text();
    expect(form).toMatch(/<input[^>]*value="volunteer"[^>]*checked/);
    expect(form).not.toMatch(/<input[^>]*value="social_worker"[^>]*checked/);

    const res = await admin.post(`/admin/members/${volId}/roles`, { roles: ['social_worker'] });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`/admin/members/${volId}`);
    const after = await (await admin.follow(res)).text();
    expect(after).toContain('已更新 甲志愿 的角色。');
    expect(after).toMatch(/<input[^>]*value="social_worker"[^>]*checked/);
    expect(await rolesOf(alphaId, volId)).toEqual(['social_worker']);

    const audits = await roleAudits(alphaId);
    expect(audits.map((a) => [a.action, a.actor, a.target, a.detail])).toEqual(
      expect.arrayContaining([
        ['role.granted', `user:${adminId}`, `user:${volId}`, { role: 'social_worker' }],
        ['role.revoked', `user:${adminId}`, `user:${volId}`, { role: 'volunteer' }],
      ]),
    );
    expect(audits).toHaveLength(2);

    const log = await (await admin.get('/admin/audit')).text();
    expect(log).toMatch(/<td[^>]*>甲管理<\/td><td[^>]*><code>role\.granted<\/code><\/td><td[^>]*>甲志愿<small class="muted"> role: social_worker<\/small>/);
    expect(log).toMatch(/<code>role\.revoked<\/code><\/td><td[^>]*>甲志愿<small class="muted"> role: volunteer<\/small>/);
    expect(log).toMatch(/\d{4}\/\d{2}\/\d{2} \d{2}:\d{2}/);

    // Saving the same roles again changes nothing and writes nothing.
    await admin.post(`/admin/members/${volId}/roles`, { roles: ['social_worker'] });
    expect(await roleAudits(alphaId)).toHaveLength(2);
    await admin.post(`/admin/members/${volId}/roles`, { roles: ['volunteer'] });
  });

  it('does not let an admin remove their own city_admin role', async () => {
    const before = await roleAudits(alphaId);
    const res = await admin.post(`/admin/members/${adminId}/roles`, { roles: ['volunteer'] });
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('不能取消您自己的城市管理员角色');
    expect(await rolesOf(alphaId, adminId)).toEqual(['city_admin']);
    expect(await roleAudits(alphaId)).toHaveLength(before.length);
    expect((await admin.get('/admin/members')).status).toBe(200);
  });

  it('refuses a role that does not exist and changes nothing', async () => {
    const res = await admin.post(`/admin/members/${volId}/roles`, { roles: ['volunteer', 'super_user'] });
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('提交了未知的角色');
    expect(await rolesOf(alphaId, volId)).toEqual(['volunteer']);
  });

  it('answers a user id of another city, or no user id at all, with 404 and changes nothing', async () => {
    expect((await admin.get(`/admin/members/${betaVolId}`)).status).toBe(404);
    expect((await admin.post(`/admin/members/${betaVolId}/roles`, { roles: ['city_admin'] })).status).toBe(404);
    expect(await rolesOf(betaId, betaVolId)).toEqual(['volunteer']);
    expect((await admin.get('/admin/members/not-a-user')).status).toBe(404);
    expect((await admin.post('/admin/members/not-a-user/roles', { roles: ['volunteer'] })).status).toBe(404);
  });

  it('keeps the /t/<slug> prefix in its links', async () => {
    const client = new TestClient(p.app, 'http://localhost');
    await signInAs(p, client, 'alpha', 'admin@alpha.test');
    const html = await (await client.get('/t/alpha/admin/members?q=甲志愿')).text();
    expect(html).toContain(`href="/t/alpha/admin/members/${volId}"`);
  });
});

describe('the audit log', () => {
  it('shows only this city’s entries', async () => {
    await p.db.tenant(betaId, (tx) => recordAudit(tx, betaId, { actor: 'test', action: 'beta.only_here', target: 'beta-secret' }));
    await p.db.tenant(alphaId, (tx) => recordAudit(tx, alphaId, { actor: 'test', action: 'alpha.only_here', target: 'alpha-visible' }));
    await betaAdmin.post(`/admin/members/${betaVolId}/roles`, { roles: ['volunteer', 'org_admin'] });

    const alpha = await (await admin.get('/admin/audit')).text();
    expect(alpha).toContain('alpha.only_here');
    expect(alpha).not.toContain('beta.only_here');
    expect(alpha).not.toContain('beta-secret');
    expect(alpha).not.toContain('乙志愿');
    const beta = await (await betaAdmin.get('/admin/audit')).text();
    expect(beta).toContain('beta.only_here');
    expect(beta).toMatch(/乙管理<\/td><td[^>]*><code>role\.granted<\/code><\/td><td[^>]*>乙志愿/);
    expect(beta).not.toContain('alpha.only_here');
  });
});

describe('who may see the admin pages', () => {
  const pages = () => ['/admin/plugins', '/admin/members', `/admin/members/${volId}`, '/admin/audit'];

  it('gives a volunteer the 403 page on every admin page and changes nothing', async () => {
    for (const path of pages()) {
      const res = await volunteer.get(path);
      expect(res.status, path).toBe(403);
      expect(await res.text()).toContain('无权访问');
    }
    expect((await volunteer.post(`/admin/members/${volId}/roles`, { roles: ['city_admin'] })).status).toBe(403);
    expect((await volunteer.post('/admin/plugins/example/enable')).status).toBe(403);
    expect(await rolesOf(alphaId, volId)).toEqual(['volunteer']);
  });

  it('sends a visitor who is not signed in to the sign-in page', async () => {
    for (const path of pages()) {
      const res = await p.app.request(`http://alpha.localhost${path}`);
      expect(res.status, path).toBe(303);
      expect(res.headers.get('location')).toBe(`/sign-in?next=${encodeURIComponent(path)}`);
    }
  });

  it('does not let the admin of another city in with their session', async () => {
    const intruder = new TestClient(p.app, 'http://alpha.localhost');
    intruder.setCookie('session', betaAdmin.cookie('session')!);
    const res = await intruder.get('/admin/members');
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toContain('/sign-in');
  });
});
