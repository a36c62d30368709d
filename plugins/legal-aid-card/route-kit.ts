import type { Context } from 'hono';
import { type PluginEnv, sitePath } from '../../core/plugin-api.ts';

/** Small helpers every legal-aid-card handler uses (with the plugin API's inCity, page, idFrom and readForm). */
export { idFrom, inCity, page, readForm } from '../../core/plugin-api.ts';
export type C = Context<PluginEnv>;

export const PLUGIN_ID = 'legal-aid-card';

export const userId = (c: C) => c.var.user!.id;

/** A path of this plugin on the city's site. */
export const pluginPath = (c: C, path: string) => sitePath(c, `/p/${PLUGIN_ID}${path}`);

export const redirectTo = (c: C, path: string) => c.redirect(pluginPath(c, path), 303);
