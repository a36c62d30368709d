import { Hono, type Context } from 'hono';
import { recordAudit } from '../audit/service.ts';
import { clientAddress } from '../http/address.ts';
import type { AppEnv } from '../http/env.ts';
import { setFlash } from '../http/flash.ts';
import { safeRedirectPath as safeNext } from '../http/safe-redirect.ts';
import { messagesFor, sitePath } from '../../views/context.ts';
import { fieldErrors, formValues, registerForm, signInForm } from './forms.ts';
import { identityMessages } from './messages.ts';
import { hashPassword } from './passwords.ts';
import type { SlidingWindowLimiter } from './rate-limit.ts';
import { registerUser } from './registration.ts';
import { clearSessionCookie, createSession, invalidateSession, setSessionCookie } from './sessions.ts';
import { checkPassword, claimSignInAttempt, clearSignInFailures } from './sign-in.ts';
import { RegisterPage, type RegisterPageProps } from './views/register-page.tsx';
import { SignInPage, type SignInPageProps } from './views/sign-in-page.tsx';

type C = Context<AppEnv>;

function renderRegister(c: C, status: 200 | 400, props: RegisterPageProps) {
  c.status(status);
  return c.render(<RegisterPage {...props} />, { title: messagesFor(c, identityMessages).registerTitle });
}

function renderSignIn(c: C, status: 200 | 400 | 401 | 429, props: SignInPageProps) {
  c.status(status);
  return c.render(<SignInPage {...props} />, { title: messagesFor(c, identityMessages).signInTitle });
}

/** Registration, password sign-in and sign-out. */
export function signInRoutes(limiter: SlidingWindowLimiter): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  app.get('/register', (c) => renderRegister(c, 200, { values: {}, errors: {}, next: safeNext(c.req.query('next')) }));

  app.post('/register', async (c) => {
    const t = messagesFor(c, identityMessages);
    const body = await c.req.parseBody();
    const values = formValues(body, ['name', 'login', 'password', 'password_confirm']);
    const next = safeNext(body.next);
    const kept = { name: values.name!, login: values.login! };
    const parsed = registerForm.safeParse(values);
    if (!parsed.success) return renderRegister(c, 400, { values: kept, errors: fieldErrors(parsed.error, t), next });

    const tenantId = c.var.tenant.id;
    const address = clientAddress(c);
    const passwordHash = await hashPassword(parsed.data.password);
    const created = await c.var.db.tenant(tenantId, async (tx) => {
      const userId = await registerUser(tx, tenantId, { name: parsed.data.name, login: parsed.data.login, passwordHash, address }, c.var.plugins);
      if (!userId) return null;
      if (c.var.sessionId) await invalidateSession(tx, tenantId, c.var.sessionId);
      return createSession(tx, tenantId, userId, { userAgent: c.req.header('user-agent'), address });
    });
    if (!created) return renderRegister(c, 400, { values: kept, errors: { login: t.loginTaken }, next });
    setSessionCookie(c, created.token, created.session.expiresAt);
    setFlash(c, { kind: 'success', message: t.welcome(parsed.data.name) });
    return c.redirect(sitePath(c, next), 303);
  });

  app.get('/sign-in', (c) => renderSignIn(c, 200, { login: '', errors: {}, next: safeNext(c.req.query('next')) }));

  app.post('/sign-in', async (c) => {
    const t = messagesFor(c, identityMessages);
    const body = await c.req.parseBody();
    const values = formValues(body, ['login', 'password']);
    const next = safeNext(body.next);
    const again = (status: 400 | 401 | 429, props: Partial<SignInPageProps>) =>
      renderSignIn(c, status, { login: values.login!, errors: {}, next, ...props });

    const address = clientAddress(c);
    const addressWait = limiter.retryAfter(address);
    if (addressWait) {
      c.header('Retry-After', String(addressWait));
      return again(429, { problem: t.addressThrottled(addressWait) });
    }
    const parsed = signInForm.safeParse(values);
    if (!parsed.success) return again(400, { errors: fieldErrors(parsed.error, t) });

    const tenantId = c.var.tenant.id;
    const claim = await c.var.db.tenant(tenantId, (tx) => claimSignInAttempt(tx, tenantId, parsed.data.login, new Date()));
    if (claim.outcome === 'blocked') {
      c.header('Retry-After', String(claim.retryAfter));
      return again(429, { problem: t.accountThrottled(claim.retryAfter) });
    }
    const user = claim.outcome === 'claimed' ? claim.user : null;
    const passwordRight = await checkPassword(user, parsed.data.password);
    if (!user || !passwordRight) {
      limiter.hit(address);
      await c.var.db.tenant(tenantId, (tx) =>
        recordAudit(tx, tenantId, {
          actor: 'anonymous',
          action: 'user.sign_in_failed',
          target: user ? `user:${user.id}` : '',
          address,
          detail: { method: 'password' },
        }),
      );
      return again(401, { problem: t.wrongCredentials });
    }

    const { token, session } = await c.var.db.tenant(tenantId, async (tx) => {
      await clearSignInFailures(tx, tenantId, user.id);
      if (c.var.sessionId) await invalidateSession(tx, tenantId, c.var.sessionId);
      await recordAudit(tx, tenantId, { actor: `user:${user.id}`, action: 'user.signed_in', target: `user:${user.id}`, address, detail: { method: 'password' } });
      return createSession(tx, tenantId, user.id, { userAgent: c.req.header('user-agent'), address });
    });
    setSessionCookie(c, token, session.expiresAt);
    setFlash(c, { kind: 'success', message: t.signedIn(user.name) });
    return c.redirect(sitePath(c, next), 303);
  });

  app.post('/sign-out', async (c) => {
    const { user, sessionId } = c.var;
    const tenantId = c.var.tenant.id;
    if (user && sessionId) {
      await c.var.db.tenant(tenantId, async (tx) => {
        await invalidateSession(tx, tenantId, sessionId);
        await recordAudit(tx, tenantId, { actor: `user:${user.id}`, action: 'user.signed_out', target: `user:${user.id}`, address: clientAddress(c) });
      });
    }
    clearSessionCookie(c);
    setFlash(c, { kind: 'info', message: messagesFor(c, identityMessages).signedOut });
    return c.redirect(sitePath(c, '/'), 303);
  });

  return app;
}
