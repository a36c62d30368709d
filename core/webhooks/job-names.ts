/** Queues deliveries written since its last run (core/webhooks/dispatch-job.ts). */
export const DISPATCH_WEBHOOKS = 'webhooks.dispatch';
/** Sends one delivery, retried with backoff by the queue (core/webhooks/deliver-job.ts). */
export const DELIVER_WEBHOOK = 'webhooks.deliver';
