import { randomUUID } from 'node:crypto';
import PgBoss from 'pg-boss';
import type { CoreJob } from './define-job.ts';
import { bossDatabase, type BossDatabase } from './boss-database.ts';
import { BOSS_RETENTION, JOB_SCHEMA } from './boss-options.ts';
import { assertCron, dueSlot } from './cron-slot.ts';
import { coreJobHandler, pluginJobHandler, type HandlerDeps, type JobHandler } from './handlers.ts';
import { derivedJobId } from './job-ids.ts';
import type { Enqueue, JobQueue, SendOptions } from './job-queue.ts';

/** The first retry waits 30–60 s, each next one twice as long (pg-boss's backoff, with jitter). */
const RETRY_DELAY_SECONDS = 30;
/** A job still running after this long is taken for dead (its process killed) and retried. */
const EXPIRE_SECONDS = 3600;
const POLL_SECONDS = 2;
/** How often a working process queues the scheduled runs that have come due. */
const TICK_MS = 30_000;
/** How long a stopping process lets its running jobs finish (within main.ts's 10 s). */
const STOP_TIMEOUT_MS = 8000;

export type JobQueueDeps = HandlerDeps & { coreJobs: readonly CoreJob[] };

/** The queue as main.ts and the console use it, beyond what the app and tests see. */
export type RunningJobQueue = JobQueue & {
  /** Queues every scheduled run due at `now` (China time); each run once, whichever processes tick. */
  tick(now?: Date): Promise<void>;
  /** Works jobs in this process: polls every queue and ticks the schedules, until stop(). */
  start(): Promise<void>;
  /** Takes no more jobs, lets the running ones finish (up to 8 s), then returns; the database stays open. */
  stop(): Promise<void>;
  /** A failed job back in the queue for one more try now, unless it is not a failed job or a copy under its key already waits. */
  retry(name: string, id: string): Promise<RetryOutcome>;
};

/**
 * 'copy-waiting': another job with the failed one's singleton key waits to run; under the 'stately'
 * policy a second waiting copy is refused (or would block the queue when both come due), and the
 * waiting one does the same work.
 */
export type RetryOutcome = 'retried' | 'not-failed' | 'copy-waiting';

/**
 * The durable job queue: pg-boss on the platform's database. A job is taken by one
 * process at a time (pg-boss locks it with FOR UPDATE SKIP LOCKED as it marks it
 * active), failed ones are retried with exponential backoff, and those out of tries
 * stay failed for the console to show and retry.
 */
export function createJobQueue(deps: JobQueueDeps): RunningJobQueue {
  const database = bossDatabase(deps.db);
  const boss = new PgBoss({ ...BOSS_RETENTION, db: database, migrate: false, schedule: false, supervise: true });
  boss.on('error', (err) => deps.logger.error({ err }, 'job queue error'));

  const enqueue: Enqueue = async (name, data, { id }) => {
    await boss.send(name, data, { id, singletonKey: id });
  };
  const handlers = new Map<string, JobHandler>();
  const add = (handler: JobHandler) => {
    if (handlers.has(handler.name)) throw new Error(`two jobs are named ${handler.name}`);
    if (handler.cron) assertCron(handler.cron, handler.name);
    handlers.set(handler.name, handler);
  };
  for (const job of deps.coreJobs) add(coreJobHandler(job, deps, enqueue));
  for (const plugin of deps.registry.all()) for (const job of plugin.jobs ?? []) add(pluginJobHandler(plugin, job, deps, enqueue));

  // Each job name is a pg-boss queue, made (or brought up to date) before the first send.
  let ready: Promise<void> | null = null;
  const prepare = () => {
    ready ??= (async () => {
      for (const handler of handlers.values()) {
        // 'stately': while one job with a key waits and one runs, another with that key queues nothing.
        const options = {
          policy: 'stately',
          retryLimit: handler.retryLimit,
          retryDelay: RETRY_DELAY_SECONDS,
          retryBackoff: true,
          expireInSeconds: EXPIRE_SECONDS,
        } as const;
        await retriedOnDeadlock(() => boss.createQueue(handler.name, { name: handler.name, ...options }));
        await boss.updateQueue(handler.name, { name: handler.name, ...options });
      }
    })().catch((err: unknown) => {
      ready = null;
      throw err;
    });
    return ready;
  };

  const handlerFor = (name: string) => {
    const handler = handlers.get(name);
    if (!handler) throw new Error(`no job is named "${name}"`);
    return handler;
  };

  const run = async (handler: JobHandler, job: { id: string; data: unknown }) => {
    const data = (job.data ?? {}) as Record<string, unknown>;
    try {
      await handler.run({ id: job.id, data });
    } catch (err) {
      // The city, never the data: it may name people.
      deps.logger.error({ err, job: handler.name, jobId: job.id, tenantId: data.tenantId }, 'job failed');
      throw err;
    }
  };

  let timer: NodeJS.Timeout | null = null;
  /**
   * The slot this process last queued for each job. The derived id makes a second send of a slot queue
   * nothing, so it is not sent again: a daily job was otherwise sent to the database every 30 s all day.
   */
  const queuedSlots = new Map<string, number>();

  const queue: RunningJobQueue = {
    async send(name: string, data: object = {}, options: SendOptions = {}) {
      handlerFor(name);
      await prepare();
      // Under the 'stately' policy jobs without a key would share the empty key: give each its own.
      await boss.send(name, data, { singletonKey: options.singletonKey ?? randomUUID(), startAfter: options.startAfter });
    },

    async tick(now = new Date()) {
      await prepare();
      for (const handler of handlers.values()) {
        const slot = handler.cron ? dueSlot(handler.cron, now) : null;
        if (!slot || queuedSlots.get(handler.name) === slot.getTime()) continue;
        const id = derivedJobId(handler.name, slot.toISOString());
        await boss.send(handler.name, { scheduledFor: slot.toISOString() }, { id, singletonKey: id });
        queuedSlots.set(handler.name, slot.getTime());
      }
    },

    async drain() {
      await prepare();
      for (let ran = true; ran; ) {
        ran = false;
        for (const handler of handlers.values()) {
          const [job] = await boss.fetch(handler.name);
          if (!job) continue;
          ran = true;
          try {
            await run(handler, job);
            await boss.complete(handler.name, job.id);
          } catch (err) {
            await boss.fail(handler.name, job.id, { message: err instanceof Error ? err.message : String(err) });
          }
        }
      }
    },

    async start() {
      await prepare();
      await boss.start();
      for (const handler of handlers.values()) {
        await boss.work(handler.name, { pollingIntervalSeconds: POLL_SECONDS, batchSize: 1 }, async ([job]) => {
          if (job) await run(handler, job);
        });
      }
      const tick = () => queue.tick().catch((err: unknown) => deps.logger.error({ err }, 'scheduled jobs could not be queued'));
      timer = setInterval(tick, TICK_MS);
      timer.unref();
      await tick();
    },

    async stop() {
      if (timer) clearInterval(timer);
      timer = null;
      await boss.stop({ graceful: true, wait: true, close: false, timeout: STOP_TIMEOUT_MS });
    },

    async retry(name, id) {
      if (!handlers.has(name)) return 'not-failed';
      if (await copyWaiting(database, name, id)) return 'copy-waiting';
      try {
        // pg-boss types retry() as void; it answers how many jobs it put back.
        const result = (await boss.retry(name, id)) as unknown as { affected: number };
        return result.affected === 1 ? 'retried' : 'not-failed';
      } catch (err) {
        // A copy came to wait for its own retry since the look: the key's unique index refuses a second.
        if ((err as { code?: string }).code === UNIQUE_VIOLATION) return 'copy-waiting';
        throw err;
      }
    },
  };
  // A transaction that left a job work nudges it once committed (core/db/after-commit.ts) instead of leaving it to
  // the job's next scheduled run. One waiting job of a name is enough: the singleton key makes further nudges
  // queue nothing while one waits.
  deps.db.nudgeJobs = async (names) => {
    for (const name of names) {
      try {
        await queue.send(name, {}, { singletonKey: name });
      } catch (err) {
        // The job's scheduled run does the work anyway.
        deps.logger.warn({ err, job: name }, 'a job could not be nudged');
      }
    }
  };
  return queue;
}

const UNIQUE_VIOLATION = '23505';

/** Whether failed job `id` has a copy under the same singleton key waiting to run (created, or waiting for a retry). */
async function copyWaiting(database: BossDatabase, name: string, id: string): Promise<boolean> {
  const { rows } = await database.executeSql(
    `select 1 from ${JOB_SCHEMA}.job failed
     join ${JOB_SCHEMA}.job waiting on waiting.name = failed.name and coalesce(waiting.singleton_key, '') = coalesce(failed.singleton_key, '') and waiting.state < 'active'
     where failed.name = $1 and failed.id = $2 and failed.state = 'failed'
     limit 1`,
    [name, id],
  );
  return rows.length > 0;
}

/**
 * Serving processes that start together create the same queues at once; creating one
 * adds a table and attaches it to pg-boss's partitioned job table, and two of those
 * can deadlock. PostgreSQL then aborts one of them, which is safe to run again: a
 * queue that now exists is left as it is.
 */
async function retriedOnDeadlock(work: () => Promise<void>): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (err) {
      const deadlock = (err as { code?: string }).code === '40P01';
      if (!deadlock || attempt === 5) throw err;
      await new Promise((resolve) => setTimeout(resolve, 50 + Math.random() * 200 * attempt));
    }
  }
}
