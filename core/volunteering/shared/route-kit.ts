import type { Context } from 'hono';
import type { AppEnv } from '../../http/env.ts';
import { maskIdNumber, type IdType } from '../volunteers/id-documents.ts';

/** Small helpers every volunteering handler uses. */
export type C = Context<AppEnv>;

export { idFrom, inCity, page, readForm } from '../../http/handler-kit.ts';

export function userId(c: C): string {
  return c.var.user!.id;
}

/**
 * Full ID numbers go to the volunteer and to whoever holds
 * `volunteers.read_identity` (city admins); everyone else gets the masked form.
 */
export function idNumberFor(c: C, ownerId: string, doc: { type: IdType; number: string } | null): string | null {
  if (!doc) return null;
  return c.var.user?.id === ownerId || c.var.permissions.has('volunteers.read_identity') ? doc.number : maskIdNumber(doc.type, doc.number);
}
