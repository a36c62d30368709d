import type { Context, MiddlewareHandler } from 'hono';
import { statusPage } from '../http/error-pages.tsx';
import type { NavEntry, PlatformAccount, PlatformEnv } from '../http/env.ts';
import type { Locale } from '../i18n/messages.ts';
import { jobsMessages } from './jobs-messages.ts';
import { consoleMessages } from './messages.ts';
import { reportMessages } from './report-messages.ts';
import {
  clearPlatformSessionCookie,
  readPlatformSessionCookie,
  setPlatformSessionCookie,
  validatePlatformSession,
} from './sessions.ts';

function consoleNav(account: PlatformAccount | null, locale: Locale): NavEntry[] {
  const t = consoleMessages[locale];
  if (!account) return [];
  if (account.kind === 'foundation') return [{ href: '/', label: t.navCities }, { href: '/report', label: reportMessages[locale].navReport }];
  return [
    { href: '/', label: t.navCities },
    { href: '/cities/new', label: t.navOnboard },
    { href: '/foundations/new', label: t.navNewFoundation },
    { href: '/jobs', label: jobsMessages[locale].navFailedJobs },
  ];
}

/** Loads the signed-in operator or foundation (or null) and the console menu for them. */
export function loadPlatformAccount(): MiddlewareHandler<PlatformEnv> {
  return async (c, next) => {
    const token = readPlatformSessionCookie(c);
    const session = token ? await c.var.db.platform((tx) => validatePlatformSession(tx, token)) : null;
    if (token && !session) clearPlatformSessionCookie(c);
    if (session?.renewed) setPlatformSessionCookie(c, token!, session.expiresAt);
    c.set('account', session?.account ?? null);
    c.set('nav', consoleNav(session?.account ?? null, c.var.locale));
    await next();
  };
}

function consoleSignInRedirect(c: Context<PlatformEnv>) {
  const next = c.req.path + (new URL(c.req.url).search || '');
  return c.redirect(`/sign-in?next=${encodeURIComponent(next)}`, 303);
}

/** Not signed in → sign-in page; signed in as another kind of account → 403 page. */
function requireKind(kind: PlatformAccount['kind'] | 'any'): MiddlewareHandler<PlatformEnv> {
  return async (c, next) => {
    const account = c.var.account;
    if (!account) return consoleSignInRedirect(c);
    if (kind !== 'any' && account.kind !== kind) return consoleForbiddenPage(c);
    await next();
  };
}

/** The console's 403 page: it points to the platform operator, not to a city administrator. */
export function consoleForbiddenPage(c: Context<PlatformEnv>) {
  const t = consoleMessages[c.var.locale];
  return statusPage(c, 403, t.forbiddenTitle, t.forbiddenBody);
}

export const requireAccount = requireKind('any');
export const requireOperator = requireKind('operator');
export const requireFoundation = requireKind('foundation');

/** The signed-in account; only for handlers behind one of the guards above. */
export function accountOf(c: Context<PlatformEnv>): PlatformAccount {
  const account = c.var.account;
  if (!account) throw new Error('accountOf used on a route without a guard');
  return account;
}
