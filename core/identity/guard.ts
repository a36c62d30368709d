import type { MiddlewareHandler } from 'hono';
import { forbiddenPage } from '../http/error-pages.tsx';
import { sitePath, type AnyContext } from '../../views/context.ts';
import type { AppEnv } from '../http/env.ts';

/** Where to send someone who must sign in first; they come back to `next` afterwards. Any city page's context, a plugin's too. */
export function signInRedirect(c: AnyContext) {
  const next = c.req.path + (new URL(c.req.url).search || '');
  return c.redirect(`${sitePath(c, '/sign-in')}?next=${encodeURIComponent(next)}`, 303);
}

/** The one permission check every route uses: not signed in → sign-in page; lacking it → 403 page. */
export function requirePermission(permission: string): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (!c.var.user) return signInRedirect(c);
    if (!c.var.permissions.has(permission)) return forbiddenPage(c);
    await next();
  };
}

export const requireUser: MiddlewareHandler<AppEnv> = async (c, next) => {
  if (!c.var.user) return signInRedirect(c);
  await next();
};
