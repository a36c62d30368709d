import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { messagesFor, sitePath } from '../../views/context.ts';
import { clientAddress } from '../http/address.ts';
import type { AppEnv } from '../http/env.ts';
import { setFlash } from '../http/flash.ts';
import { safeRedirectPath } from '../http/safe-redirect.ts';
import { codeProblem } from './code-problems.ts';
import { formValues, smsCode } from './forms.ts';
import { identityMessages } from './messages.ts';
import { mobileRegistrationMessages } from './mobile-registration-messages.ts';
import { completeMobileRegistration, pendingRegistration, resendRegistrationCode, resendWait, startMobileRegistration, type PendingRegistration } from './mobile-registrations.ts';
import { RESEND_COOLDOWN_SECONDS } from './one-time-codes.ts';
import { passwordResetMessages } from './password-reset-messages.ts';
import type { SlidingWindowLimiter } from './rate-limit.ts';
import { RegistrationCodePage, type RegistrationCodePageProps } from './views/registration-code-page.tsx';
import { sitePlugins } from '../plugins/site-plugins.ts';

type C = Context<AppEnv>;
const registrationId = z.guid();

function renderCodePage(c: C, status: 200 | 400 | 429, props: RegistrationCodePageProps) {
  c.status(status);
  c.header('cache-control', 'no-store');
  return c.render(<RegistrationCodePage {...props} />, { title: messagesFor(c, mobileRegistrationMessages).title });
}

/** Step one, from POST /register once the form is valid and within limits: the code is sent, the page asks for it. */
export async function startRegistrationByMobile(c: C, input: PendingRegistration, next: string) {
  const tenantId = c.var.tenant.id;
  const id = await c.var.unit.run((tx) => startMobileRegistration(tx, tenantId, input, c.var.locale, new Date()));
  return renderCodePage(c, 200, { registrationId: id, mobile: input.mobile, next, errors: {}, resendIn: RESEND_COOLDOWN_SECONDS });
}

function registrationGone(c: C) {
  setFlash(c, { kind: 'error', message: messagesFor(c, mobileRegistrationMessages).gone });
  return c.redirect(sitePath(c, '/register'), 303);
}

/**
 * Step two of registering with a mobile number: the code (five wrong tries burn
 * it, and count against the address's sign-in limit), or a new code after a
 * cooldown. Nobody has an account until the right code is entered.
 */
export function mobileRegistrationRoutes(signInAddresses: SlidingWindowLimiter): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  app.post('/register/code', async (c) => {
    const t = messagesFor(c, passwordResetMessages);
    const values = formValues(await c.req.parseBody(), ['registration', 'next', 'code']);
    const next = safeRedirectPath(values.next);
    const id = registrationId.safeParse(values.registration);
    if (!id.success) return registrationGone(c);
    const tenantId = c.var.tenant.id;
    const address = clientAddress(c);
    const code = smsCode.safeParse(values.code);
    const wait = signInAddresses.retryAfter(address);
    const now = new Date();
    const again = (status: 400 | 429, pending: { mobile: string; sentAt: Date }, error: string) =>
      renderCodePage(c, status, { registrationId: id.data, mobile: pending.mobile, next, errors: { code: error }, resendIn: resendWait(pending.sentAt, now) });
    if (!code.success || wait) {
      // A code that cannot be one, or a throttled address, is not tried: the page just says why.
      const pending = await c.var.unit.run((tx) => pendingRegistration(tx, tenantId, id.data));
      if (!pending) return registrationGone(c);
      if (wait) c.header('Retry-After', String(wait));
      return again(wait ? 429 : 400, pending, wait ? t.requestThrottled(wait) : t.codeInvalid);
    }
    const result = await c.var.unit.run((tx) =>
      completeMobileRegistration(tx, tenantId, { id: id.data, code: code.data, address }, sitePlugins(c).events, now),
    );
    if (result.verdict === 'gone') return registrationGone(c);
    if (result.verdict === 'right') {
      const m = messagesFor(c, mobileRegistrationMessages);
      setFlash(c, result.registered ? { kind: 'success', message: messagesFor(c, identityMessages).registrationReceived } : { kind: 'info', message: m.alreadyRegistered });
      return c.redirect(sitePath(c, next === '/' ? '/sign-in' : `/sign-in?next=${encodeURIComponent(next)}`), 303);
    }
    if (result.verdict === 'wrong') signInAddresses.hit(address);
    return again(400, result, codeProblem(t, result.verdict, result.triesLeft));
  });

  app.post('/register/resend', async (c) => {
    const m = messagesFor(c, mobileRegistrationMessages);
    const values = formValues(await c.req.parseBody(), ['registration', 'next']);
    const next = safeRedirectPath(values.next);
    const id = registrationId.safeParse(values.registration);
    if (!id.success) return registrationGone(c);
    const tenantId = c.var.tenant.id;
    const result = await c.var.unit.run((tx) => resendRegistrationCode(tx, tenantId, id.data, c.var.locale, new Date()));
    if (result.kind === 'unknown') return registrationGone(c);
    if (result.kind === 'cooldown') {
      c.header('Retry-After', String(result.wait));
      return renderCodePage(c, 429, { registrationId: id.data, mobile: result.mobile, next, errors: { code: m.resendWait(result.wait) }, resendIn: result.wait });
    }
    return renderCodePage(c, 200, { registrationId: id.data, mobile: result.mobile, next, errors: {}, resendIn: RESEND_COOLDOWN_SECONDS, notice: m.resent });
  });

  return app;
}
