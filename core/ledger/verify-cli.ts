/** `npm run ledger:verify -- <city slug>`: prints OK, or the first transfer that does not match (exit 1). */
import { loadConfig } from '../config.ts';
import { openDatabase } from '../db/database.ts';
import { migrateDatabase } from '../db/migrate.ts';
import { findTenantBySlug } from '../tenancy/service.ts';
import { verifyLedger } from './verify.ts';

const slug = process.argv[2];
if (!slug) {
  console.error('usage: npm run ledger:verify -- <city slug>');
  process.exit(2);
}
const config = loadConfig();
const db = await openDatabase({ url: config.DATABASE_URL, appUrl: config.APP_DATABASE_URL, dataDir: config.DATA_DIR });
try {
  await migrateDatabase(db, config.DATABASE_URL);
  const tenant = await db.platform((tx) => findTenantBySlug(tx, slug));
  if (!tenant) {
    console.error(`no city with slug "${slug}"`);
    process.exitCode = 2;
  } else {
    const result = await db.tenant(tenant.id, (tx) => verifyLedger(tx, tenant.id));
    if (result.ok) {
      console.log(`OK ${slug}: ${result.transfers} transfers, ${result.accounts} accounts, chain head ${result.headHash}`);
    } else {
      console.log(`MISMATCH ${slug}: ${result.problem}${result.transferId ? ` (transfer ${result.transferId})` : ''}`);
      process.exitCode = 1;
    }
  }
} finally {
  await db.close();
}
