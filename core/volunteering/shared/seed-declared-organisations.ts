import { and, eq } from 'drizzle-orm';
import type { Tx } from '../../db/database.ts';
import { findUserByLogin } from '../../identity/users.ts';
import type { ParsedTenantManifest } from '../../tenancy/manifest.ts';
import { applyForOrganisation, approveOrganisation } from '../organisations/service.ts';
import { organisations } from '../organisations/schema.ts';
import { listDistricts } from './districts.ts';

/**
 * The organisations a demo city's manifest declares (a volunteer lawyer's firm),
 * applied for by their admin and approved by the city's demo admin, in the city's first
 * district. Each once, by name: a city seeded before gets the ones it lacks.
 */
export async function seedDeclaredOrganisations(tx: Tx, tenantId: string, manifest: Pick<ParsedTenantManifest, 'demoOrganisations' | 'demoAccounts'>): Promise<void> {
  const [district] = await listDistricts(tx, tenantId);
  const cityAdmin = manifest.demoAccounts.find((a) => a.roles.includes('city_admin'));
  const reviewer = cityAdmin ? await findUserByLogin(tx, tenantId, cityAdmin.email) : undefined;
  if (!district || !reviewer) return;
  for (const o of manifest.demoOrganisations) {
    const admin = await findUserByLogin(tx, tenantId, o.admin);
    const [existing] = await tx.select({ id: organisations.id }).from(organisations).where(and(eq(organisations.tenantId, tenantId), eq(organisations.name, o.name)));
    if (!admin || existing) continue;
    const applied = await applyForOrganisation(tx, tenantId, admin.id, { name: o.name, kind: o.kind, description: o.description, district, contactPhone: o.contactPhone, creditCode: null });
    if (applied.ok) await approveOrganisation(tx, tenantId, applied.id, { reviewerId: reviewer.id, address: null });
  }
}
