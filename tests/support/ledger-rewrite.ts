import { sql } from 'drizzle-orm';
import type { Database, Tx } from '../../core/db/database.ts';

/**
 * What someone with the database owner's rights could do: switch off the ledger's
 * append-only trigger for one transaction and rewrite history. The trigger DDL (not
 * `session_replication_role`, which never reaches Citus's workers) works on every database;
 * Citus refuses it on a distributed table without `citus.enable_unsafe_triggers`, a
 * placeholder setting elsewhere.
 */
export function rewriteLedger(db: Database, work: (tx: Tx) => Promise<unknown>): Promise<void> {
  return db.platform(async (tx) => {
    await tx.execute(sql`select set_config('citus.enable_unsafe_triggers', 'on', true)`);
    await tx.execute(sql`alter table ledger_transfers disable trigger ledger_transfers_append_only`);
    await work(tx);
    await tx.execute(sql`alter table ledger_transfers enable trigger ledger_transfers_append_only`);
  });
}
