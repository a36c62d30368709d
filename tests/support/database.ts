import postgres from 'postgres';
import { openDatabase, type Database } from '../../core/db/database.ts';
import { migrateDatabase } from '../../core/db/migrate.ts';
import { citusWorkers, createCitusDatabase, dropCitusDatabase } from './citus.ts';

/**
 * A fresh, migrated database for one test file: in-memory PGlite by default, or a
 * new database on the server named by DATABASE_URL (dropped again by `drop`).
 * With `dataDir` (and no DATABASE_URL), PGlite in that folder instead of memory.
 * On a Citus coordinator the database is made on every node (tests/support/citus.ts).
 */
export async function createTestDatabase(options: { dataDir?: string } = {}): Promise<{ db: Database; url?: string; drop: () => Promise<void> }> {
  const serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) {
    // A data folder lets a server process open the same database after the test closes it.
    const db = await openDatabase({ dataDir: options.dataDir });
    await migrateDatabase(db);
    return { db, drop: () => db.close() };
  }
  const name = `vc_test_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  const workers = await citusWorkers(admin);
  if (workers) await createCitusDatabase(admin, serverUrl, workers, name);
  else await admin.unsafe(`create database ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const db = await openDatabase({ url: url.toString(), maxConnections: 8 });
  await migrateDatabase(db, url.toString());
  return {
    db,
    url: url.toString(),
    drop: async () => {
      await db.close();
      if (workers) return dropCitusDatabase(serverUrl, workers, name);
      const again = postgres(serverUrl, { max: 1, onnotice: () => {} });
      await again.unsafe(`drop database if exists ${name} with (force)`);
      await again.end();
    },
  };
}
