import type { Tx } from '../../core/db/database.ts';
import type { z } from 'zod';
import { citySiteUrl, type SiteAddress } from '../../core/platform/site-url.ts';
import { cityWork, contextInTransaction, pluginCity, type CityOf, type CityWork, type PluginContext } from '../../core/plugins/context.ts';
import type { PluginDefinition } from '../../core/plugins/define-plugin.ts';
import type { PluginRegistry } from '../../core/plugins/registry.ts';

/** The platform a test's plugin work runs on: its plugins (for events) and how its cities' addresses are made. */
export type WorkHost = { registry: PluginRegistry; config: SiteAddress };
type City = CityOf & { hosts: readonly string[] };

const hereIn = (city: City, host: WorkHost) => pluginCity(city, citySiteUrl(city, host.config));

/** A plugin's unit of work inside a test's tenant transaction: what its handlers get from `city.work`, in its declared units. */
export function pluginWork(plugin: Pick<PluginDefinition, 'id' | 'ledgerUnits' | 'webhookEvents'>, tx: Tx, city: City, host: WorkHost): CityWork {
  const webhookEvents = new Set(Object.keys(plugin.webhookEvents ?? {}));
  return cityWork(tx, city.id, { pluginId: plugin.id, units: new Set(plugin.ledgerUnits), webhookEvents, citySlug: city.slug, events: host.registry.eventsFor(hereIn(city, host)) });
}

/** A plugin's context in a test's tenant transaction, as its seed and jobs get it: nobody acting, settings parsed with its schema. */
export function pluginContextIn<S extends z.ZodType<Record<string, unknown>>>(
  plugin: PluginDefinition<S>,
  tx: Tx,
  city: City,
  host: WorkHost,
  settings: unknown = {},
): PluginContext<z.output<S>> {
  const here = hereIn(city, host);
  return contextInTransaction(tx, here, plugin.settings.parse(settings), plugin, host.registry.eventsFor(here));
}
