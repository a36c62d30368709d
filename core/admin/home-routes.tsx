import { Hono } from 'hono';
import { messagesFor } from '../../views/context.ts';
import type { AppEnv } from '../http/env.ts';
import { requirePermission } from '../identity/guard.ts';
import { firstDayProgress } from './first-day.ts';
import { adminHomeMessages } from './home-messages.ts';
import { AdminHome } from './home-view.tsx';

/** /admin: where a city admin starts, with what is left to set up. */
export function adminHomeRoutes(): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.get('/', requirePermission('tenant.manage'), async (c) => {
    const { tenant } = c.var;
    const progress = await c.var.unit.run((tx) => firstDayProgress(tx, tenant));
    return c.render(<AdminHome progress={progress} />, { title: messagesFor(c, adminHomeMessages).homeTitle });
  });
  return app;
}
