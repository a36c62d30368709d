import { and, asc, eq, gt, sql } from 'drizzle-orm';
import { newId, selectBuiltOnce, type CityWork } from '../../core/plugin-api.ts';
import { accountCodes, fundAccount, UNIT } from './accounts.ts';
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

export async function createFund(w: CityWork, createdBy: string, input: FundInput): Promise<{ ok: true; id: string } | { ok: false; reason: 'name_taken' }> {
  const { tx, tenantId } = w;
  const [taken] = await tx.select({ id: charityFunds.id }).from(charityFunds).where(and(eq(charityFunds.tenantId, tenantId), eq(charityFunds.name, input.name)));
  if (taken) return { ok: false, reason: 'name_taken' };
  const id = newId();
  const account = await fundAccount(w, id);
  await tx.insert(charityFunds).values({ tenantId, id, ...input, accountId: account.id, createdBy });
  await w.audit({ actor: `user:${createdBy}`, action: 'charity-fund.fund_created', target: `charity-fund:${id}`, detail: { name: input.name, targetFen: input.targetFen } });
  return { ok: true, id };
}

export async function findFund(w: CityWork, id: string): Promise<Fund | null> {
  const [row] = await fundById(w.tx, { tenantId: w.tenantId, id });
  return row ?? null;
}

// Built once: the fund's public page reads it at every visit the page cache does not answer.
const fundById = selectBuiltOnce((tx) => tx.select().from(charityFunds).where(and(eq(charityFunds.tenantId, sql.placeholder('tenantId')), eq(charityFunds.id, sql.placeholder('id')))));

export async function listFunds(w: CityWork): Promise<Fund[]> {
  const { tx, tenantId } = w;
  return tx.select().from(charityFunds).where(eq(charityFunds.tenantId, tenantId)).orderBy(asc(charityFunds.startsOn), asc(charityFunds.name));
}

/** A page of funds in id order after `afterId` (the API's cursor), `limit + 1` read to tell whether more follow. */
export async function fundsAfter(w: CityWork, afterId: string | null, limit: number): Promise<Fund[]> {
  const { tx, tenantId } = w;
  return tx
    .select()
    .from(charityFunds)
    .where(and(eq(charityFunds.tenantId, tenantId), afterId ? gt(charityFunds.id, afterId) : undefined))
    .orderBy(asc(charityFunds.id))
    .limit(limit + 1);
}

export async function fundTotals(w: CityWork, fund: Fund, period?: { from?: Date; until?: Date }): Promise<FundTotals> {
  return totalsOf(await w.ledger.movements([fund.accountId], period));
}

/** The same totals found by the fund's id alone, so they can be read beside the fund itself (its page). */
export async function fundTotalsById(w: CityWork, fundId: string): Promise<FundTotals> {
  return totalsOf(await w.ledger.movementsByCode(UNIT, accountCodes.fund(fundId)));
}

function totalsOf({ credits, debits }: { credits: number; debits: number }): FundTotals {
  return { raised: credits, spent: debits, balance: credits - debits };
}

/** Funds with their totals, for the list page (a city has a handful of funds). */
export async function fundsWithTotals(w: CityWork) {
  const funds = await listFunds(w);
  // Sent together: postgres.js writes a transaction's queued statements at once, one round trip for all the totals.
  const totals = await Promise.all(funds.map((fund) => fundTotals(w, fund)));
  return funds.map((fund, i) => ({ fund, totals: totals[i]! }));
}

/** Donations are taken from the first to the last day of the fund, China dates. */
export function fundOpenOn(fund: Fund, today: string): boolean {
  return fund.startsOn <= today && today <= fund.endsOn;
}
