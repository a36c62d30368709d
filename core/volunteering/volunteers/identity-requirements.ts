import { eq } from 'drizzle-orm';
import { recordAudit } from '../../audit/service.ts';
import type { Tx } from '../../db/database.ts';
import { identityRequirements } from './schema.ts';

/** What needs a verified identity document in this city: certificates, and being named on an insurance policy. */
export type IdentityRequirements = { certificates: boolean; insurance: boolean };

export async function findIdentityRequirements(tx: Tx, tenantId: string): Promise<IdentityRequirements> {
  const [row] = await tx.select({ certificates: identityRequirements.certificates, insurance: identityRequirements.insurance }).from(identityRequirements).where(eq(identityRequirements.tenantId, tenantId));
  return row ?? { certificates: false, insurance: false };
}

export async function saveIdentityRequirements(tx: Tx, tenantId: string, rules: IdentityRequirements, by: { id: string; address: string | null }): Promise<void> {
  await tx
    .insert(identityRequirements)
    .values({ tenantId, ...rules })
    .onConflictDoUpdate({ target: identityRequirements.tenantId, set: { ...rules, updatedAt: new Date() } });
  await recordAudit(tx, tenantId, { actor: `user:${by.id}`, action: 'identity_requirements.saved', target: 'city', address: by.address, detail: rules });
}
