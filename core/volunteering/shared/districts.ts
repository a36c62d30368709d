import { asc, eq, sql } from 'drizzle-orm';
import { recordAudit } from '../../audit/service.ts';
import { selectBuiltOnce } from '../../db/built-once.ts';
import type { Tx } from '../../db/database.ts';
import { districts } from './schema.ts';

/**
 * A new city's districts until its admin lists the real ones (the first-day
 * checklist asks them to): without any, no organisation could apply.
 */
export const DEFAULT_DISTRICTS: readonly string[] = ['城东区', '城西区', '城南区', '城北区'];

/** The city's districts in the order its admin listed them. */
/** Built once: the project list and its filter read it on every request. */
const districtNames = selectBuiltOnce((tx) =>
  tx.select({ name: districts.name }).from(districts).where(eq(districts.tenantId, sql.placeholder('tenantId'))).orderBy(asc(districts.position)),
);

export async function listDistricts(tx: Tx, tenantId: string): Promise<string[]> {
  const rows = await districtNames(tx, { tenantId });
  return rows.map((r) => r.name);
}

/**
 * Replaces the list. Rows elsewhere keep the name they were saved with, so a
 * renamed district does not rewrite history.
 */
export async function replaceDistricts(
  tx: Tx,
  tenantId: string,
  names: readonly string[],
  change: { actor: string; address: string | null },
): Promise<void> {
  await tx.delete(districts).where(eq(districts.tenantId, tenantId));
  if (names.length > 0) await tx.insert(districts).values(names.map((name, position) => ({ tenantId, name, position })));
  await recordAudit(tx, tenantId, { actor: change.actor, action: 'districts.updated', address: change.address, detail: { districts: [...names] } });
}
