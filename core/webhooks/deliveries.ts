import { and, asc, count, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import { recordAudit } from '../audit/service.ts';
import { nudgeAfterCommit } from '../db/after-commit.ts';
import type { Tx } from '../db/database.ts';
import { newId } from '../db/ids.ts';
import type { EndpointActor } from './endpoints.ts';
import { DISPATCH_WEBHOOKS } from './job-names.ts';
import { webhookAttempts, webhookDeliveries, webhookEndpoints, webhookEvents, type DeliveryState } from './schema.ts';
import type { SendResult } from './send.ts';

export type Delivery = typeof webhookDeliveries.$inferSelect;
export type Attempt = typeof webhookAttempts.$inferSelect;
export type DeliveryLine = Delivery & { type: string; attemptLog: Attempt[] };

/** An endpoint's deliveries, newest first, each with its event's type and every attempt. */
export async function endpointDeliveries(tx: Tx, tenantId: string, endpointId: string, page: number, pageSize: number): Promise<{ rows: DeliveryLine[]; total: number }> {
  const mine = and(eq(webhookDeliveries.tenantId, tenantId), eq(webhookDeliveries.endpointId, endpointId));
  const [total] = await tx.select({ n: count() }).from(webhookDeliveries).where(mine);
  const rows = await tx
    .select({ delivery: webhookDeliveries, type: webhookEvents.type })
    .from(webhookDeliveries)
    .innerJoin(webhookEvents, and(eq(webhookEvents.tenantId, webhookDeliveries.tenantId), eq(webhookEvents.id, webhookDeliveries.eventId)))
    .where(mine)
    .orderBy(desc(webhookDeliveries.createdAt), desc(webhookDeliveries.id))
    .limit(pageSize)
    .offset((page - 1) * pageSize);
  const ids = rows.map((r) => r.delivery.id);
  const attempts = ids.length === 0 ? [] : await tx.select().from(webhookAttempts).where(and(eq(webhookAttempts.tenantId, tenantId), inArray(webhookAttempts.deliveryId, ids))).orderBy(asc(webhookAttempts.number));
  return { rows: rows.map((r) => ({ ...r.delivery, type: r.type, attemptLog: attempts.filter((a) => a.deliveryId === r.delivery.id) })), total: total?.n ?? 0 };
}

export async function findDelivery(tx: Tx, tenantId: string, endpointId: string, id: string): Promise<Delivery | null> {
  const [row] = await tx.select().from(webhookDeliveries).where(and(eq(webhookDeliveries.tenantId, tenantId), eq(webhookDeliveries.endpointId, endpointId), eq(webhookDeliveries.id, id)));
  return row ?? null;
}

/** Sends the delivery's event again, as a new delivery with its own attempts: the same event id and body, signed anew. */
export async function replayDelivery(tx: Tx, tenantId: string, delivery: Delivery, actor: EndpointActor): Promise<string> {
  const id = newId();
  await tx.insert(webhookDeliveries).values({ tenantId, id, endpointId: delivery.endpointId, eventId: delivery.eventId });
  await recordAudit(tx, tenantId, { actor: `user:${actor.userId}`, action: 'webhook_delivery.replayed', target: `webhook_endpoint:${delivery.endpointId}`, address: actor.address, detail: { event: delivery.eventId, delivery: id } });
  nudgeAfterCommit(tx, DISPATCH_WEBHOOKS);
  return id;
}

/** What the delivery job needs: the delivery, its endpoint and its event; null when the endpoint was deleted since. */
export async function deliveryToSend(tx: Tx, tenantId: string, id: string) {
  const [row] = await tx
    .select({ delivery: webhookDeliveries, url: webhookEndpoints.url, enabled: webhookEndpoints.enabled, secretSealed: webhookEndpoints.secretSealed, previousSecretSealed: webhookEndpoints.previousSecretSealed, previousSecretUntil: webhookEndpoints.previousSecretUntil, eventId: webhookEvents.id, body: webhookEvents.body })
    .from(webhookDeliveries)
    .innerJoin(webhookEndpoints, and(eq(webhookEndpoints.tenantId, webhookDeliveries.tenantId), eq(webhookEndpoints.id, webhookDeliveries.endpointId)))
    .innerJoin(webhookEvents, and(eq(webhookEvents.tenantId, webhookDeliveries.tenantId), eq(webhookEvents.id, webhookDeliveries.eventId)))
    .where(and(eq(webhookDeliveries.tenantId, tenantId), eq(webhookDeliveries.id, id)));
  return row ?? null;
}

const setState = (tx: Tx, tenantId: string, id: string, values: Partial<Delivery>) =>
  tx.update(webhookDeliveries).set(values).where(and(eq(webhookDeliveries.tenantId, tenantId), eq(webhookDeliveries.id, id)));

/** A delivery whose endpoint was disabled before it went: not sent (the admin may replay it later). */
export const cancelDelivery = (tx: Tx, tenantId: string, id: string) => setState(tx, tenantId, id, { state: 'cancelled' });

/** Logs one attempt; the delivery is delivered, failed (this was its last try) or still pending. */
export async function recordAttempt(tx: Tx, tenantId: string, id: string, result: SendResult, maxAttempts: number, at = new Date()): Promise<DeliveryState> {
  const [updated] = await tx
    .update(webhookDeliveries)
    .set({ attempts: sql`${webhookDeliveries.attempts} + 1`, lastAttemptAt: at })
    .where(and(eq(webhookDeliveries.tenantId, tenantId), eq(webhookDeliveries.id, id)))
    .returning({ attempts: webhookDeliveries.attempts });
  const number = updated!.attempts;
  await tx.insert(webhookAttempts).values({ tenantId, deliveryId: id, number, at, statusCode: result.statusCode, error: result.error, durationMs: result.durationMs });
  const state: DeliveryState = result.ok ? 'delivered' : number >= maxAttempts ? 'failed' : 'pending';
  if (state !== 'pending') await setState(tx, tenantId, id, { state });
  return state;
}

/** Deliveries written since the last dispatch, oldest first. */
export async function unqueuedDeliveries(tx: Tx, tenantId: string, limit: number): Promise<string[]> {
  const rows = await tx
    .select({ id: webhookDeliveries.id })
    .from(webhookDeliveries)
    .where(and(eq(webhookDeliveries.tenantId, tenantId), isNull(webhookDeliveries.queuedAt)))
    .orderBy(asc(webhookDeliveries.id))
    .limit(limit);
  return rows.map((r) => r.id);
}

export async function markQueued(tx: Tx, tenantId: string, ids: readonly string[], at = new Date()): Promise<void> {
  if (ids.length > 0) await tx.update(webhookDeliveries).set({ queuedAt: at }).where(and(eq(webhookDeliveries.tenantId, tenantId), inArray(webhookDeliveries.id, [...ids])));
}
