import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { users } from '../core/db/schema/identity.ts';
import { syncTenants } from '../core/tenancy/sync.ts';
import { findAccountByEmail } from '../core/platform/accounts.ts';
import { DEMO_FOUNDATION, seedPlatformAccounts, sponsorDemoCity } from '../core/platform/seed.ts';
import { legalAidCardPlugin } from '../plugins/legal-aid-card/index.ts';
import { legalAidBatches } from '../plugins/legal-aid-card/schema.ts';
import qionghai from '../tenants/qionghai.ts';
import { testCities } from './support/cities.ts';
import { startTestPlatform, type TestPlatform } from './support/platform.ts';

let p: TestPlatform;
beforeAll(async () => {
  p = await startTestPlatform();
});
afterAll(() => p.close());

describe('syncing tenants/*.ts at start-up', () => {
  it('updates names, branding and hosts of an existing city without touching its data', async () => {
    const alpha = testCities[0]!;
    const changed = {
      ...alpha,
      names: { 'zh-CN': '甲市（新）', en: 'Alpha City (new)' },
      hosts: [...(alpha.hosts ?? []), 'new.alpha.test'],
      branding: { ...alpha.branding, primaryColor: '#abcdef' },
    };
    const [synced] = await syncTenants(p.db, [changed], { registry: p.registry, seedDemo: true, site: p.config });
    p.resolver.invalidate();
    expect(synced!.id).toBe(p.cities.alpha!.id);
    const html = await (await p.app.request('http://new.alpha.test/')).text();
    expect(html).toContain('甲市（新）');
    expect(html).toContain('--brand:#abcdef');
    expect((await p.app.request('http://volunteer.alpha.test/')).status).toBe(200);
    const people = await p.db.tenant(synced!.id, (tx) => tx.select().from(users).where(eq(users.tenantId, synced!.id)));
    expect(people.length).toBe(2);
  });

  it('refuses a manifest whose host belongs to another city', async () => {
    const beta = { ...testCities[1]!, hosts: ['volunteer.alpha.test'] };
    await expect(syncTenants(p.db, [beta], { registry: p.registry, seedDemo: false, site: p.config })).rejects.toThrow(/another city/);
  });

  it('refuses an invalid manifest with a message naming the field', async () => {
    const bad = { ...testCities[1]!, slug: 'Not A Slug' };
    await expect(syncTenants(p.db, [bad], { registry: p.registry, seedDemo: false, site: p.config })).rejects.toThrow(/slug/);
  });
});

describe('the demo foundation at start-up', () => {
  it('sponsors a new demo city before its demo data, so the legal-aid demo batch is donated in its name at the first start', async () => {
    const q = await startTestPlatform({ plugins: [legalAidCardPlugin] });
    try {
      await seedPlatformAccounts(q.db, { operatorEmail: 'op@platform.test', operatorPassword: 'operator-pass-2026', demo: true, pluginIds: [legalAidCardPlugin.id] });
      const demo = await q.db.platform((tx) => findAccountByEmail(tx, DEMO_FOUNDATION.email));
      const [city] = await syncTenants(q.db, [{ ...qionghai, plugins: { [legalAidCardPlugin.id]: qionghai.plugins![legalAidCardPlugin.id]! } }], { registry: q.registry, seedDemo: true, site: q.config, beforeSeeds: (tenant) => sponsorDemoCity(q.db, tenant.id) });
      const batches = await q.db.tenant(city!.id, (tx) => tx.select().from(legalAidBatches).where(eq(legalAidBatches.tenantId, city!.id)));
      expect(batches).toHaveLength(1);
      expect(batches[0]!.foundationId).toBe(demo!.id);
    } finally {
      await q.close();
    }
  }, 300_000);
});
