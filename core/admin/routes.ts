import { Hono } from 'hono';
import type { AppEnv } from '../http/env.ts';
import type { TenantResolver } from '../tenancy/resolver.ts';
import { apiKeyAdminRoutes } from './api-key-routes.tsx';
import { auditAdminRoutes } from './audit-routes.tsx';
import type { BrandingStore } from './branding.ts';
import { brandingAdminRoutes } from './branding-routes.tsx';
import { adminHomeRoutes } from './home-routes.tsx';
import { memberAdminRoutes } from './member-routes.tsx';
import { pluginAdminRoutes } from './plugin-routes.tsx';
import { messageAdminRoutes } from '../messages/admin-routes.tsx';
import { webhookAdminRoutes } from '../webhooks/admin-routes.tsx';

/**
 * The city admin pages, mounted at `/admin`. Each section checks its own
 * permission for every route in it (tenant.manage, members.manage, plugins.manage, audit.read, messages.read, api_keys.manage, webhooks.manage).
 */
/** What the admin pages need beyond the request's city: the city lookup to refresh, and the one global write they make. */
export type AdminDeps = { resolver: Pick<TenantResolver, 'invalidate'>; saveBranding: BrandingStore };

export function adminRoutes(deps: AdminDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.route('/', adminHomeRoutes());
  app.route('/branding', brandingAdminRoutes(deps));
  app.route('/plugins', pluginAdminRoutes());
  app.route('/members', memberAdminRoutes());
  app.route('/audit', auditAdminRoutes());
  app.route('/messages', messageAdminRoutes());
  app.route('/api-keys', apiKeyAdminRoutes());
  app.route('/webhooks', webhookAdminRoutes());
  return app;
}
