import type { Tx } from '../../core/db/database.ts';
import type { z } from 'zod';
import { cityWork, contextInTransaction, pluginCity, type CityOf, type CityWork, type PluginContext } from '../../core/plugins/context.ts';
import type { PluginDefinition } from '../../core/plugins/define-plugin.ts';

/** A plugin's unit of work inside a test's tenant transaction: what its handlers get from `city.work`, in its declared units. */
export function pluginWork(plugin: Pick<PluginDefinition, 'ledgerUnits'>, tx: Tx, tenantId: string): CityWork {
  return cityWork(tx, tenantId, new Set(plugin.ledgerUnits));
}

/** A plugin's context in a test's tenant transaction, as its seed and jobs get it: nobody acting, settings parsed with its schema. */
export function pluginContextIn<S extends z.ZodType<Record<string, unknown>>>(plugin: PluginDefinition<S>, tx: Tx, city: CityOf, settings: unknown = {}): PluginContext<z.output<S>> {
  return contextInTransaction(tx, pluginCity(city), plugin.settings.parse(settings), plugin.ledgerUnits);
}
