import { Hono } from 'hono';
import type { AppEnv } from '../http/env.ts';
import { auditAdminRoutes } from './audit-routes.tsx';
import { memberAdminRoutes } from './member-routes.tsx';
import { pluginAdminRoutes } from './plugin-routes.tsx';

/**
 * The city admin pages, mounted at `/admin`. Each section checks its own
 * permission for every route in it (members.manage, plugins.manage, audit.read).
 */
export function adminRoutes(): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.route('/plugins', pluginAdminRoutes());
  app.route('/members', memberAdminRoutes());
  app.route('/audit', auditAdminRoutes());
  return app;
}
