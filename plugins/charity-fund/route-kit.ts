import type { Context } from 'hono';
import { type CityWork, pluginContext, type PluginEnv, sitePath } from '../../core/plugin-api.ts';

/** Small helpers every charity-fund handler uses (with the plugin API's page, idFrom and readForm). */
export { idFrom, page, readForm } from '../../core/plugin-api.ts';
export type C = Context<PluginEnv>;
export type CharityFundSettings = { paymentProvider: string };

/** This request's city, user and settings (see core/plugins/context.ts). */
export const cityOf = (c: C) => pluginContext<CharityFundSettings>(c);

/** Runs work in the city's tenant transaction. */
export const work = <T>(c: C, fn: (w: CityWork) => Promise<T>): Promise<T> => cityOf(c).work(fn);

export const userId = (c: C) => cityOf(c).user!.id;

/** A path of this plugin on the city's site. */
export const pluginPath = (c: C, path: string) => sitePath(c, `/p/charity-fund${path}`);

export const redirectTo = (c: C, path: string) => c.redirect(pluginPath(c, path), 303);

export const settingsOf = (c: C) => cityOf(c).settings;
