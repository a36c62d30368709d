import type { Logger } from 'pino';
import type { Config } from '../config.ts';
import type { Database } from '../db/database.ts';
import type { Enqueue } from './job-queue.ts';

/**
 * What a core job runs with: the database as owner (open tenant transactions for tenant work), the log, the
 * config, and the queue to send further jobs (outside any tenant transaction).
 */
export type JobDeps = { db: Database; logger: Logger; config: Config; enqueue: Enqueue };

export type CoreJob<D = unknown> = {
  /** Dotted, lower-case: 'messages.deliver', 'volunteering.reminders'. */
  name: string;
  /** A 5-field cron, evaluated in China time (Asia/Shanghai); omitted means it runs only when sent. */
  cron?: string;
  /** Tries after the first failure, each after a longer wait (exponential backoff); default 5. */
  retryLimit?: number;
  run(data: D, deps: JobDeps): Promise<void>;
};

const NAME = /^[a-z][a-z0-9-]*(\.[a-z][a-z0-9-]*)+$/;

/** A core job's definition; list it in core-jobs.ts so the queue runs it. */
export function defineJob<D>(job: CoreJob<D>): CoreJob<D> {
  if (!NAME.test(job.name)) throw new Error(`job name "${job.name}" must be dotted lower-case words, like "messages.deliver"`);
  if (job.retryLimit !== undefined && (!Number.isInteger(job.retryLimit) || job.retryLimit < 0)) {
    throw new Error(`job ${job.name}: retryLimit must be a whole number, 0 or more`);
  }
  return job;
}
