import { and, eq } from 'drizzle-orm';
import { ACCOUNTS, TIME_CREDIT } from '../../../plugins/time-bank/credits.ts';
import { timeBankLots } from '../../../plugins/time-bank/schema.ts';
import type { PluginKit } from '../../support/plugin-kit/index.ts';

/** A member's spendable balance and what they owe, straight from the ledger (hundredths). */
export async function position(kit: PluginKit, userId: string, slug = 'alpha') {
  return {
    balance: await kit.ledger.balance(slug, ACCOUNTS.member(userId), TIME_CREDIT),
    owed: 0 - (await kit.ledger.balance(slug, ACCOUNTS.shortfall(userId), TIME_CREDIT)),
  };
}

/** The sum of a member's open lots: must always equal their ledger balance. */
export async function lotsTotal(kit: PluginKit, userId: string, slug = 'alpha') {
  const rows = await kit.inCity(slug, (tx, t) => tx.select().from(timeBankLots).where(and(eq(timeBankLots.tenantId, t), eq(timeBankLots.memberId, userId))));
  return rows.reduce((s, r) => s + r.remaining, 0);
}
