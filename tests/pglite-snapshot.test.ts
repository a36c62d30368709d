import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../core/db/database.ts';
import { ensureSnapshot, isNewDataFolder, newDataFolder } from '../core/db/pglite-snapshot.ts';
import { migrateDatabase } from '../core/db/migrate.ts';

/** A new embedded data folder is a copy of the migrated snapshot in dist/ (core/db/pglite-snapshot.ts). */
const parent = mkdtempSync(join(tmpdir(), 'vc-snapshot-'));
afterAll(() => rmSync(parent, { recursive: true, force: true }));

/** A pid no process has: what a start killed earlier leaves in a `.partial-<pid>` name. */
const DEAD_PID = 2 ** 22 + 17;

describe('a new data folder from the snapshot', () => {
  it('is whole, migrated and opens, whatever a killed start left beside it', async () => {
    const { folder } = await ensureSnapshot();
    expect(existsSync(join(folder, 'PG_VERSION'))).toBe(true);
    // A killed start's half-copied folder, and the empty data folder it was to fill.
    const dataDir = join(parent, 'data');
    mkdirSync(dataDir);
    mkdirSync(`${dataDir}.partial-${DEAD_PID}`);
    writeFileSync(join(`${dataDir}.partial-${DEAD_PID}`, 'PG_VERSION'), 'half');
    expect(await isNewDataFolder(dataDir)).toBe(true);
    await newDataFolder(dataDir, folder);
    expect(readdirSync(parent).sort()).toEqual(['data']);
    expect(await isNewDataFolder(dataDir)).toBe(false);
    const db = await openDatabase({ dataDir });
    try {
      const before = await (db.driver as { pglite: import('@electric-sql/pglite').PGlite }).pglite.query<{ n: number }>('select count(*)::int as n from drizzle.__drizzle_migrations');
      expect(before.rows[0]!.n).toBeGreaterThan(30);
      // Nothing left for the migrator: the copy holds every migration and the job queue's schema.
      await migrateDatabase(db);
      const after = await (db.driver as { pglite: import('@electric-sql/pglite').PGlite }).pglite.query<{ n: number }>('select count(*)::int as n from drizzle.__drizzle_migrations');
      expect(after.rows[0]!.n).toBe(before.rows[0]!.n);
      const queue = await (db.driver as { pglite: import('@electric-sql/pglite').PGlite }).pglite.query<{ n: number }>("select count(*)::int as n from information_schema.schemata where schema_name = 'pgboss'");
      expect(queue.rows[0]!.n).toBe(1);
    } finally {
      await db.close();
    }
  }, 300_000);

  it('is never made over a folder that holds something', async () => {
    const dataDir = join(parent, 'kept');
    mkdirSync(dataDir);
    writeFileSync(join(dataDir, 'note.txt'), 'mine');
    expect(await isNewDataFolder(dataDir)).toBe(false);
    expect(await isNewDataFolder(join(parent, 'missing'))).toBe(true);
    expect(await isNewDataFolder('memory://')).toBe(false);
  });
});
