import postgres from 'postgres';
import { describe } from 'vitest';

/**
 * A suite that needs a PostgreSQL server (e.g. pg_terminate_backend): runs when
 * DATABASE_URL is set; otherwise skipped with a console line saying so.
 */
export function describePostgres(name: string, fn: () => void): void {
  if (process.env.DATABASE_URL) {
    describe(name, fn);
    return;
  }
  console.log(`PostgreSQL tests skipped: DATABASE_URL is not set (${name})`);
  describe.skip(name, fn);
}

/** A superuser connection to the same server, for killing backends and holding locks. */
export function adminConnection(url: string): postgres.Sql {
  return postgres(url, { max: 2, onnotice: () => {} });
}
