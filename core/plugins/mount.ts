import { type Context, Hono } from 'hono';
import { notFoundPage } from '../http/error-pages.tsx';
import type { AppEnv } from '../http/env.ts';
import { inCity } from '../http/handler-kit.ts';
import { createPluginContext, pluginCity, type PluginContext } from './context.ts';
import type { PluginDefinition, PluginEnv } from './define-plugin.ts';
import type { PluginRegistry } from './registry.ts';
import { sitePlugins } from './site-plugins.ts';

/** The host's side of a plugin's routes: the city's site, plus the plugin's context. */
type HostEnv = { Variables: AppEnv['Variables'] & { plugin: PluginContext } };

/**
 * Mounts each plugin's routes at its own prefix `/p/<id>`; for a city that has
 * not enabled the plugin every one of them is a 404. The routes see the city
 * only through the plugin's context (`PluginEnv`).
 */
export function mountPlugins(app: Hono<AppEnv>, registry: PluginRegistry): void {
  for (const plugin of registry.all()) {
    if (!plugin.routes) continue;
    const host = new Hono<HostEnv>();
    host.use(async (c, next) => {
      const settings = sitePlugins(c).enabled.get(plugin.id);
      if (!settings) return notFoundPage(c);
      c.set('plugin', pluginRouteContext(c, plugin, settings));
      await next();
    });
    const routes = new Hono<PluginEnv>();
    plugin.routes(routes);
    // The plugin's routes run on the host's requests: PluginEnv is the part of HostEnv they may see.
    host.route('/', routes as unknown as Hono<HostEnv>);
    app.route(`/p/${plugin.id}`, host as unknown as Hono<AppEnv>);
  }
}

/** The plugin's context for a request of the city's site (its pages and its API routes). */
export function pluginRouteContext(c: Context<HostEnv>, plugin: PluginDefinition, settings: Record<string, unknown>): PluginContext {
  const user = c.var.user;
  return createPluginContext({
    city: pluginCity(c.var.tenant, c.var.origin + c.var.base, c.var.locale),
    user: user && { id: user.id, name: user.name },
    permissions: c.var.permissions,
    settings,
    plugin,
    events: sitePlugins(c).events,
    run: (work) => inCity(c, work),
  });
}
