import { sql } from 'drizzle-orm';
import { rowsOf } from '../../core/db/database.ts';
import type { JobDeps } from '../../core/jobs/define-job.ts';
import { createLogger } from '../../core/http/logger.ts';
import type { TestPlatform } from './platform.ts';

export type QueuedJob = { id: string; state: string; retryCount: number; waitSeconds: number | null };

/**
 * The queue's jobs of one name, oldest first. `waitSeconds`: how long after its last
 * start a job waiting to be retried is held back (its backoff), read from the queue.
 */
export async function queuedJobs(p: Pick<TestPlatform, 'db'>, name: string): Promise<QueuedJob[]> {
  const rows = rowsOf<{ id: string; state: string; retry_count: number; wait: string | number | null }>(
    await p.db.platform((tx) =>
      tx.execute(sql`
        select id, state, retry_count,
          case when state = 'retry' then extract(epoch from start_after - started_on) end as wait
        from pgboss.job where name = ${name} order by created_on, id`),
    ),
  );
  return rows.map((r) => ({ id: r.id, state: r.state, retryCount: r.retry_count, waitSeconds: r.wait === null ? null : Number(r.wait) }));
}

/** The backoff of every job waiting for a retry has passed, as if time had moved on (rather than sleeping in a test). */
export async function retriesDueNow(p: Pick<TestPlatform, 'db'>): Promise<void> {
  await p.db.platform((tx) => tx.execute(sql`update pgboss.job set start_after = now() - interval '1 second' where state = 'retry'`));
}

/**
 * A job that ran out of tries, as the console would list it, for a page test that needs
 * one on show (a long error message, a city). The job's queue must exist: drain() first.
 */
export async function addFailedJob(p: Pick<TestPlatform, 'db'>, job: { name: string; tenantId?: string; message: string }): Promise<void> {
  const data = JSON.stringify(job.tenantId ? { tenantId: job.tenantId } : {});
  const output = JSON.stringify({ message: job.message });
  await p.db.platform((tx) =>
    tx.execute(sql`
      insert into pgboss.job (name, data, state, retry_limit, retry_count, started_on, completed_on, output, policy)
      values (${job.name}, ${data}::jsonb, 'failed', 5, 5, now(), now(), ${output}::jsonb, 'stately')`),
  );
}

/** What a core job runs with, for a test that runs one directly; its `enqueue` refuses, for jobs that queue no other job. */
export function jobDepsOf(p: Pick<TestPlatform, 'db' | 'config'>): JobDeps {
  return { db: p.db, logger: createLogger('silent'), config: p.config, enqueue: () => Promise.reject(new Error('this job queues no other job')) };
}
