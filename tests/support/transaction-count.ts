import type { Database } from '../../core/db/database.ts';

/**
 * Counts the transactions the database begins, at the driver (PGlite's
 * `transaction`, postgres.js's `begin`: each is one BEGIN), whoever asks.
 */
export function countTransactions(db: Database): { readonly begun: number; reset(): void } {
  let begun = 0;
  const driver = ('pglite' in db.driver ? db.driver.pglite : db.driver.postgres) as unknown as Record<string, (...args: unknown[]) => unknown>;
  const name = 'pglite' in db.driver ? 'transaction' : 'begin';
  const original = driver[name]!;
  driver[name] = function (this: unknown, ...args: unknown[]) {
    begun += 1;
    return original.apply(driver, args);
  };
  return {
    get begun() {
      return begun;
    },
    reset() {
      begun = 0;
    },
  };
}
