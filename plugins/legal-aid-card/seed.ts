import { count, eq } from 'drizzle-orm';
import { membersWithRole, type PluginSeedContext, toLocalDateInput } from '../../core/plugin-api.ts';
import { activateCard } from './activation.ts';
import { createBatch } from './batches.ts';
import { legalAidBatches } from './schema.ts';

/**
 * Demo data through the same services the pages use: a batch donated by a
 * foundation, the demo volunteer holding one of its cards. Runs once per city.
 */
export async function seedLegalAidCard({ tx, tenantId }: PluginSeedContext): Promise<void> {
  const [seeded] = await tx.select({ n: count() }).from(legalAidBatches).where(eq(legalAidBatches.tenantId, tenantId));
  if ((seeded?.n ?? 0) > 0) return;
  const [admin] = await membersWithRole(tx, tenantId, 'city_admin');
  if (!admin) return;
  const now = new Date();
  const today = toLocalDateInput(now);
  const batch = await createBatch(tx, tenantId, admin.id, { sponsor: '海南法治公益基金会', cardCount: 50, validFrom: `${today.slice(0, 4)}-01-01`, validUntil: `${Number(today.slice(0, 4)) + 3}-12-31` });
  if (!batch.ok) return;
  const [volunteer] = await membersWithRole(tx, tenantId, 'volunteer');
  const card = batch.cards[0]!;
  if (volunteer) await activateCard(tx, tenantId, volunteer.id, { number: card.number, code: card.code, address: null }, now);
}
