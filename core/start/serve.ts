import { serve } from '@hono/node-server';
import type { Logger } from 'pino';
import { plugins } from '../../plugins/index.ts';
import { createApp } from '../app.ts';
import type { Config } from '../config.ts';
import type { Database } from '../db/database.ts';

/**
 * Serves the platform on PORT and works the job queue. Resolves once listening, before the queue has
 * started (pg-boss's start and the first scheduled-jobs tick are most of a second of a restart): jobs
 * that requests queue meanwhile wait in the database, and the queue works them once it runs. A queue
 * that cannot start stops the process, as it did when it started first. `stop` stops taking requests
 * and jobs and lets those in flight finish.
 */
export async function serveRequests(db: Database, config: Config, logger: Logger): Promise<{ stop: () => Promise<void>; queueStarted: Promise<void> }> {
  const { app, changes, jobs } = createApp({ db, config, logger, plugins });
  await changes.connect(db, logger);
  const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const s = serve({ fetch: app.fetch, port: config.PORT, hostname: config.HOST }, () => resolve(s));
  });
  const queueStarted = jobs.start();
  queueStarted.catch((err: unknown) => {
    logger.fatal({ err }, 'the job queue could not start');
    process.exit(1);
  });
  const stop = async () => {
    const queueStopped = queueStarted.then(() => jobs.stop(), () => {});
    await Promise.all([new Promise<void>((resolve) => server.close(() => resolve())), queueStopped]);
  };
  return { stop, queueStarted };
}
