import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { inject } from 'vitest';
import { openDatabase, type Database } from '../../core/db/database.ts';
import { migrateDatabase } from '../../core/db/migrate.ts';
import { copyTemplate, dropDatabase } from './database-template.ts';

/**
 * A fresh, migrated database for one test file: in-memory PGlite by default, or on the
 * server named by DATABASE_URL a copy of the run's migrated template (tests/support/global-setup.ts;
 * on a Citus coordinator a copy on every node), dropped again by `drop`.
 * With `dataDir` (and no DATABASE_URL), PGlite in that folder instead of memory.
 * PGlite starts from the run's migrated snapshot (global-setup.ts) instead of running initdb and the
 * migrations again; a `dataDir` that already holds a database is opened and migrated as before.
 */
export async function createTestDatabase(options: { dataDir?: string } = {}): Promise<{ db: Database; url?: string; drop: () => Promise<void> }> {
  const serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) {
    // A data folder lets a server process open the same database after the test closes it.
    const snapshot = inject('pgliteSnapshot');
    const dataDir = options.dataDir;
    if (snapshot && !(dataDir && existsSync(join(dataDir, 'PG_VERSION')))) {
      const db = await openDatabase({ dataDir, loadDataDir: new Blob([readFileSync(snapshot)]) });
      return { db, drop: () => db.close() };
    }
    const db = await openDatabase({ dataDir });
    await migrateDatabase(db);
    return { db, drop: () => db.close() };
  }
  const template = inject('databaseTemplate');
  if (!template) throw new Error('no template database: vitest.config.ts must run tests/support/global-setup.ts');
  const name = `vc_test_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
  const url = await copyTemplate(serverUrl, template, name);
  const db = await openDatabase({ url, maxConnections: 8 });
  return {
    db,
    url,
    drop: async () => {
      await db.close();
      await dropDatabase(serverUrl, name);
    },
  };
}
