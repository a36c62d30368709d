import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPlatform, type TestPlatform } from './support/platform.ts';
import { Visitor } from './support/visitor.ts';

const ALPHA = 'http://alpha.localhost';
const CONSOLE = 'http://localhost';

let p: TestPlatform;
beforeAll(async () => {
  p = await startTestPlatform({ env: { TRUST_PROXY: '1' } });
});
afterAll(() => p.close());

/** Targets that browsers (or a sloppy check) take to another site, or that are not a path at all. */
const HOSTILE = [
  '//evil.example/',
  '/\\evil.example',
  '\\/evil.example',
  '\\\\evil.example',
  'https://evil.example/',
  'http:evil.example',
  'javascript:alert(1)',
  ' //evil.example',
  '/\t/evil.example',
  '/\n/evil.example',
  '/\r\n/evil.example',
  '/..//evil.example',
  '/%2e%2e//evil.example',
  '/a/../..//evil.example',
  'evil.example',
];

/** Where the browser lands after following `location` from `origin`. */
function landsOn(origin: string, location: string | null): URL {
  expect(location).not.toBeNull();
  return new URL(location!, origin);
}

describe('every redirect target that comes from a visitor stays on the site', () => {
  it('POST /locale goes back to the page it came from, and only ever to a page of this site', async () => {
    const v = new Visitor(p.app, ALPHA);
    for (const back of HOSTILE) {
      const res = await v.post('/locale', { locale: 'en', back });
      expect(res.status).toBe(303);
      expect(res.headers.get('location'), back).toBe('/');
    }
    // An encoded backslash is an ordinary path here: it stays on the site.
    const encoded = landsOn(ALPHA, (await v.post('/locale', { locale: 'en', back: '/%5Cevil.example' })).headers.get('location'));
    expect(encoded.origin).toBe(ALPHA);
    expect((await v.post('/locale', { locale: 'en', back: '/projects?page=2#list' })).headers.get('location')).toBe('/projects?page=2#list');
  });

  it('the fallback path keeps its city prefix and nothing else', async () => {
    const v = new Visitor(p.app, CONSOLE);
    for (const back of HOSTILE) {
      const res = await v.post('/t/alpha/locale', { locale: 'en', back });
      expect(res.headers.get('location'), back).toBe('/t/alpha/');
    }
  });

  it('sign-in sends the visitor to `next` only when it is a page of this site', async () => {
    for (const next of HOSTILE) {
      const res = await new Visitor(p.app, ALPHA).signIn('vol@alpha.test', 'password-123', next);
      expect(res.status).toBe(303);
      expect(res.headers.get('location'), next).toBe('/');
    }
    expect((await new Visitor(p.app, ALPHA).signIn('vol@alpha.test', 'password-123', '/volunteer/hours')).headers.get('location')).toBe('/volunteer/hours');
  });

  it('the sign-in form never carries a hostile `next` into its hidden field', async () => {
    for (const next of HOSTILE) {
      const html = await (await new Visitor(p.app, ALPHA).get(`/sign-in?next=${encodeURIComponent(next)}`)).text();
      expect(html, next).toContain('name="next" value="/"');
    }
  });

  it('the console sign-in keeps operators on the console', async () => {
    for (const next of HOSTILE) {
      const v = new Visitor(p.app, CONSOLE);
      const html = await (await v.get(`/sign-in?next=${encodeURIComponent(next)}`)).text();
      expect(html, next).toContain('name="next" value="/"');
    }
  });
});
