import { Hono } from 'hono';
import { messagesFor, sitePath } from '../../../views/context.ts';
import { clientAddress } from '../../http/address.ts';
import type { AppEnv } from '../../http/env.ts';
import { setFlash } from '../../http/flash.ts';
import { requirePermission } from '../../identity/guard.ts';
import { inCity, page, userId } from '../shared/route-kit.ts';
import { findIdentityRequirements, saveIdentityRequirements } from './identity-requirements.ts';
import { volunteerMessages } from './messages.ts';
import { IdentityRequirementsPage } from './views/identity-requirements-page.tsx';

const manage = requirePermission('tenant.manage');

/** /admin/identity-requirements: the city admin says what needs a verified identity. */
export function identityRequirementRoutes(): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  app.get('/admin/identity-requirements', manage, async (c) => {
    const rules = await inCity(c, (tx, tenantId) => findIdentityRequirements(tx, tenantId));
    return page(c, 200, <IdentityRequirementsPage rules={rules} />, messagesFor(c, volunteerMessages).requirementsTitle);
  });

  app.post('/admin/identity-requirements', manage, async (c) => {
    const body = await c.req.parseBody();
    // A checkbox: present means on; anything else in the body is ignored.
    const rules = { certificates: body.certificates !== undefined, insurance: body.insurance !== undefined };
    await c.var.unit.run((tx) => saveIdentityRequirements(tx, c.var.tenant.id, rules, { id: userId(c), address: clientAddress(c) }));
    setFlash(c, { kind: 'success', message: messagesFor(c, volunteerMessages).requirementsSaved });
    return c.redirect(sitePath(c, '/admin/identity-requirements'), 303);
  });

  return app;
}
