import { Hono } from 'hono';
import { z } from 'zod';
import { messagesFor, sitePath } from '../../views/context.ts';
import { clientAddress } from '../http/address.ts';
import type { AppEnv } from '../http/env.ts';
import { inviteByEmail } from '../identity/invitations.ts';
import { memberInvitationMessages } from './member-invitation-messages.ts';
import { InviteMemberPage, MemberInvitedPage } from './member-invitation-views.tsx';
import { sitePlugins } from '../plugins/site-plugins.ts';

/** /admin/members/invite: a city admin invites someone by email to hold one of the city's roles. */
export function memberInvitationRoutes(): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  app.get('/', (c) => {
    const t = messagesFor(c, memberInvitationMessages);
    return c.render(<InviteMemberPage email="" role="volunteer" roles={sitePlugins(c).registry.roles} errors={{}} />, { title: t.title });
  });

  app.post('/', async (c) => {
    const t = messagesFor(c, memberInvitationMessages);
    const body = await c.req.parseBody();
    const values = { email: typeof body.email === 'string' ? body.email.slice(0, 300) : '', role: typeof body.role === 'string' ? body.role : '' };
    const roles = sitePlugins(c).registry.roles;
    const input = z
      .object({ email: z.string().trim().pipe(z.email(t.emailInvalid).max(254, t.emailInvalid)), role: z.enum(Object.keys(roles), t.roleInvalid) })
      .safeParse(values);
    if (!input.success) {
      const errors: Partial<Record<'email' | 'role', string>> = {};
      for (const issue of input.error.issues) errors[issue.path[0] as 'email' | 'role'] ??= issue.message;
      c.status(400);
      return c.render(<InviteMemberPage email={values.email} role={values.role} roles={roles} errors={errors} />, { title: t.title });
    }
    const { tenant, locale } = c.var;
    const roleNames = roles[input.data.role]!;
    const inviteUrl = await c.var.unit.run((tx) =>
      inviteByEmail(tx, tenant.id, {
        email: input.data.email,
        role: input.data.role,
        roleNames,
        invitedBy: `user:${c.var.user!.id}`,
        address: clientAddress(c),
        siteUrl: c.var.origin + sitePath(c, ''),
      }),
    );
    // The link holds a secret: keep the page out of every cache.
    c.header('cache-control', 'no-store');
    return c.render(<MemberInvitedPage email={input.data.email.toLowerCase()} roleName={roleNames[locale]} inviteUrl={inviteUrl} />, { title: t.sentTitle });
  });

  return app;
}
