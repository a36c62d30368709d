import type { Context } from 'hono';
import type { Tx } from '../db/database.ts';
import type { AppEnv } from '../http/env.ts';
import { formValues, idParam, type FormValues } from './forms.ts';
import { maskIdCard } from './identifiers.ts';

/** Small helpers every volunteering handler uses. */
export type C = Context<AppEnv>;

/** Runs work in this city's tenant transaction. */
export function inCity<T>(c: C, work: (tx: Tx, tenantId: string) => Promise<T>): Promise<T> {
  const tenantId = c.var.tenant.id;
  return c.var.db.tenant(tenantId, (tx) => work(tx, tenantId));
}

/** A page with a status: 400 for a form that came back with errors. */
export function page(c: C, status: 200 | 400, content: Parameters<C['render']>[0], title: string) {
  c.status(status);
  return c.render(content, { title });
}

export async function readForm(c: C, text: readonly string[], lists: readonly string[] = []): Promise<FormValues> {
  return formValues(await c.req.parseBody({ all: true }), text, lists);
}

/** A route's id parameter if it could be an id at all; null (→ 404) otherwise. */
export function idFrom(c: C, name = 'id'): string | null {
  const parsed = idParam.safeParse(c.req.param(name));
  return parsed.success ? parsed.data.toLowerCase() : null;
}

export function userId(c: C): string {
  return c.var.user!.id;
}

/**
 * Full identity card numbers go to the volunteer and to whoever holds
 * `volunteers.read_identity` (city admins); everyone else gets the masked form.
 */
export function idCardFor(c: C, ownerId: string, idCard: string | null): string | null {
  if (!idCard) return null;
  return c.var.user?.id === ownerId || c.var.permissions.has('volunteers.read_identity') ? idCard : maskIdCard(idCard);
}
