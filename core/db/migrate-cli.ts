import { loadConfig } from '../config.ts';
import { openDatabase } from './database.ts';
import { migrateDatabase } from './migrate.ts';

const config = loadConfig();
const database = await openDatabase({ url: config.DATABASE_URL, appUrl: config.APP_DATABASE_URL, dataDir: config.DATA_DIR });
await migrateDatabase(database, config.DATABASE_URL);
await database.close();
console.log(`migrations applied (${database.kind})`);
