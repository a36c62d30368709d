import type { MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import { cityDatabase } from '../db/city-database.ts';
import type { Database } from '../db/database.ts';
import { statusPage } from '../http/error-pages.tsx';
import type { AppEnv } from '../http/env.ts';
import { httpMessages } from '../http/messages.ts';
import { negotiateLocale } from '../i18n/messages.ts';
import { LOCALE_COOKIE } from '../http/locale.ts';
import { permissionsOf } from '../identity/permissions.ts';
import { clearSessionCookie, readSessionCookie, setSessionCookie, validateSessionToken } from '../identity/sessions.ts';
import type { EnabledPluginsCache } from '../plugins/enabled-cache.ts';
import { pluginCity } from '../plugins/context.ts';
import type { PluginRegistry } from '../plugins/registry.ts';
import { pluginsHandle } from '../plugins/site-plugins.ts';
import type { TenantResolver } from '../tenancy/resolver.ts';
import { siteOf } from '../tenancy/resolver.ts';
import { coreNav } from './nav.ts';

/**
 * Finds the city of this request; an unknown host gets a 404 page, never a default city.
 * From here on the request sees the database only as this city's tenant transactions.
 */
export function resolveTenant(db: Database, resolver: TenantResolver): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const url = new URL(c.req.url);
    const site = siteOf(url, c.get('config'));
    const tenant = site.kind === 'tenant' ? await resolver.resolve(site) : null;
    if (!tenant || site.kind !== 'tenant') {
      c.set('locale', negotiateLocale(getCookie(c, LOCALE_COOKIE), c.req.header('accept-language'), 'zh-CN'));
      const t = httpMessages[c.get('locale')];
      return statusPage(c, 404, t.unknownSiteTitle, t.unknownSiteBody(url.host));
    }
    c.set('tenant', tenant);
    c.set('db', cityDatabase(db, tenant.id));
    c.set('base', site.base);
    c.set('origin', `${c.get('config').PUBLIC_SCHEME}://${url.host}`);
    c.set('locale', negotiateLocale(getCookie(c, LOCALE_COOKIE), c.req.header('accept-language'), tenant.defaultLocale));
    await next();
  };
}

/**
 * Loads the signed-in user, their permissions and the city's enabled plugins in
 * one tenant transaction, then builds the menu. A visitor who is not signed in
 * needs only the plugins, which this process keeps between changes.
 */
export function loadVisitor(kept: EnabledPluginsCache, registry: PluginRegistry): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const tenant = c.get('tenant');
    const token = readSessionCookie(c);
    const generation = kept.generationOf(tenant.id);
    const known = token ? undefined : kept.get(tenant.id);
    // Both reads go out together (one round trip); on every request this is the only tenant transaction before the route's.
    const { visitor, enabled } = known
      ? { visitor: null, enabled: known }
      : await c.get('db').tenant(tenant.id, async (tx) => {
          const [visitor, enabled] = await Promise.all([token ? validateSessionToken(tx, tenant.id, token) : null, registry.enabledFor(tx, tenant.id)]);
          return { visitor, enabled };
        });
    if (!known) kept.set(tenant.id, enabled, generation);
    if (token && !visitor) clearSessionCookie(c);
    if (visitor?.renewed) setSessionCookie(c, token!, visitor.session.expiresAt);
    const permissions = permissionsOf(visitor?.user.roles ?? [], registry.grants);
    c.set('user', visitor?.user ?? null);
    c.set('sessionId', visitor?.session.id ?? null);
    c.set('permissions', permissions);
    const user = visitor?.user ?? null;
    const events = registry.eventsFor(pluginCity(tenant, c.get('locale')), { user, permissions, enabled });
    c.set('plugins', pluginsHandle({ registry, enabled, events }));
    c.set('nav', [
      ...coreNav(c.get('base'), c.get('locale'), permissions, 'main'),
      ...registry.navFor(enabled, permissions, c.get('base'), c.get('locale')),
      ...coreNav(c.get('base'), c.get('locale'), permissions, 'admin'),
    ]);
    await next();
  };
}

/** A suspended city shows citizens a 503 page; its administrators still get in to see why. */
export const refuseWhenSuspended: MiddlewareHandler<AppEnv> = async (c, next) => {
  if (c.get('tenant').status === 'suspended' && !c.get('user')?.roles.includes('city_admin')) {
    const path = c.req.path;
    const signingIn = path === '/sign-in' || path === '/sign-out' || path.startsWith('/passkeys/sign-in/');
    if (!signingIn) {
      const t = httpMessages[c.get('locale')];
      return statusPage(c, 503, t.suspendedTitle, t.suspendedBody);
    }
  }
  await next();
};
