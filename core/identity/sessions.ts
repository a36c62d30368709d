import { and, eq, gt, sql } from 'drizzle-orm';
import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { selectBuiltOnce } from '../db/built-once.ts';
import type { Tx } from '../db/database.ts';
import { sessions, userRoles, users } from '../db/schema/identity.ts';
import type { CurrentUser } from '../http/env.ts';
import { constantTimeEqual, hashSecret, randomToken } from './tokens.ts';

/**
 * Sessions as in Lucia's current guide: the cookie holds `<id>.<secret>`, the
 * database only the secret's SHA-256; expiry slides forward while the user is active.
 */
export const SESSION_DAYS = 30;
const DAY_MS = 24 * 60 * 60 * 1000;
const RENEW_WHEN_LEFT_MS = 15 * DAY_MS;

export type SessionInfo = { id: string; userId: string; expiresAt: Date };

export async function createSession(
  tx: Tx,
  tenantId: string,
  userId: string,
  meta: { userAgent?: string | null; address?: string | null },
): Promise<{ token: string; session: SessionInfo }> {
  const id = randomToken();
  const secret = randomToken();
  const expiresAt = new Date(Date.now() + SESSION_DAYS * DAY_MS);
  await tx.insert(sessions).values({
    tenantId,
    id,
    userId,
    secretHash: hashSecret(secret),
    userAgent: meta.userAgent?.slice(0, 300) ?? null,
    address: meta.address ?? null,
    expiresAt,
  });
  return { token: `${id}.${secret}`, session: { id, userId, expiresAt } };
}

// The user's roles come with the session (one round trip, not two on every signed-in page). The
// subquery names the city itself, not the outer row's: Citus routes a query to one shard only when
// every table in it is pinned to the city. Built once: it runs on every signed-in page.
const sessionWithUser = selectBuiltOnce((tx) =>
  tx
    .select({
      // Only what the check needs: not the password hash, not times nobody reads (each a Date parsed a request).
      session: { secretHash: sessions.secretHash, expiresAt: sessions.expiresAt },
      user: { id: users.id, name: users.name, email: users.email, mobile: users.mobile },
      roles: sql<string[]>`array(select ${userRoles.role}::text from ${userRoles} where ${userRoles.tenantId} = ${sql.placeholder('tenantId')} and ${userRoles.userId} = ${sessions.userId})::text[]`,
    })
    .from(sessions)
    .innerJoin(users, and(eq(users.tenantId, sessions.tenantId), eq(users.id, sessions.userId)))
    .where(and(eq(sessions.tenantId, sql.placeholder('tenantId')), eq(sessions.id, sql.placeholder('id')), gt(sessions.expiresAt, sql.placeholder('now')))),
);

/** The user behind a session token, or null; renews the session when half its life is gone. */
export async function validateSessionToken(
  tx: Tx,
  tenantId: string,
  token: string,
): Promise<{ session: SessionInfo; user: CurrentUser; renewed: boolean } | null> {
  const [id, secret] = token.split('.');
  if (!id || !secret) return null;
  const [row] = await sessionWithUser(tx, { tenantId, id, now: new Date().toISOString() });
  if (!row || !constantTimeEqual(hashSecret(secret), row.session.secretHash)) return null;
  let expiresAt = row.session.expiresAt;
  let renewed = false;
  if (expiresAt.getTime() - Date.now() < RENEW_WHEN_LEFT_MS) {
    expiresAt = new Date(Date.now() + SESSION_DAYS * DAY_MS);
    await tx.update(sessions).set({ expiresAt }).where(and(eq(sessions.tenantId, tenantId), eq(sessions.id, id)));
    renewed = true;
  }
  return {
    session: { id, userId: row.user.id, expiresAt },
    user: { id: row.user.id, name: row.user.name, email: row.user.email, mobile: row.user.mobile, roles: row.roles as CurrentUser['roles'] },
    renewed,
  };
}

export async function invalidateSession(tx: Tx, tenantId: string, sessionId: string): Promise<void> {
  await tx.delete(sessions).where(and(eq(sessions.tenantId, tenantId), eq(sessions.id, sessionId)));
}

/** `__Host-` and Secure under HTTPS; plain name over http (localhost development). */
export function sessionCookieName(c: Context): string {
  return isHttps(c) ? '__Host-session' : 'session';
}

export function isHttps(c: Context): boolean {
  return (c.get('config') as { PUBLIC_SCHEME: string } | undefined)?.PUBLIC_SCHEME === 'https';
}

export function readSessionCookie(c: Context): string | undefined {
  return getCookie(c, sessionCookieName(c));
}

/** On the `/t/<slug>` fallback every city shares one host, so the cookie is scoped to the city's path. */
export function cookiePath(c: Context): string {
  return isHttps(c) ? '/' : (c.get('base') as string | undefined) || '/';
}

export function setSessionCookie(c: Context, token: string, expiresAt: Date): void {
  setCookie(c, sessionCookieName(c), token, {
    httpOnly: true,
    sameSite: 'Lax',
    path: cookiePath(c),
    secure: isHttps(c),
    expires: expiresAt,
  });
}

export function clearSessionCookie(c: Context): void {
  deleteCookie(c, sessionCookieName(c), { path: cookiePath(c), secure: isHttps(c) });
}
