import { and, eq } from 'drizzle-orm';
import type { Tx } from '../db/database.ts';
import { pluginEnablements } from '../db/schema/plugins.ts';
import { recordAudit } from '../audit/service.ts';
import type { PluginDefinition } from './define-plugin.ts';

export type EnablementChange = {
  enabled: boolean;
  /** Raw settings; parsed with the plugin's schema (defaults filled in). Omitted keeps the stored ones. */
  settings?: unknown;
  /** `user:<id>` or `foundation:<id>`. */
  changedBy: string;
  address?: string | null;
};

/**
 * Enables, disables or reconfigures a plugin for a city, and writes the audit entry.
 * Throws the zod error when the settings do not parse (nothing is written then).
 */
export async function setPluginEnablement(tx: Tx, tenantId: string, plugin: PluginDefinition, change: EnablementChange) {
  const [current] = await tx
    .select()
    .from(pluginEnablements)
    .where(and(eq(pluginEnablements.tenantId, tenantId), eq(pluginEnablements.pluginId, plugin.id)));
  // New settings must parse; stored ones that no longer do (an upgraded plugin) fall back to defaults.
  const settings =
    change.settings !== undefined
      ? plugin.settings.parse(change.settings)
      : (plugin.settings.safeParse(current?.settings ?? {}).data ?? plugin.settings.parse({}));
  const values = { enabled: change.enabled, settings, changedBy: change.changedBy, changedAt: new Date() };
  await tx
    .insert(pluginEnablements)
    .values({ tenantId, pluginId: plugin.id, ...values })
    .onConflictDoUpdate({ target: [pluginEnablements.tenantId, pluginEnablements.pluginId], set: values });
  const action =
    change.settings !== undefined && (current?.enabled ?? false) === change.enabled
      ? 'plugin.configured'
      : change.enabled
        ? 'plugin.enabled'
        : 'plugin.disabled';
  await recordAudit(tx, tenantId, { actor: change.changedBy, action, target: plugin.id, address: change.address, detail: { settings } });
  return { enabled: change.enabled, settings };
}

/** A module a city administrator switched off (or set up while off): only a city administrator turns it on again. */
export function switchedOffByCity(row: { enabled: boolean; changedBy: string }): boolean {
  return !row.enabled && row.changedBy.startsWith('user:');
}

export type SponsorEnablement = 'enabled' | 'already-enabled' | 'switched-off-by-city';

/**
 * A sponsoring foundation switches a module on for a city, unless the city's
 * administrators switched it off: their "off" stands until one of them turns it
 * on. The row is locked so an administrator's change cannot slip in between.
 */
export async function enableForSponsor(
  tx: Tx,
  tenantId: string,
  plugin: PluginDefinition,
  change: { changedBy: string; address?: string | null },
): Promise<SponsorEnablement> {
  const [current] = await tx
    .select()
    .from(pluginEnablements)
    .where(and(eq(pluginEnablements.tenantId, tenantId), eq(pluginEnablements.pluginId, plugin.id)))
    .for('update');
  if (current?.enabled) return 'already-enabled';
  if (current && switchedOffByCity(current)) return 'switched-off-by-city';
  await setPluginEnablement(tx, tenantId, plugin, { enabled: true, changedBy: change.changedBy, address: change.address });
  return 'enabled';
}

export async function listEnablements(tx: Tx, tenantId: string) {
  return tx.select().from(pluginEnablements).where(eq(pluginEnablements.tenantId, tenantId));
}
