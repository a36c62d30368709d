import { Hono } from 'hono';
import { PAGE_SIZE, pageFromQuery } from '../../views/components/pagination.tsx';
import { messagesFor, sitePath } from '../../views/context.ts';
import type { AppEnv } from '../http/env.ts';
import { requirePermission } from '../identity/guard.ts';
import { listCityMessages } from './listing.ts';
import { outboxMessages } from './messages.ts';
import { MessageList } from './views/message-list.tsx';

/** /admin/messages: what this city has sent and how it went; never a sensitive body. */
export function messageAdminRoutes(): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.use(requirePermission('messages.read'));
  app.get('/', async (c) => {
    const { tenant } = c.var;
    const t = messagesFor(c, outboxMessages);
    const page = pageFromQuery(c.req.query('page'));
    const { rows, total } = await c.var.unit.run((tx) => listCityMessages(tx, tenant.id, page, PAGE_SIZE));
    return c.render(
      <MessageList title={t.adminTitle} intro={t.adminIntro} rows={rows} total={total} page={page} href={(n) => sitePath(c, `/admin/messages?page=${n}`)} />,
      { title: t.adminTitle },
    );
  });
  return app;
}
