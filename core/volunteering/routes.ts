import { Hono } from 'hono';
import type { AppEnv } from '../http/env.ts';
import { activityRoutes } from './activities/routes.tsx';
import { attendanceRoutes } from './attendance/routes.tsx';
import { certificateRoutes } from './certificates/routes.tsx';
import { certificateRegisterRoutes } from './certificates/register-routes.tsx';
import { sealRoutes } from './certificates/seal-routes.tsx';
import { dashboardRoutes } from './oversight/dashboard-routes.tsx';
import { exportRoutes } from './oversight/export-routes.tsx';
import { exchangeExportRoutes } from './exchange/export-routes.tsx';
import { importRoutes } from './exchange/import-routes.tsx';
import { insuranceRoutes } from './insurance/routes.tsx';
import { needRoutes } from './projects/need-routes.tsx';
import { organisationRoutes } from './organisations/routes.tsx';
import { projectRoutes } from './projects/routes.tsx';
import { recordRoutes } from './records/routes.tsx';
import { recognitionRoutes } from './recognition/routes.tsx';
import { starRoutes } from './stars/routes.tsx';
import { reviewRoutes } from './organisations/review-routes.tsx';
import { spotCheckRoutes } from './oversight/spot-check-routes.tsx';
import { identityRequirementRoutes } from './volunteers/identity-requirement-routes.tsx';
import { volunteerRoutes } from './volunteers/routes.tsx';
import { transferRoutes } from './transfers/routes.tsx';
import type { TenantResolver } from '../tenancy/resolver.ts';

/**
 * Volunteering on a city's site, mounted at `/`. No sub-app calls `.use()`:
 * each route carries its own guard, so nothing leaks onto sibling routes.
 */
export function volunteeringRoutes(deps: { directory: Pick<TenantResolver, 'activeCities'> }): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.route('/', organisationRoutes());
  app.route('/', reviewRoutes());
  app.route('/', volunteerRoutes());
  app.route('/', identityRequirementRoutes());
  app.route('/', projectRoutes());
  app.route('/', needRoutes());
  app.route('/', activityRoutes());
  app.route('/', attendanceRoutes());
  app.route('/', recordRoutes());
  app.route('/', recognitionRoutes());
  app.route('/', starRoutes());
  app.route('/', certificateRoutes());
  app.route('/', sealRoutes());
  app.route('/', insuranceRoutes());
  app.route('/', certificateRegisterRoutes());
  app.route('/', spotCheckRoutes());
  app.route('/', exportRoutes());
  app.route('/', exchangeExportRoutes());
  app.route('/', importRoutes());
  app.route('/', transferRoutes(deps.directory));
  app.route('/', dashboardRoutes());
  return app;
}
