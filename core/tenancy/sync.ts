import type { Database } from '../db/database.ts';
import { pluginEnablements } from '../db/schema/plugins.ts';
import { hashPassword } from '../identity/passwords.ts';
import { createUser, findUserByLogin, grantRole } from '../identity/users.ts';
import type { PluginRegistry } from '../plugins/registry.ts';
import { seedVolunteering } from '../volunteering/shared/seed.ts';
import { seedDeclaredOrganisations } from '../volunteering/shared/seed-declared-organisations.ts';
import { recordAudit } from '../audit/service.ts';
import { type TenantManifest, tenantManifestSchema } from './manifest.ts';
import { upsertTenant } from './service.ts';
import type { Tenant } from './tenant.ts';
import { contextInTransaction, pluginCity } from '../plugins/context.ts';
import { citySiteUrl, type SiteAddress } from '../platform/site-url.ts';

/**
 * Makes the database match `tenants/*.ts`: creates missing cities, updates names,
 * branding and hosts of existing ones, never deletes. Plugins in a manifest are
 * enabled only when the city is created; afterwards they are the city admin's call.
 */
export async function syncTenants(
  db: Database,
  manifests: readonly TenantManifest[],
  options: {
    registry: PluginRegistry;
    seedDemo: boolean;
    /** How the cities' addresses are made, for links in what the seeds queue. */
    site: SiteAddress;
    /** Told each step as it starts (`npm start` prints them: seeding a demo city takes seconds). */
    onStep?: (slug: string, step: string) => void;
    /** Runs for each city once it exists, before its demo data (`npm start` lets the demo foundation sponsor it there). */
    beforeSeeds?: (tenant: Tenant) => Promise<void>;
  },
): Promise<Tenant[]> {
  const step = options.onStep ?? (() => {});
  const synced: Tenant[] = [];
  for (const raw of manifests) {
    const manifest = tenantManifestSchema.parse(raw);
    step(manifest.slug, 'city, hosts and branding');
    const { tenant, created } = await db.platform((tx) =>
      upsertTenant(tx, {
        slug: manifest.slug,
        names: manifest.names,
        hosts: manifest.hosts,
        branding: manifest.branding,
        defaultLocale: manifest.defaultLocale,
        divisionCode: manifest.divisionCode,
      }),
    );
    if (options.seedDemo) await options.beforeSeeds?.(tenant);
    await db.tenant(tenant.id, async (tx) => {
      if (created) {
        await recordAudit(tx, tenant.id, { actor: 'platform:manifest', action: 'tenant.created', target: tenant.slug });
        for (const [pluginId, { settings }] of Object.entries(manifest.plugins)) {
          const plugin = options.registry.get(pluginId);
          if (!plugin) throw new Error(`tenants/${manifest.slug}: unknown plugin ${pluginId}`);
          await tx
            .insert(pluginEnablements)
            .values({ tenantId: tenant.id, pluginId, enabled: true, settings: plugin.settings.parse(settings), changedBy: 'platform:manifest' })
            .onConflictDoNothing();
        }
      }
      if (!options.seedDemo) return;
      step(manifest.slug, 'demo accounts');
      const missing = [];
      for (const account of manifest.demoAccounts) if (!(await findUserByLogin(tx, tenant.id, account.email))) missing.push(account);
      // Hashed side by side: argon2 runs on libuv's threads, so a first start waits for one hash, not one per account.
      const passwordHashes = await Promise.all(missing.map((account) => hashPassword(account.password)));
      for (const [i, account] of missing.entries()) {
        const userId = await createUser(tx, tenant.id, { name: account.name, email: account.email, passwordHash: passwordHashes[i]! });
        for (const role of account.roles) await grantRole(tx, tenant.id, userId, role);
      }
      step(manifest.slug, 'demo organisations, projects and past service');
      const city = pluginCity(tenant, citySiteUrl(tenant, options.site));
      const events = options.registry.eventsFor(city);
      await seedVolunteering(tx, tenant, events);
      await seedDeclaredOrganisations(tx, tenant.id, manifest);
      for (const [pluginId, settings] of await options.registry.enabledFor(tx, tenant.id)) {
        const plugin = options.registry.get(pluginId);
        if (!plugin?.seed) continue;
        step(manifest.slug, `demo data of ${pluginId}`);
        await plugin.seed(contextInTransaction(tx, city, settings, plugin, events));
      }
    });
    synced.push(tenant);
  }
  return synced;
}
