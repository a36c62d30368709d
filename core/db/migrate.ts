import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import { installJobSchema } from '../jobs/install-schema.ts';
import type { Database } from './database.ts';

export const migrationsFolder = new URL('../../migrations/', import.meta.url).pathname;
/** Any constant; processes that migrate the same database queue on it. */
const MIGRATION_LOCK = 727_001;

/** Applies pending migrations and the job queue's own schema, holding an advisory lock so concurrent starts do not collide. */
export async function migrateDatabase(database: Database, url?: string): Promise<void> {
  if ('pglite' in database.driver) {
    const client = database.driver.pglite;
    await client.query('select pg_advisory_lock($1)', [MIGRATION_LOCK]);
    try {
      await migratePglite(drizzlePglite({ client }), { migrationsFolder });
      await installJobSchema(database);
    } finally {
      await client.query('select pg_advisory_unlock($1)', [MIGRATION_LOCK]);
    }
    return;
  }
  if (!url) throw new Error('migrateDatabase needs the database URL for PostgreSQL');
  // One dedicated connection: a session-level advisory lock belongs to a connection.
  const client = postgres(url, { max: 1, onnotice: () => {} });
  try {
    await client`select pg_advisory_lock(${MIGRATION_LOCK})`;
    await migratePostgres(drizzlePostgres({ client }), { migrationsFolder });
    await installJobSchema(database);
    await client`select pg_advisory_unlock(${MIGRATION_LOCK})`;
  } finally {
    await client.end({ timeout: 5 });
  }
}
