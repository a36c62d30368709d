import { type LedgerAccount, type CityWork } from '../../core/plugin-api.ts';

/** Money is whole fen in the core ledger. */
export const UNIT = 'CNY_FEN';

/**
 * The plugin's ledger accounts, per city: `donors` is where money enters from
 * outside (so it alone may go negative: its balance is minus all money given);
 * a fund and each approved project hold money; `paid-out:<expense>` is where an
 * expense's money leaves to its payee.
 */
export const accountCodes = {
  donors: 'charity-fund:donors',
  fund: (fundId: string) => `charity-fund:fund:${fundId}`,
  project: (projectId: string) => `charity-fund:project:${projectId}`,
  paidOut: (expenseId: string) => `charity-fund:paid-out:${expenseId}`,
};

export const donorsAccount = (w: CityWork): Promise<LedgerAccount> =>
  w.ledger.ensureAccount({ unit: UNIT, code: accountCodes.donors, allowNegative: true });

export const fundAccount = (w: CityWork, fundId: string) => w.ledger.ensureAccount({ unit: UNIT, code: accountCodes.fund(fundId) });

export const projectAccount = (w: CityWork, projectId: string) => w.ledger.ensureAccount({ unit: UNIT, code: accountCodes.project(projectId) });

export const paidOutAccount = (w: CityWork, expenseId: string) => w.ledger.ensureAccount({ unit: UNIT, code: accountCodes.paidOut(expenseId) });

/** Idempotency keys: one posting per donation confirmation, grant approval and expense approval, whatever retries. */
export const postingKeys = {
  donation: (id: string) => `charity-fund:donation:${id}`,
  grant: (id: string) => `charity-fund:grant:${id}`,
  expense: (id: string) => `charity-fund:expense:${id}`,
};
