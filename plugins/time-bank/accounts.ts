import { type LedgerAccount, type CityWork } from '../../core/plugin-api.ts';
import { ACCOUNTS, TIME_CREDIT } from './credits.ts';

/** The city's time-credit accounts, created on first use. */
export async function cityAccounts(w: CityWork) {
  return {
    issuance: await w.ledger.ensureAccount({ unit: TIME_CREDIT, code: ACCOUNTS.issuance, allowNegative: true }),
    redemptions: await w.ledger.ensureAccount({ unit: TIME_CREDIT, code: ACCOUNTS.redemptions }),
    expired: await w.ledger.ensureAccount({ unit: TIME_CREDIT, code: ACCOUNTS.expired }),
  };
}

/** A member's account never goes below zero on the ledger: a spend beyond it is refused there. */
export function memberAccount(w: CityWork, userId: string): Promise<LedgerAccount> {
  return w.ledger.ensureAccount({ unit: TIME_CREDIT, code: ACCOUNTS.member(userId) });
}

/** What a member owes after a revocation (zero or negative); later earnings pay it back first. */
export function shortfallAccount(w: CityWork, userId: string): Promise<LedgerAccount> {
  return w.ledger.ensureAccount({ unit: TIME_CREDIT, code: ACCOUNTS.shortfall(userId), allowNegative: true });
}

export type Position = {
  /** Spendable credits: the member's ledger balance. */
  balance: number;
  /** Credits still owed after a revocation (zero or more). */
  owed: number;
};

/** A member's balance and what they owe, read without creating accounts. */
export async function memberPosition(w: CityWork, userId: string): Promise<Position> {
  // Sent together: on postgres.js both go out in one write.
  const [member, shortfall] = await Promise.all([w.ledger.findAccount(TIME_CREDIT, ACCOUNTS.member(userId)), w.ledger.findAccount(TIME_CREDIT, ACCOUNTS.shortfall(userId))]);
  return { balance: member?.balance ?? 0, owed: 0 - (shortfall?.balance ?? 0) };
}
