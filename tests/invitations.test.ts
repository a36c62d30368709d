import { and, eq } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { listAudit } from '../core/audit/service.ts';
import { invitations, userRoles, users } from '../core/db/schema/identity.ts';
import { auditLog } from '../core/db/schema/audit.ts';
import { createInvitation } from '../core/identity/invitations.ts';
import { hashPassword } from '../core/identity/passwords.ts';
import { createUser, findUserByLogin } from '../core/identity/users.ts';
import { TestClient } from './support/client.ts';
import { startTestPlatform, type TestPlatform } from './support/platform.ts';

let p: TestPlatform;
let alpha: string;
let beta: string;
beforeAll(async () => {
  p = await startTestPlatform();
  alpha = p.cities.alpha!.id;
  beta = p.cities.beta!.id;
});
afterAll(() => p.close());

function invite(tenantId: string, email: string, role = 'city_admin') {
  return p.db.tenant(tenantId, (tx) => createInvitation(tx, tenantId, { email, role, invitedBy: 'platform:test@platform.example' }));
}

async function rolesOf(tenantId: string, email: string): Promise<string[] | null> {
  return p.db.tenant(tenantId, async (tx) => {
    const user = await findUserByLogin(tx, tenantId, email);
    if (!user) return null;
    const rows = await tx.select().from(userRoles).where(and(eq(userRoles.tenantId, tenantId), eq(userRoles.userId, user.id)));
    return rows.map((r) => r.role).sort();
  });
}

function fieldError(html: string, name: string): string | undefined {
  return new RegExp(`id="f-${name}-error"[^>]*>([^<]*)<`).exec(html)?.[1];
}

const INVALID = '这个邀请链接无效、已过期或已被使用。';

/** Lets an account's sign-in backoff run out without sleeping. */
const endBackoff = (tenantId: string, email: string) =>
  p.db.tenant(tenantId, (tx) => tx.update(users).set({ signInBlockedUntil: new Date(Date.now() - 1000) }).where(and(eq(users.tenantId, tenantId), eq(users.email, email))));

describe('the invitation page', () => {
  it("shows the city's branded page with the invited email", async () => {
    const { token } = await invite(alpha, 'Coordinator@Alpha.test');
    const res = await p.app.request(`http://alpha.localhost/invite/${token}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const html = await res.text();
    expect(html).toContain('<title>加入甲市 · 甲市</title>');
    expect(html).toContain('--brand:#123456');
    expect(html).toContain('coordinator@alpha.test');
    expect(html).toContain('城市管理员');
    expect(html).toContain('name="confirm"');
  });

  it('is a 404 for an unknown or malformed token', async () => {
    for (const token of ['abcdefghijklmnopqrstuvwx', 'not-a-token', 'x'.repeat(200)]) {
      const res = await p.app.request(`http://alpha.localhost/invite/${token}`);
      expect(res.status).toBe(404);
      expect(await res.text()).toContain(INVALID);
    }
  });

  it("is a 404 on another city's site, by host and through /t/<slug>", async () => {
    const { token } = await invite(alpha, 'cross@alpha.test');
    expect((await p.app.request(`http://beta.localhost/invite/${token}`)).status).toBe(404);
    expect((await p.app.request(`http://localhost/t/beta/invite/${token}`)).status).toBe(404);
    const client = new TestClient(p.app, 'http://beta.localhost');
    const post = await client.post(`/invite/${token}`, { name: '越界', password: 'cross-city-1', confirm: 'cross-city-1' });
    expect(post.status).toBe(404);
    expect(await rolesOf(beta, 'cross@alpha.test')).toBeNull();
    expect(await rolesOf(alpha, 'cross@alpha.test')).toBeNull();
    expect((await p.app.request(`http://alpha.localhost/invite/${token}`)).status).toBe(200);
  });

  it('is a 404 once expired', async () => {
    const { id, token } = await invite(alpha, 'late@alpha.test');
    await p.db.tenant(alpha, (tx) =>
      tx.update(invitations).set({ expiresAt: new Date(Date.now() - 1000) }).where(and(eq(invitations.tenantId, alpha), eq(invitations.id, id))),
    );
    expect((await p.app.request(`http://alpha.localhost/invite/${token}`)).status).toBe(404);
    const client = new TestClient(p.app, 'http://alpha.localhost');
    expect((await client.post(`/invite/${token}`, { name: '迟到', password: 'too-late-123', confirm: 'too-late-123' })).status).toBe(404);
    expect(await rolesOf(alpha, 'late@alpha.test')).toBeNull();
  });
});

describe('accepting an invitation', () => {
  it('keeps the name and shows errors beside the fields for bad input, changing nothing', async () => {
    const { token } = await invite(alpha, 'typo@alpha.test');
    const client = new TestClient(p.app, 'http://alpha.localhost');
    const mismatch = await client.post(`/invite/${token}`, { name: '手误', password: 'first-pass-1', confirm: 'other-pass-1' });
    expect(mismatch.status).toBe(400);
    const html = await mismatch.text();
    expect(fieldError(html, 'confirm')).toBe('两次输入的密码不一致。');
    expect(html).toContain('value="手误"');
    const short = await client.post(`/invite/${token}`, { name: '', password: 'short', confirm: 'short' });
    expect(short.status).toBe(400);
    const shortHtml = await short.text();
    expect(fieldError(shortHtml, 'password')).toBe('密码至少需要 8 个字符。');
    expect(fieldError(shortHtml, 'name')).toBe('请填写此项。');
    expect(await rolesOf(alpha, 'typo@alpha.test')).toBeNull();
    expect(client.cookie('session')).toBeUndefined();
    expect((await client.get(`/invite/${token}`)).status).toBe(200);
  });

  it('creates the user with the role, signs them in, audits it, and works only once', async () => {
    const { id, token } = await invite(alpha, 'New.Admin@alpha.test');
    const client = new TestClient(p.app, 'http://alpha.localhost');
    const res = await client.post(`/invite/${token}`, { name: '新管理员', password: 'new-admin-2026', confirm: 'new-admin-2026' });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/');
    const home = await (await client.follow(res)).text();
    expect(home).toContain('您好，新管理员');
    expect(home).toContain('欢迎！您现在是本站的“城市管理员”。');
    expect(home).toContain('href="/admin/members"');
    expect(await rolesOf(alpha, 'new.admin@alpha.test')).toEqual(['city_admin']);

    const audit = await p.db.tenant(alpha, async (tx) => (await listAudit(tx, alpha, 1, 100)).rows);
    const userId = (await p.db.tenant(alpha, (tx) => findUserByLogin(tx, alpha, 'new.admin@alpha.test')))!.id;
    expect(audit.find((a) => a.action === 'invitation.accepted' && a.target === id)?.actor).toBe(`user:${userId}`);
    expect(audit.find((a) => a.action === 'role.granted' && a.target === `user:${userId}`)?.actor).toBe('platform:test@platform.example');

    const again = new TestClient(p.app, 'http://alpha.localhost');
    expect((await again.get(`/invite/${token}`)).status).toBe(404);
    const reuse = await again.post(`/invite/${token}`, { name: '冒名', password: 'someone-else-1', confirm: 'someone-else-1' });
    expect(reuse.status).toBe(404);
    expect(again.cookie('session')).toBeUndefined();
  });

  it("grants the role to an existing user of the city after checking that user's password", async () => {
    const { token } = await invite(alpha, 'vol@alpha.test', 'social_worker');
    const client = new TestClient(p.app, 'http://alpha.localhost');
    const form = await (await client.get(`/invite/${token}`)).text();
    expect(form).toContain('在本站已有账户');
    expect(form).not.toContain('name="confirm"');

    const wrong = await client.post(`/invite/${token}`, { password: 'not-the-password' });
    expect(wrong.status).toBe(400);
    expect(fieldError(await wrong.text(), 'password')).toBe('密码不正确。');
    expect(await rolesOf(alpha, 'vol@alpha.test')).toEqual(['volunteer']);

    await endBackoff(alpha, 'vol@alpha.test');
    const ok = await client.post(`/invite/${token}`, { password: 'password-123' });
    expect(ok.status).toBe(303);
    expect(await (await client.follow(ok)).text()).toContain('您好，甲志愿');
    expect(await rolesOf(alpha, 'vol@alpha.test')).toEqual(['social_worker', 'volunteer']);
  });

  describe('at a frozen moment', () => {
    // The backoff is measured in seconds: a stopped clock keeps a busy machine from ending it between two tries.
    afterEach(() => vi.useRealTimers());

    it("checks an existing account's password as sign-in does: backed off after a wrong guess, even for the right one, and audited", async () => {
      const { token } = await invite(alpha, 'admin-target@alpha.test', 'city_admin');
      const passwordHash = await hashPassword('target-pass-1');
      const userId = await p.db.tenant(alpha, (tx) => createUser(tx, alpha, { name: '目标', email: 'admin-target@alpha.test', passwordHash }));
      vi.useFakeTimers({ toFake: ['Date'] });
      const client = new TestClient(p.app, 'http://alpha.localhost');
      const first = await client.post(`/invite/${token}`, { password: 'guess-0' });
      expect(first.status).toBe(400);
      for (const guess of ['guess-1', 'guess-2', 'target-pass-1']) {
        const res = await client.post(`/invite/${token}`, { password: guess });
        expect(res.status).toBe(429);
        expect(Number(res.headers.get('retry-after'))).toBe(1);
        expect(fieldError(await res.text(), 'password')).toBe('尝试次数过多，请 1 秒后再试。');
      }
      expect(await rolesOf(alpha, 'admin-target@alpha.test')).toEqual([]);
      const failures = await p.db.tenant(alpha, (tx) =>
        tx.select().from(auditLog).where(and(eq(auditLog.tenantId, alpha), eq(auditLog.action, 'user.sign_in_failed'), eq(auditLog.target, `user:${userId}`))),
      );
      expect(failures).toHaveLength(1);
      expect(failures[0]!.detail).toMatchObject({ method: 'invitation' });

      vi.setSystemTime(Date.now() + 1000);
      const ok = await client.post(`/invite/${token}`, { password: 'target-pass-1' });
      expect(ok.status).toBe(303);
      expect(await rolesOf(alpha, 'admin-target@alpha.test')).toEqual(['city_admin']);
    });
  });

  it('keeps the /t/<slug> prefix on the fallback host', async () => {
    const { token } = await invite(beta, 'fallback@beta.test', 'volunteer');
    const client = new TestClient(p.app, 'http://localhost');
    const page = await (await client.get(`/t/beta/invite/${token}`)).text();
    expect(page).toContain(`action="/t/beta/invite/${token}"`);
    const res = await client.post(`/t/beta/invite/${token}`, { name: '回退', password: 'fallback-123', confirm: 'fallback-123' });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/t/beta/');
    expect(await (await client.follow(res)).text()).toContain('您好，回退');
  });
});
