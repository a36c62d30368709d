import { and, asc, eq } from 'drizzle-orm';
import { accountMovements, newId, recordAudit, type Tx } from '../../core/plugin-api.ts';
import { fundAccount } from './accounts.ts';
import { charityFunds } from './schema.ts';

export type Fund = typeof charityFunds.$inferSelect;
export type FundInput = {
  name: string;
  community: string;
  hostCharity: string;
  purpose: string;
  targetFen: number;
  /** `YYYY-MM-DD`, China dates, both included. */
  startsOn: string;
  endsOn: string;
};

/** Raised, spent and balance of a fund, summed from its ledger account's entries. */
export type FundTotals = { raised: number; spent: number; balance: number };

export async function createFund(tx: Tx, tenantId: string, createdBy: string, input: FundInput): Promise<{ ok: true; id: string } | { ok: false; reason: 'name_taken' }> {
  const [taken] = await tx.select({ id: charityFunds.id }).from(charityFunds).where(and(eq(charityFunds.tenantId, tenantId), eq(charityFunds.name, input.name)));
  if (taken) return { ok: false, reason: 'name_taken' };
  const id = newId();
  const account = await fundAccount(tx, tenantId, id);
  await tx.insert(charityFunds).values({ tenantId, id, ...input, accountId: account.id, createdBy });
  await recordAudit(tx, tenantId, { actor: `user:${createdBy}`, action: 'charity-fund.fund_created', target: `charity-fund:${id}`, detail: { name: input.name, targetFen: input.targetFen } });
  return { ok: true, id };
}

export async function findFund(tx: Tx, tenantId: string, id: string): Promise<Fund | null> {
  const [row] = await tx.select().from(charityFunds).where(and(eq(charityFunds.tenantId, tenantId), eq(charityFunds.id, id)));
  return row ?? null;
}

export async function listFunds(tx: Tx, tenantId: string): Promise<Fund[]> {
  return tx.select().from(charityFunds).where(eq(charityFunds.tenantId, tenantId)).orderBy(asc(charityFunds.startsOn), asc(charityFunds.name));
}

export async function fundTotals(tx: Tx, tenantId: string, fund: Fund, period?: { from?: Date; until?: Date }): Promise<FundTotals> {
  const { credits, debits } = await accountMovements(tx, tenantId, [fund.accountId], period);
  return { raised: credits, spent: debits, balance: credits - debits };
}

/** Funds with their totals, for the list page (a city has a handful of funds). */
export async function fundsWithTotals(tx: Tx, tenantId: string) {
  const rows: { fund: Fund; totals: FundTotals }[] = [];
  // One after the other: statements of a transaction share its connection anyway.
  for (const fund of await listFunds(tx, tenantId)) rows.push({ fund, totals: await fundTotals(tx, tenantId, fund) });
  return rows;
}

/** Donations are taken from the first to the last day of the fund, China dates. */
export function fundOpenOn(fund: Fund, today: string): boolean {
  return fund.startsOn <= today && today <= fund.endsOn;
}
