import { Hono } from 'hono';
import type { AppEnv } from '../http/env.ts';
import { accountRoutes } from './account-routes.tsx';
import { passkeyRoutes } from './passkey-routes.ts';
import { createSignInLimiter } from './rate-limit.ts';
import { signInRoutes } from './sign-in-routes.tsx';

/**
 * Identity on a city's site: registration, sign-in (password or passkey), sign-out
 * and the account page. One address limiter per app serves every way in.
 */
export function identityRoutes(): Hono<AppEnv> {
  const limiter = createSignInLimiter();
  const app = new Hono<AppEnv>();
  app.route('/', signInRoutes(limiter));
  app.route('/', accountRoutes(limiter));
  app.route('/', passkeyRoutes(limiter));
  return app;
}
