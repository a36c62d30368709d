import type { MiddlewareHandler } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import { isLocale, negotiateLocale, type Locale } from '../i18n/messages.ts';
import type { BaseVariables } from './env.ts';
import { safeRedirectPath } from './safe-redirect.ts';

export const LOCALE_COOKIE = 'lang';

export function localeFromRequest(fallback: (c: Parameters<MiddlewareHandler>[0]) => Locale): MiddlewareHandler<{ Variables: BaseVariables }> {
  return async (c, next) => {
    c.set('locale', negotiateLocale(getCookie(c, LOCALE_COOKIE), c.req.header('accept-language'), fallback(c)));
    await next();
  };
}

/** POST /locale: remembers the choice for a year and goes back to the page (same site only). */
export const switchLocale: MiddlewareHandler<{ Variables: BaseVariables }> = async (c) => {
  const form = await c.req.parseBody();
  const locale = typeof form.locale === 'string' && isLocale(form.locale) ? form.locale : 'zh-CN';
  setCookie(c, LOCALE_COOKIE, locale, { path: '/', sameSite: 'Lax', maxAge: 365 * 24 * 3600 });
  return c.redirect(`${c.var.base}${safeRedirectPath(form.back)}`, 303);
};
