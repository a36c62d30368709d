import { getTableName, sql } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import type { Database } from './database.ts';

/**
 * Brings the planner's statistics of `tables` up to date (ANALYZE, as the owner), after work that wrote
 * many rows for one city at once. Statistics made before a city had rows can estimate its every query at
 * one row (on a platform whose cities all fit in their most common values, a city outside them is taken
 * for a rare one), and a one-row estimate picks nested loops that scan the city's rows once per row
 * (bench/README.md, "The ledger check on a city newer than the statistics": 4.4 s against 31 ms).
 * Autovacuum comes to it only once a tenth of the whole table has changed, which one city's import on a
 * platform of many may never reach.
 */
export async function refreshStatistics(db: Database, tables: readonly PgTable[]): Promise<void> {
  const names = tables.map((t) => sql.identifier(getTableName(t)));
  await db.platform((tx) => tx.execute(sql`analyze ${sql.join(names, sql`, `)}`));
}
