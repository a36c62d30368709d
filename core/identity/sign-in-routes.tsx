import { Hono, type Context } from 'hono';
import { recordAudit } from '../audit/service.ts';
import { clientAddress } from '../http/address.ts';
import type { AppEnv } from '../http/env.ts';
import { setFlash } from '../http/flash.ts';
import { safeRedirectPath } from '../http/safe-redirect.ts';
import { messagesFor, sitePath } from '../../views/context.ts';
import { fieldErrors, formValues, loginKey, registerForm, signInForm } from './forms.ts';
import { checkPasswordGuarded, type SignInGuard } from './guarded-sign-in.ts';
import { identityMessages } from './messages.ts';
import { hashPassword } from './passwords.ts';
import { createRegistrationAddressLimiter, createRegistrationLoginLimiter } from './rate-limit.ts';
import { startRegistrationByMobile } from './mobile-registration-routes.tsx';
import { registerUser } from './registration.ts';
import { clearSessionCookie, createSession, invalidateSession, setSessionCookie } from './sessions.ts';
import { RegisterPage, type RegisterPageProps } from './views/register-page.tsx';
import { SignInPage, type SignInPageProps } from './views/sign-in-page.tsx';
import { sitePlugins } from '../plugins/site-plugins.ts';

type C = Context<AppEnv>;

function renderRegister(c: C, status: 200 | 400 | 429, props: RegisterPageProps) {
  c.status(status);
  return c.render(<RegisterPage {...props} />, { title: messagesFor(c, identityMessages).registerTitle });
}

function renderSignIn(c: C, status: 200 | 400 | 401 | 429, props: SignInPageProps) {
  c.status(status);
  return c.render(<SignInPage {...props} />, { title: messagesFor(c, identityMessages).signInTitle });
}

/**
 * Registration, password sign-in and sign-out. Registration answers the same
 * whether the login is new or taken (it never signs in), so it cannot tell who
 * has an account here; the sign-in that follows is limited and backed off.
 * A mobile number is registered only once the SMS code sent to it is entered
 * (mobile-registration-routes.tsx). An email registers at once, as before: the
 * answer already says nothing about a taken email, and a password reset is what
 * proves an email is the person's when it matters.
 */
export function signInRoutes(guard: SignInGuard): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const registrationsByAddress = createRegistrationAddressLimiter();
  const registrationsByLogin = createRegistrationLoginLimiter();

  app.get('/register', (c) => renderRegister(c, 200, { values: {}, errors: {}, next: safeRedirectPath(c.req.query('next')) }));

  app.post('/register', async (c) => {
    const t = messagesFor(c, identityMessages);
    const body = await c.req.parseBody();
    const values = formValues(body, ['name', 'login', 'password', 'password_confirm']);
    const next = safeRedirectPath(body.next);
    const kept = { name: values.name!, login: values.login! };
    const parsed = registerForm.safeParse(values);
    if (!parsed.success) return renderRegister(c, 400, { values: kept, errors: fieldErrors(parsed.error, t), next });

    const tenantId = c.var.tenant.id;
    const address = clientAddress(c);
    const login = loginKey(tenantId, parsed.data.login);
    const wait = Math.max(registrationsByAddress.retryAfter(address), registrationsByLogin.retryAfter(login));
    if (wait) {
      c.header('Retry-After', String(wait));
      return renderRegister(c, 429, { values: kept, errors: {}, problem: t.registerThrottled(wait), next });
    }
    registrationsByAddress.hit(address);
    registrationsByLogin.hit(login);
    // Hashed whether or not the login is taken: the time taken does not tell either. A slow hash holds no transaction.
    await c.var.unit.commit();
    const passwordHash = await hashPassword(parsed.data.password);
    if (parsed.data.login.kind === 'mobile') return startRegistrationByMobile(c, { name: parsed.data.name, mobile: parsed.data.login.mobile, passwordHash }, next);
    await c.var.unit.run((tx) => registerUser(tx, tenantId, { name: parsed.data.name, login: parsed.data.login, passwordHash, address }, sitePlugins(c).events));
    setFlash(c, { kind: 'success', message: t.registrationReceived });
    return c.redirect(sitePath(c, next === '/' ? '/sign-in' : `/sign-in?next=${encodeURIComponent(next)}`), 303);
  });

  app.get('/sign-in', (c) => renderSignIn(c, 200, { login: '', errors: {}, next: safeRedirectPath(c.req.query('next')) }));

  app.post('/sign-in', async (c) => {
    const t = messagesFor(c, identityMessages);
    const body = await c.req.parseBody();
    const values = formValues(body, ['login', 'password']);
    const next = safeRedirectPath(body.next);
    const again = (status: 400 | 401 | 429, props: Partial<SignInPageProps>) =>
      renderSignIn(c, status, { login: values.login!, errors: {}, next, ...props });

    const address = clientAddress(c);
    const addressWait = guard.addresses.retryAfter(address);
    if (addressWait) {
      c.header('Retry-After', String(addressWait));
      return again(429, { problem: t.addressThrottled(addressWait) });
    }
    const parsed = signInForm.safeParse(values);
    if (!parsed.success) return again(400, { errors: fieldErrors(parsed.error, t) });

    const tenantId = c.var.tenant.id;
    const check = await checkPasswordGuarded(c.var.unit, guard, { login: parsed.data.login, password: parsed.data.password, address, method: 'password' });
    if (check.outcome === 'address-throttled' || check.outcome === 'login-throttled') {
      c.header('Retry-After', String(check.retryAfter));
      return again(429, { problem: check.outcome === 'address-throttled' ? t.addressThrottled(check.retryAfter) : t.accountThrottled(check.retryAfter) });
    }
    if (check.outcome === 'wrong') return again(401, { problem: t.wrongCredentials });

    const { user } = check;
    const { token, session } = await c.var.unit.run(async (tx) => {
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
      await c.var.unit.run(async (tx) => {
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
