import { createHmac } from 'node:crypto';
import { signingKeyOf } from './secrets.ts';

/**
 * Standard Webhooks signing (standardwebhooks.com): HMAC-SHA256 with the secret's key over
 * `<webhook-id>.<webhook-timestamp>.<body>`, sent as `v1,<base64>`. The id and the time are
 * signed with the body, so a receiver that keeps seen ids and refuses old timestamps cannot be
 * replayed to.
 */
export function signature(secret: string, id: string, timestamp: number, body: string): string {
  return `v1,${createHmac('sha256', signingKeyOf(secret)).update(`${id}.${timestamp}.${body}`).digest('base64')}`;
}

/**
 * The headers of one attempt: the event's id (the same on every retry and replay), the time, and
 * one signature per secret, space-separated as Standard Webhooks allows, so a receiver holding
 * either the new or the replaced secret accepts the event while a rotation overlaps.
 */
export function signedHeaders(secrets: readonly string[], id: string, body: string, now = new Date()): Record<string, string> {
  const timestamp = Math.floor(now.getTime() / 1000);
  return {
    'content-type': 'application/json',
    'webhook-id': id,
    'webhook-timestamp': String(timestamp),
    'webhook-signature': secrets.map((secret) => signature(secret, id, timestamp, body)).join(' '),
  };
}
