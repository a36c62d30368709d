import { Hono } from 'hono';
import { z } from 'zod';
import { PAGE_SIZE, pageFromQuery } from '../../views/components/pagination.tsx';
import { messagesFor, sitePath } from '../../views/context.ts';
import { clientAddress } from '../http/address.ts';
import type { AppEnv } from '../http/env.ts';
import { notFoundPage } from '../http/error-pages.tsx';
import { setFlash } from '../http/flash.ts';
import { requirePermission } from '../identity/guard.ts';
import { isPartialRequest, renderFragment } from '../../views/renderer.tsx';
import { memberInvitationRoutes } from './member-invitation-routes.tsx';
import { MemberList, MemberResults, MemberRoles } from './member-views.tsx';
import { findMember, listMembers, setMemberRoles, type Member } from './members-service.ts';
import { adminMessages } from './messages.ts';
import { sitePlugins } from '../plugins/site-plugins.ts';

// Any 8-4-4-4-12 hex id; anything else cannot be a user and must not reach a uuid column.
const userIdParam = z.guid();
const searchQuery = z.string().trim().max(100).catch('');

/** /admin/members: the city's users and the roles they hold. */
export function memberAdminRoutes(): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.use(requirePermission('members.manage'));

  app.get('/', async (c) => {
    const { tenant } = c.var;
    const q = searchQuery.parse(c.req.query('q') ?? '');
    const page = pageFromQuery(c.req.query('page'));
    const { rows, total } = await c.var.unit.run((tx) => listMembers(tx, tenant.id, { q, page, pageSize: PAGE_SIZE }));
    const results = { rows, total, page, q, roles: sitePlugins(c).registry.roles };
    if (isPartialRequest(c)) return renderFragment(c, <MemberResults {...results} />);
    return c.render(<MemberList {...results} />, {
      title: messagesFor(c, adminMessages).membersTitle,
    });
  });

  app.route('/invite', memberInvitationRoutes());

  app.get('/:userId', async (c) => {
    const userId = userIdParam.safeParse(c.req.param('userId'));
    if (!userId.success) return notFoundPage(c);
    const { tenant } = c.var;
    const member = await c.var.unit.run((tx) => findMember(tx, tenant.id, userId.data));
    if (!member) return notFoundPage(c);
    const t = messagesFor(c, adminMessages);
    return c.render(<MemberRoles member={member} roles={sitePlugins(c).registry.roles} checked={member.roles} />, { title: t.memberTitle(member.name) });
  });

  app.post('/:userId/roles', async (c) => {
    const userId = userIdParam.safeParse(c.req.param('userId'));
    if (!userId.success) return notFoundPage(c);
    const { tenant } = c.var;
    const t = messagesFor(c, adminMessages);
    const known = Object.keys(sitePlugins(c).registry.roles);
    const body = await c.req.parseBody({ all: true });
    const submitted = [body.roles ?? []].flat().filter((r): r is string => typeof r === 'string');
    const refuse = (member: Member, error: string) => {
      c.status(400);
      return c.render(<MemberRoles member={member} roles={sitePlugins(c).registry.roles} checked={submitted} error={error} />, {
        title: t.memberTitle(member.name),
      });
    };
    const roles = z.array(z.enum(known)).safeParse(submitted);
    if (!roles.success) {
      const member = await c.var.unit.run((tx) => findMember(tx, tenant.id, userId.data));
      return member ? refuse(member, t.unknownRole) : notFoundPage(c);
    }
    const result = await c.var.unit.run((tx) =>
      setMemberRoles(tx, tenant.id, userId.data, {
        roles: roles.data,
        manageable: known,
        actorUserId: c.var.user!.id,
        address: clientAddress(c),
      }),
    );
    if (!result.ok) return result.reason === 'own_admin' ? refuse(result.member, t.cannotDropOwnAdmin) : notFoundPage(c);
    const changed = result.granted.length + result.revoked.length > 0;
    setFlash(c, changed ? { kind: 'success', message: t.rolesSaved(result.member.name) } : { kind: 'info', message: t.rolesUnchanged });
    return c.redirect(sitePath(c, `/admin/members/${userId.data}`), 303);
  });

  return app;
}
