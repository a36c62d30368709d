import { defineJob } from '../jobs/define-job.ts';
import { listTenants } from '../tenancy/service.ts';
import { markQueued, unqueuedDeliveries } from './deliveries.ts';
import { DELIVER_WEBHOOK, DISPATCH_WEBHOOKS } from './job-names.ts';

/** Deliveries put on the queue a city at a time, per run: the rest wait for the next run. */
const BATCH = 1000;

/**
 * Every minute, and after a request that wrote a delivery: one `webhooks.deliver` job per
 * delivery written since, under the delivery's id, so a run repeated after a crash queues
 * none twice. The queue is sent to between the city's transactions, never inside one.
 */
export const dispatchWebhooksJob = defineJob({
  name: DISPATCH_WEBHOOKS,
  cron: '* * * * *',
  retryLimit: 2,
  async run(_data, { db, logger, enqueue }) {
    const cities = (await db.platform((tx) => listTenants(tx))).filter((t) => t.status === 'active');
    for (const city of cities) {
      const ids = await db.tenant(city.id, (tx) => unqueuedDeliveries(tx, city.id, BATCH));
      if (ids.length === 0) continue;
      for (const id of ids) await enqueue(DELIVER_WEBHOOK, { tenantId: city.id, deliveryId: id }, { id });
      await db.tenant(city.id, (tx) => markQueued(tx, city.id, ids));
      logger.info({ city: city.slug, queued: ids.length }, 'webhook deliveries queued');
    }
  },
});
