import type { Hono } from 'hono';
import type { PluginEnv } from '../../core/plugin-api.ts';
import { adminRoutes } from './admin-routes.tsx';
import { catalogueRoutes } from './catalogue-routes.tsx';
import { familyRoutes } from './family-routes.tsx';
import { marketRoutes } from './market-routes.tsx';
import { memberRoutes } from './member-routes.tsx';

/** Every page of the time bank, mounted by the core at /p/time-bank/ for cities that enabled it. */
export function routes(app: Hono<PluginEnv>) {
  memberRoutes(app);
  marketRoutes(app);
  catalogueRoutes(app);
  familyRoutes(app);
  adminRoutes(app);
}
