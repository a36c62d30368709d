import { Hono } from 'hono';
import type { AppEnv } from '../http/env.ts';
import type { TenantResolver } from '../tenancy/resolver.ts';
import { auditAdminRoutes } from './audit-routes.tsx';
import { brandingAdminRoutes } from './branding-routes.tsx';
import { adminHomeRoutes } from './home-routes.tsx';
import { memberAdminRoutes } from './member-routes.tsx';
import { pluginAdminRoutes } from './plugin-routes.tsx';

/**
 * The city admin pages, mounted at `/admin`. Each section checks its own
 * permission for every route in it (tenant.manage, members.manage, plugins.manage, audit.read).
 */
export function adminRoutes(resolver: Pick<TenantResolver, 'invalidate'>): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.route('/', adminHomeRoutes());
  app.route('/branding', brandingAdminRoutes(resolver));
  app.route('/plugins', pluginAdminRoutes());
  app.route('/members', memberAdminRoutes());
  app.route('/audit', auditAdminRoutes());
  return app;
}
