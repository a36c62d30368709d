import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPlatform, type TestPlatform } from './support/platform.ts';

/**
 * A city reached through `/t/<slug>/` on the console's host shares the console's
 * origin (cookies, passkeys, CSRF checks): under HTTPS, as in production, that
 * path is off unless SLUG_PATH_FALLBACK=1 asks for it.
 */
describe('the /t/<slug>/ fallback under HTTPS', () => {
  let p: TestPlatform;
  beforeAll(async () => {
    p = await startTestPlatform({ env: { PUBLIC_SCHEME: 'https' } });
  });
  afterAll(() => p.close());

  it('is a 404 on the console host and shows no city, while the city keeps its own host', async () => {
    for (const url of ['https://localhost/t/alpha/', 'https://localhost/t/alpha/sign-in', 'https://127.0.0.1/t/beta/']) {
      const res = await p.app.request(url);
      expect(res.status, url).toBe(404);
      const html = await res.text();
      expect(html).not.toContain('甲市');
      expect(html).not.toContain('乙市');
    }
    const signIn = await p.app.request('https://localhost/t/alpha/sign-in', {
      method: 'POST',
      body: new URLSearchParams({ login: 'vol@alpha.test', password: 'password-123' }),
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'https://localhost' },
    });
    expect(signIn.status).toBe(404);
    expect(signIn.headers.getSetCookie().some((c) => c.includes('session='))).toBe(false);

    const own = await p.app.request('https://alpha.localhost/');
    expect(own.status).toBe(200);
    expect(await own.text()).toContain('甲市');
  });
});

describe('the /t/<slug>/ fallback set on with SLUG_PATH_FALLBACK=1', () => {
  let p: TestPlatform;
  beforeAll(async () => {
    p = await startTestPlatform({ env: { PUBLIC_SCHEME: 'https', SLUG_PATH_FALLBACK: '1' } });
  });
  afterAll(() => p.close());

  it('serves the city under HTTPS with links that keep the prefix', async () => {
    const res = await p.app.request('https://localhost/t/beta/');
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('乙市');
    expect(html).toContain('href="/t/beta/sign-in"');
  });
});

describe('the /t/<slug>/ fallback off with SLUG_PATH_FALLBACK=0', () => {
  let p: TestPlatform;
  beforeAll(async () => {
    p = await startTestPlatform({ env: { SLUG_PATH_FALLBACK: '0' } });
  });
  afterAll(() => p.close());

  it('is a 404 on plain HTTP too, and the console still answers', async () => {
    expect((await p.app.request('http://localhost/t/beta/')).status).toBe(404);
    expect((await p.app.request('http://beta.localhost/')).status).toBe(200);
    expect((await p.app.request('http://localhost/sign-in')).status).toBe(200);
  });
});
