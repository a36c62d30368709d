import { and, eq, inArray, like, sql } from 'drizzle-orm';
import type { Tx } from '../../../core/db/database.ts';
import { ledgerAccounts, ledgerTransfers } from '../../../core/ledger/schema.ts';
import { verifyLedger } from '../../../core/ledger/verify.ts';

type InCity = <T>(slug: string, work: (tx: Tx, tenantId: string) => Promise<T>) => Promise<T>;

/** What a plugin test reads of a city's ledger: accounts, transfers, and the check that the ledger is sound. */
export class KitLedger {
  constructor(private readonly inCity: InCity) {}

  /**
   * Re-checks the city's whole ledger (`npm run ledger:verify`): the hash chain,
   * each transfer's two entries, and every balance equal to the sum of its entries.
   */
  verify(slug: string) {
    return this.inCity(slug, (tx, t) => verifyLedger(tx, t));
  }

  /** The city's account with this code (of this unit, when given), or undefined. */
  async account(slug: string, code: string, unit?: string) {
    const rows = await this.inCity(slug, (tx, t) =>
      tx.select().from(ledgerAccounts).where(and(eq(ledgerAccounts.tenantId, t), eq(ledgerAccounts.code, code), unit ? eq(ledgerAccounts.unit, unit) : undefined)),
    );
    return rows[0];
  }

  /** An account's balance; 0 for an account not opened yet. */
  async balance(slug: string, code: string, unit?: string): Promise<number> {
    return (await this.account(slug, code, unit))?.balance ?? 0;
  }

  /** Every account of the city. */
  accounts(slug: string) {
    return this.inCity(slug, (tx, t) => tx.select().from(ledgerAccounts).where(eq(ledgerAccounts.tenantId, t)));
  }

  /**
   * The command id (`cmin`) of each transfer posted under these idempotency keys:
   * transfers one SQL statement wrote share it, so a test can see that a batch was posted at once.
   */
  async commandsOf(slug: string, keys: string[]): Promise<string[]> {
    const rows = await this.inCity(slug, (tx, t) =>
      tx
        .select({ command: sql<string>`cmin::text` })
        .from(ledgerTransfers)
        .where(and(eq(ledgerTransfers.tenantId, t), inArray(ledgerTransfers.idempotencyKey, keys))),
    );
    return rows.map((r) => r.command);
  }

  /** The city's transfers: all, the one posted under an idempotency `key`, or those whose key starts with `keyPrefix`. */
  transfers(slug: string, filter: { key?: string; keyPrefix?: string } = {}) {
    return this.inCity(slug, (tx, t) =>
      tx
        .select()
        .from(ledgerTransfers)
        .where(
          and(
            eq(ledgerTransfers.tenantId, t),
            filter.key !== undefined ? eq(ledgerTransfers.idempotencyKey, filter.key) : undefined,
            filter.keyPrefix !== undefined ? like(ledgerTransfers.idempotencyKey, `${filter.keyPrefix}%`) : undefined,
          ),
        ),
    );
  }
}
