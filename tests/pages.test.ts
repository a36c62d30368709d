import { z } from 'zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { definePlugin } from '../core/plugin-api.ts';
import { setPluginEnablement } from '../core/plugins/enablement.ts';
import { TestClient } from './support/client.ts';
import { startTestPlatform, type TestPlatform } from './support/platform.ts';

const broken = definePlugin({
  id: 'broken',
  version: '1.0.0',
  name: { 'zh-CN': '故障', en: 'Broken' },
  settings: z.object({}),
  routes: (app) =>
    app.get('/', () => {
      throw new Error('secret internal detail at /srv/app/db.ts:42');
    }),
});

let p: TestPlatform;
beforeAll(async () => {
  p = await startTestPlatform({ plugins: [broken] });
  const alpha = p.cities.alpha!.id;
  await p.db.tenant(alpha, (tx) => setPluginEnablement(tx, alpha, broken, { enabled: true, changedBy: 'test' }));
});
afterAll(() => p.close());

describe('error pages', () => {
  it('shows a 500 page with a reference and never the error or a stack trace', async () => {
    const res = await p.app.request('http://alpha.localhost/p/broken/');
    expect(res.status).toBe(500);
    const html = await res.text();
    const requestId = res.headers.get('x-request-id')!;
    expect(html).toContain('出错了');
    expect(html).toContain(requestId);
    expect(html).not.toContain('secret internal detail');
    expect(html).not.toMatch(/at .+\.ts:\d+/);
    // still the city's branded page
    expect(html).toContain('甲市');
  });

  it('keeps the site working after an error', async () => {
    await p.app.request('http://alpha.localhost/p/broken/');
    expect((await p.app.request('http://alpha.localhost/')).status).toBe(200);
  });
});

describe('language choice', () => {
  it('switches to English by a form post, remembers it in a cookie and returns to the page', async () => {
    const client = new TestClient(p.app, 'http://alpha.localhost');
    const res = await client.post('/locale', { locale: 'en', back: '/no-such-page?x=1' });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/no-such-page?x=1');
    const html = await (await client.get('/')).text();
    expect(html).toContain('<html lang="en">');
    expect(html).toContain('Welcome to Alpha City');
    // the cookie wins over the browser's language
    const again = await (await client.get('/', { 'accept-language': 'zh-CN' })).text();
    expect(again).toContain('<html lang="en">');
  });

  it('never redirects off the site', async () => {
    const client = new TestClient(p.app, 'http://alpha.localhost');
    const res = await client.post('/locale', { locale: 'en', back: '//evil.example/' });
    expect(res.headers.get('location')).toBe('/');
  });

  it('keeps the /t/<slug> prefix when switching on the fallback path', async () => {
    const client = new TestClient(p.app, 'http://localhost');
    const res = await client.post('/t/alpha/locale', { locale: 'en', back: '/' });
    expect(res.headers.get('location')).toBe('/t/alpha/');
  });
});
