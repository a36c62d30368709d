import { z } from 'zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { definePlugin, defineMessageKind, pluginContext, queueMessage } from '../../core/plugin-api.ts';
import { findUserByLogin } from '../../core/identity/users.ts';
import { readChoices } from '../../core/messages/preferences.ts';
import { seedPlatformAccounts } from '../../core/platform/seed.ts';
import { TestClient } from '../support/client.ts';
import { messagesTo } from '../support/outbox.ts';
import { startTestPlatform, type TestPlatform } from '../support/platform.ts';
import { enableEveryPlugin } from '../support/route-ids.ts';
import { signInAs } from '../support/sign-in.ts';
import { greeting, signInCode } from './fixtures.ts';

/** A plugin that sends a message from a request, through the plugin API only. */
const thanks = defineMessageKind<{ name: string }>({
  id: 'thanks-test.thanks',
  essential: false,
  sensitive: false,
  channels: ['email'],
  email: (p, locale, city) => ({ subject: locale === 'en' ? `Thanks from ${city.en}` : `${city['zh-CN']}感谢您`, text: `Thank you, ${p.name}` }),
});
const thanksPlugin = definePlugin({
  id: 'thanks-test',
  version: '1.0.0',
  name: { 'zh-CN': '感谢', en: 'Thanks' },
  settings: z.object({}),
  routes: (app) =>
    app.post('/thank', async (c) => {
      await pluginContext(c).work(({ tx, tenantId }) => queueMessage(tx, tenantId, thanks, { email: 'thanked@example.com', locale: 'en' }, { name: 'Tao' }, 'thank-1'));
      return c.text('queued');
    }),
});

const ALPHA = 'http://alpha.localhost';
const BETA = 'http://beta.localhost';
let p: TestPlatform;

beforeAll(async () => {
  p = await startTestPlatform({ plugins: [thanksPlugin] });
  await enableEveryPlugin(p, ['alpha']);
  const { PLATFORM_ADMIN_EMAIL: operatorEmail, PLATFORM_ADMIN_PASSWORD: operatorPassword } = p.config;
  await seedPlatformAccounts(p.db, { operatorEmail, operatorPassword, demo: false, cityIds: [] });
  const alpha = p.cities.alpha!.id;
  await p.db.tenant(alpha, async (tx) => {
    await queueMessage(tx, alpha, greeting, { email: 'reader@example.com', locale: 'en' }, { name: 'Rita' }, 'page-greeting');
    await queueMessage(tx, alpha, signInCode, { email: 'reader@example.com', locale: 'en' }, { code: '605118' }, 'page-code');
  });
});
afterAll(() => p.close());

describe('delivery after a request', () => {
  it('a request that queued a message nudges delivery: draining the queue then handles it (kept, with no provider)', async () => {
    const client = new TestClient(p.app, ALPHA);
    await signInAs(p, client, 'alpha', 'vol@alpha.test');
    const res = await client.post('/p/thanks-test/thank');
    expect(res.status).toBe(200);
    expect(await messagesTo(p, 'thanked@example.com')).toMatchObject([{ kind: 'thanks-test.thanks', status: 'queued' }]);
    await p.jobs.drain();
    expect(await messagesTo(p, 'thanked@example.com')).toEqual([
      { kind: 'thanks-test.thanks', channel: 'email', subject: `Thanks from ${p.cities.alpha!.names.en}`, text: 'Thank you, Tao', status: 'kept' },
    ]);
  });
});

describe("the city admin's message list", () => {
  it('lists what was sent with status and a masked address, but never the body of a sensitive message', async () => {
    const client = new TestClient(p.app, ALPHA);
    await signInAs(p, client, 'alpha', 'admin@alpha.test');
    const html = await (await client.get('/admin/messages')).text();
    expect(html).toContain('test.greeting');
    expect(html).toContain('Hello Rita');
    expect(html).toContain('security.sign-in-code');
    expect(html).not.toContain('605118');
    expect(html).toContain('r***@example.com');
    expect(html).not.toContain('reader@example.com');
  });

  it("another city's admin never sees this city's messages", async () => {
    const client = new TestClient(p.app, BETA);
    await signInAs(p, client, 'beta', 'admin@beta.test');
    const res = await client.get('/admin/messages');
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).not.toContain('test.greeting');
    expect(html).not.toContain('Hello Rita');
  });

  it('is refused to a volunteer', async () => {
    const client = new TestClient(p.app, ALPHA);
    await signInAs(p, client, 'alpha', 'vol@alpha.test');
    expect((await client.get('/admin/messages')).status).toBe(403);
  });
});

describe("the operator's console", () => {
  it("lists a city's kept messages, newest first, readable unless sensitive", async () => {
    await p.jobs.send('messages.deliver');
    await p.jobs.drain();
    const client = new TestClient(p.app, 'http://localhost');
    expect((await client.post('/sign-in', { email: p.config.PLATFORM_ADMIN_EMAIL, password: p.config.PLATFORM_ADMIN_PASSWORD })).status).toBe(303);
    const html = await (await client.get(`/cities/${p.cities.alpha!.id}/messages`)).text();
    expect(html).toContain('已保留（未配置发送服务）');
    expect(html).toContain('Hello Rita');
    expect(html).not.toContain('605118');
    // Newest first: the code was queued after the greeting.
    expect(html.indexOf('security.sign-in-code')).toBeLessThan(html.indexOf('test.greeting'));
    const beta = await (await client.get(`/cities/${p.cities.beta!.id}/messages`)).text();
    expect(beta).not.toContain('Hello Rita');
    expect((await client.get('/cities/00000000-0000-7000-8000-000000000000/messages')).status).toBe(404);
  });
});

describe("a person's message settings", () => {
  const choicesOf = async () => {
    const alpha = p.cities.alpha!.id;
    return p.db.tenant(alpha, async (tx) => readChoices(tx, alpha, (await findUserByLogin(tx, alpha, 'vol@alpha.test'))!.id));
  };

  it('offers the city’s notice groups and says security messages cannot be turned off', async () => {
    const client = new TestClient(p.app, ALPHA);
    await signInAs(p, client, 'alpha', 'vol@alpha.test');
    const html = await (await client.get('/account/messages', { 'accept-language': 'en' })).text();
    expect(html).toContain('value="volunteering"');
    expect(html).toContain('value="thanks-test"');
    expect(html).toContain('cannot be turned off');
  });

  it('saves an opt-out, and the next notice of that group is not queued', async () => {
    const client = new TestClient(p.app, ALPHA);
    await signInAs(p, client, 'alpha', 'vol@alpha.test');
    const res = await client.follow(client.post('/account/messages', { channels: ['email', 'sms'], notices: ['volunteering'] }));
    expect(res.status).toBe(200);
    expect(await choicesOf()).toEqual({ channels: { email: true, sms: true }, optedOut: ['thanks-test'] });
    const alpha = p.cities.alpha!.id;
    const userId = (await p.db.tenant(alpha, (tx) => findUserByLogin(tx, alpha, 'vol@alpha.test')))!.id;
    await p.db.tenant(alpha, (tx) => queueMessage(tx, alpha, thanks, { userId }, { name: 'Vol' }, 'thank-optout'));
    expect(await messagesTo(p, 'vol@alpha.test')).toEqual([]);
  });

  it('refuses no channel at all while notices are on, beside the field, and changes nothing', async () => {
    const client = new TestClient(p.app, ALPHA);
    await signInAs(p, client, 'alpha', 'vol@alpha.test');
    const before = await choicesOf();
    const res = await client.post('/account/messages', { notices: ['volunteering'] }, { 'accept-language': 'en' });
    expect(res.status).toBe(400);
    expect(await res.text()).toMatch(/id="f-channels-error"[^>]*>Keep at least one way to reach you/);
    expect(await choicesOf()).toEqual(before);
  });

  it('refuses an unknown group and a post from another site (CSRF), changing nothing', async () => {
    const client = new TestClient(p.app, ALPHA);
    await signInAs(p, client, 'alpha', 'vol@alpha.test');
    const before = await choicesOf();
    expect((await client.post('/account/messages', { channels: ['email'], notices: ['made-up'] })).status).toBe(400);
    expect((await client.post('/account/messages', { channels: ['email'], notices: [] }, { origin: 'http://evil.example' })).status).toBe(403);
    expect(await choicesOf()).toEqual(before);
  });

  it('asks a visitor who is not signed in to sign in', async () => {
    const res = await new TestClient(p.app, ALPHA).get('/account/messages');
    expect(res.status).toBe(303);
  });
});
