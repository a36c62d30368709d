/** `npm run id-numbers:reseal`: after adding a new first key to ID_NUMBER_KEYS, seals every city's ID numbers with it. */
import { loadConfig } from '../../config.ts';
import { openDatabase } from '../../db/database.ts';
import { migrateDatabase } from '../../db/migrate.ts';
import { listTenants } from '../../tenancy/service.ts';
import { resealIdNumbers } from './service.ts';

const config = loadConfig();
const db = await openDatabase({ url: config.DATABASE_URL, appUrl: config.APP_DATABASE_URL, dataDir: config.DATA_DIR });
try {
  await migrateDatabase(db, config.DATABASE_URL);
  for (const tenant of await db.platform((tx) => listTenants(tx))) {
    // One transaction a city: a city is either all on the new key or untouched.
    const count = await db.tenant(tenant.id, (tx) => resealIdNumbers(tx, tenant.id));
    console.log(`${tenant.slug}: ${count} ID numbers sealed with the new key`);
  }
} finally {
  await db.close();
}
