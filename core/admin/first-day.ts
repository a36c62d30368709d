import { and, eq } from 'drizzle-orm';
import type { Tx } from '../db/database.ts';
import { pluginEnablements } from '../db/schema/plugins.ts';
import type { Tenant } from '../tenancy/tenant.ts';
import { DEFAULT_DISTRICTS, listDistricts } from '../volunteering/shared/districts.ts';
import { organisations } from '../volunteering/organisations/schema.ts';

/** What a new city's admin sets up on the first day, in the order the checklist shows it. */
export const FIRST_DAY_STEPS = ['districts', 'branding', 'modules', 'organisation'] as const;
export type FirstDayStep = (typeof FIRST_DAY_STEPS)[number];

/**
 * Which steps are done, read from the city's own data rather than stored ticks:
 * the districts are no longer the placeholders, the site says how to reach the
 * city, a module runs, an organisation was approved.
 */
export async function firstDayProgress(tx: Tx, tenant: Pick<Tenant, 'id' | 'branding'>): Promise<Record<FirstDayStep, boolean>> {
  const districts = await listDistricts(tx, tenant.id);
  const [module] = await tx
    .select({ id: pluginEnablements.pluginId })
    .from(pluginEnablements)
    .where(and(eq(pluginEnablements.tenantId, tenant.id), eq(pluginEnablements.enabled, true)))
    .limit(1);
  const [organisation] = await tx
    .select({ id: organisations.id })
    .from(organisations)
    .where(and(eq(organisations.tenantId, tenant.id), eq(organisations.status, 'approved')))
    .limit(1);
  const { contact } = tenant.branding;
  return {
    districts: districts.length > 0 && districts.join('\n') !== DEFAULT_DISTRICTS.join('\n'),
    branding: Boolean(contact.phone || contact.email),
    modules: module !== undefined,
    organisation: organisation !== undefined,
  };
}
