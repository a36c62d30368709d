import { and, desc, eq, gt, ne } from 'drizzle-orm';
import type { Tx } from '../db/database.ts';
import { passkeys, sessions, users } from '../db/schema/identity.ts';

/** What the account page shows; never the secret hashes. */
export async function listSessions(tx: Tx, tenantId: string, userId: string, now: Date) {
  return tx
    .select({ id: sessions.id, createdAt: sessions.createdAt, expiresAt: sessions.expiresAt, userAgent: sessions.userAgent, address: sessions.address })
    .from(sessions)
    .where(and(eq(sessions.tenantId, tenantId), eq(sessions.userId, userId), gt(sessions.expiresAt, now)))
    .orderBy(desc(sessions.createdAt));
}

/** Ends one of the user's own sessions; false when the id is not theirs (or does not exist). */
export async function revokeOwnSession(tx: Tx, tenantId: string, userId: string, sessionId: string): Promise<boolean> {
  const gone = await tx
    .delete(sessions)
    .where(and(eq(sessions.tenantId, tenantId), eq(sessions.userId, userId), eq(sessions.id, sessionId)))
    .returning({ id: sessions.id });
  return gone.length > 0;
}

export async function passwordHashOf(tx: Tx, tenantId: string, userId: string): Promise<string | null> {
  const [row] = await tx
    .select({ passwordHash: users.passwordHash })
    .from(users)
    .where(and(eq(users.tenantId, tenantId), eq(users.id, userId)));
  return row?.passwordHash ?? null;
}

/** A new password signs every other device out: whoever knew the old one loses access. */
export async function replacePassword(tx: Tx, tenantId: string, userId: string, passwordHash: string, keepSessionId: string): Promise<void> {
  await tx.update(users).set({ passwordHash }).where(and(eq(users.tenantId, tenantId), eq(users.id, userId)));
  await tx
    .delete(sessions)
    .where(and(eq(sessions.tenantId, tenantId), eq(sessions.userId, userId), ne(sessions.id, keepSessionId)));
}

export async function listPasskeys(tx: Tx, tenantId: string, userId: string) {
  return tx
    .select({ id: passkeys.id, name: passkeys.name, createdAt: passkeys.createdAt, lastUsedAt: passkeys.lastUsedAt, transports: passkeys.transports })
    .from(passkeys)
    .where(and(eq(passkeys.tenantId, tenantId), eq(passkeys.userId, userId)))
    .orderBy(desc(passkeys.createdAt));
}

export async function deleteOwnPasskey(tx: Tx, tenantId: string, userId: string, passkeyId: string): Promise<boolean> {
  const gone = await tx
    .delete(passkeys)
    .where(and(eq(passkeys.tenantId, tenantId), eq(passkeys.userId, userId), eq(passkeys.id, passkeyId)))
    .returning({ id: passkeys.id });
  return gone.length > 0;
}
