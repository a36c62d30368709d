import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tenants } from '../core/db/schema/tenancy.ts';
import type { TenantManifest } from '../core/tenancy/manifest.ts';
import { syncTenantsUnlessUnchanged } from '../core/tenancy/sync-unless-unchanged.ts';
import { testCities } from './support/cities.ts';
import { startTestPlatform, type TestPlatform } from './support/platform.ts';

/** What `npm start` does with the cities of tenants/: re-checks them only when something they come from changed. */
let p: TestPlatform;
beforeAll(async () => {
  p = await startTestPlatform();
});
afterAll(() => p.close());

async function sync(manifests: TenantManifest[], code: string | undefined) {
  const steps: string[] = [];
  const result = await syncTenantsUnlessUnchanged(p.db, manifests, { registry: p.registry, seedDemo: true, site: p.config, code, onStep: (slug, step) => steps.push(`${slug}: ${step}`) });
  return { ...result, steps };
}

async function nameOf(slug: string) {
  const [row] = await p.db.platform((tx) => tx.select({ names: tenants.names }).from(tenants).where(eq(tenants.slug, slug)));
  return row?.names.en;
}

describe(`re-checking the cities at start-up (${process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite'})`, () => {
  it('skips them when the manifests and the code are those of the last completed sync, and still returns alpha and beta', async () => {
    const first = await sync(testCities, 'build-1');
    expect(first.skipped).toBe(false);
    expect(first.steps).toContain('alpha: city, hosts and branding');
    const again = await sync(testCities, 'build-1');
    expect(again.skipped).toBe(true);
    expect(again.steps).toEqual([]);
    expect(again.cities.map((c) => [c.slug, c.id])).toEqual([
      ['alpha', p.cities.alpha!.id],
      ['beta', p.cities.beta!.id],
    ]);
  });

  it('re-checks them when a manifest changed, and applies the change', async () => {
    await sync(testCities, 'build-1');
    const renamed = [{ ...testCities[0]!, names: { 'zh-CN': '甲市（改）', en: 'Alpha City (renamed)' } }, testCities[1]!];
    const changed = await sync(renamed, 'build-1');
    expect(changed.skipped).toBe(false);
    expect(await nameOf('alpha')).toBe('Alpha City (renamed)');
    expect((await sync(renamed, 'build-1')).skipped).toBe(true);
  });

  it('re-checks them when the code changed, or when it cannot be told (through tsx)', async () => {
    await sync(testCities, 'build-1');
    expect((await sync(testCities, 'build-2')).skipped).toBe(false);
    expect((await sync(testCities, undefined)).skipped).toBe(false);
    expect((await sync(testCities, undefined)).skipped).toBe(false);
  });

  it('re-checks them when a city of the manifests is no longer in the database', async () => {
    await sync(testCities, 'build-1');
    expect((await sync(testCities, 'build-1')).skipped).toBe(true);
    // Gone from under its slug, as a city deleted by hand would be: the sync makes it again.
    await p.db.platform((tx) => tx.update(tenants).set({ slug: 'beta-gone' }).where(eq(tenants.slug, 'beta')));
    const resynced = await sync(testCities, 'build-1');
    expect(resynced.skipped).toBe(false);
    expect(resynced.steps).toContain('beta: city, hosts and branding');
    expect(resynced.cities.find((c) => c.slug === 'beta')!.id).not.toBe(p.cities.beta!.id);
  });
});
