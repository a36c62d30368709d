import type { Context } from 'hono';
import { type CityWork, pluginContext, type PluginEnv, sitePath } from '../../core/plugin-api.ts';
import { type District, parseDistricts } from './districts.ts';

/** Small helpers every legal-aid-card handler uses (with the plugin API's page, idFrom and readForm). */
export { idFrom, page, pluginContext, readForm } from '../../core/plugin-api.ts';
export type C = Context<PluginEnv>;

export const PLUGIN_ID = 'legal-aid-card';

/** The signed-in user's id: only on routes behind requireUser or requirePermission. */
export const userId = (c: C) => pluginContext(c).user!.id;

/** Runs work in the request's unit of work for this city. */
export const work = <T>(c: C, fn: (w: CityWork) => Promise<T>): Promise<T> => pluginContext(c).work(fn);

/** A path of this plugin on the city's site. */
export const pluginPath = (c: C, path: string) => sitePath(c, `/p/${PLUGIN_ID}${path}`);

export const redirectTo = (c: C, path: string) => c.redirect(pluginPath(c, path), 303);

/** The city's legal-aid districts (the plugin's `districts` setting). */
export const districtsOf = (c: C): District[] => parseDistricts((pluginContext(c).settings as { districts?: string }).districts ?? '');
