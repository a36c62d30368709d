import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../core/db/schema/audit.ts';
import { pluginEnablements } from '../core/db/schema/plugins.ts';
import { findUserByLogin, createUser } from '../core/identity/users.ts';
import { definePlugin } from '../core/plugin-api.ts';
import { pluginCity } from '../core/plugins/context.ts';
import { citySiteUrl } from '../core/platform/site-url.ts';
import { setPluginEnablement } from '../core/plugins/enablement.ts';
import { defineTenant } from '../core/tenancy/manifest.ts';
import { setTenantStatus } from '../core/tenancy/service.ts';
import { syncTenants } from '../core/tenancy/sync.ts';
import { testCities } from './support/cities.ts';
import { TestClient } from './support/client.ts';
import { examplePlugin } from './support/example-plugin.tsx';
import { startTestPlatform, type TestPlatform } from './support/platform.ts';
import { signInAs } from './support/sign-in.ts';

/** A job that fails in every city whose settings say so, after writing: proves per-city transactions. */
const flakyPlugin = definePlugin({
  id: 'flaky',
  version: '0.1.0',
  name: { 'zh-CN': '不稳定', en: 'Flaky' },
  settings: z.object({ fail: z.boolean().default(false) }),
  jobs: [
    {
      id: 'sometimes-fails',
      cron: '*/5 * * * *',
      run: (city) =>
        city.work(async (w) => {
          await w.audit({ actor: 'plugin:flaky', action: 'flaky.job_ran' });
          if (city.settings.fail) throw new Error('flaky job failed on purpose');
        }),
    },
  ],
});

/** A third city that enabled the example plugin when it was created; the job tests suspend it. */
const gamma = defineTenant({
  slug: 'gamma',
  names: { 'zh-CN': '丙市', en: 'Gamma City' },
  branding: { primaryColor: '#224466', accentColor: '#f2a900', logoText: '丙市', footer: { 'zh-CN': '丙市', en: 'Gamma' }, contact: {} },
  plugins: { example: { settings: {} } },
});

let p: TestPlatform;
let alphaId: string;
let betaId: string;
let admin: TestClient;
let volunteer: TestClient;
let betaAdmin: TestClient;

beforeAll(async () => {
  p = await startTestPlatform({ plugins: [examplePlugin, flakyPlugin], cities: [...testCities, gamma] });
  alphaId = p.cities.alpha!.id;
  betaId = p.cities.beta!.id;
  admin = new TestClient(p.app, 'http://alpha.localhost');
  volunteer = new TestClient(p.app, 'http://alpha.localhost');
  betaAdmin = new TestClient(p.app, 'http://beta.localhost');
  await signInAs(p, admin, 'alpha', 'admin@alpha.test');
  await signInAs(p, volunteer, 'alpha', 'vol@alpha.test');
  await signInAs(p, betaAdmin, 'beta', 'admin@beta.test');
});
afterAll(() => p.close());

const enable = (client: TestClient) => client.post('/admin/plugins/example/enable');
const disable = (client: TestClient) => client.post('/admin/plugins/example/disable');
const status = async (client: TestClient, path: string) => (await client.get(path)).status;
/** The menu link of the example plugin (the home page also lists modules, by their full name). */
const NAV_ENTRY = '<a href="/p/example/">示例</a>';

async function auditActions(tenantId: string, action: string) {
  return p.db.tenant(tenantId, (tx) =>
    tx.select().from(auditLog).where(and(eq(auditLog.tenantId, tenantId), eq(auditLog.action, action))),
  );
}

describe('enabling a plugin for a city', () => {
  it('serves its pages and menu entry only while the city admin has it enabled', async () => {
    expect(await status(volunteer, '/p/example/')).toBe(404);
    const before = await (await admin.get('/admin/plugins')).text();
    expect(before).toContain('示例模块');
    expect(before).toContain('action="/admin/plugins/example/enable"');
    expect(before).toContain('从未开通过');
    expect(await (await volunteer.get('/')).text()).not.toContain(NAV_ENTRY);

    const res = await enable(admin);
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/admin/plugins');
    const after = await (await admin.follow(res)).text();
    expect(after).toContain('已开通“示例模块”。');
    expect(after).toContain('action="/admin/plugins/example/disable"');
    expect(after).toMatch(/甲管理 于 \d{4}\/\d{2}\/\d{2} \d{2}:\d{2} 修改/);

    expect(await status(volunteer, '/p/example/')).toBe(200);
    expect(await (await volunteer.get('/')).text()).toContain(NAV_ENTRY);

    await disable(admin);
    expect(await status(volunteer, '/p/example/')).toBe(404);
    expect(await (await volunteer.get('/')).text()).not.toContain(NAV_ENTRY);
    expect((await auditActions(alphaId, 'plugin.enabled')).length).toBe(1);
    expect((await auditActions(alphaId, 'plugin.disabled')).length).toBe(1);
  });

  it('keeps a plugin enabled in one city off in another', async () => {
    await enable(admin);
    expect(await status(volunteer, '/p/example/')).toBe(200);
    expect((await p.app.request('http://beta.localhost/p/example/')).status).toBe(404);
    const beta = await (await betaAdmin.get('/admin/plugins')).text();
    expect(beta).toContain('action="/admin/plugins/example/enable"');
    expect(await (await betaAdmin.get('/')).text()).not.toContain(NAV_ENTRY);
    await disable(admin);
  });

  it('answers an unknown plugin id with a 404 page', async () => {
    expect(await status(admin, '/admin/plugins/nope')).toBe(404);
    expect((await admin.post('/admin/plugins/nope/enable')).status).toBe(404);
    expect((await admin.post('/admin/plugins/nope', { greeting: 'x' })).status).toBe(404);
  });

  it('can still be switched off and on when its stored settings no longer fit the schema', async () => {
    // As after a plugin upgrade that tightened a setting.
    await p.db.tenant(alphaId, (tx) =>
      tx.update(pluginEnablements).set({ settings: { limit: 'many' } }).where(and(eq(pluginEnablements.tenantId, alphaId), eq(pluginEnablements.pluginId, 'example'))),
    );
    expect((await admin.post('/admin/plugins/example/disable')).status).toBe(303);
    expect((await admin.post('/admin/plugins/example/enable')).status).toBe(303);
    expect((await admin.get('/p/example/')).status).toBe(200);
    await admin.post('/admin/plugins/example/disable');
  });
});

describe('plugin demo seeds', () => {
  it('run at each start for the cities that enabled the plugin, and only while demo data is wanted', async () => {
    const gammaId = p.cities.gamma!.id;
    expect((await auditActions(gammaId, 'example.seeded')).map((e) => e.target)).toEqual(['gamma']);
    expect(await auditActions(alphaId, 'example.seeded')).toEqual([]);
    await syncTenants(p.db, [...testCities, gamma], { registry: p.registry, seedDemo: true, site: p.config });
    expect(await auditActions(gammaId, 'example.seeded')).toHaveLength(2);
    await syncTenants(p.db, [...testCities, gamma], { registry: p.registry, seedDemo: false, site: p.config });
    expect(await auditActions(gammaId, 'example.seeded')).toHaveLength(2);
    expect(await auditActions(alphaId, 'example.seeded')).toEqual([]);
  });
});

describe('plugin settings', () => {
  it('shows a form generated from the schema with the defaults', async () => {
    const html = await (await admin.get('/admin/plugins/example')).text();
    expect(html).toContain('问候语');
    expect(html).toMatch(/<input[^>]*name="greeting"[^>]*value="你好"/);
    expect(html).toMatch(/<input[^>]*name="limit"[^>]*type="number"[^>]*min="1"[^>]*max="100"[^>]*value="10"/);
    expect(html).toMatch(/<input[^>]*type="checkbox"[^>]*name="featured"/);
    expect(html).not.toMatch(/name="featured"[^>]*checked/);
  });

  it('changes what the plugin shows once saved', async () => {
    await enable(admin);
    expect(await (await volunteer.get('/p/example/')).text()).toContain('<h1>你好</h1>');
    const res = await admin.post('/admin/plugins/example', { greeting: '欢迎光临', limit: '25', featured: 'on' });
    expect(res.status).toBe(303);
    expect(await (await admin.follow(res)).text()).toContain('“示例模块”的设置已保存。');
    const page = await (await volunteer.get('/p/example/')).text();
    expect(page).toContain('<h1>欢迎光临</h1>');
    expect(page).toContain('每页显示 25 条');
    expect(page).toContain('推荐中');
    const [configured] = await auditActions(alphaId, 'plugin.configured');
    expect(configured?.detail).toEqual({ settings: { greeting: '欢迎光临', limit: 25, featured: true } });
  });

  it('refuses an invalid value with the message beside the field and saves nothing', async () => {
    const res = await admin.post('/admin/plugins/example', { greeting: '不该保存', limit: '500' });
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain('<small id="f-limit-error" class="error">不能大于 100</small>');
    expect(html).toMatch(/<input[^>]*name="limit"[^>]*value="500"/);
    expect(html).toMatch(/<input[^>]*name="greeting"[^>]*value="不该保存"/);
    const page = await (await volunteer.get('/p/example/')).text();
    expect(page).toContain('<h1>欢迎光临</h1>');
    expect(page).toContain('每页显示 25 条');
    const form = await (await admin.get('/admin/plugins/example')).text();
    expect(form).toMatch(/<input[^>]*name="limit"[^>]*value="25"/);
  });

  it('restores a default when a number is cleared, and says so in English too', async () => {
    await admin.post('/admin/plugins/example', { greeting: '欢迎光临', limit: '' });
    expect(await (await volunteer.get('/p/example/')).text()).toContain('每页显示 10 条');
    const res = await admin.post('/admin/plugins/example', { greeting: '', limit: '2.5' }, { 'accept-language': 'en' });
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain('<small id="f-greeting-error" class="error">Please fill this in</small>');
    expect(html).toContain('<small id="f-limit-error" class="error">Please enter a whole number</small>');
  });
});

describe('permissions declared by a plugin', () => {
  it('lets a volunteer in only once granted the plugin’s role on /admin/members', async () => {
    await enable(admin);
    expect(await status(volunteer, '/p/example/manage')).toBe(403);
    expect(await status(admin, '/p/example/manage')).toBe(200);
    const anonymous = await p.app.request('http://alpha.localhost/p/example/manage');
    expect(anonymous.status).toBe(303);
    expect(anonymous.headers.get('location')).toBe('/sign-in?next=%2Fp%2Fexample%2Fmanage');

    const vol = await p.db.tenant(alphaId, (tx) => findUserByLogin(tx, alphaId, 'vol@alpha.test'));
    const form = await (await admin.get(`/admin/members/${vol!.id}`)).text();
    expect(form).toContain('示例助手');
    const res = await admin.post(`/admin/members/${vol!.id}/roles`, { roles: ['volunteer', 'example.helper'] });
    expect(res.status).toBe(303);
    expect(await status(volunteer, '/p/example/manage')).toBe(200);
  });
});

describe('events', () => {
  const register = (slug: 'alpha' | 'beta', name: string, email: string) =>
    p.db.tenant(p.cities[slug]!.id, async (tx) => {
      const userId = await createUser(tx, p.cities[slug]!.id, { name, email, passwordHash: null });
      await p.registry.eventsFor(pluginCity(p.cities[slug]!, citySiteUrl(p.cities[slug]!, p.config))).emit(tx, 'user.registered', { userId, name, email, mobile: null });
      return userId;
    });

  it('runs the handlers of enabled plugins in the caller’s transaction', async () => {
    await enable(admin);
    const userId = await register('alpha', '新人', 'new@alpha.test');
    const seen = await auditActions(alphaId, 'example.saw_registration');
    expect(seen.map((e) => e.target)).toContain(`user:${userId}`);

    const betaUser = await register('beta', '乙新人', 'new@beta.test');
    expect((await auditActions(betaId, 'example.saw_registration')).map((e) => e.target)).not.toContain(`user:${betaUser}`);
  });

  it('rolls back the caller’s own write when a handler throws', async () => {
    await enable(admin);
    const before = (await auditActions(alphaId, 'example.saw_registration')).length;
    await expect(register('alpha', 'fail-me', 'fail@alpha.test')).rejects.toThrow('fail-me');
    expect(await p.db.tenant(alphaId, (tx) => findUserByLogin(tx, alphaId, 'fail@alpha.test'))).toBeNull();
    expect((await auditActions(alphaId, 'example.saw_registration')).length).toBe(before);
  });
});

describe('plugin jobs', () => {
  it('run on the job queue for active cities that enabled the plugin, on their schedule, each city on its own', async () => {
    const gammaId = p.cities.gamma!.id;
    await p.db.platform((tx) => setTenantStatus(tx, gammaId, 'suspended'));
    await p.db.tenant(alphaId, (tx) => setPluginEnablement(tx, alphaId, examplePlugin, { enabled: true, changedBy: 'test' }));
    await p.db.tenant(betaId, (tx) => setPluginEnablement(tx, betaId, examplePlugin, { enabled: false, changedBy: 'test' }));
    // flaky fails in alpha (first by slug) and succeeds in beta: a failure must not stop the next city.
    await p.db.tenant(alphaId, (tx) => setPluginEnablement(tx, alphaId, flakyPlugin, { enabled: true, settings: { fail: true }, changedBy: 'test' }));
    await p.db.tenant(betaId, (tx) => setPluginEnablement(tx, betaId, flakyPlugin, { enabled: true, settings: { fail: false }, changedBy: 'test' }));

    const runDue = async (at: Date) => {
      await p.jobs.tick(at);
      await p.jobs.drain();
    };
    try {
      const now = new Date('2026-03-01T08:00:00Z');
      await runDue(now);
      const ran = async (tenantId: string) => (await auditActions(tenantId, 'example.job_ran')).length;
      expect(await ran(alphaId)).toBe(1);
      expect(await ran(betaId)).toBe(0);
      expect(await ran(gammaId)).toBe(0);
      expect((await auditActions(alphaId, 'flaky.job_ran')).length).toBe(0);
      expect((await auditActions(betaId, 'flaky.job_ran')).length).toBe(1);

      // The example job is hourly: not again within the hour, whatever the ticks.
      await runDue(new Date(now.getTime() + 59 * 60_000));
      expect(await ran(alphaId)).toBe(1);
      await runDue(new Date(now.getTime() + 60 * 60_000));
      expect(await ran(alphaId)).toBe(2);
      expect(await ran(gammaId)).toBe(0);

      // Only the suspension kept gamma out: once active again, its job runs.
      await p.db.platform((tx) => setTenantStatus(tx, gammaId, 'active'));
      await runDue(new Date(now.getTime() + 120 * 60_000));
      expect(await ran(gammaId)).toBe(1);
    } finally {
      await p.db.platform((tx) => setTenantStatus(tx, gammaId, 'active'));
    }
  });
});
