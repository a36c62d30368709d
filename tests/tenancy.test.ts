import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPlatform, type TestPlatform } from './support/platform.ts';
import { setTenantStatus } from '../core/tenancy/service.ts';

let p: TestPlatform;
beforeAll(async () => {
  p = await startTestPlatform();
});
afterAll(() => p.close());

describe('tenant resolution', () => {
  it('serves a city on <slug>.<platform domain> with its own branding', async () => {
    const res = await p.app.request('http://alpha.localhost/');
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('<title>首页 · 甲市</title>');
    expect(html).toContain('--brand:#123456');
    expect(html).toContain('甲市志愿 页脚');
  });

  it('serves a city on its custom domain', async () => {
    const html = await (await p.app.request('http://volunteer.alpha.test/')).text();
    expect(html).toContain('甲市');
  });

  it('serves a city through /t/<slug>/ with links that keep the prefix', async () => {
    const res = await p.app.request('http://localhost/t/beta/');
    const html = await res.text();
    expect(res.status).toBe(200);
    expect(html).toContain('乙市');
    expect(html).toContain('href="/t/beta/sign-in"');
  });

  it('gives an unknown host a 404 page, never a default city', async () => {
    for (const url of ['http://nowhere.localhost/', 'http://evil.example/', 'http://localhost/t/nowhere/']) {
      const res = await p.app.request(url);
      expect(res.status).toBe(404);
      const html = await res.text();
      expect(html).not.toContain('甲市');
      expect(html).not.toContain('乙市');
    }
  });

  it('reads the site from the address whatever its port, case, query or trailing slash', async () => {
    const onPort = await p.app.request('http://ALPHA.localhost:8080/projects/?page=1');
    expect(onPort.status).toBe(200);
    const html = await onPort.text();
    expect(html).toContain('甲市');
    // The language switch sends the visitor back to the same page, query included.
    expect(html).toContain('name="back" value="/projects?page=1"');
    const throughPrefix = await p.app.request('http://127.0.0.1:3000/t/beta?x=1');
    expect(throughPrefix.status).toBe(200);
    expect(await throughPrefix.text()).toContain('乙市');
    const unknown = await p.app.request('http://nowhere.localhost:8080/');
    expect(unknown.status).toBe(404);
    expect(await unknown.text()).toContain('nowhere.localhost:8080');
  });

  it('shows citizens a 503 page while a city is suspended, and the site again once resumed', async () => {
    await p.db.platform((tx) => setTenantStatus(tx, p.cities.beta!.id, 'suspended'));
    p.resolver.invalidate();
    const res = await p.app.request('http://beta.localhost/');
    expect(res.status).toBe(503);
    expect(await res.text()).toContain('暂停服务');
    // its administrators can still sign in, by password or passkey, to see why
    expect((await p.app.request('http://beta.localhost/sign-in')).status).toBe(200);
    const passkey = await p.app.request('http://beta.localhost/passkeys/sign-in/options', {
      method: 'POST',
      body: '{}',
      headers: { 'content-type': 'application/json', origin: 'http://beta.localhost' },
    });
    expect(passkey.status).toBe(200);
    await p.db.platform((tx) => setTenantStatus(tx, p.cities.beta!.id, 'active'));
    p.resolver.invalidate();
    expect((await p.app.request('http://beta.localhost/')).status).toBe(200);
  });

  it('speaks English when the browser asks for it, and Chinese by default', async () => {
    const en = await (await p.app.request('http://alpha.localhost/', { headers: { 'accept-language': 'en-US,en;q=0.9' } })).text();
    expect(en).toContain('<html lang="en">');
    expect(en).toContain('Alpha City');
    const zh = await (await p.app.request('http://alpha.localhost/')).text();
    expect(zh).toContain('<html lang="zh-CN">');
  });
});

describe('HTTP plumbing', () => {
  it('sends a nonce CSP, one-year HSTS and a request id on every response', async () => {
    const res = await p.app.request('http://alpha.localhost/');
    const csp = res.headers.get('content-security-policy') ?? '';
    const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
    expect(nonce).toBeTruthy();
    expect(await res.text()).toContain(`nonce="${nonce}"`);
    expect(res.headers.get('strict-transport-security')).toContain('max-age=31536000');
    expect(res.headers.get('x-request-id')).toBeTruthy();
  });

  it('answers health and readiness checks', async () => {
    expect((await p.app.request('http://alpha.localhost/healthz')).status).toBe(200);
    const ready = await p.app.request('http://localhost/readyz');
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ready' });
  });

  it('serves htmx from our own origin at a versioned path with long caching', async () => {
    const html = await (await p.app.request('http://alpha.localhost/')).text();
    const src = /<script src="(\/static\/htmx-4\.[^"]+)"/.exec(html)?.[1];
    expect(src).toBeTruthy();
    const js = await p.app.request(`http://alpha.localhost${src}`);
    expect(js.status).toBe(200);
    expect(js.headers.get('cache-control')).toContain('immutable');
    expect((await js.text()).length).toBeGreaterThan(10_000);
  });

  it('refuses a cross-site form post with a 403 page', async () => {
    const res = await p.app.request('http://alpha.localhost/locale', {
      method: 'POST',
      body: new URLSearchParams({ locale: 'en' }),
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'http://beta.localhost' },
    });
    expect(res.status).toBe(403);
    expect(res.headers.get('set-cookie') ?? '').not.toContain('lang=en');
    expect(await res.text()).toContain('未做任何更改');
  });

  it('refuses a body over the size limit with a 413 page', async () => {
    const res = await p.app.request('http://alpha.localhost/locale', {
      method: 'POST',
      body: 'x='.padEnd(2 * 1024 * 1024, 'a'),
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'http://alpha.localhost' },
    });
    expect(res.status).toBe(413);
  });

  it('shows a 404 page for an unknown path of a known city', async () => {
    const res = await p.app.request('http://alpha.localhost/no/such/page');
    expect(res.status).toBe(404);
    expect(await res.text()).toContain('页面不存在');
  });
});
