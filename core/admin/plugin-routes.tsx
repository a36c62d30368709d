import { Hono, type Context } from 'hono';
import { messagesFor, sitePath } from '../../views/context.ts';
import { clientAddress } from '../http/address.ts';
import type { AppEnv } from '../http/env.ts';
import { notFoundPage } from '../http/error-pages.tsx';
import { setFlash } from '../http/flash.ts';
import { requirePermission } from '../identity/guard.ts';
import { setPluginEnablement } from '../plugins/enablement.ts';
import { namesOf } from './actors.ts';
import { adminMessages } from './messages.ts';
import { PluginList, PluginSettings } from './plugin-views.tsx';
import { pluginStatus, pluginStatuses, savePluginSettings } from './plugins-service.ts';
import { settingFields, settingsAsInput, settingsInput } from './settings-schema.ts';
import { sitePlugins } from '../plugins/site-plugins.ts';

/** `user:<id>` of the signed-in admin; the permission guard has made sure there is one. */
const actorOf = (c: Context<AppEnv>) => `user:${c.var.user!.id}`;

/** /admin/plugins: which modules this city runs, and their settings. */
export function pluginAdminRoutes(): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.use(requirePermission('plugins.manage'));

  app.get('/', async (c) => {
    const { tenant } = c.var;
    const { statuses, nameOf } = await c.var.unit.run(async (tx) => {
      const statuses = await pluginStatuses(tx, tenant.id, sitePlugins(c).registry);
      return { statuses, nameOf: await namesOf(tx, tenant.id, statuses.map((s) => s.changedBy)) };
    });
    return c.render(<PluginList statuses={statuses} nameOf={nameOf} />, { title: messagesFor(c, adminMessages).pluginsTitle });
  });

  const toggle = (enabled: boolean) => async (c: Context<AppEnv>) => {
    const plugin = sitePlugins(c).registry.get(c.req.param('id') ?? '');
    if (!plugin) return notFoundPage(c);
    const { tenant } = c.var;
    await c.var.unit.run((tx) =>
      setPluginEnablement(tx, tenant.id, plugin, { enabled, changedBy: actorOf(c), address: clientAddress(c) }),
    );
    const t = messagesFor(c, adminMessages);
    const name = plugin.name[c.var.locale];
    setFlash(c, { kind: 'success', message: enabled ? t.pluginEnabled(name) : t.pluginDisabled(name) });
    return c.redirect(sitePath(c, '/admin/plugins'), 303);
  };
  app.post('/:id/enable', toggle(true));
  app.post('/:id/disable', toggle(false));

  app.get('/:id', async (c) => {
    const plugin = sitePlugins(c).registry.get(c.req.param('id'));
    if (!plugin) return notFoundPage(c);
    const { tenant, locale } = c.var;
    const status = await c.var.unit.run((tx) => pluginStatus(tx, tenant.id, sitePlugins(c).registry, plugin));
    const fields = settingFields(plugin, locale);
    const t = messagesFor(c, adminMessages);
    return c.render(<PluginSettings plugin={plugin} fields={fields} input={settingsAsInput(fields, status.settings)} errors={{}} />, {
      title: t.settingsTitle(plugin.name[locale]),
    });
  });

  app.post('/:id', async (c) => {
    const plugin = sitePlugins(c).registry.get(c.req.param('id'));
    if (!plugin) return notFoundPage(c);
    const { tenant, locale } = c.var;
    const t = messagesFor(c, adminMessages);
    const fields = settingFields(plugin, locale);
    const input = settingsInput(fields, await c.req.parseBody());
    const result = await c.var.unit.run((tx) =>
      savePluginSettings(tx, tenant.id, sitePlugins(c).registry, plugin, {
        fields,
        input,
        messages: t,
        locale,
        changedBy: actorOf(c),
        address: clientAddress(c),
      }),
    );
    const title = t.settingsTitle(plugin.name[locale]);
    if (!result.ok) {
      c.status(400);
      return c.render(<PluginSettings plugin={plugin} fields={fields} input={input} errors={result.errors} />, { title });
    }
    setFlash(c, { kind: 'success', message: t.settingsSaved(plugin.name[locale]) });
    return c.redirect(sitePath(c, `/admin/plugins/${plugin.id}`), 303);
  });

  return app;
}
