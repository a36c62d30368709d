import { eq, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf } from '../core/db/database.ts';
import { newId } from '../core/db/ids.ts';
import { users } from '../core/db/schema/identity.ts';
import { definePlugin, pluginContext } from '../core/plugin-api.ts';
import { setPluginEnablement } from '../core/plugins/enablement.ts';
import { startTestPlatform, type TestPlatform } from './support/platform.ts';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * On Citus a tenant's query must name its city: one that does not is refused (tested below) rather
 * than read every shard. Elsewhere the probe leaves the city out, so row-level security alone confines it.
 */
const namedOnCitus = (tenantId: string): SQL | undefined => (p.db.distributed ? eq(users.tenantId, tenantId) : undefined);
/** Citus's refusal of a tenant's statement that would reach other cities' shards. */
const refusedAsMultiShard = { cause: { message: expect.stringMatching(/multi-task query/) } };

/** Reports what the database shows a request's unit of work: its tenant setting (twice, with pauses) and the users it can see. */
const probe = definePlugin({
  id: 'probe',
  version: '1.0.0',
  name: { 'zh-CN': '探针', en: 'Probe' },
  settings: z.object({}),
  routes: (app) =>
    app.get('/', async (c) => {
      const seen = await pluginContext(c).work(async ({ tx, tenantId }) => {
        const setting = async () =>
          rowsOf<{ t: string }>(await tx.execute(sql`select current_setting('app.tenant_id', true) as t`))[0]!.t;
        const before = await setting();
        await sleep(Math.random() * 5);
        const visible = await tx.select({ tenantId: users.tenantId, email: users.email }).from(users).where(namedOnCitus(tenantId));
        await sleep(Math.random() * 5);
        return { before, visible, after: await setting() };
      });
      return c.json(seen);
    }),
});

let p: TestPlatform;
let alpha: string;
let beta: string;
beforeAll(async () => {
  p = await startTestPlatform({ plugins: [probe] });
  alpha = p.cities.alpha!.id;
  beta = p.cities.beta!.id;
  for (const id of [alpha, beta]) {
    await p.db.tenant(id, (tx) => setPluginEnablement(tx, id, probe, { enabled: true, changedBy: 'test' }));
  }
});
afterAll(() => p.close());

describe(`tenant isolation (${process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite'})`, () => {
  it('runs tenant work as the app role, not the owner', async () => {
    const [row] = rowsOf<{ role: string; superuser: string }>(
      await p.db.tenant(alpha, (tx) => tx.execute(sql`select current_user as role, current_setting('is_superuser') as superuser`)),
    );
    expect(row).toEqual({ role: 'vc_app', superuser: 'off' });
  });

  it('shows a query with no tenant filter only the current tenant’s rows (on Citus: refuses it)', async () => {
    if (p.db.distributed) {
      await expect(p.db.tenant(alpha, (tx) => tx.select().from(users))).rejects.toMatchObject(refusedAsMultiShard);
      return;
    }
    const seen = await p.db.tenant(alpha, (tx) => tx.select().from(users));
    expect(seen.length).toBe(2);
    expect(new Set(seen.map((u) => u.tenantId))).toEqual(new Set([alpha]));
    const everything = await p.db.platform((tx) => tx.select().from(users));
    expect(everything.length).toBe(4);
  });

  it('refuses to write a row for another tenant', async () => {
    await expect(
      p.db.tenant(alpha, (tx) => tx.insert(users).values({ tenantId: beta, id: newId(), name: 'intruder', email: 'x@beta.test' })),
    ).rejects.toThrow();
    const betaUsers = await p.db.tenant(beta, (tx) => tx.select().from(users).where(eq(users.tenantId, beta)));
    expect(betaUsers.map((u) => u.name)).not.toContain('intruder');
  });

  it('cannot update or delete another tenant’s rows', async () => {
    const everywhere = p.db.tenant(alpha, async (tx) => {
      await tx.update(users).set({ name: 'renamed' });
      await tx.execute(sql`delete from user_roles`);
    });
    if (p.db.distributed) await expect(everywhere).rejects.toMatchObject(refusedAsMultiShard);
    else await everywhere;
    const betaUsers = await p.db.tenant(beta, (tx) => tx.select().from(users).where(eq(users.tenantId, beta)));
    expect(betaUsers.map((u) => u.name)).not.toContain('renamed');
    const betaRoles = rowsOf(await p.db.tenant(beta, (tx) => tx.execute(sql`select * from user_roles where tenant_id = ${beta}`)));
    expect(betaRoles.length).toBe(2);
  });

  it('sees nothing at all when no tenant is set', async () => {
    const seen = await p.db.platform(async (tx) => {
      await tx.execute(sql`select set_config('role', 'vc_app', true)`);
      return rowsOf(await tx.execute(sql`select * from users`));
    });
    expect(seen).toEqual([]);
  });

  it('leaves no tenant setting behind on the connection after a transaction', async () => {
    await p.db.tenant(alpha, async () => undefined);
    const [row] = rowsOf<{ t: string | null; role: string }>(
      await p.db.platform((tx) => tx.execute(sql`select current_setting('app.tenant_id', true) as t, current_user as role`)),
    );
    expect(row!.t ?? '').toBe('');
    expect(row!.role).not.toBe('vc_app');
  });

  it('keeps concurrent requests of two cities apart: neither sees the other’s rows or setting', async () => {
    const requests = Array.from({ length: 40 }, (_, i): [string, string] => (i % 2 === 0 ? ['alpha', alpha] : ['beta', beta]));
    const results = await Promise.all(
      requests.map(async ([slug, id]) => {
        const res = await p.app.request(`http://${slug}.localhost/p/probe/`);
        expect(res.status).toBe(200);
        return { id, seen: (await res.json()) as { before: string; after: string; visible: { tenantId: string }[] } };
      }),
    );
    for (const { id, seen } of results) {
      expect(seen.before).toBe(id);
      expect(seen.after).toBe(id);
      expect(seen.visible.length).toBe(2);
      expect(seen.visible.every((u) => u.tenantId === id)).toBe(true);
    }    // Each request's unit of work has ended, and with it its settings: the connection is back to no city.
    const [row] = rowsOf<{ t: string | null; role: string }>(
      await p.db.platform((tx) => tx.execute(sql`select current_setting('app.tenant_id', true) as t, current_user as role`)),
    );
    expect(row!.t ?? '').toBe('');
    expect(row!.role).not.toBe('vc_app');
  });
});
