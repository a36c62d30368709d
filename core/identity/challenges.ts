import { and, eq, lt } from 'drizzle-orm';
import type { Tx } from '../db/database.ts';
import { newId } from '../db/ids.ts';
import { webauthnChallenges } from '../db/schema/identity.ts';

/** A passkey ceremony must finish within this time. */
export const CEREMONY_MS = 5 * 60 * 1000;

export type Purpose = 'register' | 'authenticate';

/** Stores a fresh challenge and returns its row id (the browser keeps that id in a cookie). */
export async function storeChallenge(
  tx: Tx,
  tenantId: string,
  input: { challenge: string; purpose: Purpose; userId: string | null },
  now: Date,
): Promise<string> {
  // Ceremonies people abandoned would otherwise pile up.
  await tx.delete(webauthnChallenges).where(and(eq(webauthnChallenges.tenantId, tenantId), lt(webauthnChallenges.expiresAt, now)));
  const id = newId();
  await tx.insert(webauthnChallenges).values({ tenantId, id, ...input, expiresAt: new Date(now.getTime() + CEREMONY_MS) });
  return id;
}

/**
 * Takes a challenge out of the store, whatever happens next: a challenge is good
 * for one verification only. Null when unknown, already used, expired or for
 * another purpose.
 */
export async function consumeChallenge(tx: Tx, tenantId: string, id: string, purpose: Purpose, now: Date) {
  const [row] = await tx
    .delete(webauthnChallenges)
    .where(and(eq(webauthnChallenges.tenantId, tenantId), eq(webauthnChallenges.id, id)))
    .returning();
  if (!row || row.purpose !== purpose || row.expiresAt <= now) return null;
  return { challenge: row.challenge, userId: row.userId };
}
