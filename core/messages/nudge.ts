import { AsyncLocalStorage } from 'node:async_hooks';
import type { MiddlewareHandler } from 'hono';
import type { JobQueue } from '../jobs/job-queue.ts';
import { DELIVER_MESSAGES } from './job-name.ts';

const request = new AsyncLocalStorage<{ queued: boolean }>();

/** Called by queueMessage: the request it runs in has queued a message. */
export function noteMessageQueued(): void {
  const current = request.getStore();
  if (current) current.queued = true;
}

/**
 * After a request that queued a message (its transaction committed by then), delivery is nudged
 * instead of waiting for the next minute's run. One waiting delivery job is enough: the singleton
 * key makes further nudges queue nothing while one waits.
 */
export function nudgeDeliveryAfterRequest(jobs: JobQueue): MiddlewareHandler {
  return async (c, next) => {
    const state = { queued: false };
    await request.run(state, next);
    if (!state.queued) return;
    try {
      await jobs.send(DELIVER_MESSAGES, {}, { singletonKey: DELIVER_MESSAGES });
    } catch (err) {
      // The minute's scheduled run delivers it anyway.
      c.get('log')?.warn({ err }, 'message delivery could not be nudged');
    }
  };
}
