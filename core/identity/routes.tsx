import { Hono } from 'hono';
import type { AppEnv } from '../http/env.ts';
import { accountRoutes } from './account-routes.tsx';
import { createSignInGuard } from './guarded-sign-in.ts';
import { invitationRoutes } from './invitation-routes.tsx';
import { mobileRegistrationRoutes } from './mobile-registration-routes.tsx';
import { passkeyRoutes } from './passkey-routes.ts';
import { passwordResetRoutes } from './password-reset-routes.tsx';
import { signInRoutes } from './sign-in-routes.tsx';

/**
 * Identity on a city's site: registration, sign-in (password or passkey),
 * password reset, invitations, sign-out and the account page. One sign-in guard per app (the
 * address limit, the unknown logins' backoff) serves every way in.
 */
export function identityRoutes(): Hono<AppEnv> {
  const guard = createSignInGuard();
  const app = new Hono<AppEnv>();
  app.route('/', signInRoutes(guard));
  app.route('/', invitationRoutes(guard));
  app.route('/', accountRoutes(guard.addresses));
  app.route('/', passkeyRoutes(guard.addresses));
  app.route('/', passwordResetRoutes(guard.addresses));
  app.route('/', mobileRegistrationRoutes(guard.addresses));
  return app;
}
