/** The core job that delivers the outbox (core/messages/deliver-job.ts). */
export const DELIVER_MESSAGES = 'messages.deliver';
