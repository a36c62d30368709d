import type { Context } from 'hono';
import { z } from 'zod';
import type { Tx } from '../db/database.ts';
import type { TenantUnit } from '../db/tenant-unit.ts';
import type { Tenant } from '../tenancy/tenant.ts';

/**
 * Helpers every handler of a city's site uses, the core's and the plugins'
 * alike (plugins get them through core/plugin-api.ts).
 */
type CityEnv = { Variables: { tenant: Tenant; unit: TenantUnit } };

/** Runs work in the request's unit of work: this city's one tenant transaction, shared by every call. */
export function inCity<E extends CityEnv, T>(c: Context<E>, work: (tx: Tx, tenantId: string) => Promise<T>): Promise<T> {
  const unit = c.get('unit');
  return unit.run((tx: Tx) => work(tx, unit.tenantId));
}

/** A page with a status: 400 for a form that came back with errors, 409 for a change that came too late. */
export function page<E extends CityEnv>(c: Context<E>, status: 200 | 400 | 409, content: Parameters<Context<E>['render']>[0], title: string) {
  c.status(status);
  return c.render(content, { title });
}

/** A route's id parameter if it could be an id at all; null (→ 404) otherwise. */
export function idFrom(c: Context, name = 'id'): string | null {
  const parsed = z.guid().safeParse(c.req.param(name));
  return parsed.success ? parsed.data.toLowerCase() : null;
}

/** The named fields of a posted form: text fields as strings (missing → ''), checkbox groups as lists. */
export async function readForm(c: Context, text: readonly string[]): Promise<Record<string, string>>;
export async function readForm(c: Context, text: readonly string[], lists: readonly string[]): Promise<Record<string, string | string[]>>;
export async function readForm(c: Context, text: readonly string[], lists: readonly string[] = []): Promise<Record<string, string | string[]>> {
  const body = await c.req.parseBody({ all: true });
  const values: Record<string, string | string[]> = {};
  for (const name of text) {
    const v = body[name];
    values[name] = typeof v === 'string' ? v : Array.isArray(v) && typeof v[0] === 'string' ? v[0] : '';
  }
  for (const name of lists) values[name] = [body[name] ?? []].flat().filter((v): v is string => typeof v === 'string');
  return values;
}
