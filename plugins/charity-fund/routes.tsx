import type { Hono } from 'hono';
import type { PluginEnv } from '../../core/plugin-api.ts';
import { disclosureRoutes } from './disclosure-routes.tsx';
import { donationRoutes } from './donation-routes.tsx';
import { fundRoutes } from './fund-routes.tsx';
import { manageRoutes } from './manage-routes.tsx';
import { paymentRoutes } from './payment-routes.tsx';
import { proposalRoutes } from './proposal-routes.tsx';
import { staffRoutes } from './staff-routes.tsx';

/** Every page of the charity fund, mounted at /p/charity-fund/ for cities that enabled it. */
export function routes(app: Hono<PluginEnv>) {
  fundRoutes(app);
  proposalRoutes(app);
  donationRoutes(app);
  paymentRoutes(app);
  manageRoutes(app);
  staffRoutes(app);
  disclosureRoutes(app);
}
