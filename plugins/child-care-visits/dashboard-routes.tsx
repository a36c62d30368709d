import type { Hono } from 'hono';
import { forbiddenPage, messagesFor, type PluginEnv, requireUser } from '../../core/plugin-api.ts';
import { MAY_CONFIGURE, MAY_SUPERVISE } from './access.ts';
import { timeliness } from './dashboard.ts';
import { childMessages } from './messages.ts';
import { cityOf, page, viewer, work } from './route-kit.ts';
import { DashboardPage } from './views/dashboard-page.tsx';

/** The timeliness dashboard: a supervisor sees their townships, the city admin the whole city; counts only. */
export function dashboardRoutes(app: Hono<PluginEnv>) {
  app.get('/dashboard', requireUser, async (c) => {
    const city = cityOf(c);
    if (!city.can(MAY_SUPERVISE) && !city.can(MAY_CONFIGURE)) return forbiddenPage(c);
    const dashboard = await work(c, async (w) => {
      const all = await w.districts();
      const mine = (await viewer(c, w)).districts;
      return timeliness(w, city.can(MAY_CONFIGURE) ? all : all.filter((d) => mine.has(d)), city.settings);
    });
    return page(c, 200, <DashboardPage {...dashboard} />, messagesFor(c, childMessages).dashboardTitle);
  });
}
