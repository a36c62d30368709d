import { Hono, type Context } from 'hono';
import { messagesFor } from '../../views/context.ts';
import { clientAddress } from '../http/address.ts';
import type { PlatformEnv } from '../http/env.ts';
import { notFoundPage } from '../http/error-pages.tsx';
import { setFlash } from '../http/flash.ts';
import { hashPassword } from '../identity/passwords.ts';
import { enableForSponsor } from '../plugins/enablement.ts';
import { findTenantById } from '../tenancy/service.ts';
import { createPlatformAccount, EmailTakenError } from './accounts.ts';
import { cityIdParam, type ConsoleDeps } from './deps.ts';
import { fieldErrors, foundationSchema, readForm } from './forms.ts';
import { accountOf, consoleForbiddenPage, requireFoundation, requireOperator } from './guard.ts';
import { consoleMessages } from './messages.ts';
import { sponsorsCity } from './sponsorships.ts';
import { FoundationFormPage, type FoundationValues } from './views/foundation-form-page.tsx';

/** Operators create foundation accounts; foundations enable the modules they sponsor in the cities they sponsor. */
export function foundationRoutes(deps: ConsoleDeps): Hono<PlatformEnv> {
  const app = new Hono<PlatformEnv>();
  const plugins = () => deps.registry.all().map((p) => ({ id: p.id, name: p.name }));

  function form(c: Context<PlatformEnv>, values: FoundationValues, errors: Record<string, string>) {
    if (Object.keys(errors).length) c.status(400);
    return c.render(<FoundationFormPage values={values} errors={errors} plugins={plugins()} />, {
      title: messagesFor(c, consoleMessages).newFoundationTitle,
    });
  }

  app.get('/foundations/new', requireOperator, (c) => form(c, { name: '', email: '', plugins: [] }, {}));

  app.post('/foundations/new', requireOperator, async (c) => {
    const t = messagesFor(c, consoleMessages);
    const values = await readForm(c, ['name', 'email', 'password'], ['plugins']);
    const input = foundationSchema(plugins().map((p) => p.id)).safeParse(values);
    if (!input.success) return form(c, values, fieldErrors(input.error, t));
    const { name, email, password, plugins: sponsoredPlugins } = input.data;
    const passwordHash = await hashPassword(password);
    let id: string;
    try {
      id = await c.var.db.platform((tx) =>
        createPlatformAccount(tx, { kind: 'foundation', name, email, passwordHash, sponsoredPlugins: [...new Set(sponsoredPlugins)] }),
      );
      c.var.log.info({ accountId: id, by: accountOf(c).id }, 'foundation account created');
    } catch (err) {
      if (err instanceof EmailTakenError) return form(c, values, { email: t.emailTaken });
      throw err;
    }
    setFlash(c, { kind: 'success', message: t.foundationCreated(name) });
    // Next the operator names the cities it sponsors.
    return c.redirect(`/foundations/${id}`, 303);
  });

  app.post('/cities/:id/plugins/:pluginId/enable', requireFoundation, async (c) => {
    const account = accountOf(c);
    const pluginId = c.req.param('pluginId');
    if (!account.sponsoredPlugins.includes(pluginId)) return consoleForbiddenPage(c);
    const plugin = deps.registry.get(pluginId);
    const id = cityIdParam(c.req.param('id'));
    const found =
      plugin && id
        ? await c.var.db.platform(async (tx) => {
            const tenant = await findTenantById(tx, id);
            return tenant && { tenant, sponsored: await sponsorsCity(tx, account.id, tenant.id) };
          })
        : null;
    if (!plugin || !found) return notFoundPage(c);
    const { tenant, sponsored } = found;
    if (!sponsored) return consoleForbiddenPage(c);
    const outcome = await c.var.db.tenant(tenant.id, (tx) =>
      enableForSponsor(tx, tenant.id, plugin, { changedBy: `foundation:${account.id}`, address: clientAddress(c) }),
    );
    const t = messagesFor(c, consoleMessages);
    const [pluginName, city] = [plugin.name[c.var.locale], tenant.names[c.var.locale]];
    setFlash(
      c,
      outcome === 'switched-off-by-city'
        ? { kind: 'error', message: t.offByCityFlash(pluginName, city) }
        : { kind: 'success', message: t.enabledFlash(pluginName, city) },
    );
    return c.redirect('/', 303);
  });

  return app;
}
