import { and, eq, sql } from 'drizzle-orm';
import { selectBuiltOnce } from '../db/built-once.ts';
import type { Tx } from '../db/database.ts';
import { pluginEnablements } from '../db/schema/plugins.ts';
import type { LocalizedText } from '../db/schema/tenancy.ts';
import type { Locale } from '../i18n/messages.ts';
import type { NavEntry } from '../http/env.ts';
import { CORE_PERMISSIONS, CORE_ROLES } from '../identity/permissions.ts';
import { createPluginContext, type PluginCity, type PluginUser } from './context.ts';
import type { PluginDefinition } from './define-plugin.ts';
import type { CityEvents } from './events.ts';
import { levelStarsOn } from '../volunteering/stars/listener.ts';
import { webhookOnServiceEvent } from '../webhooks/service-events.ts';

// Built once: a signed-in request reads the city's enabled plugins on every page.
const enabledRows = selectBuiltOnce((tx) =>
  tx
    .select()
    .from(pluginEnablements)
    .where(and(eq(pluginEnablements.tenantId, sql.placeholder('tenantId')), eq(pluginEnablements.enabled, true))),
);

export type EnabledPlugins = ReadonlyMap<string, Record<string, unknown>>;

/** The plugins this installation knows, and what follows from them: grants, roles, events, nav. */
export function createPluginRegistry(plugins: readonly PluginDefinition[]) {
  const byId = new Map<string, PluginDefinition>();
  for (const plugin of plugins) {
    if (byId.has(plugin.id)) throw new Error(`two plugins have the id ${plugin.id}`);
    byId.set(plugin.id, plugin);
  }
  const grants: Record<string, readonly string[]> = { ...CORE_PERMISSIONS };
  const roles: Record<string, LocalizedText> = { ...CORE_ROLES };
  for (const plugin of plugins) {
    Object.assign(grants, plugin.permissions ?? {});
    Object.assign(roles, plugin.roles ?? {});
  }

  /** Settings as stored, parsed with the plugin's schema; a stored value that no longer parses falls back to defaults. */
  function parseSettings(plugin: PluginDefinition, stored: unknown): Record<string, unknown> {
    const parsed = plugin.settings.safeParse(stored ?? {});
    return parsed.success ? parsed.data : plugin.settings.parse({});
  }

  async function enabledFor(tx: Tx, tenantId: string): Promise<EnabledPlugins> {
    const rows = await enabledRows(tx, { tenantId });
    const enabled = new Map<string, Record<string, unknown>>();
    for (const row of rows) {
      const plugin = byId.get(row.pluginId);
      if (plugin) enabled.set(plugin.id, parseSettings(plugin, row.settings));
    }
    return enabled;
  }

  return {
    all: () => [...byId.values()],
    get: (id: string) => byId.get(id),
    grants,
    roles,
    parseSettings,
    enabledFor,

    /**
     * One city's events, for whoever acts: each emit runs the handlers of the plugins
     * the city has enabled in the emitter's transaction. A request passes the enabled
     * plugins it already read; otherwise they are read at the first emit and kept.
     */
    eventsFor(city: PluginCity, actor: { user?: PluginUser | null; permissions?: ReadonlySet<string>; enabled?: EnabledPlugins } = {}): CityEvents {
      let enabled = actor.enabled;
      const events: CityEvents = {
        async emit(tx, event, payload) {
          await levelStarsOn(tx, city.id, event, payload);
          await webhookOnServiceEvent(tx, city, event, payload);
          enabled ??= await enabledFor(tx, city.id);
          for (const [id, settings] of enabled) {
            const plugin = byId.get(id);
            const handler = plugin?.on?.[event];
            if (!plugin || !handler) continue;
            const ctx = createPluginContext({
              city,
              user: actor.user ?? null,
              permissions: actor.permissions ?? new Set(),
              settings: settings as Record<string, unknown>,
              plugin,
              // A handler's own recordings (service it witnessed) reach the city's plugins too.
              events,
              run: (work) => work(tx, city.id),
            });
            await handler(payload, ctx);
          }
        },
      };
      return events;
    },

    /** Menu entries of the enabled plugins that this user may see. */
    navFor(enabled: EnabledPlugins, permissions: ReadonlySet<string>, base: string, locale: Locale): NavEntry[] {
      const entries: NavEntry[] = [];
      for (const id of enabled.keys()) {
        for (const entry of byId.get(id)?.nav ?? []) {
          if (entry.permission && !permissions.has(entry.permission)) continue;
          entries.push({ href: `${base}/p/${id}${entry.path === '/' ? '/' : entry.path}`, label: entry.label[locale], group: entry.group });
        }
      }
      return entries;
    },
  };
}

export type PluginRegistry = ReturnType<typeof createPluginRegistry>;
