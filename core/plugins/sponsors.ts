import { and, asc, eq, sql } from 'drizzle-orm';
import type { Tx } from '../db/database.ts';
import { foundationCities, platformAccounts } from '../db/schema/platform.ts';

/** A platform foundation account that sponsors a plugin in a city: what a plugin may know of it. */
export type SponsoringFoundation = { id: string; name: string };

/**
 * The foundations that sponsor `pluginId` in this city, by name. Read in the tenant
 * transaction: the app role holds SELECT on exactly these columns of the global tables
 * (never e-mails or password hashes). A plain join of the two, so Citus runs it on its reference tables.
 */
export async function sponsoringFoundations(tx: Tx, tenantId: string, pluginId: string): Promise<SponsoringFoundation[]> {
  return tx
    .select({ id: platformAccounts.id, name: platformAccounts.name })
    .from(foundationCities)
    .innerJoin(platformAccounts, eq(platformAccounts.id, foundationCities.foundationId))
    .where(and(eq(foundationCities.tenantId, tenantId), eq(platformAccounts.kind, 'foundation'), sql`${pluginId} = any(${platformAccounts.sponsoredPlugins})`))
    .orderBy(asc(platformAccounts.name), asc(platformAccounts.id));
}
