import { and, eq, sql } from 'drizzle-orm';
import { selectBuiltOnce } from '../db/built-once.ts';
import type { Tx } from '../db/database.ts';
import { newId } from '../db/ids.ts';
import { ledgerAccounts } from './schema.ts';

export type LedgerAccount = typeof ledgerAccounts.$inferSelect;

/** The account with this unit and code, created on first use. */
export async function ensureAccount(
  tx: Tx,
  tenantId: string,
  spec: { unit: string; code: string; allowNegative?: boolean },
): Promise<LedgerAccount> {
  const [created] = await tx
    .insert(ledgerAccounts)
    .values({ tenantId, id: newId(), unit: spec.unit, code: spec.code, allowNegative: spec.allowNegative ?? false })
    .onConflictDoNothing()
    .returning();
  if (created) return created;
  const existing = await findAccount(tx, tenantId, spec.unit, spec.code);
  if (!existing) throw new Error(`ledger account ${spec.unit}/${spec.code} vanished`);
  return existing;
}

export async function findAccount(tx: Tx, tenantId: string, unit: string, code: string): Promise<LedgerAccount | null> {
  const [row] = await accountByCode(tx, { tenantId, unit, code });
  return row ?? null;
}

// Built once: every page showing a balance reads it.
const accountByCode = selectBuiltOnce((tx) =>
  tx
    .select()
    .from(ledgerAccounts)
    .where(and(eq(ledgerAccounts.tenantId, sql.placeholder('tenantId')), eq(ledgerAccounts.unit, sql.placeholder('unit')), eq(ledgerAccounts.code, sql.placeholder('code')))),
);
