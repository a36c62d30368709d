import type { Context, MiddlewareHandler } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { BaseVariables, Flash } from './env.ts';

export const FLASH_COOKIE = 'flash';

/** A one-time message shown on the next page after a redirect. */
export function setFlash(c: Context, flash: Flash): void {
  setCookie(c, FLASH_COOKIE, encodeURIComponent(JSON.stringify(flash)), { path: '/', httpOnly: true, sameSite: 'Lax', maxAge: 60 });
}

export function readFlash(): MiddlewareHandler<{ Variables: BaseVariables }> {
  return async (c, next) => {
    c.set('flash', null);
    const raw = getCookie(c, FLASH_COOKIE);
    if (raw) {
      deleteCookie(c, FLASH_COOKIE, { path: '/' });
      try {
        const value = JSON.parse(decodeURIComponent(raw)) as Flash;
        if (typeof value.message === 'string' && ['success', 'error', 'info'].includes(value.kind)) c.set('flash', value);
      } catch {
        // a mangled cookie is simply dropped
      }
    }
    await next();
  };
}
