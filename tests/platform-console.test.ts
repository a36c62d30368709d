import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listAudit } from '../core/audit/service.ts';
import { newId } from '../core/db/ids.ts';
import { invitations } from '../core/db/schema/identity.ts';
import { platformAccounts } from '../core/db/schema/platform.ts';
import { tenants } from '../core/db/schema/tenancy.ts';
import { createSession } from '../core/identity/sessions.ts';
import { createUser, findUserByLogin } from '../core/identity/users.ts';
import { definePlugin } from '../core/plugin-api.ts';
import { createPlatformAccount, findAccountByEmail } from '../core/platform/accounts.ts';
import { hashPassword } from '../core/identity/passwords.ts';
import { DEMO_FOUNDATION, seedPlatformAccounts } from '../core/platform/seed.ts';
import { consoleMessages } from '../core/platform/messages.ts';
import { TestClient } from './support/client.ts';
import { messagesTo } from './support/outbox.ts';
import { startTestPlatform, type TestPlatform } from './support/platform.ts';
import { signInAs } from './support/sign-in.ts';

const hello = definePlugin({
  id: 'hello-test',
  version: '1.0.0',
  name: { 'zh-CN': '问候', en: 'Greeting' },
  settings: z.object({}),
  routes: (app) => app.get('/', (c) => c.text('hello from the plugin')),
});
const other = definePlugin({
  id: 'other-test',
  version: '1.0.0',
  name: { 'zh-CN': '其他', en: 'Other' },
  settings: z.object({}),
  routes: (app) => app.get('/', (c) => c.text('other plugin')),
});

const CONSOLE = 'http://localhost';
let p: TestPlatform;
let operatorEmail: string;
let operatorPassword: string;

beforeAll(async () => {
  // Client addresses come from X-Forwarded-For, so the rate-limit test can use an address of its own.
  p = await startTestPlatform({ plugins: [hello, other], env: { TRUST_PROXY: '1' } });
  operatorEmail = p.config.PLATFORM_ADMIN_EMAIL;
  operatorPassword = p.config.PLATFORM_ADMIN_PASSWORD;
  // The demo foundation sponsors only the hello plugin, and only in alpha.
  await seedPlatformAccounts(p.db, { operatorEmail, operatorPassword, demo: true, pluginIds: [hello.id], cityIds: [p.cities.alpha!.id] });
});
afterAll(() => p.close());

async function signIn(email: string, password: string): Promise<TestClient> {
  const client = new TestClient(p.app, CONSOLE);
  const res = await client.post('/sign-in', { email, password });
  expect(res.status).toBe(303);
  return client;
}
const operator = () => signIn(operatorEmail, operatorPassword);
const foundation = () => signIn(DEMO_FOUNDATION.email, DEMO_FOUNDATION.password);

/** The text of the error shown beside a form field, if any. */
function fieldError(html: string, name: string): string | undefined {
  return new RegExp(`id="f-${name}-error"[^>]*>([^<]*)<`).exec(html)?.[1];
}

/** The cells (as text) of the console's table row for a city slug. */
function cityRow(html: string, slug: string): string[] {
  const row = html.split(/<tr[^>]*>/).find((r) => r.includes(`>${slug}</td>`));
  if (!row) return [];
  return [...row.matchAll(/<td[^>]*>(.*?)<\/td>/g)].map((m) => m[1]!.replace(/<[^>]+>/g, '').trim());
}

/** Ends an account's wait after failed sign-ins, as if its time had passed (rather than sleeping in a test). */
async function endBackoff(email: string) {
  await p.db.platform((tx) => tx.update(platformAccounts).set({ signInBlockedUntil: null }).where(eq(platformAccounts.email, email)));
}

async function auditOf(tenantId: string) {
  return p.db.tenant(tenantId, async (tx) => (await listAudit(tx, tenantId, 1, 100)).rows);
}

async function tenantCount(): Promise<number> {
  return p.db.platform(async (tx) => (await tx.select().from(tenants)).length);
}

describe('signing in to the console', () => {
  it('sends an anonymous visitor to the sign-in page', async () => {
    const res = await p.app.request(`${CONSOLE}/`);
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/sign-in?next=%2F');
    const form = await p.app.request(`${CONSOLE}/sign-in?next=%2F`);
    expect(form.status).toBe(200);
    expect(await form.text()).toContain('登录平台控制台');
  });

  it('refuses a wrong password and an unknown email with the same message and no session', async () => {
    const client = new TestClient(p.app, CONSOLE);
    for (const [email, password] of [[operatorEmail, 'wrong-password'], ['nobody@platform.example', operatorPassword]] as const) {
      const res = await client.post('/sign-in', { email, password });
      expect(res.status).toBe(401);
      const html = await res.text();
      expect(html).toContain('邮箱或密码不正确。');
      expect(html).toContain(`value="${email}"`);
    }
    expect(client.cookie('platform_session')).toBeUndefined();
    expect((await client.get('/')).status).toBe(303);
    await endBackoff(operatorEmail);
  });

  it('signs an operator in with an HttpOnly, SameSite=Lax cookie and back out again', async () => {
    const client = new TestClient(p.app, CONSOLE);
    const res = await client.post('/sign-in', { email: operatorEmail.toUpperCase(), password: operatorPassword, next: '/cities/new' });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/cities/new');
    const cookie = res.headers.getSetCookie().find((c) => c.startsWith('platform_session='))!;
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect(cookie).toMatch(/Path=\//);
    const token = client.cookie('platform_session')!;
    expect((await client.get('/')).status).toBe(200);

    const out = await client.post('/sign-out');
    expect(out.status).toBe(303);
    expect((await client.get('/')).status).toBe(303);
    // The old cookie is dead on the server too, not only forgotten by the browser.
    const replay = await p.app.request(`${CONSOLE}/`, { headers: { cookie: `platform_session=${token}` } });
    expect(replay.status).toBe(303);
  });

  it('never redirects elsewhere after sign-in', async () => {
    const client = new TestClient(p.app, CONSOLE);
    const res = await client.post('/sign-in', { email: operatorEmail, password: operatorPassword, next: '//evil.example/' });
    expect(res.headers.get('location')).toBe('/');
  });

  it('keeps city sessions and console sessions apart', async () => {
    const alpha = p.cities.alpha!;
    const citySession = await p.db.tenant(alpha.id, async (tx) => {
      const admin = (await findUserByLogin(tx, alpha.id, 'admin@alpha.test'))!;
      return createSession(tx, alpha.id, admin.id, {});
    });
    for (const name of ['platform_session', 'session']) {
      const res = await p.app.request(`${CONSOLE}/`, { headers: { cookie: `${name}=${citySession.token}` } });
      expect(res.status).toBe(303);
    }
    const op = await operator();
    const consoleToken = op.cookie('platform_session')!;
    const city = await p.app.request('http://alpha.localhost/', { headers: { cookie: `session=${consoleToken}` } });
    const html = await city.text();
    expect(html).toContain('已有账户？登录');
    expect(html).not.toContain('您好');
  });

  it('limits failed sign-ins per address', async () => {
    const client = new TestClient(p.app, CONSOLE);
    const from = { 'x-forwarded-for': '203.0.113.7' };
    // Unknown emails: only the address limit applies to them.
    for (let i = 0; i < 10; i++) {
      expect((await client.post('/sign-in', { email: `nobody${i}@platform.example`, password: 'guess' }, from)).status).toBe(401);
    }
    const blocked = await client.post('/sign-in', { email: operatorEmail, password: operatorPassword }, from);
    expect(blocked.status).toBe(429);
    expect(await blocked.text()).toContain('登录尝试过多');
    expect(client.cookie('platform_session')).toBeUndefined();
    // Another address is not affected.
    expect((await client.post('/sign-in', { email: operatorEmail, password: operatorPassword }, { 'x-forwarded-for': '203.0.113.8' })).status).toBe(303);
  });
  it('answers two quick wrong guesses at a real operator and at an unknown email alike: 401, then the same 429', async () => {
    const email = 'twins@platform.example';
    await p.db.platform(async (tx) => createPlatformAccount(tx, { kind: 'operator', name: 'Twins', email, passwordHash: await hashPassword('twins-pass-2026') }));
    const answers: string[] = [];
    for (const [login, address] of [[email, '198.51.100.21'], ['no-such-operator@platform.example', '198.51.100.22']] as const) {
      const client = new TestClient(p.app, CONSOLE);
      for (let i = 0; i < 2; i++) {
        const res = await client.post('/sign-in', { email: login, password: 'wrong-guess' }, { 'x-forwarded-for': address });
        const html = (await res.text()).replaceAll(login, '<login>');
        answers.push(`${res.status} ${res.headers.get('retry-after')} ${html.includes('秒后再试')}`);
      }
    }
    expect(answers.slice(0, 2)).toEqual(['401 null false', '429 1 true']);
    expect(answers.slice(2)).toEqual(answers.slice(0, 2));
  });
  it('answers a sign-in with no email as a wrong one every time, with no wait', async () => {
    const client = new TestClient(p.app, CONSOLE);
    for (let i = 0; i < 2; i++) {
      const res = await client.post('/sign-in', { email: '', password: 'guess' }, { 'x-forwarded-for': '198.51.100.23' });
      expect(res.status).toBe(401);
      expect(await res.text()).toContain('邮箱或密码不正确。');
    }
  });
  it('makes an account wait after a failed sign-in, longer after each, wherever the guesses come from', async () => {
    const email = 'backoff@platform.example';
    const password = 'backoff-pass-2026';
    const id = await p.db.platform(async (tx) =>
      createPlatformAccount(tx, { kind: 'operator', name: 'Backoff', email, passwordHash: await hashPassword(password) }),
    );
    const client = new TestClient(p.app, CONSOLE);
    expect((await client.post('/sign-in', { email, password: 'wrong' }, { 'x-forwarded-for': '198.51.100.1' })).status).toBe(401);
    const blocked = await client.post('/sign-in', { email, password }, { 'x-forwarded-for': '198.51.100.2' });
    expect(blocked.status).toBe(429);
    expect(await blocked.text()).toContain('秒后再试');
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(client.cookie('platform_session')).toBeUndefined();

    const stored = async () =>
      (await p.db.platform((tx) => tx.select().from(platformAccounts).where(eq(platformAccounts.id, id))))[0]!;
    const afterOne = await stored();
    expect(afterOne.failedSignIns).toBe(1);
    // Once the wait is over, the right password works and the count resets.
    await endBackoff(email);
    expect((await client.post('/sign-in', { email, password }, { 'x-forwarded-for': '198.51.100.3' })).status).toBe(303);
    expect((await stored()).failedSignIns).toBe(0);
  });
});

describe('operators', () => {
  it('list every city with its hosts, status and a user count per city', async () => {
    const op = await operator();
    const before = cityRow(await (await op.get('/')).text(), 'alpha');
    expect(before[0]).toBe('甲市');
    expect(before[2]).toBe('volunteer.alpha.test');
    expect(before[3]).toBe('运行中');
    const count = Number(before[4]);
    expect(count).toBeGreaterThanOrEqual(2);

    const alpha = p.cities.alpha!.id;
    await p.db.tenant(alpha, (tx) => createUser(tx, alpha, { name: '新志愿者', email: 'new@alpha.test', passwordHash: null }));
    const html = await (await op.get('/')).text();
    expect(Number(cityRow(html, 'alpha')[4])).toBe(count + 1);
    expect(Number(cityRow(html, 'beta')[4])).toBe(2);
    expect(html).toContain('href="http://alpha.localhost/"');
  });

  it('onboard a city that answers on its subdomain and its custom host, with a one-time invitation for its admin', async () => {
    const op = await operator();
    const form = await op.get('/cities/new');
    expect(form.status).toBe(200);
    expect(await form.text()).toContain('value="#1f5f8b"');

    const res = await op.post('/cities/new', {
      nameZh: '丙市',
      nameEn: 'Gamma City',
      slug: 'gamma',
      host: 'Volunteer.Gamma.test',
      primaryColor: '#336699',
      adminEmail: 'Admin@Gamma.test',
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const html = await res.text();
    const link = /http:\/\/gamma\.localhost\/invite\/([a-z2-7]{24})/.exec(html);
    expect(link).not.toBeNull();
    const token = link![1]!;
    expect(html).toContain(consoleMessages['zh-CN'].inviteMailed('admin@gamma.test'));
    // The same link is mailed to the first admin, in the city's name; the page still shows it for platforms without mail.
    const [mail] = await messagesTo(p, 'admin@gamma.test');
    expect(mail).toMatchObject({ kind: 'identity.invitation', channel: 'email', subject: '邀请您加入丙市志愿服务平台' });
    expect(mail!.text).toContain(`http://gamma.localhost/invite/${token}`);
    expect(mail!.text).toContain('城市管理员');

    const site = await p.app.request('http://gamma.localhost/');
    expect(site.status).toBe(200);
    const siteHtml = await site.text();
    expect(siteHtml).toContain('<title>首页 · 丙市</title>');
    expect(siteHtml).toContain('--brand:#336699');
    const custom = await p.app.request('http://volunteer.gamma.test/', { headers: { 'accept-language': 'en' } });
    expect(custom.status).toBe(200);
    expect(await custom.text()).toContain('Gamma City');

    // The console never shows the link again, and the database holds only its digest.
    const list = await (await op.get('/')).text();
    expect(cityRow(list, 'gamma')[0]).toBe('丙市');
    expect(list).not.toContain(token);
    const gamma = (await p.db.platform((tx) => tx.select().from(tenants).where(eq(tenants.slug, 'gamma'))))[0]!;
    const stored = await p.db.tenant(gamma.id, (tx) => tx.select().from(invitations).where(eq(invitations.tenantId, gamma.id)));
    expect(stored).toHaveLength(1);
    expect(stored[0]!.email).toBe('admin@gamma.test');
    expect(stored[0]!.role).toBe('city_admin');
    expect(JSON.stringify(stored)).not.toContain(token);

    const audit = await auditOf(gamma.id);
    expect(audit.map((a) => [a.action, a.actor])).toEqual(
      expect.arrayContaining([
        ['tenant.created', `platform:${operatorEmail}`],
        ['invitation.created', `platform:${operatorEmail}`],
      ]),
    );

    // The first admin follows the link, sets a password and is signed in as the city's administrator.
    const admin = new TestClient(p.app, 'http://gamma.localhost');
    const invite = await admin.get(`/invite/${token}`);
    expect(invite.status).toBe(200);
    expect(await invite.text()).toContain('admin@gamma.test');
    const accepted = await admin.post(`/invite/${token}`, { name: '丙管理', password: 'gamma-admin-2026', confirm: 'gamma-admin-2026' });
    expect(accepted.status).toBe(303);
    const home = await admin.follow(accepted);
    const homeHtml = await home.text();
    expect(homeHtml).toContain('您好，丙管理');
    expect(homeHtml).toContain('href="/admin/plugins"');
    expect((await admin.get('/admin/plugins')).status).toBe(200);

    const again = new TestClient(p.app, 'http://gamma.localhost');
    expect((await again.get(`/invite/${token}`)).status).toBe(404);
    expect((await again.post(`/invite/${token}`, { name: 'x', password: 'another-pass-1', confirm: 'another-pass-1' })).status).toBe(404);
  });

  it('make a new administrator invitation for a city whose first link was lost', async () => {
    const op = await operator();
    const beta = p.cities.beta!;
    expect(await (await op.get('/')).text()).toContain(`href="/cities/${beta.id}/invite"`);
    const form = await op.get(`/cities/${beta.id}/invite`);
    expect(await form.text()).toContain('邀请乙市的城市管理员');

    const bad = await op.post(`/cities/${beta.id}/invite`, { email: 'not-an-email' });
    expect(bad.status).toBe(400);
    const badHtml = await bad.text();
    expect(fieldError(badHtml, 'email')).toBeTruthy();
    expect(badHtml).toContain('value="not-an-email"');

    const made = await op.post(`/cities/${beta.id}/invite`, { email: 'second-admin@beta.test' });
    expect(made.status).toBe(200);
    expect(made.headers.get('cache-control')).toBe('no-store');
    const link = /value="(http:\/\/beta\.localhost[^"]*\/invite\/[^"]+)"/.exec(await made.text())?.[1];
    expect(link).toBeTruthy();
    expect((await messagesTo(p, 'second-admin@beta.test'))[0]!.text).toContain(link!);
    const audit = await auditOf(beta.id);
    expect(audit.filter((a) => a.action === 'invitation.created').map((a) => a.actor)).toContain(`platform:${operatorEmail}`);

    const admin = new TestClient(p.app, 'http://beta.localhost');
    const accepted = await admin.post(new URL(link!).pathname, { name: '乙二管理', password: 'beta-admin-2026', confirm: 'beta-admin-2026' });
    expect(accepted.status).toBe(303);
    expect((await admin.get('/admin/plugins')).status).toBe(200);

    expect((await op.get(`/cities/${newId()}/invite`)).status).toBe(404);
    const fund = await foundation();
    expect((await fund.post(`/cities/${beta.id}/invite`, { email: 'x@beta.test' })).status).toBe(403);
  });

  it('show errors beside the fields for bad onboarding input and create nothing', async () => {
    const op = await operator();
    const good = { nameZh: '丁市', nameEn: 'Delta City', slug: 'delta', host: '', primaryColor: '#224466', adminEmail: 'admin@delta.test' };
    const cases: [Partial<typeof good>, string, string][] = [
      [{ slug: 'Bad Slug!' }, 'slug', '只能使用小写字母、数字和连字符'],
      [{ slug: 'alpha' }, 'slug', '这个标识已被其他城市使用。'],
      [{ slug: 'www' }, 'slug', '这个标识留给平台自身使用'],
      [{ slug: 'static' }, 'slug', '这个标识留给平台自身使用'],
      [{ nameZh: '\u200b\u200b' }, 'nameZh', '名称须含可读的文字'],
      [{ nameEn: 'Delta\u202eytiC' }, 'nameEn', '名称须含可读的文字'],
      [{ host: 'volunteer.alpha.test' }, 'host', '这个域名已属于其他城市。'],
      [{ host: 'delta.localhost' }, 'host', '请输入有效的域名'],
      [{ host: 'http://delta.example/' }, 'host', '请输入有效的域名'],
      [{ adminEmail: 'not-an-email' }, 'adminEmail', '请输入有效的电子邮箱。'],
      [{ nameZh: '' }, 'nameZh', '请填写此项。'],
      [{ primaryColor: 'red' }, 'primaryColor', '#RRGGBB'],
    ];
    const tenantsBefore = await tenantCount();
    for (const [change, field, message] of cases) {
      const input = { ...good, ...change };
      const res = await op.post('/cities/new', input);
      expect(res.status, JSON.stringify(change)).toBe(400);
      const html = await res.text();
      expect(fieldError(html, field), JSON.stringify(change)).toContain(message);
      expect(html).toContain(`value="${input.nameEn}"`);
    }
    expect(await tenantCount()).toBe(tenantsBefore);
    expect((await p.app.request('http://delta.localhost/')).status).toBe(404);
  });

  it('suspend a city (citizens see 503 at once) and resume it, both in the city audit log', async () => {
    const op = await operator();
    const beta = p.cities.beta!;
    expect((await p.app.request('http://beta.localhost/')).status).toBe(200);
    expect(await (await op.get('/')).text()).toContain(`action="/cities/${beta.id}/suspend"`);

    const suspended = await op.post(`/cities/${beta.id}/suspend`);
    expect(suspended.status).toBe(303);
    const page = await op.follow(suspended);
    expect(cityRow(await page.text(), 'beta')[3]).toBe('已暂停');
    const citizen = await p.app.request('http://beta.localhost/');
    expect(citizen.status).toBe(503);

    expect((await op.post(`/cities/${beta.id}/resume`)).status).toBe(303);
    expect((await p.app.request('http://beta.localhost/')).status).toBe(200);

    const actions = (await auditOf(beta.id)).filter((a) => a.actor === `platform:${operatorEmail}`).map((a) => a.action);
    expect(actions).toEqual(expect.arrayContaining(['tenant.suspended', 'tenant.resumed']));
  });

  it('get a 404 page for a city that does not exist', async () => {
    const op = await operator();
    expect((await op.post(`/cities/${newId()}/suspend`)).status).toBe(404);
    expect((await op.post('/cities/not-a-uuid/suspend')).status).toBe(404);
  });

  it('create foundation accounts that can then sign in', async () => {
    const op = await operator();
    const form = await (await op.get('/foundations/new')).text();
    expect(form).toContain('value="hello-test"');
    expect(form).toContain('value="other-test"');

    const taken = await op.post('/foundations/new', { name: '重名', email: DEMO_FOUNDATION.email, password: 'long-enough-1', plugins: [] });
    expect(taken.status).toBe(400);
    expect(fieldError(await taken.text(), 'email')).toBe('这个邮箱已有平台账户。');
    const short = await op.post('/foundations/new', { name: '短密码', email: 'short@fund.example', password: 'short', plugins: [] });
    expect(short.status).toBe(400);
    expect(fieldError(await short.text(), 'password')).toBe('密码至少需要 8 个字符。');
    expect(await p.db.platform((tx) => findAccountByEmail(tx, 'short@fund.example'))).toBeNull();

    const created = await op.post('/foundations/new', {
      name: '阳光基金会',
      email: 'sun@fund.example',
      password: 'sunshine-2026',
      plugins: ['other-test'],
    });
    expect(created.status).toBe(303);
    expect(await (await op.follow(created)).text()).toContain('sun@fund.example');

    const sun = await signIn('sun@fund.example', 'sunshine-2026');
    expect(await (await sun.get('/')).text()).toContain('尚未为您的账户指定资助的城市');
    expect((await op.post(`${created.headers.get('location')}/cities`, { slug: 'alpha' })).status).toBe(303);
    const home = await (await sun.get('/')).text();
    expect(home).toContain('开通其他');
    expect(home).not.toContain('开通问候');
  });
});

describe('foundations', () => {
  it('enable a plugin they sponsor for a city, and the audit log names them', async () => {
    const alpha = p.cities.alpha!;
    expect((await p.app.request('http://alpha.localhost/p/hello-test/')).status).toBe(404);

    const fund = await foundation();
    const home = await (await fund.get('/')).text();
    expect(home).toContain(`action="/cities/${alpha.id}/plugins/hello-test/enable"`);
    const res = await fund.post(`/cities/${alpha.id}/plugins/hello-test/enable`);
    expect(res.status).toBe(303);
    expect(await (await fund.follow(res)).text()).toContain('已为甲市开通问候。');

    const plugin = await p.app.request('http://alpha.localhost/p/hello-test/');
    expect(plugin.status).toBe(200);
    expect(await plugin.text()).toBe('hello from the plugin');
    // Only the city asked for.
    expect((await p.app.request('http://beta.localhost/p/hello-test/')).status).toBe(404);

    const account = (await p.db.platform((tx) => findAccountByEmail(tx, DEMO_FOUNDATION.email)))!;
    const entry = (await auditOf(alpha.id)).find((a) => a.action === 'plugin.enabled' && a.target === 'hello-test');
    expect(entry?.actor).toBe(`foundation:${account.id}`);
  });

  it('get a 403 page for a plugin they do not sponsor, and a 404 page for an unknown city', async () => {
    const fund = await foundation();
    const beta = p.cities.beta!;
    const res = await fund.post(`/cities/${beta.id}/plugins/other-test/enable`);
    expect(res.status).toBe(403);
    const html = await res.text();
    expect(html).toContain('无权访问');
    expect(html).toContain('请联系平台运营方');
    expect((await p.app.request('http://beta.localhost/p/other-test/')).status).toBe(404);
    expect((await fund.post(`/cities/${newId()}/plugins/hello-test/enable`)).status).toBe(404);
  });

  it('may not onboard, suspend or create accounts, and operators may not enable plugins', async () => {
    const fund = await foundation();
    const beta = p.cities.beta!;
    expect((await fund.get('/cities/new')).status).toBe(403);
    const before = await tenantCount();
    expect((await fund.post('/cities/new', { nameZh: '戊市', nameEn: 'Epsilon', slug: 'epsilon', host: '', primaryColor: '#111111', adminEmail: 'a@e.test' })).status).toBe(403);
    expect(await tenantCount()).toBe(before);
    expect((await fund.post(`/cities/${beta.id}/suspend`)).status).toBe(403);
    expect((await p.app.request('http://beta.localhost/')).status).toBe(200);
    expect((await fund.get('/foundations/new')).status).toBe(403);

    const op = await operator();
    expect((await op.post(`/cities/${beta.id}/plugins/hello-test/enable`)).status).toBe(403);
    expect((await p.app.request('http://beta.localhost/p/hello-test/')).status).toBe(404);
  });
});

describe('cross-site requests', () => {
  it('refuses a form post to the console from another site', async () => {
    const op = await operator();
    const before = await tenantCount();
    const res = await op.post(
      '/cities/new',
      { nameZh: '己市', nameEn: 'Zeta', slug: 'zeta', host: '', primaryColor: '#111111', adminEmail: 'a@z.test' },
      { origin: 'http://alpha.localhost' },
    );
    expect(res.status).toBe(403);
    expect(await tenantCount()).toBe(before);
    const suspend = await op.post(`/cities/${p.cities.beta!.id}/suspend`, {}, { origin: 'http://evil.example' });
    expect(suspend.status).toBe(403);
    expect((await p.app.request('http://beta.localhost/')).status).toBe(200);
  });
});

describe('seeding', () => {
  it('creates the operator only once and keeps an existing one as it is', async () => {
    await seedPlatformAccounts(p.db, { operatorEmail: 'second@platform.example', operatorPassword: 'second-pass-1', demo: false });
    expect(await p.db.platform((tx) => findAccountByEmail(tx, 'second@platform.example'))).toBeNull();
    await operator();
  });
});

describe('sponsorship', () => {
  const demoFoundationPage = async (op: TestClient) => {
    const account = (await p.db.platform((tx) => findAccountByEmail(tx, DEMO_FOUNDATION.email)))!;
    return { path: `/foundations/${account.id}`, html: await (await op.get(`/foundations/${account.id}`)).text() };
  };

  it('names the cities: a foundation enables its modules only where the operator granted it, until withdrawn', async () => {
    const beta = p.cities.beta!;
    const fund = await foundation();
    const refused = await fund.post(`/cities/${beta.id}/plugins/hello-test/enable`);
    expect(refused.status).toBe(403);
    expect((await p.app.request('http://beta.localhost/p/hello-test/')).status).toBe(404);
    const home = await (await fund.get('/')).text();
    expect(home).not.toContain(`/cities/${beta.id}/`);
    expect(cityRow(home, 'beta')).toEqual([]);

    const op = await operator();
    const { path, html } = await demoFoundationPage(op);
    expect(html).toContain('<td>alpha</td>');
    expect(html).not.toContain('<td>beta</td>');
    for (const [slug, message] of [['', '请填写此项。'], ['nowhere', '没有使用这个标识的城市。'], ['Bad Slug!', '没有使用这个标识的城市。']] as const) {
      const bad = await op.post(`${path}/cities`, { slug });
      expect(bad.status, slug).toBe(400);
      expect(fieldError(await bad.text(), 'slug'), slug).toBe(message);
    }
    expect((await fund.post(`/cities/${beta.id}/plugins/hello-test/enable`)).status).toBe(403);
    // Only an operator names them: not the foundation itself.
    expect((await fund.get(path)).status).toBe(403);
    expect((await fund.post(`${path}/cities`, { slug: 'beta' })).status).toBe(403);
    expect((await fund.post(`/cities/${beta.id}/plugins/hello-test/enable`)).status).toBe(403);

    const granted = await op.post(`${path}/cities`, { slug: 'beta' });
    expect(granted.status).toBe(303);
    expect(await (await op.follow(granted)).text()).toContain('现在可以为乙市开通它资助的模块');
    expect(cityRow(await (await fund.get('/')).text(), 'beta')).not.toEqual([]);
    expect((await fund.post(`/cities/${beta.id}/plugins/hello-test/enable`)).status).toBe(303);
    expect((await p.app.request('http://beta.localhost/p/hello-test/')).status).toBe(200);

    const withdrawn = await op.post(`${path}/cities/${beta.id}/withdraw`);
    expect(withdrawn.status).toBe(303);
    expect(cityRow(await (await fund.get('/')).text(), 'beta')).toEqual([]);
    // What it enabled stays the city's call; the foundation can no longer act there.
    expect((await p.app.request('http://beta.localhost/p/hello-test/')).status).toBe(200);
    expect((await fund.post(`/cities/${beta.id}/plugins/hello-test/enable`)).status).toBe(403);

    const actions = (await auditOf(beta.id)).filter((a) => a.actor === `platform:${operatorEmail}`).map((a) => a.action);
    expect(actions).toEqual(expect.arrayContaining(['sponsorship.granted', 'sponsorship.withdrawn']));
  });

  it("lets a city admin's off stand: the foundation cannot switch back on what the city switched off", async () => {
    const alpha = p.cities.alpha!;
    const fund = await foundation();
    expect((await fund.post(`/cities/${alpha.id}/plugins/hello-test/enable`)).status).toBe(303);
    expect((await p.app.request('http://alpha.localhost/p/hello-test/')).status).toBe(200);

    const admin = new TestClient(p.app, 'http://alpha.localhost');
    await signInAs(p, admin, 'alpha', 'admin@alpha.test');
    expect((await admin.post('/admin/plugins/hello-test/disable')).status).toBe(303);
    expect((await p.app.request('http://alpha.localhost/p/hello-test/')).status).toBe(404);

    const again = await fund.post(`/cities/${alpha.id}/plugins/hello-test/enable`);
    expect(again.status).toBe(303);
    const after = await (await fund.follow(again)).text();
    expect(after).toContain('甲市的管理员关闭了问候，只有城市管理员可以重新开通。');
    expect(after).toContain('城市已关闭');
    expect(after).not.toContain(`action="/cities/${alpha.id}/plugins/hello-test/enable"`);
    expect((await p.app.request('http://alpha.localhost/p/hello-test/')).status).toBe(404);

    expect((await admin.post('/admin/plugins/hello-test/enable')).status).toBe(303);
    expect((await p.app.request('http://alpha.localhost/p/hello-test/')).status).toBe(200);
  });

  it("shows the foundation each city's slug and hosts, so two cities of one name are told apart", async () => {
    const op = await operator();
    const twin = { nameZh: '甲市', nameEn: 'Alpha City', slug: 'alpha-twin', host: '', primaryColor: '#123456', adminEmail: 'admin@twin.test' };
    expect((await op.post('/cities/new', twin)).status).toBe(200);
    const { path } = await demoFoundationPage(op);
    expect((await op.post(`${path}/cities`, { slug: 'alpha-twin' })).status).toBe(303);

    const home = await (await (await foundation()).get('/')).text();
    expect(cityRow(home, 'alpha').slice(0, 3)).toEqual(['甲市', 'alpha', 'alpha.localhost, volunteer.alpha.test']);
    expect(cityRow(home, 'alpha-twin').slice(0, 3)).toEqual(['甲市', 'alpha-twin', 'alpha-twin.localhost']);
  });
});
