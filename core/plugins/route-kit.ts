import type { Context, MiddlewareHandler } from 'hono';
import { forbiddenPage } from '../http/error-pages.tsx';
import { signInRedirect } from '../identity/guard.ts';
import type { PluginEnv } from './define-plugin.ts';
import type { PluginContext } from './context.ts';
import type { TenantUnit } from '../db/tenant-unit.ts';

/** The plugin's context of this request, with the plugin's own settings type. */
export function pluginContext<S = Record<string, unknown>>(c: Context<PluginEnv>): PluginContext<S> {
  // The host parsed these settings with this plugin's own schema (registry.enabledFor).
  return c.get('plugin') as PluginContext<S>;
}

/**
 * Commits the request's work so far, before a call to an outside service (a
 * payment gateway): what is done stands, and the request's transaction never
 * waits on the service. Later work begins a fresh transaction.
 * `last`: the work's last statement, sent and not waited for; the commit goes out
 * right behind it, and fails (nothing committed) if it failed (`TenantUnit.commit`).
 */
export function commitWork(c: Context<PluginEnv>, last?: PromiseLike<unknown>): Promise<void> {
  // The host's unit of work (core/http/unit-of-work.ts); a plugin sees it only through this call.
  return (c.get('unit' as never) as TenantUnit).commit(last);
}

/** Not signed in → sign-in page; lacking the permission → 403 page. */
export function requirePermission(permission: string): MiddlewareHandler<PluginEnv> {
  return async (c, next) => {
    const city = pluginContext(c);
    if (!city.user) return signInRedirect(c);
    if (!city.can(permission)) return forbiddenPage(c);
    await next();
  };
}

export const requireUser: MiddlewareHandler<PluginEnv> = async (c, next) => {
  if (!pluginContext(c).user) return signInRedirect(c);
  await next();
};

/** A page with a status: 400 for a form that came back with errors, 409 for a change that came too late. */
export function page(c: Context<PluginEnv>, status: 200 | 400 | 409, content: Parameters<Context<PluginEnv>['render']>[0], title: string) {
  c.status(status);
  return c.render(content, { title });
}

/**
 * Offers this page to the city's page cache: a visitor who is not signed in may get it as it was made for
 * another such visitor of the city, in the same language, up to PAGE_CACHE_SECONDS (5) earlier. Only
 * answers to GET without a session or flash cookie are kept, only 200s that set no cookie.
 *
 * Offer a page only when it shows every visitor who is not signed in the same thing, and everything that
 * changes what it shows is a request to the city's site (any POST, PUT, PATCH or DELETE there, a payment
 * gateway's callback and the city's API included: each makes the city's kept pages stale at once, in every
 * process) or may show a few seconds late: the plugin's jobs, the clock (a date passing).
 */
export function offerToPageCache(c: Context<PluginEnv>): void {
  c.set('pageCacheOffer', true);
}
