import PgBoss from 'pg-boss';
import type { Database } from '../db/database.ts';
import { bossDatabase } from './boss-database.ts';
import { BOSS_RETENTION } from './boss-options.ts';

/**
 * Creates or migrates the queue's schema (pg-boss's own scripts, owned by the migrating
 * user). The app role gets nothing on it: jobs run as the owner and open tenant
 * transactions for tenant work. Called by migrateDatabase, under its lock.
 */
export async function installJobSchema(database: Database): Promise<void> {
  const boss = new PgBoss({ ...BOSS_RETENTION, db: bossDatabase(database), migrate: true, supervise: false, schedule: false });
  await boss.start();
  await boss.stop({ graceful: false });
}
