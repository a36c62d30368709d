import { and, eq, gt } from 'drizzle-orm';
import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { Tx } from '../db/database.ts';
import { platformAccounts, platformSessions } from '../db/schema/platform.ts';
import type { PlatformAccount } from '../http/env.ts';
import { isHttps } from '../identity/sessions.ts';
import { constantTimeEqual, hashSecret, randomToken } from '../identity/tokens.ts';

/**
 * Console sessions, the same scheme as a city's (core/identity/sessions.ts): the
 * cookie holds `<id>.<secret>`, the table only the secret's SHA-256. They live
 * 12 hours and slide while used: these accounts act across every city.
 */
const HOUR_MS = 60 * 60 * 1000;
const SESSION_MS = 12 * HOUR_MS;
const RENEW_WHEN_LEFT_MS = 6 * HOUR_MS;

export async function createPlatformSession(tx: Tx, accountId: string): Promise<{ token: string; id: string; expiresAt: Date }> {
  const id = randomToken();
  const secret = randomToken();
  const expiresAt = new Date(Date.now() + SESSION_MS);
  await tx.insert(platformSessions).values({ id, accountId, secretHash: hashSecret(secret), expiresAt });
  return { token: `${id}.${secret}`, id, expiresAt };
}

/** The account behind a console session token, or null; renews the session when half its life is gone. */
export async function validatePlatformSession(
  tx: Tx,
  token: string,
): Promise<{ id: string; account: PlatformAccount; expiresAt: Date; renewed: boolean } | null> {
  const [id, secret] = token.split('.');
  if (!id || !secret) return null;
  const [row] = await tx
    .select({ session: platformSessions, account: platformAccounts })
    .from(platformSessions)
    .innerJoin(platformAccounts, eq(platformAccounts.id, platformSessions.accountId))
    .where(and(eq(platformSessions.id, id), gt(platformSessions.expiresAt, new Date())));
  if (!row || !constantTimeEqual(hashSecret(secret), row.session.secretHash)) return null;
  let expiresAt = row.session.expiresAt;
  let renewed = false;
  if (expiresAt.getTime() - Date.now() < RENEW_WHEN_LEFT_MS) {
    expiresAt = new Date(Date.now() + SESSION_MS);
    await tx.update(platformSessions).set({ expiresAt }).where(eq(platformSessions.id, id));
    renewed = true;
  }
  const { account } = row;
  return {
    id,
    account: { id: account.id, email: account.email, name: account.name, kind: account.kind, sponsoredPlugins: account.sponsoredPlugins },
    expiresAt,
    renewed,
  };
}

export async function invalidatePlatformSession(tx: Tx, id: string): Promise<void> {
  await tx.delete(platformSessions).where(eq(platformSessions.id, id));
}

/** Named apart from a city's `session` cookie; `__Host-` and Secure under HTTPS. */
function cookieName(c: Context): string {
  return isHttps(c) ? '__Host-platform_session' : 'platform_session';
}

export function readPlatformSessionCookie(c: Context): string | undefined {
  return getCookie(c, cookieName(c));
}

export function setPlatformSessionCookie(c: Context, token: string, expiresAt: Date): void {
  setCookie(c, cookieName(c), token, { httpOnly: true, sameSite: 'Lax', path: '/', secure: isHttps(c), expires: expiresAt });
}

export function clearPlatformSessionCookie(c: Context): void {
  deleteCookie(c, cookieName(c), { path: '/', secure: isHttps(c) });
}
