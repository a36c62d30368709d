import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyLedger } from '../../../core/ledger/verify.ts';
import { syncTenants } from '../../../core/tenancy/sync.ts';
import type { Tenant } from '../../../core/tenancy/tenant.ts';
import { verifiedServiceRecords } from '../../../core/volunteering/records/verification.ts';
import { plugins as shippedPlugins } from '../../../plugins/index.ts';
import { timeBankPlugin } from '../../../plugins/time-bank/index.ts';
import { timeBankEarnings, timeBankItems, timeBankListings } from '../../../plugins/time-bank/schema.ts';
import qionghai from '../../../tenants/qionghai.ts';
import xiamen from '../../../tenants/xiamen.ts';
import yuexiu from '../../../tenants/yuexiu.ts';
import { enable } from './helpers.ts';
import { TestClient } from '../../support/client.ts';
import { startTestPlatform, type TestPlatform } from '../../support/platform.ts';
import { mainOf, origin } from '../../volunteering/fixtures.ts';
import { pluginContextIn } from '../../support/plugin-work.ts';

let p: TestPlatform;
let cities: Tenant[];
beforeAll(async () => {
  p = await startTestPlatform({ plugins: shippedPlugins });
  cities = await syncTenants(p.db, [xiamen, qionghai], { registry: p.registry, seedDemo: true });
});
afterAll(() => p.close());

const state = (city: Tenant) =>
  p.db.tenant(city.id, async (tx) => ({
    verified: await verifiedServiceRecords(tx, city.id),
    earnings: await tx.select().from(timeBankEarnings).where(eq(timeBankEarnings.tenantId, city.id)),
    items: await tx.select().from(timeBankItems).where(eq(timeBankItems.tenantId, city.id)),
    listings: await tx.select().from(timeBankListings).where(and(eq(timeBankListings.tenantId, city.id))),
  }));

describe(`time bank demo data (${process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite'})`, () => {
  it('gives Xiamen and Qionghai credits for every verified record, a catalogue and a few posts', async () => {
    for (const city of cities) {
      const s = await state(city);
      expect(s.verified.length).toBeGreaterThan(5);
      expect(s.earnings.map((e) => e.recordId).sort()).toEqual(s.verified.map((v) => v.recordId).sort());
      expect(s.items.length).toBe(4);
      expect(s.items.some((i) => i.stock === 0)).toBe(true);
      expect(s.listings.length).toBe(3);
      expect((await p.db.tenant(city.id, (tx) => verifyLedger(tx, city.id))).ok).toBe(true);
    }
    expect(await mainOf(await new TestClient(p.app, origin('qionghai')).get('/p/time-bank/'))).toContain('1 椰子币');
    const visitor = new TestClient(p.app, origin('qionghai'));
    expect(await mainOf(await visitor.get('/p/time-bank/catalogue'))).toContain('上门助浴服务一次');
  });

  it('seeds again without adding anything', async () => {
    const before = await Promise.all(cities.map(state));
    const seed = timeBankPlugin.seed!;
    for (const city of cities) {
      await p.db.tenant(city.id, (tx) => seed(pluginContextIn(timeBankPlugin, tx, city)));
    }
    const after = await Promise.all(cities.map(state));
    expect(after.map((s) => [s.earnings.length, s.items.length, s.listings.length])).toEqual(before.map((s) => [s.earnings.length, s.items.length, s.listings.length]));
  });

  it('catches up a city that enabled the time bank after its hours were verified', async () => {
    const [city] = await syncTenants(p.db, [yuexiu], { registry: p.registry, seedDemo: true });
    expect((await state(city!)).earnings).toEqual([]);
    p.cities.yuexiu = city!;
    await enable(p, 'yuexiu');
    await p.db.tenant(city!.id, (tx) => timeBankPlugin.seed!(pluginContextIn(timeBankPlugin, tx, city!)));
    const s = await state(city!);
    expect(s.earnings.length).toBeGreaterThan(0);
    expect(s.earnings.length).toBe(s.verified.length);
  });
});
