import { Hono } from 'hono';
import { PAGE_SIZE, pageFromQuery } from '../../views/components/pagination.tsx';
import { messagesFor } from '../../views/context.ts';
import { listAudit } from '../audit/service.ts';
import type { AppEnv } from '../http/env.ts';
import { requirePermission } from '../identity/guard.ts';
import { namesOf } from './actors.ts';
import { AuditLog } from './audit-view.tsx';
import { adminMessages } from './messages.ts';

/** /admin/audit: the city's audit log, read-only. */
export function auditAdminRoutes(): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.use(requirePermission('audit.read'));
  app.get('/', async (c) => {
    const { tenant } = c.var;
    const page = pageFromQuery(c.req.query('page'));
    const { rows, total, nameOf } = await c.var.unit.run(async (tx) => {
      const { rows, total } = await listAudit(tx, tenant.id, page, PAGE_SIZE);
      return { rows, total, nameOf: await namesOf(tx, tenant.id, rows.flatMap((r) => [r.actor, r.target])) };
    });
    return c.render(<AuditLog rows={rows} total={total} page={page} nameOf={nameOf} />, { title: messagesFor(c, adminMessages).auditTitle });
  });
  return app;
}
