import { Hono } from 'hono';
import { notFoundPage } from '../http/error-pages.tsx';
import type { AppEnv } from '../http/env.ts';
import type { PluginEnv } from './define-plugin.ts';
import type { PluginRegistry } from './registry.ts';

/**
 * Mounts each plugin's routes at its own prefix `/p/<id>`; for a city that has
 * not enabled the plugin every one of them is a 404.
 */
export function mountPlugins(app: Hono<AppEnv>, registry: PluginRegistry): void {
  for (const plugin of registry.all()) {
    if (!plugin.routes) continue;
    const sub = new Hono<PluginEnv>();
    sub.use(async (c, next) => {
      const settings = c.var.enabledPlugins.get(plugin.id);
      if (!settings) return notFoundPage(c);
      c.set('pluginSettings', settings);
      await next();
    });
    plugin.routes(sub);
    app.route(`/p/${plugin.id}`, sub as unknown as Hono<AppEnv>);
  }
}
