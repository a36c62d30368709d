import { Hono } from 'hono';
import { brandingStore } from '../admin/branding.ts';
import { adminRoutes } from '../admin/routes.ts';
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
import { siteOf, type TenantResolver } from '../tenancy/resolver.ts';
import { volunteeringRoutes } from '../volunteering/routes.ts';
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
  const app = new Hono<AppEnv>({
    getPath: (req) => {
      const url = new URL(req.url);
      const site = siteOf(url, deps.config);
      const path = site.kind === 'tenant' && site.base ? url.pathname.slice(site.base.length) || '/' : url.pathname;
      // `/p/<id>/` and `/p/<id>` are the same page (Hono's `strict: false` would replace this getPath).
      return path.length > 1 && path.endsWith('/') ? path.slice(0, -1) : path;
    },
  });
  applyPlumbing(app, deps);
  app.use(resolveTenant(deps.db, deps.resolver, deps.registry));
  app.use(csrfProtection());
  app.use(deps.changes.cityMiddleware);
  // Before the visitor is read: a kept page costs no database round trip.
  app.use(deps.pageCache.middleware);
  app.use(loadVisitor(deps.enabledPlugins));
  app.use(refuseWhenSuspended);

  app.get('/', homePage);
  app.post('/locale', switchLocale);
  app.route('/', identityRoutes());
  app.route('/', messageChoiceRoutes());
  app.route('/admin', adminRoutes({ resolver: deps.resolver, saveBranding: brandingStore(deps.db) }));
  app.route('/', volunteeringRoutes());
  mountPlugins(app, deps.registry);

  app.notFound(notFoundPage);
  app.onError(errorPage);
  return app;
}
