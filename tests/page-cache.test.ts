import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../core/app.ts';
import { openDatabase, type Database } from '../core/db/database.ts';
import { createLogger } from '../core/http/logger.ts';
import { seedPlatformAccounts } from '../core/platform/seed.ts';
import { TestClient } from './support/client.ts';
import { examplePlugin } from './support/example-plugin.tsx';
import { startTestPlatform, type TestPlatform } from './support/platform.ts';
import { activity, citizen, completeProfile, organisation, origin, project, signedIn } from './volunteering/fixtures.ts';

/**
 * The page cache for visitors who are not signed in: the same page for every
 * such visitor of a city and language, until the city changes or the time runs
 * out. Changes made through services (not requests) are what a kept page hides,
 * which is how these tests tell a kept page from a fresh one.
 */
let p: TestPlatform;
let organiser: Awaited<ReturnType<typeof citizen>>;
let orgId: string;
const visitor = (slug = 'alpha') => new TestClient(p.app, origin(slug));
const names = (html: string) => [...html.matchAll(/<h2><a href="\/projects\/[^"]+">([^<]+)<\/a><\/h2>/g)].map((m) => m[1]);
const nonceOf = (res: Response) => /'nonce-([^']+)'/.exec(res.headers.get('content-security-policy') ?? '')?.[1];

beforeAll(async () => {
  p = await startTestPlatform({ plugins: [examplePlugin], env: { PAGE_CACHE_SECONDS: 300 } });
  organiser = await citizen(p, 'alpha', '缓存测试组织者');
  orgId = await organisation(p, 'alpha', organiser.id, '缓存测试机构');
});
afterAll(() => p.close());

describe(`page cache (${process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite'})`, () => {
  it('keeps a public page for visitors: a change made outside a request does not show yet', async () => {
    await project(p, 'alpha', orgId, organiser.id, { name: '缓存前项目', category: 'elder_care' });
    const first = await (await visitor().get('/projects?category=elder_care')).text();
    expect(names(first)).toContain('缓存前项目');
    await project(p, 'alpha', orgId, organiser.id, { name: '缓存后项目', category: 'elder_care' });
    const again = await (await visitor().get('/projects?category=elder_care')).text();
    expect(names(again)).toContain('缓存前项目');
    expect(names(again)).not.toContain('缓存后项目');
    // A different address (another filter) is its own page and is read fresh.
    const other = await (await visitor().get('/projects?category=elder_care&page=1')).text();
    expect(names(other)).toEqual(expect.arrayContaining(['缓存前项目', '缓存后项目']));
  });

  it('gives every answer its own CSP nonce, in the header and in the page', async () => {
    const one = await visitor().get('/');
    const two = await visitor().get('/');
    const [n1, n2] = [nonceOf(one), nonceOf(two)];
    expect(n1).toBeTruthy();
    expect(n2).toBeTruthy();
    expect(n1).not.toBe(n2);
    const html = await two.text();
    expect(html).toContain(`nonce="${n2}"`);
    expect(html).not.toContain(n1!);
    expect(two.headers.get('x-request-id')).not.toBe(one.headers.get('x-request-id'));
  });

  it('shows a change sent to the city at once: a sign-up moves the places taken on the activity page', async () => {
    const projectId = await project(p, 'alpha', orgId, organiser.id, { name: '报名缓存项目' });
    const activityId = await activity(p, 'alpha', projectId, organiser.id, { capacity: 10 });
    expect(await (await visitor().get(`/activities/${activityId}`)).text()).toContain('已报名 0 / 10 人');

    const volunteer = await citizen(p, 'alpha', '缓存测试志愿者');
    await completeProfile(p, 'alpha', volunteer.id, '缓存测试志愿者');
    const signup = await volunteer.client.post(`/activities/${activityId}/signup`);
    expect(signup.status).toBe(303);
    expect(await (await visitor().get(`/activities/${activityId}`)).text()).toContain('已报名 1 / 10 人');
  });

  it('never answers a signed-in visitor with a kept page', async () => {
    expect(await (await visitor().get('/')).text()).toContain('注册成为志愿者');
    const html = await (await organiser.client.get('/')).text();
    expect(html).not.toContain('注册成为志愿者');
    expect(html).toContain('缓存测试组织者');
  });

  it('keeps each language and each city apart', async () => {
    const zh = await (await visitor().get('/', { 'accept-language': 'zh-CN' })).text();
    const en = await (await visitor().get('/', { 'accept-language': 'en' })).text();
    expect(zh).toContain('<html lang="zh-CN">');
    expect(en).toContain('<html lang="en">');
    const beta = await (await visitor('beta').get('/')).text();
    expect(beta).toContain('乙市');
    expect(beta).not.toContain('甲市');
  });

  it('keeps the htmx fragment apart from the whole page at the same address', async () => {
    const whole = await (await visitor().get('/projects?category=legal_aid')).text();
    const fragment = await (await visitor().get('/projects?category=legal_aid', { 'hx-request': 'true' })).text();
    expect(whole).toContain('<html');
    expect(fragment.startsWith('<div id="project-results"')).toBe(true);
    expect(await (await visitor().get('/projects?category=legal_aid')).text()).toContain('<html');
  });

  it('serves a module to visitors the moment the city switches it on, and stops the moment it is switched off', async () => {
    const menu = async () => (await (await visitor().get('/')).text()).includes('>示例</a>');
    expect((await visitor().get('/p/example/')).status).toBe(404);
    expect(await menu()).toBe(false);
    const admin = await signedIn(p, 'alpha', 'admin@alpha.test');
    expect((await admin.client.post('/admin/plugins/example/enable')).status).toBe(303);
    expect((await visitor().get('/p/example/')).status).toBe(200);
    expect(await menu()).toBe(true);
    // Signed-in pages use the kept modules too, and stay signed in.
    expect((await admin.client.get('/p/example/')).status).toBe(200);
    expect((await admin.client.post('/admin/plugins/example/disable')).status).toBe(303);
    expect((await visitor().get('/p/example/')).status).toBe(404);
    expect(await menu()).toBe(false);
    expect((await admin.client.get('/p/example/')).status).toBe(404);
    expect(await (await admin.client.get('/')).text()).toContain('>退出</button>');
  });

  it('does not keep a page that is not found', async () => {
    const missing = '01900000-0000-7000-8000-000000000000';
    expect((await visitor().get(`/projects/${missing}`)).status).toBe(404);
    expect((await visitor().get(`/projects/${missing}`)).status).toBe(404);
  });
});

describe('page cache time limit', () => {
  let short: TestPlatform;
  beforeAll(async () => {
    short = await startTestPlatform({ env: { PAGE_CACHE_SECONDS: 1 } });
  });
  afterAll(() => short.close());

  it('reads the page afresh once its time is up', async () => {
    const who = await citizen(short, 'alpha', '时限组织者');
    const org = await organisation(short, 'alpha', who.id, '时限机构');
    const anonymous = () => new TestClient(short.app, origin('alpha'));
    await project(short, 'alpha', org, who.id, { name: '时限前', category: 'culture' });
    expect(names(await (await anonymous().get('/projects?category=culture')).text())).toContain('时限前');
    await project(short, 'alpha', org, who.id, { name: '时限后', category: 'culture' });
    expect(names(await (await anonymous().get('/projects?category=culture')).text())).not.toContain('时限后');
    await new Promise((r) => setTimeout(r, 1100));
    expect(names(await (await anonymous().get('/projects?category=culture')).text())).toContain('时限后');
  });
});

describe.skipIf(!process.env.DATABASE_URL)('page cache across processes (PostgreSQL NOTIFY)', () => {
  let other: { app: ReturnType<typeof createApp>['app']; db: Database };
  beforeAll(async () => {
    // A second platform process on the same database: its own connections and its own cache.
    const db = await openDatabase({ url: p.url!, maxConnections: 2 });
    const second = createApp({ db, config: p.config, logger: createLogger('silent'), plugins: [] });
    await Promise.all([second.changes.connect(db, createLogger('silent')), p.changes.connect(p.db, createLogger('silent'))]);
    other = { app: second.app, db };
  });
  afterAll(() => other.db.close());

  it('shows citizens the 503 page at once in every process when the console suspends their city', async () => {
    const { PLATFORM_ADMIN_EMAIL: email, PLATFORM_ADMIN_PASSWORD: password } = p.config;
    await seedPlatformAccounts(p.db, { operatorEmail: email, operatorPassword: password, demo: false, pluginIds: [] });
    const operator = new TestClient(p.app, 'http://localhost');
    expect((await operator.post('/sign-in', { email, password })).status).toBe(303);
    const beta = p.cities.beta!;
    const onOther = async () => (await other.app.request('http://beta.localhost/')).status;
    expect(await onOther()).toBe(200);
    expect((await operator.post(`/cities/${beta.id}/suspend`)).status).toBe(303);
    await expect.poll(onOther, { timeout: 5000, interval: 50 }).toBe(503);
    expect((await operator.post(`/cities/${beta.id}/resume`)).status).toBe(303);
    await expect.poll(onOther, { timeout: 5000, interval: 50 }).toBe(200);
  });

  it('forgets a city’s kept pages when another process takes a change for that city', async () => {
    const projectId = await project(p, 'alpha', orgId, organiser.id, { name: '跨进程项目' });
    const activityId = await activity(p, 'alpha', projectId, organiser.id, { capacity: 5 });
    const onOther = () => new TestClient(other.app, origin('alpha')).get(`/activities/${activityId}`).then((r) => r.text());
    expect(await onOther()).toContain('已报名 0 / 5 人');

    const volunteer = await citizen(p, 'alpha', '跨进程志愿者');
    await completeProfile(p, 'alpha', volunteer.id, '跨进程志愿者');
    expect((await volunteer.client.post(`/activities/${activityId}/signup`)).status).toBe(303);
    await expect.poll(onOther, { timeout: 5000, interval: 50 }).toContain('已报名 1 / 5 人');
  });
});
