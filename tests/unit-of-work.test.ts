import { and, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf, type Tx } from '../core/db/database.ts';
import { commitWork, definePlugin, pluginContext } from '../core/plugin-api.ts';
import { setPluginEnablement } from '../core/plugins/enablement.ts';
import { districts } from '../core/volunteering/shared/schema.ts';
import { serviceRecords } from '../core/volunteering/records/schema.ts';
import { TestClient } from './support/client.ts';
import { startTestPlatform, type TestPlatform } from './support/platform.ts';
import { signInAs } from './support/sign-in.ts';
import { countTransactions } from './support/transaction-count.ts';
import { THEME_PATH } from '../views/static.ts';
import { citizen, organisation, project, serviceRecord } from './volunteering/fixtures.ts';

const txid = async (tx: Tx) => rowsOf<{ id: string }>(await tx.execute(sql`select txid_current()::text as id`))[0]!.id;
const addDistrict = (tx: Tx, tenantId: string, name: string) => tx.insert(districts).values({ tenantId, name, position: 90 });

/** Handlers that write and then fail, redirect, commit or catch, to show what the request's unit of work keeps. */
const probe = definePlugin({
  id: 'unit-probe',
  version: '1.0.0',
  name: { 'zh-CN': '事务探针', en: 'Unit probe' },
  settings: z.object({}),
  routes: (app) => {
    const nameOf = async (c: { req: { parseBody(): Promise<Record<string, unknown>> } }) => String((await c.req.parseBody()).name);
    app.post('/write-then-throw', async (c) => {
      const name = await nameOf(c);
      await pluginContext(c).work(({ tx, tenantId }) => addDistrict(tx, tenantId, name));
      throw new Error('fails after the write');
    });
    app.post('/write-then-redirect', async (c) => {
      const name = await nameOf(c);
      await pluginContext(c).work(({ tx, tenantId }) => addDistrict(tx, tenantId, name));
      return c.redirect('/p/unit-probe/districts', 303);
    });
    app.get('/districts', async (c) => c.json(await pluginContext(c).work(({ tx, tenantId }) => tx.select({ name: districts.name }).from(districts).where(eq(districts.tenantId, tenantId)))));
    app.get('/transactions', async (c) => {
      const outer = await pluginContext(c).work(async ({ tx }) => ({ outer: await txid(tx), nested: await pluginContext(c).work(({ tx: inner }) => txid(inner)) }));
      const next = await pluginContext(c).work(({ tx }) => txid(tx));
      await commitWork(c);
      const afterCommit = await pluginContext(c).work(({ tx }) => txid(tx));
      return c.json({ ...outer, next, afterCommit });
    });
    app.post('/commit-then-throw', async (c) => {
      const name = await nameOf(c);
      await pluginContext(c).work(({ tx, tenantId }) => addDistrict(tx, tenantId, `${name}-kept`));
      // What a handler does before calling an outside service: keep what is done so far.
      await commitWork(c);
      await pluginContext(c).work(({ tx, tenantId }) => addDistrict(tx, tenantId, `${name}-lost`));
      throw new Error('fails after the commit');
    });
    app.post('/commit-with-last', async (c) => {
      const { name, again } = (await c.req.parseBody()) as Record<string, string>;
      // The last statement sent and not waited for, the commit right behind it (as the child-care list sends its access entry).
      const last = await pluginContext(c).work(async ({ tx, tenantId }) => {
        await addDistrict(tx, tenantId, `${name}-first`);
        return { sent: addDistrict(tx, tenantId, again === 'yes' ? `${name}-first` : `${name}-last`) };
      });
      await commitWork(c, last.sent);
      return c.json({ committed: true });
    });
    app.post('/savepoint', async (c) => {
      const name = await nameOf(c);
      const taken = await pluginContext(c).work(async ({ tx, tenantId }) => {
        await addDistrict(tx, tenantId, name);
        // The same name again fails; in a savepoint the failure spoils only the savepoint, not the request.
        const again = await tx.transaction((sp) => addDistrict(sp, tenantId, name)).then(
          () => false,
          () => true,
        );
        await addDistrict(tx, tenantId, `${name}-after`);
        return again;
      });
      return c.json({ taken });
    });
  },
});

let p: TestPlatform;
let begins: ReturnType<typeof countTransactions>;
let alpha: TestClient;
const namesIn = async (slug: string) =>
  p.db.tenant(p.cities[slug]!.id, async (tx) => (await tx.select({ name: districts.name }).from(districts).where(eq(districts.tenantId, p.cities[slug]!.id))).map((d) => d.name));

beforeAll(async () => {
  // The page cache on, as deployed: only visitors' pages are kept, and every other request here is signed in.
  p = await startTestPlatform({ plugins: [probe], env: { PAGE_CACHE_SECONDS: 60 } });
  for (const city of Object.values(p.cities)) await p.db.tenant(city.id, (tx) => setPluginEnablement(tx, city.id, probe, { enabled: true, changedBy: 'test' }));
  alpha = new TestClient(p.app, 'http://alpha.localhost');
  await signInAs(p, alpha, 'alpha', 'admin@alpha.test');
  begins = countTransactions(p.db);
});
afterAll(() => p.close());

describe(`one tenant unit of work per request (${process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite'})`, () => {
  it('rolls the whole request back when it fails after a write: an error page, and nothing written', async () => {
    const res = await alpha.post('/p/unit-probe/write-then-throw', { name: '失败区' });
    expect(res.status).toBe(500);
    expect(await res.text()).toContain('<h1');
    expect(await namesIn('alpha')).not.toContain('失败区');
  });

  it('commits before a redirect leaves: the next request sees the write', async () => {
    const res = await alpha.post('/p/unit-probe/write-then-redirect', { name: '新建区' });
    expect(res.status).toBe(303);
    const next = await alpha.get(res.headers.get('location')!);
    expect(await next.json()).toContainEqual({ name: '新建区' });
  });

  it('runs nested and later work of a request in one transaction, and a fresh one after a commit', async () => {
    const seen = (await (await alpha.get('/p/unit-probe/transactions')).json()) as Record<string, string>;
    expect(seen.nested).toBe(seen.outer);
    expect(seen.next).toBe(seen.outer);
    expect(seen.afterCommit).not.toBe(seen.outer);
  });

  it('keeps what a handler committed before it failed, and rolls back only what came after', async () => {
    const res = await alpha.post('/p/unit-probe/commit-then-throw', { name: '网关' });
    expect(res.status).toBe(500);
    const names = await namesIn('alpha');
    expect(names).toContain('网关-kept');
    expect(names).not.toContain('网关-lost');
  });

  it('commits a last statement sent with the commit: both writes are there', async () => {
    const res = await alpha.post('/p/unit-probe/commit-with-last', { name: '随提交', again: 'no' });
    expect(await res.json()).toEqual({ committed: true });
    expect(await namesIn('alpha')).toEqual(expect.arrayContaining(['随提交-first', '随提交-last']));
  });

  it('commits nothing when the last statement sent with the commit fails: an error page, and neither write', async () => {
    // The same name twice breaks the districts' unique name: the server answers COMMIT by rolling back.
    const res = await alpha.post('/p/unit-probe/commit-with-last', { name: '随提交败', again: 'yes' });
    expect(res.status).toBe(500);
    expect(await namesIn('alpha')).not.toContain('随提交败-first');
  });

  it('carries on after a failed statement caught in a savepoint, keeping the rest of the request', async () => {
    const res = await alpha.post('/p/unit-probe/savepoint', { name: '重名区' });
    expect(await res.json()).toEqual({ taken: true });
    expect(await namesIn('alpha')).toEqual(expect.arrayContaining(['重名区', '重名区-after']));
  });

  it('begins exactly one transaction for a signed-in page: the visitor and the page together', async () => {
    await alpha.get('/account'); // the city is looked up once, then kept
    begins.reset();
    const res = await alpha.get('/account');
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('甲管理');
    expect(begins.begun).toBe(1);
  });

  it('begins exactly one transaction to verify hours by form post, redirect included', async () => {
    const organiser = await citizen(p, 'alpha', '核实人');
    const volunteer = await citizen(p, 'alpha', '服务者', { profile: true });
    const orgId = await organisation(p, 'alpha', organiser.id);
    const recordId = await serviceRecord(p, 'alpha', volunteer.id, await project(p, 'alpha', orgId, organiser.id));
    await organiser.client.get('/account');
    begins.reset();
    const res = await organiser.client.post(`/records/${recordId}/verify`, { hours: '', minutes: '' });
    expect(res.status).toBe(303);
    expect(begins.begun).toBe(1);
    const [record] = await p.db.tenant(p.cities.alpha!.id, (tx) =>
      tx.select({ status: serviceRecords.status }).from(serviceRecords).where(and(eq(serviceRecords.tenantId, p.cities.alpha!.id), eq(serviceRecords.id, recordId))),
    );
    expect(record!.status).toBe('verified');
  });

  it('begins none for a static asset, nor for a page the page cache answers', async () => {
    const first = await p.app.request('http://alpha.localhost/projects');
    expect(first.status).toBe(200);
    begins.reset();
    const again = await p.app.request('http://alpha.localhost/projects');
    expect(again.status).toBe(200);
    const asset = await p.app.request(`http://alpha.localhost${THEME_PATH}`);
    expect(asset.status).toBe(200);
    expect(begins.begun).toBe(0);
  });
});
