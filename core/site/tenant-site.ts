import { Hono } from 'hono';
import { brandingStore } from '../admin/branding.ts';
import { adminRoutes } from '../admin/routes.ts';
import { apiRoutes } from '../api/routes.ts';
import { csrfProtection } from '../http/csrf.ts';
import type { AppEnv } from '../http/env.ts';
import { errorPage, notFoundPage } from '../http/error-pages.tsx';
import { identityRoutes } from '../identity/routes.tsx';
import { messageChoiceRoutes } from '../messages/choices-routes.tsx';
import { switchLocale } from '../http/locale.ts';
import type { CityChanges } from '../http/city-changes.ts';
import type { PageCache } from '../http/page-cache.ts';
import type { EnabledPluginsCache } from '../plugins/enabled-cache.ts';
import { applyPlumbing, type PlumbingDeps } from '../http/plumbing.ts';
import { mountPlugins } from '../plugins/mount.ts';
import type { PluginRegistry } from '../plugins/registry.ts';
import { siteFrom, type TenantResolver } from '../tenancy/resolver.ts';
import { unitOfWork } from '../http/unit-of-work.ts';
import { volunteeringRoutes } from '../volunteering/routes.ts';
import { publicLedgerRoutes } from '../ledger/public-routes.tsx';
import { homePage } from './home.tsx';
import { loadVisitor, refuseWhenSuspended, resolveTenant } from './tenant-context.ts';

export type TenantSiteDeps = PlumbingDeps & {
  registry: PluginRegistry;
  resolver: TenantResolver;
  changes: CityChanges;
  pageCache: PageCache;
  enabledPlugins: EnabledPluginsCache;
};

/** A city's site. Routes see the same paths whether reached by host or through `/t/<slug>`. */
export function createTenantSite(deps: TenantSiteDeps): Hono<AppEnv> {
  // The front door (core/app.ts) has already read the path within the site from the request's address.
  const app = new Hono<AppEnv>({ getPath: (_req, options) => siteFrom(options?.env).path });
  applyPlumbing(app, deps);
  app.use(resolveTenant(deps.resolver));
  app.use(csrfProtection());
  // Counts a change once it is committed (the unit of work, below, commits before this hears of it).
  app.use(deps.changes.cityMiddleware);
  // Before the visitor is read: a kept page costs no database round trip, and a page is kept only once committed.
  app.use(deps.pageCache.middleware);
  app.use(unitOfWork(deps.db));
  app.use(loadVisitor(deps.enabledPlugins, deps.registry));
  app.use(refuseWhenSuspended);

  app.get('/', homePage);
  app.post('/locale', switchLocale);
  app.route('/', identityRoutes());
  app.route('/', messageChoiceRoutes());
  app.route('/admin', adminRoutes({ resolver: deps.resolver, saveBranding: brandingStore(deps.db) }));
  app.route('/', volunteeringRoutes({ directory: deps.resolver }));
  app.route('/', publicLedgerRoutes(Object.assign({}, ...deps.registry.all().map((p) => p.ledgerUnitLabels ?? {}))));
  app.route('/api/v1', apiRoutes({ requestsPerMinute: deps.config.API_REQUESTS_PER_MINUTE, plugins: deps.registry.all() }));
  mountPlugins(app, deps.registry);

  app.notFound(notFoundPage);
  app.onError(errorPage);
  return app;
}
