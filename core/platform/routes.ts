import { Hono } from 'hono';
import type { PlatformEnv } from '../http/env.ts';
import { createSignInLimiter } from '../identity/rate-limit.ts';
import { cityRoutes } from './city-routes.tsx';
import type { ConsoleDeps } from './deps.ts';
import { foundationRoutes } from './foundation-routes.tsx';
import { homeRoutes } from './home-routes.tsx';
import { reportRoutes } from './report-routes.tsx';
import { jobsRoutes } from './jobs-routes.tsx';
import { signInRoutes } from './sign-in-routes.tsx';
import { sponsorshipRoutes } from './sponsorship-routes.tsx';
import { messageConsoleRoutes } from '../messages/console-routes.tsx';

/**
 * Every route of the console. Mount after `loadPlatformAccount()`; each route
 * carries its own guard, so nothing here calls `.use()`.
 */
export function consoleRoutes(deps: ConsoleDeps): Hono<PlatformEnv> {
  const app = new Hono<PlatformEnv>();
  app.route('/', signInRoutes(createSignInLimiter()));
  app.route('/', homeRoutes(deps));
  app.route('/', cityRoutes(deps));
  app.route('/', foundationRoutes(deps));
  app.route('/', sponsorshipRoutes(deps));
  app.route('/', reportRoutes(deps));
  app.route('/', jobsRoutes(deps.jobs));
  app.route('/', messageConsoleRoutes());
  return app;
}
