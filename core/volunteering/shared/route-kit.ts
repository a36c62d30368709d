import type { Context } from 'hono';
import type { AppEnv } from '../../http/env.ts';
import { maskIdCard } from './identifiers.ts';

/** Small helpers every volunteering handler uses. */
export type C = Context<AppEnv>;

export { idFrom, inCity, page, readForm } from '../../http/handler-kit.ts';

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
