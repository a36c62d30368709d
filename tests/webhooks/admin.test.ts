import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { webhookEndpoints } from '../../core/webhooks/schema.ts';
import { openSigningSecret } from '../../core/webhooks/secrets.ts';
import { startTestPlatform, type TestPlatform } from '../support/platform.ts';
import { WebhookReceiver } from '../support/webhook-receiver.ts';
import { fieldError, inCity, signedIn } from '../volunteering/fixtures.ts';
import { register } from './fixtures.ts';

/** The webhooks admin pages: for city admins of their own city only, every change a checked, same-origin form; bad input changes nothing. */
let p: TestPlatform;
let admin: Awaited<ReturnType<typeof signedIn>>['client'];
const hooks = new WebhookReceiver();

beforeAll(async () => {
  p = await startTestPlatform();
  admin = (await signedIn(p, 'alpha', 'admin@alpha.test')).client;
  await hooks.up();
}, 60_000);
afterAll(async () => {
  await hooks.down();
  await p.close();
});

const endpointsOf = (slug: string) => inCity(p, slug, (tx, t) => tx.select().from(webhookEndpoints).where(eq(webhookEndpoints.tenantId, t)));

describe(`webhook endpoints admin (${process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite'})`, () => {
  it('shows the signing secret once, uncached, and keeps it sealed', async () => {
    const res = await admin.post('/admin/webhooks', { url: hooks.url, description: '区数据中心', events: ['service.verified', 'certificate.issued'] });
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const secret = /value="(whsec_[^"]+)"/.exec(await res.text())?.[1];
    expect(Buffer.from(secret!.slice(6), 'base64')).toHaveLength(32);
    const [row] = await endpointsOf('alpha');
    expect(row).toMatchObject({ url: hooks.url, description: '区数据中心', events: ['service.verified', 'certificate.issued'], enabled: true });
    expect(row!.secretSealed).not.toContain(secret!.slice(6));
    expect(openSigningSecret(row!.secretSealed)).toBe(secret);
    const list = await (await admin.get('/admin/webhooks')).text();
    expect(list).toContain(hooks.url);
    expect(list).not.toContain(secret!);
  });

  it('refuses a bad form with the reason beside each field, making nothing', async () => {
    const before = (await endpointsOf('alpha')).length;
    const cases: [Record<string, string | string[]>, string, RegExp][] = [
      [{ url: 'not a url', events: ['service.verified'] }, 'url', /完整的网址/],
      [{ url: 'http://example.org/hooks', events: ['service.verified'] }, 'url', /https/],
      [{ url: 'https://10.0.0.8/hooks', events: ['service.verified'] }, 'url', /内网/],
      [{ url: 'https://169.254.169.254/latest', events: ['service.verified'] }, 'url', /内网/],
      [{ url: 'https://user:pw@example.org/', events: ['service.verified'] }, 'url', /用户名/],
      [{ url: 'https://example.org/hooks', events: [] }, 'events', /至少选择/],
      [{ url: 'https://example.org/hooks', events: ['no.such.event'] }, 'events', /至少选择/],
      [{ url: 'https://example.org/hooks', description: '长'.repeat(101), events: ['service.verified'] }, 'description', /100/],
    ];
    for (const [form, field, message] of cases) {
      const res = await admin.post('/admin/webhooks', { description: '', ...form });
      expect(res.status, JSON.stringify(form)).toBe(400);
      expect(fieldError(await res.text(), field), JSON.stringify(form)).toMatch(message);
    }
    expect(await endpointsOf('alpha')).toHaveLength(before);
  });

  it('is for city admins only, and refuses a cross-site form', async () => {
    const { id } = await register(admin, `${hooks.url}?for=permissions`, ['service.verified']);
    const volunteer = (await signedIn(p, 'alpha', 'vol@alpha.test')).client;
    expect((await volunteer.get('/admin/webhooks')).status).toBe(403);
    expect((await volunteer.get(`/admin/webhooks/${id}`)).status).toBe(403);
    const before = await endpointsOf('alpha');
    const posts: [string, Record<string, string | string[]>][] = [
      ['/admin/webhooks', { url: 'https://example.org/h', events: ['service.verified'] }],
      [`/admin/webhooks/${id}/rotate`, {}],
      [`/admin/webhooks/${id}/disable`, {}],
      [`/admin/webhooks/${id}/enable`, {}],
      [`/admin/webhooks/${id}/delete`, {}],
      [`/admin/webhooks/${id}/deliveries/${id}/replay`, {}],
    ];
    for (const [path, form] of posts) {
      expect((await volunteer.post(path, form)).status, `volunteer ${path}`).toBe(403);
      expect((await admin.post(path, form, { origin: 'http://evil.example' })).status, `cross-site ${path}`).toBe(403);
    }
    expect(await endpointsOf('alpha')).toEqual(before);
  });

  it('shows one city’s endpoints to no other city', async () => {
    const { id } = await register(admin, `${hooks.url}?for=alpha-only`, ['service.verified']);
    const beta = (await signedIn(p, 'beta', 'admin@beta.test')).client;
    expect(await (await beta.get('/admin/webhooks')).text()).not.toContain('alpha-only');
    expect((await beta.get(`/admin/webhooks/${id}`)).status).toBe(404);
    for (const action of ['rotate', 'disable', 'delete']) expect((await beta.post(`/admin/webhooks/${id}/${action}`)).status).toBe(404);
    expect((await endpointsOf('alpha')).find((e) => e.id === id)).toMatchObject({ enabled: true });
  });

  it('fits a 390px phone: the list and log are tables that stack, the form has labelled fields', async () => {
    const html = await (await admin.get('/admin/webhooks')).text();
    expect(html).toContain('class="table-wrap"');
    expect(html).toMatch(/<label for="f-url">/);
    expect(html).toContain('name="viewport"');
  });
});
