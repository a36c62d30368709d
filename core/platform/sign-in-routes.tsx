import { Hono, type Context } from 'hono';
import { messagesFor } from '../../views/context.ts';
import { clientAddress } from '../http/address.ts';
import type { PlatformEnv } from '../http/env.ts';
import { setFlash } from '../http/flash.ts';
import { safeRedirectPath as safeNext } from '../http/safe-redirect.ts';
import type { SlidingWindowLimiter } from '../identity/rate-limit.ts';
import { UnknownLoginBackoff } from '../identity/unknown-login-backoff.ts';
import { checkAccountPassword, claimConsoleSignIn, clearConsoleSignInFailures } from './accounts.ts';
import { readForm, signInSchema } from './forms.ts';
import { consoleMessages } from './messages.ts';
import {
  clearPlatformSessionCookie,
  createPlatformSession,
  invalidatePlatformSession,
  readPlatformSessionCookie,
  setPlatformSessionCookie,
  validatePlatformSession,
} from './sessions.ts';
import { SignInPage } from './views/sign-in-page.tsx';

function signInPage(c: Context<PlatformEnv>, props: { email: string; next: string; error?: string }) {
  return c.render(<SignInPage {...props} />, { title: messagesFor(c, consoleMessages).signInTitle });
}

/** GET/POST /sign-in and POST /sign-out for operators and foundations; failures back off per account and are limited per client address. */
export function signInRoutes(limiter: SlidingWindowLimiter): Hono<PlatformEnv> {
  const app = new Hono<PlatformEnv>();
  // An email with no account backs off as an account does, so a second quick guess does not tell who has one.
  const unknownLogins = new UnknownLoginBackoff();

  app.get('/sign-in', (c) => {
    const next = safeNext(c.req.query('next'));
    if (c.var.account) return c.redirect(next, 303);
    return signInPage(c, { email: '', next });
  });

  app.post('/sign-in', async (c) => {
    const t = messagesFor(c, consoleMessages);
    const form = await readForm(c, ['email', 'password', 'next']);
    const next = safeNext(form.next);
    const address = clientAddress(c);
    const wait = limiter.retryAfter(address);
    if (wait > 0) {
      c.status(429);
      c.header('retry-after', String(wait));
      return signInPage(c, { email: form.email, next, error: t.tooManyAttempts });
    }
    const input = signInSchema.safeParse(form);
    const { email, password } = input.success ? input.data : { email: '', password: '' };
    const now = new Date();
    const claim = email ? await c.var.db.platform((tx) => claimConsoleSignIn(tx, email, now)) : ({ outcome: 'unknown' } as const);
    const retryAfter = claim.outcome === 'blocked' ? claim.retryAfter : claim.outcome === 'unknown' && email ? unknownLogins.claim(email.toLowerCase(), now) : 0;
    if (retryAfter > 0) {
      c.status(429);
      c.header('retry-after', String(retryAfter));
      return signInPage(c, { email: form.email, next, error: t.accountWait(retryAfter) });
    }
    const account = claim.outcome === 'claimed' ? claim.account : null;
    if (!(await checkAccountPassword(account?.passwordHash, password)) || !account) {
      limiter.hit(address);
      c.var.log.info({ address }, 'console sign-in failed');
      c.status(401);
      return signInPage(c, { email: form.email, next, error: t.badCredentials });
    }
    const session = await c.var.db.platform(async (tx) => {
      await clearConsoleSignInFailures(tx, account.id);
      return createPlatformSession(tx, account.id);
    });
    setPlatformSessionCookie(c, session.token, session.expiresAt);
    c.var.log.info({ accountId: account.id, kind: account.kind }, 'console sign-in');
    return c.redirect(next, 303);
  });

  app.post('/sign-out', async (c) => {
    const token = readPlatformSessionCookie(c);
    if (token) {
      await c.var.db.platform(async (tx) => {
        const session = await validatePlatformSession(tx, token);
        if (session) await invalidatePlatformSession(tx, session.id);
      });
    }
    clearPlatformSessionCookie(c);
    setFlash(c, { kind: 'info', message: messagesFor(c, consoleMessages).signedOut });
    return c.redirect('/sign-in', 303);
  });

  return app;
}
