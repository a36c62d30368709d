import { and, arrayContains, eq } from 'drizzle-orm';
import { nudgeAfterCommit } from '../db/after-commit.ts';
import type { Tx } from '../db/database.ts';
import { newId } from '../db/ids.ts';
import { DISPATCH_WEBHOOKS } from './job-names.ts';
import { webhookDeliveries, webhookEndpoints, webhookEvents } from './schema.ts';

/** What every event's body carries around its data. */
export type WebhookEnvelope = { id: string; type: string; city: string; time: string; data: Record<string, unknown> };

/**
 * Records an event for every enabled endpoint of the city subscribed to its type, in the
 * caller's transaction: a rollback sends nothing, a commit owes a delivery to each. With no
 * endpoint subscribed nothing is written. `data` must hold no more about a person than the
 * API's masked views do (ids, never names or contacts).
 */
export async function recordWebhookEvent(tx: Tx, city: { id: string; slug: string }, type: string, data: Record<string, unknown>, now = new Date()): Promise<string | null> {
  const tenantId = city.id;
  const endpoints = await tx
    .select({ id: webhookEndpoints.id })
    .from(webhookEndpoints)
    .where(and(eq(webhookEndpoints.tenantId, tenantId), eq(webhookEndpoints.enabled, true), arrayContains(webhookEndpoints.events, [type])));
  if (endpoints.length === 0) return null;
  const id = newId();
  const envelope: WebhookEnvelope = { id, type, city: city.slug, time: now.toISOString(), data };
  await tx.insert(webhookEvents).values({ tenantId, id, type, body: JSON.stringify(envelope), createdAt: now });
  await tx.insert(webhookDeliveries).values(endpoints.map((e) => ({ tenantId, id: newId(), endpointId: e.id, eventId: id, createdAt: now })));
  nudgeAfterCommit(tx, DISPATCH_WEBHOOKS);
  return id;
}
