import type { HtmlEscapedString } from 'hono/utils/html';
import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { messagesFor, sitePath } from '../../views/context.ts';
import { clientAddress } from '../http/address.ts';
import type { AppEnv } from '../http/env.ts';
import { setFlash } from '../http/flash.ts';
import { fieldErrors, formValues, loginField, loginKey, newPasswordForm, smsCode, type FieldErrors } from './forms.ts';
import { identityMessages } from './messages.ts';
import { codeProblem } from './code-problems.ts';
import { CODE_MINUTES } from './one-time-codes.ts';
import { passwordResetMessages, type PasswordResetMessages } from './password-reset-messages.ts';
import { RESET_LINK_MINUTES, requestPasswordReset, resetLinkState, resetWithCode, resetWithLink, type LinkState } from './password-resets.ts';
import { hashPassword } from './passwords.ts';
import { clearSessionCookie } from './sessions.ts';
import { createResetAddressLimiter, createResetLoginLimiter, type SlidingWindowLimiter } from './rate-limit.ts';
import { ForgotPasswordPage, ResetCodePage, ResetLinkPage, ResetLinkSentPage } from './views/password-reset-pages.tsx';

type C = Context<AppEnv>;

/** What randomToken() makes: 24 lower-case base32 characters. Anything else is not worth a lookup. */
const TOKEN = /^[a-z2-7]{24}$/;
const resetIdField = z.guid();

function render(c: C, status: 200 | 400 | 404 | 410 | 429, page: HtmlEscapedString | Promise<HtmlEscapedString>, title: string) {
  c.status(status);
  // Reset pages carry secrets (a token in the URL, a request id in the form): keep them out of every cache.
  c.header('cache-control', 'no-store');
  return c.render(page, { title });
}

/** A link that never was (or is another city's) is not found; one that was and is spent is gone. */
const refusedStatus = (state: Exclude<LinkState, 'open'>) => (state === 'unknown' ? 404 : 410);

const linkProblem = (t: PasswordResetMessages, state: Exclude<LinkState, 'open'>) =>
  state === 'expired' ? t.linkExpired(RESET_LINK_MINUTES) : state === 'used' ? t.linkUsed : t.linkUnknown;

/**
 * "Forgot password" on a city's site: by email a one-time link, by SMS a
 * one-time code. Every answer is the same whether or not an account exists; the
 * requests are limited per login and per client address, and wrong codes count
 * against the address's sign-in limit.
 */
export function passwordResetRoutes(signInAddresses: SlidingWindowLimiter): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const requestsByAddress = createResetAddressLimiter();
  const requestsByLogin = createResetLoginLimiter();

  app.get('/forgot-password', (c) => render(c, 200, <ForgotPasswordPage login="" />, messagesFor(c, passwordResetMessages).forgotTitle));

  app.post('/forgot-password', async (c) => {
    const t = messagesFor(c, passwordResetMessages);
    const values = formValues(await c.req.parseBody(), ['login']);
    const again = (status: 400 | 429, error?: string) => render(c, status, <ForgotPasswordPage login={values.login!} error={error} />, t.forgotTitle);
    const parsed = z.object({ login: loginField }).safeParse(values);
    if (!parsed.success) return again(400, fieldErrors(parsed.error, messagesFor(c, identityMessages)).login);

    const tenantId = c.var.tenant.id;
    const address = clientAddress(c);
    const { login } = parsed.data;
    const key = loginKey(tenantId, login);
    const wait = Math.max(requestsByAddress.retryAfter(address), requestsByLogin.retryAfter(key));
    if (wait) {
      c.header('Retry-After', String(wait));
      return again(429, t.requestThrottled(wait));
    }
    requestsByAddress.hit(address);
    requestsByLogin.hit(key);
    const base = c.var.origin + sitePath(c, '/reset-password/');
    const { resetId } = await c.var.unit.run((tx) =>
      requestPasswordReset(tx, tenantId, { login, locale: c.var.locale, linkFor: (token) => base + token, address }, new Date()),
    );
    if (login.kind === 'email') return render(c, 200, <ResetLinkSentPage email={login.email} />, t.linkSentTitle);
    return render(c, 200, <ResetCodePage resetId={resetId} mobile={login.mobile} errors={{}} />, t.codeTitle);
  });

  app.post('/reset-password/code', async (c) => {
    const t = messagesFor(c, passwordResetMessages);
    const values = formValues(await c.req.parseBody(), ['reset', 'mobile', 'code', 'password', 'password_confirm']);
    const resetId = resetIdField.safeParse(values.reset);
    const mobile = values.mobile!.slice(0, 20);
    const again = (status: 400 | 429, errors: FieldErrors) =>
      render(c, status, <ResetCodePage resetId={values.reset!} mobile={mobile} errors={errors} />, t.codeTitle);
    const code = smsCode.safeParse(values.code);
    const password = newPasswordForm.safeParse(values);
    const errors: FieldErrors = password.success ? {} : fieldErrors(password.error, messagesFor(c, identityMessages));
    if (!code.success) errors.code = t.codeInvalid;
    if (!resetId.success) errors.code = t.codeExpired(CODE_MINUTES);
    if (!code.success || !password.success || !resetId.success) return again(400, errors);

    const address = clientAddress(c);
    const wait = signInAddresses.retryAfter(address);
    if (wait) {
      c.header('Retry-After', String(wait));
      return again(429, { code: t.requestThrottled(wait) });
    }
    const tenantId = c.var.tenant.id;
    // A slow hash holds no transaction.
    await c.var.unit.commit();
    const passwordHash = await hashPassword(password.data.password);
    const { verdict, triesLeft } = await c.var.unit.run((tx) =>
      resetWithCode(tx, tenantId, resetId.data, code.data, { passwordHash, address }, new Date()),
    );
    if (verdict === 'right') return done(c);
    if (verdict === 'wrong') signInAddresses.hit(address);
    return again(400, { code: codeProblem(t, verdict, triesLeft) });
  });

  app.get('/reset-password/:token', async (c) => {
    const t = messagesFor(c, passwordResetMessages);
    const token = c.req.param('token');
    const tenantId = c.var.tenant.id;
    const state = TOKEN.test(token) ? await c.var.unit.run((tx) => resetLinkState(tx, tenantId, token, new Date())) : 'unknown';
    if (state === 'open') return render(c, 200, <ResetLinkPage token={token} errors={{}} />, t.newPasswordTitle);
    return render(c, refusedStatus(state), <ResetLinkPage token={token} errors={{ password: linkProblem(t, state) }} />, t.newPasswordTitle);
  });

  app.post('/reset-password/:token', async (c) => {
    const t = messagesFor(c, passwordResetMessages);
    const token = c.req.param('token');
    const again = (status: 400 | 404 | 410, errors: FieldErrors) => render(c, status, <ResetLinkPage token={token} errors={errors} />, t.newPasswordTitle);
    if (!TOKEN.test(token)) return again(404, { password: t.linkUnknown });
    const password = newPasswordForm.safeParse(formValues(await c.req.parseBody(), ['password', 'password_confirm']));
    if (!password.success) return again(400, fieldErrors(password.error, messagesFor(c, identityMessages)));
    const tenantId = c.var.tenant.id;
    // A slow hash holds no transaction.
    await c.var.unit.commit();
    const passwordHash = await hashPassword(password.data.password);
    const state = await c.var.unit.run((tx) => resetWithLink(tx, tenantId, token, { passwordHash, address: clientAddress(c) }, new Date()));
    return state === 'open' ? done(c) : again(refusedStatus(state), { password: linkProblem(t, state) });
  });

  return app;
}

/** Every session ended, this one too: the person signs in with the new password. */
function done(c: C) {
  clearSessionCookie(c);
  setFlash(c, { kind: 'success', message: messagesFor(c, passwordResetMessages).passwordReset });
  return c.redirect(sitePath(c, '/sign-in'), 303);
}
