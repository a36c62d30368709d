import { Hono } from 'hono';
import { csrfProtection } from '../http/csrf.ts';
import type { PlatformEnv } from '../http/env.ts';
import { errorPage, notFoundPage } from '../http/error-pages.tsx';
import { localeFromRequest, switchLocale } from '../http/locale.ts';
import type { CityChanges } from '../http/city-changes.ts';
import { applyPlumbing, type PlumbingDeps } from '../http/plumbing.ts';
import { loadPlatformAccount } from '../platform/guard.ts';
import { consoleRoutes } from '../platform/routes.ts';
import type { RunningJobQueue } from '../jobs/queue.ts';
import type { PluginRegistry } from '../plugins/registry.ts';
import type { TenantResolver } from '../tenancy/resolver.ts';

export type PlatformSiteDeps = PlumbingDeps & { registry: PluginRegistry; resolver: TenantResolver; changes: CityChanges; jobs: RunningJobQueue };

/** The console on the bare platform host: operators onboard cities, foundations enable plugins. */
export function createPlatformSite(deps: PlatformSiteDeps): Hono<PlatformEnv> {
  const app = new Hono<PlatformEnv>();
  applyPlumbing(app, deps);
  app.use(async (c, next) => {
    c.set('db', deps.db);
    await next();
  });
  app.use(localeFromRequest(() => 'zh-CN'));
  app.use(csrfProtection());
  app.use(deps.changes.consoleMiddleware);
  app.post('/locale', switchLocale);
  app.use(loadPlatformAccount());
  app.route('/', consoleRoutes({ registry: deps.registry, resolver: deps.resolver, jobs: deps.jobs }));
  app.notFound(notFoundPage);
  app.onError(errorPage);
  return app;
}
