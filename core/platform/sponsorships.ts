import { and, asc, count, eq } from 'drizzle-orm';
import { recordAudit } from '../audit/service.ts';
import type { Database, Tx } from '../db/database.ts';
import { foundationCities, platformAccounts } from '../db/schema/platform.ts';
import { tenants } from '../db/schema/tenancy.ts';
import type { Tenant } from '../tenancy/tenant.ts';
import { withHosts, type CityRow } from './cities.ts';

/** Whether a platform operator lets this foundation enable its modules in this city (global tables only). */
export async function sponsorsCity(tx: Tx, foundationId: string, tenantId: string): Promise<boolean> {
  const [row] = await tx
    .select({ tenantId: foundationCities.tenantId })
    .from(foundationCities)
    .where(and(eq(foundationCities.foundationId, foundationId), eq(foundationCities.tenantId, tenantId)));
  return row !== undefined;
}

/** One page of the cities a foundation sponsors, by slug, with their custom hosts. */
export async function sponsoredCitiesPage(tx: Tx, foundationId: string, page: number, pageSize: number): Promise<{ rows: CityRow[]; total: number }> {
  const mine = eq(foundationCities.foundationId, foundationId);
  const [total] = await tx.select({ n: count() }).from(foundationCities).where(mine);
  const rows = await tx
    .select({ id: tenants.id, slug: tenants.slug, names: tenants.names, status: tenants.status, createdAt: tenants.createdAt })
    .from(foundationCities)
    .innerJoin(tenants, eq(tenants.id, foundationCities.tenantId))
    .where(mine)
    .orderBy(asc(tenants.slug))
    .limit(pageSize)
    .offset((page - 1) * pageSize);
  return { rows: await withHosts(tx, rows), total: total?.n ?? 0 };
}

/** How many cities each foundation sponsors, by foundation id. */
export async function sponsoredCityCounts(tx: Tx): Promise<Map<string, number>> {
  const rows = await tx.select({ id: foundationCities.foundationId, n: count() }).from(foundationCities).groupBy(foundationCities.foundationId);
  return new Map(rows.map((r) => [r.id, r.n]));
}

export async function findFoundation(tx: Tx, id: string) {
  const [row] = await tx
    .select({ id: platformAccounts.id, name: platformAccounts.name, email: platformAccounts.email, sponsoredPlugins: platformAccounts.sponsoredPlugins })
    .from(platformAccounts)
    .where(and(eq(platformAccounts.id, id), eq(platformAccounts.kind, 'foundation')));
  return row ?? null;
}

type Change = { foundation: { id: string; name: string }; tenant: Tenant; by: { actor: string; address: string | null } };

/**
 * Grants or withdraws a foundation's sponsorship of a city and notes it in that
 * city's audit log. Withdrawing leaves the modules it enabled running: they are
 * the city's call from then on. Returns whether anything changed.
 */
export async function setSponsorship(db: Database, granted: boolean, { foundation, tenant, by }: Change): Promise<boolean> {
  const changed = await db.platform(async (tx) => {
    const rows = granted
      ? await tx
          .insert(foundationCities)
          .values({ foundationId: foundation.id, tenantId: tenant.id, grantedBy: by.actor })
          .onConflictDoNothing()
          .returning({ id: foundationCities.tenantId })
      : await tx
          .delete(foundationCities)
          .where(and(eq(foundationCities.foundationId, foundation.id), eq(foundationCities.tenantId, tenant.id)))
          .returning({ id: foundationCities.tenantId });
    return rows.length > 0;
  });
  if (changed) {
    await db.tenant(tenant.id, (tx) =>
      recordAudit(tx, tenant.id, {
        actor: by.actor,
        action: granted ? 'sponsorship.granted' : 'sponsorship.withdrawn',
        target: `foundation:${foundation.id}`,
        address: by.address,
        detail: { foundation: foundation.name },
      }),
    );
  }
  return changed;
}
