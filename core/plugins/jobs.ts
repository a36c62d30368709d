import type { Logger } from 'pino';
import type { Database } from '../db/database.ts';
import { listTenants } from '../tenancy/service.ts';
import type { PluginDefinition, PluginJob } from './define-plugin.ts';
import type { PluginRegistry } from './registry.ts';
import { contextInTransaction, pluginCity } from './context.ts';

const TICK_MS = 60_000;

export type JobScheduler = {
  /** Runs every job whose interval has passed at `now`; resolves when all of them are done. */
  runDue(now?: Date): Promise<void>;
  /** Stops the timer and waits for a round in progress, so the database can be closed after it. */
  stop(): Promise<void>;
};

/**
 * Runs plugin jobs once a minute: each due job for every active city that has its
 * plugin enabled, each city in its own tenant transaction, so one city's failure
 * is logged and neither rolls back nor stops another's.
 */
export function startJobScheduler(deps: { db: Database; registry: PluginRegistry; logger: Logger }): JobScheduler {
  const { db, registry, logger } = deps;
  // Last run per job, in this process's memory: after a restart every job runs at the
  // first tick, and with several app processes each runs the jobs on its own schedule.
  const lastRun = new Map<string, number>();
  let running: Promise<void> | null = null;

  function dueJobs(now: number): { plugin: PluginDefinition; job: PluginJob }[] {
    return registry.all().flatMap((plugin) =>
      (plugin.jobs ?? [])
        .filter((job) => {
          const last = lastRun.get(`${plugin.id}/${job.id}`);
          return last === undefined || now - last >= job.everyMinutes * 60_000;
        })
        .map((job) => ({ plugin, job })),
    );
  }

  async function runOnce(now: number): Promise<void> {
    const due = dueJobs(now);
    if (due.length === 0) return;
    const cities = (await db.platform((tx) => listTenants(tx))).filter((t) => t.status === 'active');
    for (const { plugin, job } of due) {
      lastRun.set(`${plugin.id}/${job.id}`, now);
      for (const city of cities) {
        try {
          await db.tenant(city.id, async (tx) => {
            const settings = (await registry.enabledFor(tx, city.id)).get(plugin.id);
            if (settings) await job.run(contextInTransaction(tx, pluginCity(city), settings, plugin.ledgerUnits));
          });
        } catch (err) {
          logger.error({ err, plugin: plugin.id, job: job.id, city: city.slug }, 'plugin job failed');
        }
      }
    }
  }

  async function runDue(now = new Date()): Promise<void> {
    // A slow round must not overlap the next tick; the next tick then waits for it.
    while (running) await running.catch(() => undefined);
    running = runOnce(now.getTime()).finally(() => {
      running = null;
    });
    return running;
  }

  const timer = setInterval(() => {
    runDue().catch((err: unknown) => logger.error({ err }, 'plugin jobs could not run'));
  }, TICK_MS);
  timer.unref();

  return {
    runDue,
    async stop() {
      clearInterval(timer);
      await running?.catch(() => undefined);
    },
  };
}
