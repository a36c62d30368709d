import type { Tx } from '../db/database.ts';
import type { Locale } from '../i18n/messages.ts';
import { listEnablements, setPluginEnablement } from '../plugins/enablement.ts';
import type { PluginDefinition } from '../plugins/define-plugin.ts';
import type { PluginRegistry } from '../plugins/registry.ts';
import type { AdminMessages } from './messages.ts';
import { parseSettings, settingsCandidate, type SettingField, type SettingsInput } from './settings-schema.ts';

export type PluginStatus = {
  plugin: PluginDefinition;
  enabled: boolean;
  /** Stored settings parsed with the plugin's schema (defaults when never saved). */
  settings: Record<string, unknown>;
  changedBy: string | null;
  changedAt: Date | null;
};

/** Every installed plugin with this city's enablement of it, in the registry's order. */
export async function pluginStatuses(tx: Tx, tenantId: string, registry: PluginRegistry): Promise<PluginStatus[]> {
  const rows = new Map((await listEnablements(tx, tenantId)).map((r) => [r.pluginId, r]));
  return registry.all().map((plugin) => {
    const row = rows.get(plugin.id);
    return {
      plugin,
      enabled: row?.enabled ?? false,
      settings: registry.parseSettings(plugin, row?.settings),
      changedBy: row?.changedBy ?? null,
      changedAt: row?.changedAt ?? null,
    };
  });
}

export async function pluginStatus(tx: Tx, tenantId: string, registry: PluginRegistry, plugin: PluginDefinition): Promise<PluginStatus> {
  const status = (await pluginStatuses(tx, tenantId, registry)).find((s) => s.plugin.id === plugin.id);
  return status ?? { plugin, enabled: false, settings: registry.parseSettings(plugin, {}), changedBy: null, changedAt: null };
}

export type SettingsChange = {
  fields: SettingField[];
  input: SettingsInput;
  messages: AdminMessages;
  locale: Locale;
  changedBy: string;
  address: string | null;
};

/**
 * Saves a city's settings of a plugin from the admin form, keeping whether it is
 * enabled. Invalid input saves nothing and returns the problems per field.
 */
export async function savePluginSettings(tx: Tx, tenantId: string, registry: PluginRegistry, plugin: PluginDefinition, change: SettingsChange) {
  const status = await pluginStatus(tx, tenantId, registry, plugin);
  const candidate = settingsCandidate(change.fields, change.input, status.settings);
  const parsed = parseSettings(plugin, candidate, change.messages, change.locale);
  if (!parsed.ok) return parsed;
  await setPluginEnablement(tx, tenantId, plugin, {
    enabled: status.enabled,
    settings: parsed.settings,
    changedBy: change.changedBy,
    address: change.address,
  });
  return parsed;
}
