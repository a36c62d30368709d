import type { PGlite } from '@electric-sql/pglite';
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import { createHash } from 'node:crypto';
import { readMigrationFiles } from 'drizzle-orm/migrator';
import postgres from 'postgres';
import { installJobSchema } from '../jobs/install-schema.ts';
import { DISTRIBUTE_NEW_TABLES, IS_CITUS, MIGRATION_SETTINGS, statementsForCitus } from './citus/distribute.ts';
import type { Database } from './database.ts';

export const migrationsFolder = new URL('../../migrations/', import.meta.url).pathname;
/** A hash of every migration (its journal time and content): what a database migrated to the end holds. */
export function migrationsHash(): string {
  const hash = createHash('sha256');
  for (const m of readMigrationFiles({ migrationsFolder })) hash.update(`${m.folderMillis}:${m.hash}\n`);
  return hash.digest('hex');
}

/** Any constant; processes that migrate the same database queue on it. */
const MIGRATION_LOCK = 727_001;

/** Applies pending migrations and the job queue's own schema, holding an advisory lock so concurrent starts do not collide. */
export async function migrateDatabase(database: Database, url?: string): Promise<void> {
  if ('pglite' in database.driver) {
    const client = database.driver.pglite;
    await client.query('select pg_advisory_lock($1)', [MIGRATION_LOCK]);
    try {
      await migratePgliteAtOnce(client);
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
    const [found] = await client.unsafe<{ citus: boolean }[]>(IS_CITUS);
    if (found?.citus) await migrateCitus(client);
    else await migratePostgres(drizzlePostgres({ client }), { migrationsFolder });
    await installJobSchema(database);
    await client`select pg_advisory_unlock(${MIGRATION_LOCK})`;
  } finally {
    await client.end({ timeout: 5 });
  }
}

/**
 * drizzle's migrator, step for step, with each migration sent whole (the simple query protocol
 * runs several statements at once) rather than one statement a round trip: on PGlite that is
 * about half the CPU of a first start's migrations (bench/README.md, "Issue 16, second part"). The same
 * journal, hashes and bookkeeping table (drizzle.__drizzle_migrations) as drizzle's own.
 */
async function migratePgliteAtOnce(client: PGlite): Promise<void> {
  await client.exec('create schema if not exists drizzle');
  await client.exec('create table if not exists drizzle.__drizzle_migrations (id serial primary key, hash text not null, created_at bigint)');
  const { rows } = await client.query<{ created_at: string }>('select created_at from drizzle.__drizzle_migrations order by created_at desc limit 1');
  const last = rows[0];
  const pending = readMigrationFiles({ migrationsFolder }).filter((m) => !last || Number(last.created_at) < m.folderMillis);
  await client.transaction(async (tx) => {
    for (const migration of pending) {
      // A semicolon on a line of its own: a statement may end in a line comment.
      await tx.exec(migration.sql.join('\n;\n'));
      await tx.query('insert into drizzle.__drizzle_migrations (hash, created_at) values ($1, $2)', [migration.hash, migration.folderMillis]);
    }
  });
}

/**
 * drizzle's migrator, step for step, with each migration's statements arranged for Citus: the
 * same journal, hashes and bookkeeping table (drizzle.__drizzle_migrations), so either migrator
 * sees the other's work. Then one more pass distributes whatever is still local (a database
 * that had its schema before it had Citus).
 */
async function migrateCitus(client: postgres.Sql): Promise<void> {
  await client`create schema if not exists drizzle`;
  await client`create table if not exists drizzle.__drizzle_migrations (id serial primary key, hash text not null, created_at bigint)`;
  const [last] = await client<{ created_at: string }[]>`select created_at from drizzle.__drizzle_migrations order by created_at desc limit 1`;
  const pending = readMigrationFiles({ migrationsFolder }).filter((m) => !last || Number(last.created_at) < m.folderMillis);
  await client.begin(async (tx) => {
    for (const migration of pending) {
      for (const statement of statementsForCitus(migration.sql)) await tx.unsafe(statement);
      await tx`insert into drizzle.__drizzle_migrations (hash, created_at) values (${migration.hash}, ${migration.folderMillis})`;
    }
    await tx.unsafe(MIGRATION_SETTINGS);
    await tx.unsafe(DISTRIBUTE_NEW_TABLES);
  });
}
