import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { z } from 'zod';
import { CEREMONY_MS } from './challenges.ts';
import { cookiePath, isHttps } from './sessions.ts';

/** The browser holds only the id of its ceremony's challenge row, never the challenge itself. */
function name(c: Context): string {
  return isHttps(c) ? '__Host-webauthn' : 'webauthn';
}

export function setChallengeCookie(c: Context, challengeId: string): void {
  setCookie(c, name(c), challengeId, {
    httpOnly: true,
    sameSite: 'Strict',
    path: cookiePath(c),
    secure: isHttps(c),
    maxAge: CEREMONY_MS / 1000,
  });
}

/** Reads and clears the cookie: a ceremony's challenge is tried once. Null when absent or not an id. */
export function takeChallengeCookie(c: Context): string | null {
  const value = getCookie(c, name(c));
  if (value === undefined) return null;
  deleteCookie(c, name(c), { path: cookiePath(c), secure: isHttps(c) });
  const parsed = z.uuid().safeParse(value);
  return parsed.success ? parsed.data : null;
}
