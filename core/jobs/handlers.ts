import type { Logger } from 'pino';
import type { Config } from '../config.ts';
import type { Database } from '../db/database.ts';
import type { PluginDefinition, PluginJob } from '../plugins/define-plugin.ts';
import type { PluginRegistry } from '../plugins/registry.ts';
import { contextInTransaction, pluginCity } from '../plugins/context.ts';
import { citySiteUrl } from '../platform/site-url.ts';
import { findTenantById, listTenants } from '../tenancy/service.ts';
import type { CoreJob } from './define-job.ts';
import { derivedJobId } from './job-ids.ts';
import type { Enqueue } from './job-queue.ts';

/** One queue: its name, schedule, retry limit, and what runs a job from it. */
export type JobHandler = {
  name: string;
  cron?: string;
  retryLimit: number;
  run(job: { id: string; data: Record<string, unknown> }): Promise<void>;
};

export type HandlerDeps = { db: Database; logger: Logger; config: Config; registry: PluginRegistry };


export const DEFAULT_RETRY_LIMIT = 5;

export function coreJobHandler(job: CoreJob, deps: HandlerDeps, enqueue: Enqueue): JobHandler {
  return {
    name: job.name,
    cron: job.cron,
    retryLimit: job.retryLimit ?? DEFAULT_RETRY_LIMIT,
    run: ({ data }) => job.run(data, { db: deps.db, logger: deps.logger, config: deps.config, enqueue }),
  };
}

/** A plugin job's queue name: `plugin.<plugin id>.<job id>`. */
export function pluginJobName(plugin: PluginDefinition, job: PluginJob): string {
  return `plugin.${plugin.id}.${job.id}`;
}

/**
 * A plugin job on the queue. A scheduled run (no city in its data) queues one job per
 * active city that has the plugin enabled; each city's job runs in that city's tenant
 * transaction, so one city's failure rolls back only its own work, is retried on its
 * own and shows in the console under that city, while the others go on.
 */
export function pluginJobHandler(plugin: PluginDefinition, job: PluginJob, deps: HandlerDeps, enqueue: Enqueue): JobHandler {
  const name = pluginJobName(plugin, job);
  return {
    name,
    cron: job.cron,
    retryLimit: DEFAULT_RETRY_LIMIT,
    async run({ id, data }) {
      const tenantId = typeof data.tenantId === 'string' ? data.tenantId : null;
      if (tenantId) {
        const city = await deps.db.platform((tx) => findTenantById(tx, tenantId));
        if (!city) return;
        await deps.db.tenant(tenantId, async (tx) => {
          // Disabled since the run was queued: nothing to do.
          const settings = (await deps.registry.enabledFor(tx, tenantId)).get(plugin.id);
          if (!settings) return;
          const here = pluginCity(city, citySiteUrl(city, deps.config));
          await job.run(contextInTransaction(tx, here, settings, plugin, deps.registry.eventsFor(here)));
        });
        return;
      }
      const cities = (await deps.db.platform((tx) => listTenants(tx))).filter((city) => city.status === 'active');
      for (const city of cities) {
        const enabled = await deps.db.tenant(city.id, (tx) => deps.registry.enabledFor(tx, city.id));
        // Derived from this run's id: a retried fan-out does not queue a city twice.
        if (enabled.has(plugin.id)) await enqueue(name, { tenantId: city.id }, { id: derivedJobId(id, city.id) });
      }
    },
  };
}
