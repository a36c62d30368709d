import { AsyncLocalStorage } from 'node:async_hooks';
import type { MiddlewareHandler } from 'hono';
import type { JobQueue } from './job-queue.ts';

const request = new AsyncLocalStorage<Set<string>>();

/**
 * Called inside a request's transaction that left work for a job (a message in the outbox,
 * a webhook delivery): the job is sent once the request is done, its transaction committed.
 */
export function sendAfterRequest(jobName: string): void {
  request.getStore()?.add(jobName);
}

/**
 * After a request that left work, its jobs are nudged instead of waiting for their next
 * scheduled run. One waiting job of a name is enough: the singleton key makes further
 * nudges queue nothing while one waits.
 */
export function sendJobsAfterRequest(jobs: JobQueue): MiddlewareHandler {
  return async (c, next) => {
    const names = new Set<string>();
    await request.run(names, next);
    for (const name of names) {
      try {
        await jobs.send(name, {}, { singletonKey: name });
      } catch (err) {
        // The job's scheduled run does the work anyway.
        c.get('log')?.warn({ err, job: name }, 'a job could not be nudged');
      }
    }
  };
}
