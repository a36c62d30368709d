import type { Logger } from 'pino';
import { createApp } from '../../core/app.ts';
import { loadConfig, type Config } from '../../core/config.ts';
import { createLogger } from '../../core/http/logger.ts';
import type { CoreJob } from '../../core/jobs/define-job.ts';
import type { PluginDefinition } from '../../core/plugins/define-plugin.ts';
import type { TenantManifest } from '../../core/tenancy/manifest.ts';
import { syncTenants } from '../../core/tenancy/sync.ts';
import type { Tenant } from '../../core/tenancy/tenant.ts';
import { testCities } from './cities.ts';
import { createTestDatabase } from './database.ts';

export type TestPlatform = Awaited<ReturnType<typeof startTestPlatform>>;

/**
 * The real app on a fresh database with the test cities synced; `close()` in afterAll. `logger` lets a test read the log.
 * `platform.jobs` is the job queue, not working on its own: `await platform.jobs.drain()` runs what is ready.
 * `coreJobs` replaces the core's jobs (core/jobs/core-jobs.ts) with a test's own.
 */
export async function startTestPlatform(
  options: { plugins?: PluginDefinition[]; cities?: TenantManifest[]; env?: Partial<Config>; dataDir?: string; logger?: Logger; coreJobs?: CoreJob[] } = {},
) {
  const { db, url, drop } = await createTestDatabase({ dataDir: options.dataDir });
  // Tests change cities through services as well as requests; a kept page would hide the change. The page
  // cache is off unless a test turns it on (tests/page-cache.test.ts).
  const config = loadConfig({ LOG_LEVEL: 'silent', PLATFORM_DOMAIN: 'localhost', PAGE_CACHE_SECONDS: '0', ...stringify(options.env ?? {}) });
  const platform = createApp({ db, config, logger: options.logger ?? createLogger(process.env.TEST_LOG ?? 'silent'), plugins: options.plugins ?? [], coreJobs: options.coreJobs });
  const synced = await syncTenants(db, options.cities ?? testCities, { registry: platform.registry, seedDemo: true, site: config });
  const cities = Object.fromEntries(synced.map((t) => [t.slug, t])) as Record<string, Tenant>;
  return { ...platform, db, url, config, cities, close: drop };
}

function stringify(env: Partial<Config>): Record<string, string> {
  return Object.fromEntries(Object.entries(env).map(([k, v]) => [k, String(v)]));
}
