import { z } from 'zod';
import { defineJob } from '../jobs/define-job.ts';
import { addressPolicy } from './address-policy.ts';
import { cancelDelivery, deliveryToSend, recordAttempt } from './deliveries.ts';
import { DELIVER_WEBHOOK } from './job-names.ts';
import { signingSecretsAt } from './endpoints.ts';
import { openSigningSecret } from './secrets.ts';
import { postEvent } from './send.ts';
import { signedHeaders } from './signature.ts';

/**
 * Tries after the first: the queue waits 30–60 s before the first retry and twice as long
 * before each next one, so 10 retries span about 8 to 17 hours (core/jobs/queue.ts).
 */
export const WEBHOOK_RETRIES = 10;

const Data = z.object({ tenantId: z.guid(), deliveryId: z.guid() });

/**
 * One attempt of one delivery. The database is read and written in short transactions on
 * either side of the request, never held open while the receiver answers. A failed attempt
 * fails the job, so the queue retries it with backoff; the last one marks the delivery failed.
 */
export const deliverWebhookJob = defineJob({
  name: DELIVER_WEBHOOK,
  retryLimit: WEBHOOK_RETRIES,
  async run(data, { db }) {
    const { tenantId, deliveryId } = Data.parse(data);
    const work = await db.tenant(tenantId, (tx) => deliveryToSend(tx, tenantId, deliveryId));
    if (!work || work.delivery.state !== 'pending') return;
    if (!work.enabled) return void (await db.tenant(tenantId, (tx) => cancelDelivery(tx, tenantId, deliveryId)));
    const headers = signedHeaders(signingSecretsAt(work).map((sealed) => openSigningSecret(sealed)), work.eventId, work.body);
    const result = await postEvent(work.url, headers, work.body, addressPolicy());
    const state = await db.tenant(tenantId, (tx) => recordAttempt(tx, tenantId, deliveryId, result, WEBHOOK_RETRIES + 1));
    // Failing the job has the queue retry it. Out of tries, the delivery is failed in the endpoint's log,
    // which is where the city admin who runs the receiver looks (the console's failed jobs are the operator's).
    // The reason is a status code or an error code: nothing of the event's data.
    if (state === 'pending') throw new Error(`webhook delivery not accepted: ${result.error}`);
  },
});
