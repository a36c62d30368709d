import { and, eq, isNull, lte, or, sql } from 'drizzle-orm';
import type { Tx } from '../db/database.ts';
import { users } from '../db/schema/identity.ts';
import { blockedUntilAfterFailure, secondsUntil } from './backoff.ts';
import type { Login } from './forms.ts';
import { hashPassword, verifyPassword } from './passwords.ts';
import { randomToken } from './tokens.ts';

export type AccountForSignIn = { id: string; name: string; passwordHash: string | null };

export type SignInClaim =
  | { outcome: 'unknown' }
  | { outcome: 'blocked'; retryAfter: number }
  | { outcome: 'claimed'; user: AccountForSignIn };

/**
 * Takes the account's turn for one password check. The attempt is charged as a
 * failure up front (count + 1, blocked for the next backoff) and refunded by
 * `clearSignInFailures` on success: so parallel guesses meet the backoff too,
 * not only guesses made one after another.
 */
export async function claimSignInAttempt(tx: Tx, tenantId: string, login: Login, now: Date): Promise<SignInClaim> {
  const [user] = await tx
    .select({ id: users.id, name: users.name, passwordHash: users.passwordHash, blockedUntil: users.signInBlockedUntil })
    .from(users)
    .where(and(eq(users.tenantId, tenantId), login.kind === 'email' ? eq(users.email, login.email) : eq(users.mobile, login.mobile)));
  if (!user) return { outcome: 'unknown' };
  const [claimed] = await tx
    .update(users)
    .set({
      failedSignIns: sql`${users.failedSignIns} + 1`,
      signInBlockedUntil: blockedUntilAfterFailure(now, users.failedSignIns),
    })
    .where(and(eq(users.tenantId, tenantId), eq(users.id, user.id), or(isNull(users.signInBlockedUntil), lte(users.signInBlockedUntil, now))))
    .returning({ id: users.id });
  if (!claimed) return { outcome: 'blocked', retryAfter: secondsUntil(user.blockedUntil, now) };
  return { outcome: 'claimed', user: { id: user.id, name: user.name, passwordHash: user.passwordHash } };
}

export async function clearSignInFailures(tx: Tx, tenantId: string, userId: string): Promise<void> {
  await tx
    .update(users)
    .set({ failedSignIns: 0, signInBlockedUntil: null })
    .where(and(eq(users.tenantId, tenantId), eq(users.id, userId)));
}

let decoyHash: Promise<string> | undefined;

/**
 * Checks the password of a claimed account; for an unknown account it spends the
 * same time on a decoy hash, so the response time does not tell who has an account.
 */
export async function checkPassword(user: AccountForSignIn | null, password: string): Promise<boolean> {
  if (user?.passwordHash) return verifyPassword(user.passwordHash, password);
  decoyHash ??= hashPassword(randomToken());
  await verifyPassword(await decoyHash, password);
  return false;
}
