import { Hono } from 'hono';
import { PAGE_SIZE, pageFromQuery } from '../../views/components/pagination.tsx';
import { messagesFor } from '../../views/context.ts';
import type { PlatformEnv } from '../http/env.ts';
import { notFoundPage } from '../http/error-pages.tsx';
import { cityIdParam } from '../platform/deps.ts';
import { requireOperator } from '../platform/guard.ts';
import { findTenantById } from '../tenancy/service.ts';
import { listCityMessages } from './listing.ts';
import { outboxMessages } from './messages.ts';
import { MessageList } from './views/message-list.tsx';

/** /cities/:id/messages in the console: one city's messages, newest first, kept ones readable where not sensitive. */
export function messageConsoleRoutes(): Hono<PlatformEnv> {
  const app = new Hono<PlatformEnv>();
  app.get('/cities/:id/messages', requireOperator, async (c) => {
    const id = cityIdParam(c.req.param('id'));
    const tenant = id ? await c.var.db.platform((tx) => findTenantById(tx, id)) : null;
    if (!tenant) return notFoundPage(c);
    const t = messagesFor(c, outboxMessages);
    const page = pageFromQuery(c.req.query('page'));
    // In the city's own transaction, like every read of its rows.
    const { rows, total } = await c.var.db.tenant(tenant.id, (tx) => listCityMessages(tx, tenant.id, page, PAGE_SIZE));
    const title = t.consoleTitle(tenant.names[c.var.locale]);
    return c.render(
      <MessageList title={title} intro={t.consoleIntro} rows={rows} total={total} page={page} href={(n) => `/cities/${tenant.id}/messages?page=${n}`} />,
      { title },
    );
  });
  return app;
}
