import { serve } from '@hono/node-server';
import { plugins } from '../plugins/index.ts';
import { tenantManifests } from '../tenants/index.ts';
import { createApp } from './app.ts';
import { loadConfig } from './config.ts';
import { openDatabase } from './db/database.ts';
import { migrateDatabase } from './db/migrate.ts';
import { createLogger } from './http/logger.ts';
import { startJobScheduler, type JobScheduler } from './plugins/jobs.ts';
import { DEMO_FOUNDATION, seedPlatformAccounts } from './platform/seed.ts';
import { syncTenants } from './tenancy/sync.ts';

const config = loadConfig();
const logger = createLogger(config.LOG_LEVEL);
const db = await openDatabase({ url: config.DATABASE_URL, dataDir: config.DATA_DIR });
await migrateDatabase(db, config.DATABASE_URL);
const { app, registry, pageCache } = createApp({ db, config, logger, plugins });
await pageCache.connect(db, logger);
const cities = await syncTenants(db, tenantManifests, { registry, seedDemo: config.SEED_DEMO === '1' });
await seedPlatformAccounts(db, {
  operatorEmail: config.PLATFORM_ADMIN_EMAIL,
  operatorPassword: config.PLATFORM_ADMIN_PASSWORD,
  demo: config.SEED_DEMO === '1',
  pluginIds: registry.all().map((p) => p.id),
});

let jobs: JobScheduler | undefined;
const server = serve({ fetch: app.fetch, port: config.PORT, hostname: config.HOST }, () => {
  jobs = startJobScheduler({ db, registry, logger });
  const port = config.PORT === 80 ? '' : `:${config.PORT}`;
  const site = (host: string) => `${config.PUBLIC_SCHEME}://${host}${port}/`;
  const lines = [
    `Volunteer Commons is running on ${db.kind === 'pglite' ? `the embedded database in ${config.DATA_DIR}` : 'PostgreSQL'}.`,
    `  Platform console  ${site(config.PLATFORM_DOMAIN)}`,
    ...cities.map((c) => `  ${c.names.en.padEnd(17)} ${site(`${c.slug}.${config.PLATFORM_DOMAIN}`)}  (or ${site(config.PLATFORM_DOMAIN)}t/${c.slug}/)`),
  ];
  if (config.SEED_DEMO === '1') {
    lines.push('Demo accounts (password after the slash):');
    lines.push(`  platform operator  ${config.PLATFORM_ADMIN_EMAIL} / ${config.PLATFORM_ADMIN_PASSWORD}`);
    lines.push(`  foundation         ${DEMO_FOUNDATION.email} / ${DEMO_FOUNDATION.password}`);
    for (const m of tenantManifests) {
      for (const a of m.demoAccounts ?? []) lines.push(`  ${m.slug.padEnd(9)} ${a.roles.join(',').padEnd(14)} ${a.email} / ${a.password}`);
    }
  }
  console.log(lines.join('\n'));
});

/** SIGTERM/SIGINT: stop taking connections, let requests in flight finish, then close the database. */
let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  logger.info({ signal }, 'shutting down');
  const force = setTimeout(() => process.exit(1), 10_000);
  force.unref();
  server.close(async () => {
    await jobs?.stop();
    await db.close();
    process.exit(0);
  });
}
process.on('SIGTERM', () => void shutdown('SIGTERM'));
process.on('SIGINT', () => void shutdown('SIGINT'));
