import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../../core/db/schema/audit.ts';
import { newId } from '../../core/db/ids.ts';
import { createSession } from '../../core/identity/sessions.ts';
import { createUser, grantRole } from '../../core/identity/users.ts';
import { onboardCity } from '../../core/platform/cities.ts';
import { DEFAULT_DISTRICTS, listDistricts } from '../../core/volunteering/shared/districts.ts';
import { examplePlugin } from '../support/example-plugin.tsx';
import { startTestPlatform, type TestPlatform } from '../support/platform.ts';
import { TestClient } from '../support/client.ts';
import { fieldError, inCity, mainOf, signedIn } from '../volunteering/fixtures.ts';

let p: TestPlatform;
beforeAll(async () => {
  p = await startTestPlatform({ plugins: [examplePlugin] });
});
afterAll(() => p.close());

/** Whether the checklist shows a step as done. */
const stepDone = (html: string, step: string) => {
  const badge = new RegExp(`id="step-${step}"><p><span class="(badge|badge off)"`).exec(html)?.[1];
  if (!badge) throw new Error(`no step ${step} on the page`);
  return badge === 'badge';
};
const steps = (html: string) => Object.fromEntries(['districts', 'branding', 'modules', 'organisation'].map((s) => [s, stepDone(html, s)]));

/** Someone of the onboarded city, signed in with a session made directly (no password hashing). */
async function personOf(tenantId: string, name: string, roles: string[] = []) {
  const token = await p.db.tenant(tenantId, async (tx) => {
    const id = await createUser(tx, tenantId, { name, email: `${newId()}@delta.test`, passwordHash: null });
    for (const role of roles) await grantRole(tx, tenantId, id, role);
    return (await createSession(tx, tenantId, id, {})).token;
  });
  const client = new TestClient(p.app, 'http://delta.localhost');
  client.setCookie('session', token);
  return client;
}

describe(`a new city's first day (${process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite'})`, () => {
  let delta: string;
  beforeAll(async () => {
    const { tenant } = await onboardCity(
      p.db,
      { names: { 'zh-CN': '丁市', en: 'Delta City' }, slug: 'delta', host: null, primaryColor: '#336699', adminEmail: 'admin@delta.test' },
      { actor: 'platform:operator@platform.example', address: null },
      (slug) => `http://${slug}.localhost`,
    );
    delta = tenant.id;
  });

  it('gives a city onboarded in the console the default districts, so its first organisation can apply', async () => {
    expect(await p.db.tenant(delta, (tx) => listDistricts(tx, delta))).toEqual(DEFAULT_DISTRICTS);
    const audit = await p.db.tenant(delta, (tx) => tx.select().from(auditLog).where(and(eq(auditLog.tenantId, delta), eq(auditLog.action, 'districts.updated'))));
    expect(audit.map((a) => a.actor)).toEqual(['platform:operator@platform.example']);
    const organiser = await personOf(delta, '丁社工');
    const applied = await organiser.post('/organisations/apply', { name: '丁市阳光社工', kind: 'social_work_org', description: '社区服务', district: '城南区', contact_phone: '13800138000', credit_code: '' });
    expect(applied.status).toBe(303);
  });

  it('shows the city admin a checklist on /admin that ticks each step once it is done, linking to where to do it', async () => {
    const admin = await personOf(delta, '丁管理', ['city_admin']);
    const first = await admin.get('/admin');
    expect(first.status).toBe(200);
    const html = await mainOf(first);
    expect(html).toContain('开通第一天：待办清单');
    expect(steps(html)).toEqual({ districts: false, branding: false, modules: false, organisation: false });
    for (const href of ['/admin/districts', '/admin/branding', '/admin/plugins', '/admin/organisations', '/organisations/apply']) expect(html).toContain(`href="${href}"`);
    expect(await (await admin.get('/')).text()).toContain('href="/admin">管理首页</a>');

    expect((await admin.post('/admin/districts', { districts: '嘉积镇\n博鳌镇' })).status).toBe(303);
    expect(steps(await mainOf(await admin.get('/admin')))).toEqual({ districts: true, branding: false, modules: false, organisation: false });
    const branding = { logoText: '丁市志愿', primaryColor: '#336699', accentColor: '#e07a1f', footerZh: '丁市民政局', footerEn: 'Delta Civil Affairs', phone: '13800138000', email: '' };
    expect((await admin.post('/admin/branding', branding)).status).toBe(303);
    expect((await admin.post('/admin/plugins/example/enable')).status).toBe(303);
    const organiser = await personOf(delta, '丁队长');
    const applied = await organiser.post('/organisations/apply', { name: '丁市青年志愿队', kind: 'volunteer_team', description: '青年志愿服务', district: '博鳌镇', contact_phone: '13800138001', credit_code: '' });
    const organisationId = /\/organisations\/([0-9a-f-]{36})$/.exec(applied.headers.get('location') ?? '')?.[1];
    expect(organisationId).toBeTruthy();
    expect(steps(await mainOf(await admin.get('/admin')))).toEqual({ districts: true, branding: true, modules: true, organisation: false });
    expect((await admin.post(`/admin/organisations/${organisationId}/approve`)).status).toBe(303);
    const after = await mainOf(await admin.get('/admin'));
    expect(steps(after)).toEqual({ districts: true, branding: true, modules: true, organisation: true });
    expect(after).toContain('全部完成！本市平台已准备就绪。');
  });

  it('lets only a city admin open the checklist and the site details', async () => {
    const vol = await signedIn(p, 'alpha', 'vol@alpha.test');
    expect((await vol.client.get('/admin')).status).toBe(403);
    expect((await vol.client.get('/admin/branding')).status).toBe(403);
    expect((await vol.client.post('/admin/branding', { logoText: '坏', primaryColor: '#000000', accentColor: '#000000', footerZh: 'x', footerEn: 'x', phone: '', email: '' })).status).toBe(403);
  });

  it('edits the site details: bad input is refused beside each field and changes nothing; good input shows on every page', async () => {
    const admin = await signedIn(p, 'beta', 'admin@beta.test');
    const form = await mainOf(await admin.client.get('/admin/branding'));
    expect(form).toContain('value="乙市志愿"');
    const good = { logoText: '乙市公益', primaryColor: '#2E7D32', accentColor: '#0277bd', footerZh: '乙市民政局', footerEn: 'Beta Civil Affairs Bureau', phone: '0592-1234567', email: 'Help@Beta.test' };

    const bad = await admin.client.post('/admin/branding', { ...good, logoText: '', primaryColor: 'green', phone: '12', email: 'not-an-email' });
    expect(bad.status).toBe(400);
    const html = await bad.text();
    expect(fieldError(html, 'logoText')).toBe('此项必填。');
    expect(fieldError(html, 'primaryColor')).toBe('请选择颜色（如 #1f5f8b）。');
    expect(fieldError(html, 'phone')).toBe('请填写手机号或带区号的固定电话。');
    expect(fieldError(html, 'email')).toBe('请填写有效的邮箱地址。');
    expect(fieldError(html, 'footerZh')).toBeNull();
    expect(html).toContain('value="乙市民政局"');
    expect(await (await admin.client.get('/')).text()).toContain('乙市志愿 页脚');

    const saved = await admin.client.post('/admin/branding', good);
    expect(saved.status).toBe(303);
    const home = await (await admin.client.get('/')).text();
    expect(home).toContain('乙市民政局');
    expect(home).toContain('--brand:#2e7d32');
    expect(home).toContain('乙市公益');
    const audit = await inCity(p, 'beta', (tx, t) => tx.select().from(auditLog).where(and(eq(auditLog.tenantId, t), eq(auditLog.action, 'branding.updated'))));
    expect(audit).toHaveLength(1);
    expect((audit[0]!.detail as { branding: { contact: unknown } }).branding.contact).toEqual({ phone: '0592-1234567', email: 'help@beta.test' });
    // Another city's site is untouched.
    expect(await (await p.app.request('http://alpha.localhost/')).text()).not.toContain('乙市民政局');
  });
});
