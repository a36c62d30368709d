import type { Hono } from 'hono';
import { messagesFor, notFoundPage, requirePermission, setFlash, type PluginEnv } from '../../core/plugin-api.ts';
import { adminMessages } from './admin-messages.ts';
import { createItem, listItems, updateItem } from './catalogue.ts';
import { memberPosition } from './accounts.ts';
import { findExchange, listExchanges, resolveDispute } from './exchanges.ts';
import { itemForm, resolveForm, stockForm } from './forms.ts';
import { messages } from './messages.ts';
import { cityDashboard } from './reports.ts';
import { type C, creditsText, fieldErrors, idFrom, page, readForm, settingsOf, tb, userId, work } from './route-kit.ts';
import { CatalogueAdminPage, DashboardPage, DisputesPage } from './views/admin-pages.tsx';
import { noForm, type FormState } from './views/parts.tsx';

const MANAGE = requirePermission('time-bank.manage');

async function renderCatalogue(c: C, status: 200 | 400, form: FormState, stockErrors: Record<string, FormState> = {}) {
  const items = await work(c, (w) => listItems(w, { activeOnly: false }));
  return page(c, status, <CatalogueAdminPage items={items} form={form} stockForms={stockErrors} />, messagesFor(c, adminMessages).catalogueTitle);
}

async function renderDisputes(c: C, status: 200 | 400, forms: Record<string, FormState>) {
  const rows = await work(c, (w) => listExchanges(w, { statuses: ['disputed'] }, 100));
  return page(c, status, <DisputesPage rows={rows} forms={forms} />, messagesFor(c, adminMessages).disputesTitle);
}

/** A city admin's pages: the dashboard, the catalogue, and disputed exchanges. */
export function adminRoutes(app: Hono<PluginEnv>) {
  app.get('/admin', MANAGE, async (c) => {
    const d = await work(c, (w) => cityDashboard(w));
    return c.render(<DashboardPage d={d} />, { title: messagesFor(c, adminMessages).dashboardTitle });
  });

  app.get('/admin/catalogue', MANAGE, (c) => renderCatalogue(c, 200, noForm));

  app.post('/admin/catalogue', MANAGE, async (c) => {
    const values = await readForm(c, ['kind', 'name', 'description', 'donor', 'price', 'stock']);
    const parsed = itemForm.safeParse(values);
    if (!parsed.success) return renderCatalogue(c, 400, { values, errors: fieldErrors(c, parsed.error) });
    await work(c, async (w) => {
      const id = await createItem(w, parsed.data);
      await w.audit({ actor: `user:${userId(c)}`, action: 'time-bank.item_added', target: `time-bank-item:${id}`, detail: { name: parsed.data.name, stock: parsed.data.stock } });
    });
    setFlash(c, { kind: 'success', message: messagesFor(c, adminMessages).itemAdded });
    return c.redirect(tb(c, '/admin/catalogue'), 303);
  });

  app.post('/admin/catalogue/:id', MANAGE, async (c) => {
    const id = idFrom(c);
    if (!id) return notFoundPage(c);
    const values = await readForm(c, ['stock', 'active']);
    const parsed = stockForm.safeParse(values);
    const a = messagesFor(c, adminMessages);
    if (!parsed.success) return renderCatalogue(c, 400, noForm, { [id]: { values, errors: fieldErrors(c, parsed.error) } });
    const saved = await work(c, (w) => updateItem(w, id, parsed.data));
    if (!saved) return notFoundPage(c);
    setFlash(c, { kind: 'success', message: a.itemSaved });
    return c.redirect(tb(c, '/admin/catalogue'), 303);
  });

  app.get('/admin/disputes', MANAGE, (c) => renderDisputes(c, 200, {}));

  app.post('/admin/exchanges/:id/resolve', MANAGE, async (c) => {
    const id = idFrom(c);
    if (!id) return notFoundPage(c);
    const values = await readForm(c, ['decision', 'note']);
    const parsed = resolveForm.safeParse(values);
    if (!parsed.success) {
      // The errors show beside the exchange's row: another city's exchange has no row here.
      const exchange = await work(c, (w) => findExchange(w, id));
      return exchange ? renderDisputes(c, 400, { [id]: { values, errors: fieldErrors(c, parsed.error) } }) : notFoundPage(c);
    }
    const result = await work(c, (w) => resolveDispute(w, id, userId(c), parsed.data.decision, parsed.data.note));
    if (!result.ok && result.reason === 'not_found') return notFoundPage(c);
    const t = messagesFor(c, messages);
    if (result.ok) setFlash(c, { kind: 'success', message: messagesFor(c, adminMessages).resolved });
    else if (result.reason === 'insufficient') {
      const balance = await work(c, async (w) => memberPosition(w, (await findExchange(w, id))!.requesterId));
      setFlash(c, { kind: 'error', message: t.notEnoughToPay(creditsText(settingsOf(c), balance.balance)) });
    } else setFlash(c, { kind: 'error', message: t.notOpen });
    return c.redirect(tb(c, '/admin/disputes'), 303);
  });
}
