import type { MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import { statusPage } from '../http/error-pages.tsx';
import type { AppEnv, NavEntry } from '../http/env.ts';
import { httpMessages } from '../http/messages.ts';
import { negotiateLocale, type Locale } from '../i18n/messages.ts';
import { LOCALE_COOKIE } from '../http/locale.ts';
import { keptPermissions } from '../identity/permissions.ts';
import { clearSessionCookie, readSessionCookie, setSessionCookie, validateSessionToken } from '../identity/sessions.ts';
import type { EnabledPluginsCache } from '../plugins/enabled-cache.ts';
import type { EnabledPlugins } from '../plugins/registry.ts';
import { pluginCity } from '../plugins/context.ts';
import type { PluginRegistry } from '../plugins/registry.ts';
import { pluginsHandle } from '../plugins/site-plugins.ts';
import { siteFrom, type TenantResolver } from '../tenancy/resolver.ts';
import { coreNav } from './nav.ts';

/**
 * Finds the city of this request (from the site the front door worked out); an
 * unknown host gets a 404 page, never a default city.
 */
export function resolveTenant(resolver: TenantResolver): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const site = siteFrom(c.env);
    const tenant = site.kind === 'tenant' ? await resolver.resolve(site) : null;
    if (!tenant || site.kind !== 'tenant') {
      c.set('locale', negotiateLocale(getCookie(c, LOCALE_COOKIE), c.req.header('accept-language'), 'zh-CN'));
      const t = httpMessages[c.get('locale')];
      return statusPage(c, 404, t.unknownSiteTitle, t.unknownSiteBody(site.authority));
    }
    c.set('tenant', tenant);
    c.set('base', site.base);
    c.set('origin', `${c.get('config').PUBLIC_SCHEME}://${site.authority}`);
    c.set('locale', negotiateLocale(getCookie(c, LOCALE_COOKIE), c.req.header('accept-language'), tenant.defaultLocale));
    await next();
  };
}

/**
 * Loads the signed-in user, their permissions and the city's enabled plugins in
 * the request's unit of work, then builds the menu. The plugins come from what
 * this process keeps between changes, except for a signed-in user's change
 * request: what it may do is decided on the plugins as the transaction reads them.
 */
export function loadVisitor(kept: EnabledPluginsCache, registry: PluginRegistry): MiddlewareHandler<AppEnv> {
  const permissionsOf = keptPermissions(registry.grants);
  const navs = new WeakMap<EnabledPlugins, Map<string, WeakMap<ReadonlySet<string>, NavEntry[]>>>();
  return async (c, next) => {
    const tenant = c.get('tenant');
    const token = readSessionCookie(c);
    const generation = kept.generationOf(tenant.id);
    const reading = c.req.method === 'GET' || c.req.method === 'HEAD';
    const known = token && !reading ? undefined : kept.get(tenant.id);
    // Both reads go out together (one round trip), in the transaction the page's own work then continues.
    const { visitor, enabled } =
      known && !token
        ? { visitor: null, enabled: known }
        : await c.get('unit').run(async (tx) => {
            const [visitor, enabled] = await Promise.all([token ? validateSessionToken(tx, tenant.id, token) : null, known ?? registry.enabledFor(tx, tenant.id)]);
            return { visitor, enabled };
          });
    if (!known) kept.set(tenant.id, enabled, generation);
    if (token && !visitor) clearSessionCookie(c);
    if (visitor?.renewed) setSessionCookie(c, token!, visitor.session.expiresAt);
    const permissions = permissionsOf(visitor?.user.roles ?? []);
    const user = visitor?.user ?? null;
    c.set('user', user);
    c.set('sessionId', visitor?.session.id ?? null);
    c.set('permissions', permissions);
    // Events read the enabled plugins afresh once (inside the emitting transaction) unless this request just did.
    const actor = { user: user && { id: user.id, name: user.name }, permissions, enabled: known ? undefined : enabled };
    const events = registry.eventsFor(pluginCity(tenant, c.get('origin') + c.get('base'), c.get('locale')), actor);
    c.set('plugins', pluginsHandle({ registry, enabled, events }));
    c.set('nav', navOf(enabled, permissions, c.get('base'), c.get('locale')));
    await next();
  };

  /**
   * The menu for a set of permissions, made once per city's enabled plugins (the kept object: a new one
   * when the city changes), base path and locale. Permissions are one object per combination of roles.
   */
  function navOf(enabled: EnabledPlugins, permissions: ReadonlySet<string>, base: string, locale: Locale): NavEntry[] {
    let byPlace = navs.get(enabled);
    if (!byPlace) navs.set(enabled, (byPlace = new Map()));
    const place = `${base}\n${locale}`;
    let byPermissions = byPlace.get(place);
    if (!byPermissions) byPlace.set(place, (byPermissions = new WeakMap()));
    let nav = byPermissions.get(permissions);
    if (!nav) {
      nav = Object.freeze([...coreNav(base, locale, permissions, 'main'), ...registry.navFor(enabled, permissions, base, locale), ...coreNav(base, locale, permissions, 'admin')]) as NavEntry[];
      byPermissions.set(permissions, nav);
    }
    return nav;
  }
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
