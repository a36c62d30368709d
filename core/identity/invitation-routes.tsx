import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { messagesFor, sitePath } from '../../views/context.ts';
import { clientAddress } from '../http/address.ts';
import type { AppEnv } from '../http/env.ts';
import { statusPage } from '../http/error-pages.tsx';
import { setFlash } from '../http/flash.ts';
import { checkPasswordGuarded, type SignInGuard } from './guarded-sign-in.ts';
import { invitationMessages } from './invitation-messages.ts';
import { InvitationPage, type InvitationForm } from './invitation-page.tsx';
import { acceptInvitation, findOpenInvitation, invitedUserExists, type Invitation } from './invitations.ts';
import { createSession, setSessionCookie } from './sessions.ts';
import { sitePlugins } from '../plugins/site-plugins.ts';

/** What randomToken() makes: 24 lower-case base32 characters. Anything else is not worth a lookup. */
const TOKEN = /^[a-z2-7]{24}$/;

type Messages = (typeof invitationMessages)['zh-CN'];

function newUserSchema(t: Messages) {
  return z
    .object({
      name: z.string().trim().min(1, t.required).max(100, t.tooLong),
      password: z.string().min(8, t.passwordTooShort).max(200, t.tooLong),
      confirm: z.string(),
    })
    .refine((v) => v.password === v.confirm, { message: t.mismatch, path: ['confirm'] });
}

function existingUserSchema(t: Messages) {
  return z.object({ name: z.string(), password: z.string().min(1, t.required).max(200, t.tooLong) });
}

function invalidLink(c: Context<AppEnv>) {
  const t = messagesFor(c, invitationMessages);
  return statusPage(c, 404, t.invalidTitle, t.invalidBody);
}

/** The open invitation behind the URL's token in this city, and whether its email already has an account here. */
async function lookUp(c: Context<AppEnv>, token: string): Promise<{ invitation: Invitation; existingUser: boolean } | null> {
  if (!TOKEN.test(token)) return null;
  const tenantId = c.var.tenant.id;
  return c.var.unit.run(async (tx) => {
    const invitation = await findOpenInvitation(tx, tenantId, token);
    return invitation ? { invitation, existingUser: await invitedUserExists(tx, tenantId, invitation) } : null;
  });
}

function page(c: Context<AppEnv>, token: string, found: { invitation: Invitation; existingUser: boolean }, form: InvitationForm, status: 400 | 429 = 400) {
  const t = messagesFor(c, invitationMessages);
  const { tenant, locale } = c.var;
  if (Object.keys(form.errors).length) c.status(status);
  // The URL holds a secret: keep the page out of every cache.
  c.header('cache-control', 'no-store');
  return c.render(
    <InvitationPage
      token={token}
      cityName={tenant.names[locale]}
      email={found.invitation.email}
      roleLabel={sitePlugins(c).registry.roles[found.invitation.role]?.[locale] ?? found.invitation.role}
      existingUser={found.existingUser}
      form={form}
    />,
    { title: t.title(tenant.names[locale]) },
  );
}

/**
 * GET/POST /invite/:token on a city's site: an invited person sets a password
 * (or confirms theirs, through the guarded sign-in check) and is signed in.
 */
export function invitationRoutes(guard: SignInGuard): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  app.get('/invite/:token', async (c) => {
    const token = c.req.param('token');
    const found = await lookUp(c, token);
    return found ? page(c, token, found, { name: '', errors: {} }) : invalidLink(c);
  });

  app.post('/invite/:token', async (c) => {
    const t = messagesFor(c, invitationMessages);
    const token = c.req.param('token');
    const found = await lookUp(c, token);
    if (!found) return invalidLink(c);
    const body = await c.req.parseBody();
    const raw = { name: String(body.name ?? ''), password: String(body.password ?? ''), confirm: String(body.confirm ?? '') };
    const input = (found.existingUser ? existingUserSchema(t) : newUserSchema(t)).safeParse(raw);
    if (!input.success) {
      const errors: Record<string, string> = {};
      for (const issue of input.error.issues) errors[String(issue.path[0])] ??= issue.message;
      return page(c, token, found, { name: raw.name, errors });
    }
    const { tenant } = c.var;
    const plugins = sitePlugins(c);
    const address = clientAddress(c);
    let confirmedUserId: string | null = null;
    if (found.existingUser) {
      const login = { kind: 'email' as const, email: found.invitation.email };
      const check = await checkPasswordGuarded(c.var.unit, guard, { login, password: input.data.password, address, method: 'invitation' });
      if (check.outcome === 'address-throttled' || check.outcome === 'login-throttled') {
        c.header('Retry-After', String(check.retryAfter));
        return page(c, token, found, { name: raw.name, errors: { password: t.throttled(check.retryAfter) } }, 429);
      }
      if (check.outcome === 'wrong') return page(c, token, found, { name: raw.name, errors: { password: t.wrongPassword } });
      confirmedUserId = check.user.id;
    }
    const outcome = await c.var.unit.run(async (tx) => {
      const result = await acceptInvitation(tx, tenant.id, { token, name: input.data.name, password: input.data.password, confirmedUserId, address });
      if (result.kind !== 'accepted') return result;
      if (result.created) {
        await plugins.events.emit(tx, 'user.registered', { userId: result.userId, name: result.name, email: result.email, mobile: null });
      }
      const session = await createSession(tx, tenant.id, result.userId, { userAgent: c.req.header('user-agent'), address });
      return { ...result, session };
    });
    if (outcome.kind === 'invalid') return invalidLink(c);
    if (outcome.kind === 'wrong-password') return page(c, token, found, { name: raw.name, errors: { password: t.wrongPassword } });
    setSessionCookie(c, outcome.session.token, outcome.session.session.expiresAt);
    const role = plugins.registry.roles[outcome.role]?.[c.var.locale] ?? outcome.role;
    setFlash(c, { kind: 'success', message: t.accepted(role) });
    return c.redirect(sitePath(c, '/'), 303);
  });

  return app;
}
