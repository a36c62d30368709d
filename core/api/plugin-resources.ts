import { OpenAPIHono, type Hook, type RouteConfig, type RouteHandler } from '@hono/zod-openapi';
import type { MiddlewareHandler } from 'hono';
import type { LocalizedText } from '../db/schema/tenancy.ts';
import type { PluginDefinition, PluginEnv } from '../plugins/define-plugin.ts';
import { pluginRouteContext } from '../plugins/mount.ts';
import { sitePlugins } from '../plugins/site-plugins.ts';
import type { ApiEnv } from './env.ts';
import { ApiProblem } from './problem.ts';
import { keyed } from './route.ts';

/**
 * What a plugin adds to the city's API: its scopes (`<plugin id>:<what>`, offered
 * on the API keys page) and its routes, served under `/api/v1/p/<plugin id>/` only
 * for a city that enabled it. The handlers see the plugin's context, as its pages do.
 */
export type PluginApiRoute = { config: RouteConfig; mount: (app: OpenAPIHono<PluginEnv>) => void };
export type PluginApi = { scopes: Record<string, LocalizedText>; routes: readonly PluginApiRoute[] };

/** One route of a plugin's API (its path relative to `/api/v1/p/<plugin id>`). */
export function pluginApiRoute<R extends RouteConfig>(config: R, handler: RouteHandler<R, PluginEnv>): PluginApiRoute {
  return { config, mount: (app) => void app.openapi(config, handler as never) };
}

/** A plugin route that needs a key with `scope` (a write also takes an Idempotency-Key), for `createRoute({ ...apiScope(...) })`. */
export function apiScope(scope: string, kind: 'read' | 'write' = 'read'): { middleware: MiddlewareHandler<PluginEnv>[]; security: { apiKey: string[] }[] } {
  const { middleware, security } = keyed(scope, kind);
  return { middleware: middleware as unknown as MiddlewareHandler<PluginEnv>[], security };
}

type HostApiEnv = { Variables: ApiEnv['Variables'] & { plugin: PluginEnv['Variables']['plugin'] } };

/** The plugin's API routes as a sub-app of the city's API: a 404 problem for a city that has not enabled it. */
export function pluginApiApp(plugin: PluginDefinition, api: PluginApi, validation: { defaultHook: Hook<any, any, any, any> }): OpenAPIHono<HostApiEnv> {
  const app = new OpenAPIHono<HostApiEnv>(validation);
  app.use(async (c, next) => {
    const settings = sitePlugins(c).enabled.get(plugin.id);
    if (!settings) throw new ApiProblem(404, 'not-found', 'Not found', `The module "${plugin.id}" is not enabled in this city.`);
    c.set('plugin', pluginRouteContext(c as unknown as Parameters<typeof pluginRouteContext>[0], plugin, settings));
    await next();
  });
  for (const route of api.routes) route.mount(app as unknown as OpenAPIHono<PluginEnv>);
  return app;
}

/** Every scope a key may hold on this installation: the core's, then each plugin's. */
export function scopesOf(core: Record<string, LocalizedText>, plugins: readonly PluginDefinition[]): Record<string, LocalizedText> {
  return Object.assign({}, core, ...plugins.map((p) => p.api?.scopes ?? {}));
}
