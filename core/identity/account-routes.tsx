import { Hono, type Context } from 'hono';
import { recordAudit } from '../audit/service.ts';
import { clientAddress } from '../http/address.ts';
import type { AppEnv } from '../http/env.ts';
import { notFoundPage } from '../http/error-pages.tsx';
import { setFlash } from '../http/flash.ts';
import { messagesFor, sitePath } from '../../views/context.ts';
import { deleteOwnPasskey, listPasskeys, listSessions, passwordHashOf, replacePassword, revokeOwnSession } from './account.ts';
import { changePasswordForm, fieldErrors, formValues, type FieldErrors } from './forms.ts';
import { requireUser } from './guard.ts';
import { identityMessages } from './messages.ts';
import { hashPassword, verifyPassword } from './passwords.ts';
import type { SlidingWindowLimiter } from './rate-limit.ts';
import { clearSessionCookie } from './sessions.ts';
import { AccountPage } from './views/account-page.tsx';

type C = Context<AppEnv>;

async function renderAccount(c: C, status: 200 | 400 | 429, passwordErrors: FieldErrors) {
  const user = c.var.user!; // every route here runs after requireUser
  const tenantId = c.var.tenant.id;
  const { sessions, passkeys } = await c.var.unit.run(async (tx) => ({
    sessions: await listSessions(tx, tenantId, user.id, new Date()),
    passkeys: await listPasskeys(tx, tenantId, user.id),
  }));
  c.status(status);
  return c.render(
    <AccountPage user={user} currentSessionId={c.var.sessionId} sessions={sessions} passkeys={passkeys} passwordErrors={passwordErrors} />,
    { title: messagesFor(c, identityMessages).accountTitle },
  );
}

/** The signed-in user's own account: profile, password, devices and passkeys. */
export function accountRoutes(limiter: SlidingWindowLimiter): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  app.get('/account', requireUser, (c) => renderAccount(c, 200, {}));

  app.post('/account/password', requireUser, async (c) => {
    const t = messagesFor(c, identityMessages);
    const user = c.var.user!;
    const tenantId = c.var.tenant.id;
    const address = clientAddress(c);
    const wait = limiter.retryAfter(address);
    if (wait) {
      c.header('Retry-After', String(wait));
      return renderAccount(c, 429, { current_password: t.addressThrottled(wait) });
    }
    const parsed = changePasswordForm.safeParse(formValues(await c.req.parseBody(), ['current_password', 'new_password', 'new_password_confirm']));
    if (!parsed.success) return renderAccount(c, 400, fieldErrors(parsed.error, t));
    const currentHash = await c.var.unit.run((tx) => passwordHashOf(tx, tenantId, user.id));
    // Two slow hashes follow: they hold no transaction.
    await c.var.unit.commit();
    if (!currentHash || !(await verifyPassword(currentHash, parsed.data.current_password))) {
      // A stolen session must not become a way to guess the password.
      limiter.hit(address);
      return renderAccount(c, 400, { current_password: t.currentPasswordWrong });
    }
    const newHash = await hashPassword(parsed.data.new_password);
    await c.var.unit.run(async (tx) => {
      await replacePassword(tx, tenantId, user.id, newHash, c.var.sessionId!);
      await recordAudit(tx, tenantId, { actor: `user:${user.id}`, action: 'user.password_changed', target: `user:${user.id}`, address });
    });
    setFlash(c, { kind: 'success', message: t.passwordChanged });
    return c.redirect(sitePath(c, '/account'), 303);
  });

  app.post('/account/sessions/:id/revoke', requireUser, async (c) => {
    const t = messagesFor(c, identityMessages);
    const user = c.var.user!;
    const tenantId = c.var.tenant.id;
    const sessionId = c.req.param('id');
    const revoked = await c.var.unit.run(async (tx) => {
      if (!(await revokeOwnSession(tx, tenantId, user.id, sessionId))) return false;
      await recordAudit(tx, tenantId, { actor: `user:${user.id}`, action: 'session.revoked', target: `user:${user.id}`, address: clientAddress(c) });
      return true;
    });
    if (!revoked) return notFoundPage(c);
    if (sessionId === c.var.sessionId) {
      clearSessionCookie(c);
      setFlash(c, { kind: 'info', message: t.signedOut });
      return c.redirect(sitePath(c, '/'), 303);
    }
    setFlash(c, { kind: 'success', message: t.sessionRevoked });
    return c.redirect(sitePath(c, '/account'), 303);
  });

  app.post('/account/passkeys/:id/delete', requireUser, async (c) => {
    const user = c.var.user!;
    const tenantId = c.var.tenant.id;
    const passkeyId = c.req.param('id');
    const deleted = await c.var.unit.run(async (tx) => {
      if (!(await deleteOwnPasskey(tx, tenantId, user.id, passkeyId))) return false;
      await recordAudit(tx, tenantId, { actor: `user:${user.id}`, action: 'passkey.deleted', target: `user:${user.id}`, address: clientAddress(c) });
      return true;
    });
    if (!deleted) return notFoundPage(c);
    setFlash(c, { kind: 'success', message: messagesFor(c, identityMessages).passkeyDeleted });
    return c.redirect(sitePath(c, '/account'), 303);
  });

  return app;
}
