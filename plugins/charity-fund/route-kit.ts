import type { Context } from 'hono';
import { z } from 'zod';
import { type PluginEnv, sitePath, type Tx } from '../../core/plugin-api.ts';
import type { FormValues } from './forms.ts';

/** Small helpers every charity-fund handler uses. */
export type C = Context<PluginEnv>;

export function inCity<T>(c: C, work: (tx: Tx, tenantId: string) => Promise<T>): Promise<T> {
  const tenantId = c.var.tenant.id;
  return c.var.db.tenant(tenantId, (tx) => work(tx, tenantId));
}

/** A page with a status: 400 for a form that came back with errors. */
export function page(c: C, status: 200 | 400, content: Parameters<C['render']>[0], title: string) {
  c.status(status);
  return c.render(content, { title });
}

/** The named text fields of a posted form, each as a string (missing → ''). */
export async function readForm(c: C, names: readonly string[]): Promise<FormValues> {
  const body = await c.req.parseBody();
  return Object.fromEntries(names.map((n) => [n, typeof body[n] === 'string' ? (body[n] as string) : '']));
}

/** A route's id parameter if it could be an id at all; null (→ 404) otherwise. */
export function idFrom(c: C, name = 'id'): string | null {
  const parsed = z.guid().safeParse(c.req.param(name));
  return parsed.success ? parsed.data.toLowerCase() : null;
}

export const userId = (c: C) => c.var.user!.id;

/** A path of this plugin on the city's site. */
export const pluginPath = (c: C, path: string) => sitePath(c, `/p/charity-fund${path}`);

export const redirectTo = (c: C, path: string) => c.redirect(pluginPath(c, path), 303);

export const settingsOf = (c: C) => c.var.pluginSettings as { paymentProvider: string };
