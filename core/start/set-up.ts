import { plugins } from '../../plugins/index.ts';
import { tenantManifests } from '../../tenants/index.ts';
import type { Config } from '../config.ts';
import { openDatabase, type Database } from '../db/database.ts';
import { migrateDatabase } from '../db/migrate.ts';
import { ensureSnapshot, isNewDataFolder, newDataFolder } from '../db/pglite-snapshot.ts';
import { createPluginRegistry } from '../plugins/registry.ts';
import { seedPlatformAccounts, sponsorDemoCity } from '../platform/seed.ts';
import { runningBundleHash, syncTenantsUnlessUnchanged } from '../tenancy/sync-unless-unchanged.ts';
import { cityListing } from './banner.ts';
import { databaseName, progress, step } from './progress.ts';

/**
 * What a start does before serving, each step printed as it begins and timed when it ends: open the
 * database (a new PGlite folder from the migrated snapshot), migrate, make the platform accounts, create or
 * update the cities. Returns the open database and the banner's listing of the cities.
 */
export async function setUp(config: Config): Promise<{ db: Database; listing: string[] }> {
  const open = step(`Opening ${databaseName(config)}`);
  if (!config.DATABASE_URL && (await isNewDataFolder(config.DATA_DIR))) {
    // A new data folder is a copy of a migrated empty one kept in dist/, made once per PGlite version
    // and set of migrations: PGlite's initdb alone is seconds of WebAssembly (core/db/pglite-snapshot.ts).
    const snapshot = await ensureSnapshot();
    progress(snapshot.made ? '  a new data folder (first made an empty migrated database in dist/pglite-snapshots/ for the next ones)' : '  a new data folder, copied from dist/pglite-snapshots/');
    await newDataFolder(config.DATA_DIR, snapshot.folder);
  }
  const db = await openDatabase({ url: config.DATABASE_URL, appUrl: config.APP_DATABASE_URL, dataDir: config.DATA_DIR });
  open.done();
  const migrations = step('Applying database migrations');
  await migrateDatabase(db, config.DATABASE_URL);
  migrations.done();
  const registry = createPluginRegistry(plugins);
  // The accounts first: the demo foundation sponsors each demo city before its demo data is made, so the
  // plugins' demo (a legal-aid card batch) is donated in its name.
  const accounts = step('Creating the platform accounts');
  await seedPlatformAccounts(db, {
    operatorEmail: config.PLATFORM_ADMIN_EMAIL,
    operatorPassword: config.PLATFORM_ADMIN_PASSWORD,
    demo: config.SEED_DEMO === '1',
    pluginIds: registry.all().map((p) => p.id),
  });
  accounts.done();
  const sync = step(config.SEED_DEMO === '1' ? 'Creating or updating the demo cities' : 'Creating or updating the cities in tenants/');
  const { cities, skipped } = await syncTenantsUnlessUnchanged(db, tenantManifests, {
    registry,
    seedDemo: config.SEED_DEMO === '1',
    site: config,
    code: runningBundleHash(),
    onStep: (slug, step) => progress(`  ${slug}: ${step}`),
    beforeSeeds: (city) => sponsorDemoCity(db, city.id),
  });
  if (skipped) progress('  skipped: the cities, the code and the migrations are those of the last start');
  sync.done();
  return { db, listing: cityListing(cities, config) };
}
