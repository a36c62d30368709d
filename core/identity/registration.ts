import type { Tx } from '../db/database.ts';
import { recordAudit } from '../audit/service.ts';
import type { CityEvents } from '../plugins/events.ts';
import type { Login } from './forms.ts';
import { createUserUnlessTaken } from './users.ts';

export type Registration = { name: string; login: Login; passwordHash: string; address: string | null };

/**
 * Creates a citizen's account in one city and tells the city's plugins, all in the
 * caller's transaction: a plugin that throws rolls the registration back.
 * Returns null when the email or mobile is already registered in this city.
 * A new account holds no role: completing the volunteer profile makes a volunteer.
 */
export async function registerUser(
  tx: Tx,
  tenantId: string,
  input: Registration,
  events: CityEvents,
): Promise<string | null> {
  const email = input.login.kind === 'email' ? input.login.email : null;
  const mobile = input.login.kind === 'mobile' ? input.login.mobile : null;
  const userId = await createUserUnlessTaken(tx, tenantId, { name: input.name, email, mobile, passwordHash: input.passwordHash });
  if (!userId) return null;
  await events.emit(tx, 'user.registered', { userId, name: input.name, email, mobile });
  await recordAudit(tx, tenantId, { actor: `user:${userId}`, action: 'user.registered', target: `user:${userId}`, address: input.address });
  return userId;
}
