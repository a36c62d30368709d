import type { Context } from 'hono';
import { type CityWork, pluginContext, type PluginEnv, sitePath } from '../../core/plugin-api.ts';
import { MAY_CONFIGURE, MAY_SUPERVISE, MAY_VISIT, type Viewer } from './access.ts';
import { viewerOf } from './children.ts';
import type { VisitRule } from './visits.ts';

/** Small helpers every child-care-visits handler uses. */
export { idFrom, page, readForm } from '../../core/plugin-api.ts';
export type C = Context<PluginEnv>;
export type ChildCareSettings = VisitRule & { retentionDays: number };

export const cityOf = (c: C) => pluginContext<ChildCareSettings>(c);

export const work = <T>(c: C, fn: (w: CityWork) => Promise<T>): Promise<T> => cityOf(c).work(fn);

export const userId = (c: C) => cityOf(c).user!.id;

/** The signed-in user as `can` sees them: this plugin's permissions and the districts they supervise. */
export function viewer(c: C, w: CityWork): Promise<Viewer> {
  const city = cityOf(c);
  return viewerOf(w, city.user!, new Set([MAY_VISIT, MAY_SUPERVISE, MAY_CONFIGURE].filter((p) => city.can(p))));
}

export const pluginPath = (c: C, path: string) => sitePath(c, `/p/child-care-visits${path}`);

export const redirectTo = (c: C, path: string) => c.redirect(pluginPath(c, path), 303);
