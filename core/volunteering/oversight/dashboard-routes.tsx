import { Hono } from 'hono';
import { messagesFor } from '../../../views/context.ts';
import type { AppEnv } from '../../http/env.ts';
import { requirePermission } from '../../identity/guard.ts';
import { cityDashboard } from './dashboard.ts';
import { dashboardMessages } from './dashboard-messages.ts';
import { inCity } from '../shared/route-kit.ts';
import { DashboardPage } from './views/dashboard-page.tsx';

/** The city admin's dashboard: every figure from grouped queries in one tenant transaction. */
export function dashboardRoutes(): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  app.get('/admin/dashboard', requirePermission('dashboard.read'), async (c) => {
    const figures = await inCity(c, (tx, tenantId) => cityDashboard(tx, tenantId));
    const canExport = c.var.permissions.has('service_records.oversee');
    return c.render(<DashboardPage figures={figures} canExport={canExport} />, { title: messagesFor(c, dashboardMessages).title });
  });

  return app;
}
