import { Hono } from 'hono';
import type { Logger } from 'pino';
import type { Config } from './config.ts';
import type { Database } from './db/database.ts';
import { coreJobs } from './jobs/core-jobs.ts';
import type { CoreJob } from './jobs/define-job.ts';
import { createJobQueue } from './jobs/queue.ts';
import { createCityChanges } from './http/city-changes.ts';
import { createPageCache } from './http/page-cache.ts';
import { parseRequestUrl } from './http/request-url.ts';
import { createEnabledPluginsCache } from './plugins/enabled-cache.ts';
import type { PluginDefinition } from './plugins/define-plugin.ts';
import { createPluginRegistry } from './plugins/registry.ts';
import { createPlatformSite } from './site/platform-site.ts';
import { createTenantSite } from './site/tenant-site.ts';
import { createTenantResolver, siteOf, withSite } from './tenancy/resolver.ts';

export type AppDeps = {
  db: Database;
  config: Config;
  logger: Logger;
  plugins: readonly PluginDefinition[];
  /** The core's jobs; tests add their own. */
  coreJobs?: readonly CoreJob[];
};

/**
 * The whole platform as one fetch handler: requests for the bare platform host go
 * to the console, everything else to a city's site.
 */
export function createApp(deps: AppDeps) {
  const registry = createPluginRegistry(deps.plugins);
  const resolver = createTenantResolver(deps.db);
  // Made here so requests can queue jobs; main.ts starts it working.
  const jobs = createJobQueue({ db: deps.db, config: deps.config, logger: deps.logger, registry, coreJobs: deps.coreJobs ?? coreJobs });
  // What a process keeps in memory about a city for visitors who are not signed in, until the city changes.
  // A console change (a city suspended, a host added) reaches this process's city lookups too, from any process.
  const changes = createCityChanges({ onEveryCity: () => resolver.invalidate() });
  const seconds = deps.config.PAGE_CACHE_SECONDS;
  const pageCache = createPageCache({ seconds, changes });
  const enabledPlugins = createEnabledPluginsCache({ seconds, changes });
  const siteDeps = { db: deps.db, config: deps.config, logger: deps.logger, registry, resolver, changes, pageCache, enabledPlugins, jobs };
  const tenantSite = createTenantSite(siteDeps);
  const platformSite = createPlatformSite(siteDeps);
  // The one place a request's site is worked out; a city's site gets it with the request. Not a Hono
  // route: one Hono dispatch a request, not two. Hono's `request` (the tests') goes through `fetch` too.
  const app = new Hono();
  app.fetch = (request, env, executionCtx) => {
    const site = siteOf(parseRequestUrl(request.url), deps.config);
    return site.kind === 'platform' ? platformSite.fetch(request, env, executionCtx) : tenantSite.fetch(request, withSite(env, site), executionCtx);
  };
  return { app, registry, resolver, changes, jobs };
}

export type Platform = ReturnType<typeof createApp>;
