import type { Database } from '../../core/db/database.ts';

/**
 * Counts the transactions the database begins, at the driver (PGlite's
 * `transaction`; on postgres.js, on the owner's and the app role's pools, `begin`
 * and `reserve`: `core/db/database.ts` begins its transactions on a reserved
 * connection, BEGIN sent with the first statements; each is one BEGIN), whoever asks.
 */
export function countTransactions(db: Database): { readonly begun: number; reset(): void } {
  let begun = 0;
  const [clients, names] = 'pglite' in db.driver ? [[db.driver.pglite], ['transaction']] : [[db.driver.postgres, db.driver.tenantPostgres], ['begin', 'reserve']];
  for (const client of clients as unknown as Record<string, (...args: unknown[]) => unknown>[]) {
    for (const name of names) {
      const original = client[name]!;
      client[name] = function (this: unknown, ...args: unknown[]) {
        begun += 1;
        return original.apply(client, args);
      };
    }
  }
  return {
    get begun() {
      return begun;
    },
    reset() {
      begun = 0;
    },
  };
}
