import type { Database } from '../../core/db/database.ts';
import { ensureAccount } from '../../core/ledger/accounts.ts';
import { LedgerError } from '../../core/ledger/errors.ts';

/** A ledger account of a city, made in its own tenant transaction (service minutes unless told). */
export const testAccount = (db: Database, city: string, code: string, allowNegative = false, unit = 'SERVICE_MINUTES') =>
  db.tenant(city, (tx) => ensureAccount(tx, city, { unit, code, allowNegative }));

/** What a posting came to: `posted`, the ledger's refusal code, or `unexpected: ...` for any other error. */
export async function refusal(work: Promise<unknown>): Promise<string> {
  try {
    await work;
    return 'posted';
  } catch (e) {
    return e instanceof LedgerError ? e.code : `unexpected: ${String(e)}`;
  }
}
